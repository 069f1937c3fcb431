package org.gridsettle.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JournalReader#readOnly}: what Chronicle's read-only mode cannot read is refused naming the file, and nothing
 * under the queue directory changes, whether the read succeeds or is refused (FORMAT.md sections 1 and 12). A
 * writer's open, by contrast, rewrites {@code metadata.cq4t}, rebuilds a missing or stale one from the directory and
 * sets a half-written one aside.
 */
class ReadOnlyJournalTest
{
    @TempDir
    Path tmp;

    /** Where {@link #writeTwoDays} keeps the table store of the first day, listing that day alone. */
    private static final String FIRST_DAY = "first-day-" + TableStoreRepair.TABLE_STORE;

    private final UnsafeBuffer record = new UnsafeBuffer(ByteBuffer.allocateDirect(AccountRegistrationCodec.LENGTH));

    @Test
    void aJournalWithoutItsTableStoreIsReadWholeAndNoTableStoreIsCreated() throws IOException
    {
        final Path queue = tmp.resolve("q");
        writeSession(queue, 0);
        Files.delete(queue.resolve(TableStoreRepair.TABLE_STORE));
        final Map<String, String> before = files(queue);

        assertThat(readAll(queue)).isEqualTo(3);
        assertThat(files(queue)).isEqualTo(before);
    }

    // 0xC0000000: the first header begun and never completed, as TableStoreRepairTest writes it; 0: never begun (the
    // file created and sized, the process killed before its header). A writer's open sets the first aside and
    // initialises the second; read-only, Chronicle waited 10 s for either, then failed with "Unable to claim
    // exclusive shared lock on file .../metadata.cq4t", which settle verify reported as a damaged cycle file
    @ParameterizedTest
    @ValueSource(ints = {0xC0000000, 0})
    void aTableStoreLeftWithoutItsHeaderIsRefusedNamingItAndLeftAsItIs(final int header) throws IOException
    {
        final Path queue = tmp.resolve("q");
        writeSession(queue, 0);
        final Path tableStore = queue.resolve(TableStoreRepair.TABLE_STORE);
        final byte[] bytes = new byte[(int)Files.size(tableStore)];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0, header);
        Files.write(tableStore, bytes);
        final Map<String, String> before = files(queue);

        assertThatThrownBy(() -> JournalReader.readOnly(queue))
            .isInstanceOf(JournalCorruptException.class)
            .hasMessage(tableStore + ": Chronicle's table store was left without its header by a process killed as " +
                "it created the file, and Chronicle cannot open the queue read-only with it; it is no part of the " +
                "journal, and a reader leaves it as it is: move it out of " + queue + " (the cycle files are then " +
                "read without it) and run again, or start an engine or settle ingest on the journal, which sets it " +
                "aside as metadata.cq4t.incomplete");
        assertThat(files(queue)).isEqualTo(before);

