package org.gridsettle.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Which files a clean close forces to the device ({@link ClosedJournalSync}), and what a close that cannot force them
 * does. A power failure cannot be staged in a test; what can be checked is that the files the session wrote are the
 * ones forced, and that a failed force is not passed over: the seal is then not handed out as one on the device.
 */
class ClosedJournalSyncTest
{
    @TempDir
    Path tmp;

    private final UnsafeBuffer record = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private final MeterTickCodec tick = new MeterTickCodec();

    @Test
    void theCycleFilesFromTheNewestAtOpenOnAndTheTableStoreAreForcedNothingElse() throws IOException
    {
        final Path dir = Files.createDirectories(tmp.resolve("queue"));
        for (final String name : new String[] {"20261125F.cq4", "20261126F.cq4", "20261127F.cq4.abandoned",
            "metadata.cq4t", "notes.txt", "writer.lock"})
        {
            Files.writeString(dir.resolve(name), "x");
        }

        assertThat(ClosedJournalSync.newestCycle(dir)).isEqualTo(LocalDate.of(2026, 11, 26).toEpochDay());
        assertThat(ClosedJournalSync.filesToForce(dir, ClosedJournalSync.newestCycle(dir)))
            .containsExactly(dir.resolve("20261126F.cq4"), dir.resolve("metadata.cq4t"));
        // a journal the writer created: every cycle file is the session's
        assertThat(ClosedJournalSync.filesToForce(dir, Integer.MIN_VALUE))
            .containsExactly(dir.resolve("20261125F.cq4"), dir.resolve("20261126F.cq4"), dir.resolve("metadata.cq4t"));
        assertThat(ClosedJournalSync.newestCycle(tmp.resolve("none"))).isEqualTo(Integer.MIN_VALUE);
    }

    // the file selection against the names a real writer gives its files (that close calls the force at all is the
    // failure test's below): a selection that missed the cycle file just written would force nothing that matters
    @Test
    void theFilesAJournalJustClosedWouldForceAreItsCycleFileAndTableStore()
    {
        final Path dir = tmp.resolve("input");
        final JournalWriter first = new JournalWriter(dir, Durability.PAGE_CACHE);
        append(first, 1);
        first.close();
        final String today = Journals.cycleFileName((int)LocalDate.now(ZoneOffset.UTC).toEpochDay());
        // the writer's cycle is the UTC day of the wall clock (CycleFloorClock): today's file, or yesterday's if the
        // day turned between the append and this line
        assertThat(ClosedJournalSync.filesToForce(dir, ClosedJournalSync.newestCycle(dir)))
            .anySatisfy((file) -> assertThat(file.getFileName().toString()).isIn(today,
                Journals.cycleFileName((int)LocalDate.now(ZoneOffset.UTC).toEpochDay() - 1)))
            .contains(dir.resolve("metadata.cq4t"));
        assertThat(first.seal()).isNotNull();
        assertThat(first.seal().dataRecords()).isEqualTo(1);
    }

    // a journal the writer created, in a journal directory that did not exist either: the entries naming both are
    // forced, up to the directory that existed; for a queue directory that existed, itself alone
    @Test
    void theDirectoriesAWriterCreatedAreForcedUpToTheOneThatExisted()
    {
        final Path dir = tmp.resolve("journal").resolve("input");
        final Path existing = ClosedJournalSync.existingAtOpen(dir);
        assertThat(existing).isEqualTo(tmp.toAbsolutePath());
        try (JournalWriter writer = new JournalWriter(dir, Durability.PAGE_CACHE))
        {
            append(writer, 1);
        }

        assertThat(ClosedJournalSync.directoriesToForce(dir, existing)).containsExactly(dir.toAbsolutePath(),
            tmp.resolve("journal").toAbsolutePath(), tmp.toAbsolutePath());
        assertThat(ClosedJournalSync.directoriesToForce(dir, ClosedJournalSync.existingAtOpen(dir)))
            .containsExactly(dir.toAbsolutePath());
    }

    @Test
    void aFileThatCannotBeForcedFailsTheCloseNamingTheQueueAndNoSealIsHandedOut() throws IOException
    {
        final Path dir = tmp.resolve("input");
        final JournalWriter writer = new JournalWriter(dir, Durability.PAGE_CACHE);
        append(writer, 1);
        // a directory under a cycle file's name, after today's: opened for writing to force it, it fails as a file
        // the device refuses would
        Files.createDirectory(dir.resolve("29991231F.cq4"));

        final JournalWriteException failed = catchThrowableOfType(writer::close, JournalWriteException.class);

        assertThat(failed).hasMessageContaining(dir.toString());
        assertThat(writer.seal()).as("a seal of records that may not be on the device").isNull();
        // the lock is let go all the same: another writer may open the queue once the directory is removed
        Files.delete(dir.resolve("29991231F.cq4"));
        try (JournalWriter again = new JournalWriter(dir, Durability.PAGE_CACHE))
        {
            assertThat(again.dataRecords()).isEqualTo(1);
        }
    }

    private void append(final JournalWriter writer, final long sequence)
    {
        tick.<MeterTickCodec>wrap(record, 8)
            .encode(sequence, 42, MeterTickCodec.CHANNEL_MAIN, 1_700_000_000L + 900L * sequence, 900, 100, 0, 0);
        writer.append(record, 8, MeterTickCodec.LENGTH);
    }
}
