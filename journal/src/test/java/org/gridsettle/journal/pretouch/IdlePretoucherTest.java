package org.gridsettle.journal.pretouch;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.Durability;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.JournalWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.journal.pretouch.PretouchFixture.HEADROOM;
import static org.gridsettle.journal.pretouch.PretouchFixture.append;

/**
 * The idle pretoucher writes zeros into the writer's own file, so what it may write is the whole question: only whole
 * pages after the one holding the writer's frontier, up to the headroom, a few pages per call, inside the file's
 * length, and never a changed byte. Driven by hand on the writer's thread, as the engine's wait strategy drives it.
 */
class IdlePretoucherTest
{
    private static final int PAGE = JournalPretoucher.PAGE;

    @TempDir
    Path tmp;

    @Test
    void writesTheWholePagesAfterTheFrontiersPageUpToTheHeadroomAndChangesNoByte() throws IOException
    {
        final Path dir = tmp.resolve("journal");
        final UnsafeBuffer record = PretouchFixture.tickRecord();
        final IdlePretoucher pretoucher;
        try (JournalWriter writer = new JournalWriter(dir, Durability.PAGE_CACHE))
        {
            final AppendFrontier frontier = writer.frontier();
            pretoucher = new IdlePretoucher(HEADROOM, frontier);
            assertThat(pretoucher.doWork()).as("nothing appended yet").isZero();

            // 100 ticks end inside a page, so the frontier's page is partly written and must be left alone
            append(writer, record, 0, 100);
            final long position = frontier.position();
            assertThat(position % PAGE).isNotZero();
            final Path file = frontier.file().toPath();
            final long size = Files.size(file);
            final byte[] before = read(file, 0, (int)(position + HEADROOM + PAGE));

            // from the page after the frontier's to the last whole page within position + headroom
            final long expectedPages = (((position + HEADROOM) & -PAGE) - ((position + PAGE - 1) & -PAGE)) / PAGE;
            long pages = 0;
            int calls = 0;
            int work;
            while ((work = pretoucher.doWork()) > 0)
            {
                assertThat(work).as("pages per call").isLessThanOrEqualTo(IdlePretoucher.PAGES_PER_CALL);
                pages += work;
                calls++;
            }
            assertThat(pages).isEqualTo(expectedPages).isEqualTo(pretoucher.pagesTouched());
            assertThat(calls).isGreaterThan(1);
            // published for a backstop pretoucher thread: as far as the last whole page within the headroom
            assertThat(frontier.prepared()).isEqualTo((position + HEADROOM) & -PAGE);
            assertThat(pretoucher.doWork()).as("already far enough ahead").isZero();
            assertThat(read(file, 0, before.length)).as("every byte as it was").isEqualTo(before);
            assertThat(Files.size(file)).as("the file is not extended").isEqualTo(size);

            // the writer appends over written pages, and the pretoucher follows it
            append(writer, record, 100, 2_000);
            assertThat(pretoucher.doWork()).isPositive();
            assertThat(pretoucher.failures()).isZero();
        }
        pretoucher.close();

        try (JournalReader reader = new JournalReader(dir))
        {
            // every chain value and SHA-256 checkpoint of the records written over pretouched pages
            assertThat(reader.verifyToEnd().dataRecords()).isEqualTo(2_000);
        }
    }

    @Test
    void takesTheWritersInTurn()
    {
        final UnsafeBuffer record = PretouchFixture.tickRecord();
        try (JournalWriter first = new JournalWriter(tmp.resolve("first"), Durability.PAGE_CACHE);
            JournalWriter second = new JournalWriter(tmp.resolve("second"), Durability.PAGE_CACHE))
        {
            final IdlePretoucher pretoucher = new IdlePretoucher(HEADROOM, first.frontier(), second.frontier());
            append(first, record, 0, 10);
            append(second, record, 0, 10);
            pretoucher.doWork();
            pretoucher.doWork();
            // one call each: neither writer waits for the other's whole headroom
            assertThat(pretoucher.pagesTouched()).isEqualTo(2L * IdlePretoucher.PAGES_PER_CALL);
            while (pretoucher.doWork() > 0)
            {
                // the rest of both headrooms
            }
            // whole pages from the one after the frontier's to the last within frontier + headroom: one fewer than the
            // headroom holds, unless a frontier happens to fall on a page boundary
            final long perWriter = HEADROOM / PAGE - 1;
            assertThat(pretoucher.pagesTouched()).isBetween(2 * perWriter - 1, 2 * perWriter + 1);
            pretoucher.close();
        }
    }

    @Test
    void givesUpOnAFileItCannotWriteAndLeavesTheWriterAlone() throws IOException
    {
        final Path dir = tmp.resolve("journal");
        final UnsafeBuffer record = PretouchFixture.tickRecord();
        try (JournalWriter writer = new JournalWriter(dir, Durability.PAGE_CACHE))
        {
            final AppendFrontier frontier = writer.frontier();
            append(writer, record, 0, 10);
            Files.delete(frontier.file().toPath());
            final IdlePretoucher late = new IdlePretoucher(HEADROOM, frontier);
            assertThat(late.doWork()).isZero();
            assertThat(late.failures()).isEqualTo(1);
            assertThat(late.doWork()).as("given up, not retried").isZero();
            assertThat(late.failures()).isEqualTo(1);

            append(writer, record, 10, 20);
            assertThat(writer.dataRecords()).isEqualTo(20);
            late.close();
        }
    }

    private static byte[] read(final Path file, final long position, final int length) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer bytes = ByteBuffer.allocate(length);
            while (bytes.hasRemaining() && channel.read(bytes, position + bytes.position()) > 0)
            {
                // read until full or end of file
            }
            return bytes.array();
        }
    }
}