        // what the message says to do
        Files.move(tableStore, tmp.resolve(TableStoreRepair.TABLE_STORE));
        assertThat(readAll(queue)).isEqualTo(3);
    }

    // An archive kept as FORMAT.md section 12 allows, each closed cycle file copied into a copy that holds the earlier
    // ones, but without the table store of the day: read-only, Chronicle takes the cycles from the table store alone,
    // so the reader stopped at the end of the first day and reported the later day's file as removed
    @Test
    void aTableStoreOlderThanTheCycleFilesIsRefusedNamingTheFilesItLeavesOut() throws IOException
    {
        final Path queue = tmp.resolve("q");
        final String[] days = writeTwoDays(queue);
        final Path archive = tmp.resolve("archive");
        Files.createDirectories(archive);
        Files.copy(tmp.resolve(FIRST_DAY), archive.resolve(TableStoreRepair.TABLE_STORE));
        for (final String day : days)
        {
            Files.copy(queue.resolve(day), archive.resolve(day));
        }
        final Map<String, String> before = files(archive);

        assertThatThrownBy(() -> JournalReader.readOnly(archive))
            .isInstanceOf(JournalCorruptException.class)
            .hasMessage(archive.resolve(TableStoreRepair.TABLE_STORE) + ": Chronicle's table store lists the cycle " +
                "files from " + days[0] + " to " + days[0] + ", but the directory holds cycle files from " + days[0] +
                " to " + days[1] + ": it is older than the cycle files (copied before them), and a reader, which " +
                "leaves it as it is, would not see the files it leaves out; it is no part of the journal: copy the " +
                "journal's current one beside the cycle files, or move it out of the directory (the cycle files are " +
                "then read without it), and run again");
        assertThat(files(archive)).isEqualTo(before);

        // either remedy the message names
        Files.copy(queue.resolve(TableStoreRepair.TABLE_STORE), archive.resolve(TableStoreRepair.TABLE_STORE),
            StandardCopyOption.REPLACE_EXISTING);
        assertThat(readAll(archive)).isEqualTo(6);
        Files.delete(archive.resolve(TableStoreRepair.TABLE_STORE));
        assertThat(readAll(archive)).isEqualTo(6);
    }

    @Test
    void aReaderFollowsWhatALiveWriterAppendsAfterItOpened() throws IOException
    {
        final Path queue = tmp.resolve("q");
        writeSession(queue, 0);
        final Map<String, String> cycleFiles;
        try (JournalWriter writer = new JournalWriter(queue, Durability.PAGE_CACHE);
            JournalReader reader = JournalReader.readOnly(queue))
        {
            assertThat(reader.verifyToEnd().dataRecords()).isEqualTo(3);
            append(writer, 4);
            append(writer, 5);
            assertThat(reader.verifyToEnd().dataRecords()).isEqualTo(5);
            assertThat(reader.lastSequence()).isEqualTo(5);
            cycleFiles = files(queue);
        }
        assertThat(cycleFiles).as("the writer holds its lock").containsKey(WriterLock.FILE);
    }

    // while a writer may be live, the newest cycle file may be one it is creating this instant, which it adds to the
    // table store a moment later: only a table store no writer holds is taken to be out of date
    @Test
    void aTableStoreBehindTheCycleFilesIsLeftToAWriterThatHoldsTheQueue() throws IOException
    {
        final Path queue = tmp.resolve("q");
        final String[] days = writeTwoDays(queue);
        Files.copy(tmp.resolve(FIRST_DAY), queue.resolve(TableStoreRepair.TABLE_STORE),
            StandardCopyOption.REPLACE_EXISTING);
        try (ExclusiveFileLock held = WriterLock.acquire(queue);
            JournalReader reader = JournalReader.readOnly(queue))
        {
            assertThat(reader.verifyToEnd().dataRecords()).isEqualTo(3);
            assertThat(reader.cycleFileName()).isEqualTo(days[0]);
        }
    }

    /**
     * Two sessions on two days: the first session's cycle file is renamed to two days before the second's, and the
     * table store it left (listing that day alone) is kept at {@code tmp/first-day-metadata.cq4t}.
     *
     * @return the two cycle files' names, oldest first.
     */
    private String[] writeTwoDays(final Path queue) throws IOException
    {
        writeSession(queue, 0);
        final Path written = cycleFiles(queue).get(0);
        final String earlier = LocalDate.parse(written.getFileName().toString().substring(0, 8),
            DateTimeFormatter.BASIC_ISO_DATE).minusDays(2).format(DateTimeFormatter.BASIC_ISO_DATE) + "F.cq4";
        Files.move(written, queue.resolve(earlier));
        // Chronicle's table store remembers the cycles it saw; a writer's open rebuilds it from the directory
        Files.delete(queue.resolve(TableStoreRepair.TABLE_STORE));
        new JournalReader(queue).close();
        Files.copy(queue.resolve(TableStoreRepair.TABLE_STORE), tmp.resolve(FIRST_DAY));
        // the second session's writer closes the first day's file with Chronicle's end-of-cycle marker
        writeSession(queue, 1);
        final List<Path> files = cycleFiles(queue);
        assertThat(files).hasSize(2);
        return files.stream().map(p -> p.getFileName().toString()).toArray(String[]::new);
    }

    private void writeSession(final Path queue, final int session)
    {
        try (JournalWriter writer = new JournalWriter(queue, Durability.PAGE_CACHE))
        {
            for (int i = 1; i <= 3; i++)
            {
                append(writer, session * 3L + i);
            }
        }
    }

    private void append(final JournalWriter writer, final long sequence)
    {
        new AccountRegistrationCodec().<AccountRegistrationCodec>wrap(record, 0).encode(sequence, 1000 + sequence);
        writer.append(record, 0, AccountRegistrationCodec.LENGTH);
    }

    /** @return the data records read, each in sequence, the journal checked as far as it goes. */
    private static long readAll(final Path queue)
    {
        try (JournalReader reader = JournalReader.readOnly(queue))
        {
            final long records = reader.verifyToEnd().dataRecords();
            assertThat(reader.lastSequence()).isEqualTo(records);
            assertThat(reader.removedCycleFilesProblem()).isNull();
            return records;
        }
    }

    private static List<Path> cycleFiles(final Path queue) throws IOException
    {
        try (Stream<Path> files = Files.list(queue))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
        }
    }

    /** @return every file in the queue directory by name: its bytes (as a hash), size and modification time. */
    private static Map<String, String> files(final Path queue) throws IOException
    {
        final Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(queue))
        {
            for (final Path f : list.toList())
            {
                files.put(f.getFileName().toString(), Arrays.hashCode(Files.readAllBytes(f)) + ", " + Files.size(f) +
                    " bytes, modified " + Files.getLastModifiedTime(f));
            }
        }
        files.put(".", "modified " + Files.getLastModifiedTime(queue));
        return files;
    }
}
