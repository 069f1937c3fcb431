package org.gridsettle.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * One writer a journal. Before the lock, a second writer on an open journal resumed the chain from the records it
 * read when it opened, and the two writers' records then broke each other's chain: the journal failed verification
 * for good, though both writers had reported success.
 */
class WriterLockTest
{
    @TempDir
    Path tmp;

    @Test
    void aSecondWriterInTheSameProcessIsRefusedAndTheFirstKeepsAnIntactJournal()
    {
        final Path dir = tmp.resolve("input");
        try (JournalWriter first = new JournalWriter(dir, Durability.PAGE_CACHE))
        {
            append(first, 1);
            assertThatThrownBy(() -> new JournalWriter(dir, Durability.PAGE_CACHE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir + " is being written by another journal writer")
                .hasMessageContaining(WriterLock.FILE);
            append(first, 2);
        }
        // the lock went with the first writer: the next one opens, and the journal is one unbroken chain
        try (JournalWriter next = new JournalWriter(dir, Durability.PAGE_CACHE))
        {
            append(next, 3);
        }
        try (JournalReader reader = new JournalReader(dir))
        {
            assertThat(reader.verifyToEnd().dataRecords()).isEqualTo(3);
        }
    }

    // Readers refuse at once a newest cycle file a killed writer left half-created only when no writer can be
    // creating it right now (CycleFileCheck); otherwise they leave it to Chronicle, which waits for the header
    @Test
    void aReaderTellsWhetherAWriterMayHoldTheJournal() throws IOException
    {
        final Path dir = tmp.resolve("input");
        java.nio.file.Files.createDirectories(dir);
        assertThat(CycleFileCheck.writerMayBeLive(dir)).as("no lock file").isFalse();
        try (ExclusiveFileLock held = WriterLock.acquire(dir))
        {
            assertThat(CycleFileCheck.writerMayBeLive(dir)).as("held in this process").isTrue();
        }
        assertThat(CycleFileCheck.writerMayBeLive(dir)).as("released, the file left behind").isFalse();
    }

    // A reader of a read-only copy (an archive, an auditor without write access) could not open writer.lock for
    // writing to try the lock, so it took every such copy for a journal a writer may hold: it waited about a minute
    // on a newest cycle file left without its header, and trusted a table store that left cycle files out
    @Test
    void aLockFileThatCannotBeWrittenIsStillFoundFree() throws IOException, InterruptedException
    {
        final Path dir = tmp.resolve("input");
        try (ExclusiveFileLock released = WriterLock.acquire(dir))
        {
            assertThat(released).isNotNull();
        }
        final Path lockFile = dir.resolve(WriterLock.FILE);
        Files.setPosixFilePermissions(lockFile, PosixFilePermissions.fromString("r--r--r--"));
        // root may write a file whatever its mode: the immutable attribute keeps even root to reading it
        final boolean immutable = Files.isWritable(lockFile) && chattr("+i", lockFile);
        try
        {
            assumeFalse(Files.isWritable(lockFile), "no way here to make a file read-only to this user");

            assertThat(CycleFileCheck.writerMayBeLive(dir)).isFalse();
        }
        finally
        {
            if (immutable)
            {
                chattr("-i", lockFile);
            }
        }
    }

    static boolean chattr(final String attribute, final Path file) throws IOException, InterruptedException
    {
        try
        {
            final Process chattr = new ProcessBuilder("chattr", attribute, file.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return chattr.waitFor() == 0;
        }
        catch (final IOException e)
        {
            // no chattr on this system
            return false;
        }
    }

    @Test
    void aFileWhereTheQueueDirectoryShouldBeIsNamedAsSuchWithoutAClassName() throws IOException
    {
        // a journal copied badly, its input/ a file: was "cannot create or open the lock file .../input/writer.lock:
        // FileAlreadyExistsException: .../input"
        final Path dir = java.nio.file.Files.writeString(tmp.resolve("input"), "not a queue");

        assertThatThrownBy(() -> new JournalWriter(dir, Durability.PAGE_CACHE))
            .isInstanceOf(java.io.UncheckedIOException.class)
            .hasMessage("cannot create or open the lock file " + dir.resolve(WriterLock.FILE) + ": " + dir +
                " is a file, not a directory")
            .hasCauseInstanceOf(java.nio.file.NotDirectoryException.class);
    }

    @Test
    void aWriterInAnotherProcessIsRefusedUntilThatProcessEnds() throws IOException, InterruptedException
    {
        final Path dir = tmp.resolve("input");
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the surefire JVM's flags (module opens for Chronicle and Agrona), as the parent pom passes them on
        final String flags = System.getProperty("gridsettle.jvm.flags", "").trim();
        if (!flags.isEmpty())
        {
            command.addAll(Arrays.asList(flags.split("\\s+")));
        }
        command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), HoldWriter.class.getName(),
            dir.toString()));
        final Process holder = new ProcessBuilder(command).redirectErrorStream(true).start();
        try
        {
            final BufferedReader out =
                new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo(HoldWriter.READY);
            // the readers' shared try is refused by the other process's exclusive lock as a writer's try is
            assertThat(CycleFileCheck.writerMayBeLive(dir)).as("held by another process").isTrue();
            assertThatThrownBy(() -> new JournalWriter(dir, Durability.PAGE_CACHE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is being written by another journal writer");
        }
        finally
        {
            // killed, not closed: the operating system drops the lock with the process
            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (JournalWriter next = new JournalWriter(dir, Durability.PAGE_CACHE))
        {
            append(next, 2);
        }
        try (JournalReader reader = new JournalReader(dir))
        {
            assertThat(reader.verifyToEnd().dataRecords()).isEqualTo(2);
        }
    }

    private static void append(final JournalWriter writer, final long sequence)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(MeterTickCodec.LENGTH));
        new MeterTickCodec().<MeterTickCodec>wrap(buffer, 0)
            .encode(sequence, 7, MeterTickCodec.CHANNEL_MAIN, 1_700_000_000L + 900 * sequence, 900, 100, 0, 0);
        writer.append(buffer, 0, MeterTickCodec.LENGTH);
    }

    /** A child process that opens a writer, appends one record, says so and waits to be killed. */
    static final class HoldWriter
    {
        static final String READY = "holding";

        public static void main(final String[] args) throws InterruptedException
        {
            final JournalWriter writer = new JournalWriter(Path.of(args[0]), Durability.PAGE_CACHE);
            append(writer, 1);
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
