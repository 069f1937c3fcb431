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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.journal.pretouch.PretouchFixture.HEADROOM;
import static org.gridsettle.journal.pretouch.PretouchFixture.append;

/**
 * The pretoucher is driven by hand here ({@code doWork} on the test thread), so what it touched is exact: it must run
 * the headroom ahead of the writer and no further, through the writer's own mapping, leave every byte as it was, and
 * skip a writer that has not appended yet without troubling the others.
 */
class JournalPretoucherTest
{

    @TempDir
    Path tmp;

    /**
     * A full disk under a pretouched cycle file ended the pretouch thread with an InternalError delivered in the
     * runner's idle strategy, which the runner rethrows, and the JVM printed it as uncaught (the performance
     * walkthrough's 8 MiB tmpfs): the writers report that fault themselves, so the thread ends without a word; anything
     * else still reaches the default handler.
     */
    @Test
    void aMappedFileFaultEndsThePretouchThreadQuietlyAndAnythingElseIsReported() throws InterruptedException
    {
        final List<Throwable> reported = new CopyOnWriteArrayList<>();
        final Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> reported.add(e));
        try
        {
            final Thread fault = JournalPretoucher.daemonThread(() ->
            {
                throw new InternalError("a fault occurred in a recent unsafe memory access operation");
            }, "test-pretouch");
            final IllegalStateException bug = new IllegalStateException("not a fault of the file");
            final Thread other = JournalPretoucher.daemonThread(() ->
            {
                throw bug;
            }, "test-pretouch");
            assertThat(fault.isDaemon()).isTrue();
            fault.start();
            other.start();
            fault.join();
            other.join();
            assertThat(reported).containsExactly(bug);
        }
        finally
        {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    @Test
    void touchesTheHeadroomAheadOfTheWriterAndChangesNoByte() throws IOException
    {
        final Path dir = tmp.resolve("journal");
        final UnsafeBuffer record = PretouchFixture.tickRecord();
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
            final long writersMapping = frontier.store().addressForRead(position);
            final long residentBefore = residentKib(writersMapping);
            assertThat(pretoucher.doWork()).isEqualTo((int)expectedPages);
            // through the writer's own mapping: its page table now maps the pages ahead, so it will not fault on them
            assertThat(residentKib(writersMapping) - residentBefore).as("KiB newly mapped in the writer's mapping")
                // the page holding the writer's position may have been mapped by its own appends already: one page less
                .isGreaterThanOrEqualTo(HEADROOM / 1024 - JournalPretoucher.PAGE / 1024);
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
    void asABackstopTouchesOnlyWhereTheWritersOwnThreadFellBehind() throws IOException
    {
        final Path dir = tmp.resolve("journal");
        final UnsafeBuffer record = PretouchFixture.tickRecord();
        try (JournalWriter writer = new JournalWriter(dir, Durability.PAGE_CACHE))
        {
            final AppendFrontier frontier = writer.frontier();
            append(writer, record, 0, 100);
            final long position = frontier.position();
            final JournalPretoucher backstop = new JournalPretoucher("backstop", HEADROOM, true, frontier);

            // the writer's thread has prepared half the headroom ahead, as its idle pretoucher would: nothing to do
            frontier.prepared(position + HEADROOM / 2);
            assertThat(backstop.doWork()).isZero();
            // it fell behind, as at full throughput: the backstop touches the whole headroom
            frontier.prepared(position + HEADROOM / 2 - 1);
            assertThat(backstop.doWork()).isEqualTo(
                (int)(((position + HEADROOM) - (position & -JournalPretoucher.PAGE)) / JournalPretoucher.PAGE));
            backstop.onClose();
        }
    }

    @Test
    void skipsAWriterThatHasNotAppendedAndKeepsTouchingTheOthers() throws IOException
    {
        final Path dir = tmp.resolve("journal");
        final UnsafeBuffer record = PretouchFixture.tickRecord();
        try (JournalWriter writer = new JournalWriter(dir, Durability.PAGE_CACHE))
        {
            final AppendFrontier frontier = writer.frontier();
            append(writer, record, 0, 10);
            // a writer that never appended has published no file and no mapped chunk to touch through
            final AppendFrontier idle = new AppendFrontier();
            final JournalPretoucher pretoucher = new JournalPretoucher("two", HEADROOM, idle, frontier);
            assertThat(pretoucher.doWork()).as("the appending writer's pages are still touched").isPositive();
            assertThat(pretoucher.doWork()).isZero();
            assertThat(pretoucher.failures()).isZero();

            append(writer, record, 10, 20);
            assertThat(writer.dataRecords()).isEqualTo(20);
            pretoucher.onClose();
        }
        try (JournalReader reader = new JournalReader(dir))
        {
            assertThat(reader.verifyToEnd().dataRecords()).isEqualTo(20);
        }
    }

    /** Resident KiB of the mapping that holds an address, from {@code /proc/self/smaps} (Linux, as measured). */
    private static long residentKib(final long address) throws IOException
    {
        boolean inside = false;
        for (final String line : Files.readAllLines(Path.of("/proc/self/smaps")))
        {
            final int dash = line.indexOf('-');
            final int space = line.indexOf(' ');
            if (dash > 0 && space > dash && line.substring(0, dash).matches("[0-9a-f]+"))
            {
                final long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
                final long end = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                inside = address >= start && address < end;
            }
            else if (inside && line.startsWith("Rss:"))
            {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no mapping holds address " + Long.toHexString(address));
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
