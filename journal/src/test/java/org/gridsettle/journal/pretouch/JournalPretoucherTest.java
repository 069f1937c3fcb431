package org.gridsettle.journal.pretouch;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.Durability;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.JournalWriter;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pretoucher is driven by hand here ({@code doWork} on the test thread), so what it touched is exact: it must run
 * the headroom ahead of the writer and no further, leave every byte as it was, and give up on a file it cannot open
 * without troubling the writer.
 */
class JournalPretoucherTest
{
    private static final int HEADROOM = 64 * 1024;

    @TempDir
    Path tmp;

    @Test
    void touchesTheHeadroomAheadOfTheWriterAndChangesNoByte() throws IOException
    {
        final Path dir = tmp.resolve("journal");
        final UnsafeBuffer record = new UnsafeBuffer(ByteBuffer.allocateDirect(MeterTickCodec.LENGTH));
        final JournalPretoucher pretoucher;
        try (JournalWriter writer = new JournalWriter(dir, Durability.PAGE_CACHE))
        {
            final AppendFrontier frontier = writer.frontier();
            pretoucher = new JournalPretoucher("test", HEADROOM, frontier);
            assertThat(pretoucher.doWork()).as("nothing appended yet").isZero();

            append(writer, record, 0, 100);
            final long position = frontier.position();
            assertThat(frontier.file()).isNotNull().exists();
            assertThat(position).isPositive();

            // the pages from the one holding the writer's position up to position + headroom, and no further
            final long expectedPages = ((position + HEADROOM) - (position & -JournalPretoucher.PAGE)) /
                JournalPretoucher.PAGE;
            assertThat(pretoucher.doWork()).isEqualTo((int)expectedPages);
            assertThat(pretoucher.doWork()).as("already far enough ahead").isZero();
            assertThat(pretoucher.pagesTouched()).isEqualTo(expectedPages);
            assertThat(zeroFrom(frontier.file().toPath(), position, HEADROOM)).as("touched pages stay zero").isTrue();

            // the writer appends over touched pages, the pretoucher follows it
            append(writer, record, 100, 2_000);
            assertThat(pretoucher.doWork()).isPositive();
            assertThat(pretoucher.failures()).isZero();
        }
        pretoucher.onClose();

        try (JournalReader reader = new JournalReader(dir))
        {
            // every chain value and SHA-256 checkpoint of the records written over touched pages
            assertThat(reader.verifyToEnd().dataRecords()).isEqualTo(2_000);
        }
    }

    @Test
    void givesUpOnAFileItCannotOpenAndLeavesTheWriterAlone() throws IOException
    {
        final Path dir = tmp.resolve("journal");
        final UnsafeBuffer record = new UnsafeBuffer(ByteBuffer.allocateDirect(MeterTickCodec.LENGTH));
        try (JournalWriter writer = new JournalWriter(dir, Durability.PAGE_CACHE))
        {
            final AppendFrontier frontier = writer.frontier();
            final JournalPretoucher pretoucher = new JournalPretoucher("test", HEADROOM, frontier);
            append(writer, record, 0, 10);
            // a stand-in for the cycle file that the pretoucher cannot open: a directory by another name would do too
            final AppendFrontier missing = new AppendFrontier();
            final JournalPretoucher blind = new JournalPretoucher("blind", HEADROOM, missing, frontier);
            assertThat(blind.doWork()).as("the writer's file is still touched").isPositive();
            assertThat(blind.failures()).isZero();

            Files.delete(frontier.file().toPath());
            final JournalPretoucher late = new JournalPretoucher("late", HEADROOM, frontier);
            assertThat(late.doWork()).isZero();
            assertThat(late.failures()).isEqualTo(1);
            assertThat(late.doWork()).as("given up, not retried").isZero();
            assertThat(late.failures()).isEqualTo(1);

            append(writer, record, 10, 20);
            assertThat(writer.dataRecords()).isEqualTo(20);
            pretoucher.onClose();
            blind.onClose();
            late.onClose();
        }
    }

    private static void append(final JournalWriter writer, final UnsafeBuffer record, final int from, final int to)
    {
        final MeterTickCodec tick = new MeterTickCodec();
        tick.wrap(record, 0);
        for (int i = from; i < to; i++)
        {
            tick.encode(i + 1, 42 + i, MeterTickCodec.CHANNEL_MAIN, 1_700_000_000L + 900L * i, 900, 100 + i, 0, 0);
            writer.append(record, 0, MeterTickCodec.LENGTH);
        }
    }

    private static boolean zeroFrom(final Path file, final long position, final int length) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer bytes = ByteBuffer.allocate(length);
            channel.read(bytes, position);
            bytes.flip();
            while (bytes.hasRemaining())
            {
                if (bytes.get() != 0)
                {
                    return false;
                }
            }
            return true;
        }
    }
}
