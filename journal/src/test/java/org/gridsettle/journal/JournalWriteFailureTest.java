package org.gridsettle.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A write the file system cannot take. A test cannot fill a disk without root, but it can make the writer's
 * memory-mapped write fault exactly as a full disk does: a shared mapping of a file cut short under it raises SIGBUS
 * on the first page past the new end, and the JVM reports that as the same {@link InternalError} ("a fault occurred
 * in ... an unsafe memory access operation"). So the faults here are real ones, only their cause is another: the
 * message says the disk is not full.
 */
class JournalWriteFailureTest
{
    private static final int PAGE = 4096;
    private static final int OFFSET = 8;

    @TempDir
    Path tmp;

    private final UnsafeBuffer record = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private final MeterTickCodec tick = new MeterTickCodec();

    private long append(final JournalWriter writer, final long sequence)
    {
        tick.<MeterTickCodec>wrap(record, OFFSET)
            .encode(sequence, 42, MeterTickCodec.CHANNEL_MAIN, 1_700_000_000L + 900L * sequence, 900, 100, 0, 0);
        return writer.append(record, OFFSET, MeterTickCodec.LENGTH);
    }

    /** Cuts the writer's cycle file at the first page boundary after its last record, under its mapping. */
    private static void cutAfterLastRecord(final JournalWriter writer) throws IOException
    {
        final long end = (writer.frontier().position() + PAGE - 1) & -PAGE;
        try (RandomAccessFile file = new RandomAccessFile(writer.frontier().file(), "rw"))
        {
            file.setLength(end);
        }
    }

    @Test
    void aFaultingWriteIsReportedInWordsAndTheWriterWritesNothingMore() throws IOException
    {
        final Path dir = tmp.resolve("input");
        final JournalWriter writer = new JournalWriter(dir, Durability.PAGE_CACHE);
        writer.frontier();
        long sequence = 1;
        for (; sequence <= 100; sequence++)
        {
            append(writer, sequence);
        }
        writer.endOfBatch();
        final long written = writer.dataRecords();
        cutAfterLastRecord(writer);

        JournalWriteException failure = null;
        for (; sequence < 1_000 && failure == null; sequence++)
        {
            try
            {
                append(writer, sequence);
            }
            catch (final JournalWriteException e)
            {
                failure = e;
            }
        }

        assertThat(failure).as("no append faulted within 900 records of a page").isNotNull();
        assertThat(failure.dir()).isEqualTo(dir);
        assertThat(failure.diskFull()).as("the test's disk is not full").isFalse();
        assertThat(failure.getMessage())
            .startsWith("could not write the journal in " + dir + " (")
            .contains(" MiB free, so not a full disk")
            .doesNotContain("InternalError");
        assertThat(JournalWriteException.isMappedFault(failure)).isTrue();
        final JournalWriteException first = failure;
        final long before = writer.dataRecords();
        assertThatThrownBy(() -> append(writer, 5_000)).isSameAs(first);
        assertThat(writer.dataRecords()).isEqualTo(before);
        // no close checkpoint, no sync, and no second fault escaping the close
        writer.close();
        // and no seal to keep: the journal ends where the failure left it, with none
        assertThat(writer.seal()).isNull();
        // and nothing held: the same process opens the journal again (Chronicle's write lock was released)
        final JournalWriter reopened = new JournalWriter(dir, Durability.PAGE_CACHE);
        assertThat(reopened.dataRecords()).isEqualTo(before);
        reopened.abandon();

        try (JournalReader reader = new JournalReader(dir))
        {
            reader.verifyToEnd();
            // the record that faulted straddles the cut: its header is on the page still there, and Chronicle would
            // have completed it over bytes that never landed, leaving a record whose chain cannot verify
            assertThat(reader.dataRecords()).as("exactly the records appended before the failure")
                .isEqualTo(before).isGreaterThan(written);
            assertThat(reader.endsWithCloseCheckpoint()).isFalse();
        }
    }

    @Test
    void aFullDiskIsNamedWithTheSpaceLeft()
    {
        final Path dir = tmp.resolve("output");
        final JournalWriteException e = JournalWriteException.of(dir,
            new IOException("No space left on device"));

        assertThat(e.diskFull()).isTrue();
        assertThat(e.getMessage()).startsWith("no space left on device in " + dir + " (")
            .containsPattern("\\(\\d+ MiB free\\)")
            .contains("free space, then start again to recover");
    }

    @Test
    void onlyTheJvmsReportOfAMappedFaultCountsAsOne()
    {
        assertThat(JournalWriteException.isMappedFault(new IllegalStateException("halted",
            new InternalError("a fault occurred in a recent unsafe memory access operation in compiled Java code"))))
            .isTrue();
        assertThat(JournalWriteException.isMappedFault(new InternalError("something else"))).isFalse();
        assertThat(JournalWriteException.find(new IllegalStateException("x"))).isNull();
        final JournalWriteException e = JournalWriteException.of(tmp, new InternalError("x"));
        assertThat(JournalWriteException.find(new IllegalStateException("halted", e))).isSameAs(e);
        assertThat(catchThrowableOfType(() -> { throw e; }, JournalWriteException.class).usableBytes())
            .isPositive();
    }
}
