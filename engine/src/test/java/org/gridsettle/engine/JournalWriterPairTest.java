package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.pipeline.JournalWriterPair;
import org.gridsettle.journal.Durability;
import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.JournalWriter;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.Sealing;
import org.gridsettle.journal.codec.RecordType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two journals' writers open (and verify) in parallel; a refused open must report the same journal first as a
 * one-at-a-time open would, and must leave the journal that was good exactly as it was: no close checkpoint added.
 */
class JournalWriterPairTest
{
    @TempDir
    Path dir;

    @BeforeEach
    void writeJournal()
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).snapshots(false).build().start();
        EngineFixture.setUp(engine, 2);
        EngineFixture.submitDay(engine, 2, 8);
        engine.close();
        // each journal then gets one more record and no close checkpoint, as if the engine had been killed: a writer
        // closed after a refused open would add a close checkpoint, which the file's bytes would show
        appendOneMoreWithoutClosing(Journals.input(dir));
        appendOneMoreWithoutClosing(Journals.output(dir));
    }

    private static void appendOneMoreWithoutClosing(final Path queue)
    {
        final UnsafeBuffer last = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16));
        final int[] length = new int[1];
        try (JournalReader reader = new JournalReader(queue))
        {
            while (reader.next((buffer, offset, l, position) ->
            {
                buffer.getBytes(offset, last, 0, l);
                length[0] = l;
            }))
            {
                // keep the last data record
            }
        }
        final JournalWriter writer =
            new JournalWriter(queue, Durability.PAGE_CACHE, JournalWriter.DEFAULT_CHECKPOINT_INTERVAL, Sealing.INLINE);
        writer.append(last, 0, length[0]);
        writer.abandon();
    }

    private static byte[] whole(final Path queue) throws IOException
    {
        final Path file = JournalFiles.cycleFile(queue);
        return JournalFiles.bytes(file, 0, Files.size(file));
    }

    private void flipInput() throws IOException
    {
        JournalFiles.flipValue(Journals.input(dir), RecordType.METER_TICK, JournalFiles.SEQUENCE, 6L);
    }

    private void flipOutput() throws IOException
    {
        JournalFiles.flipValue(Journals.output(dir), RecordType.TRANSFER, JournalFiles.CAUSE, 6L);
    }

    private void open()
    {
        JournalWriterPair.open(dir, Durability.PAGE_CACHE, Sealing.INLINE);
    }

    @Test
    void intactJournalsOpenTogetherAtTheirRecordCounts()
    {
        final JournalWriterPair pair = JournalWriterPair.open(dir, Durability.PAGE_CACHE, Sealing.INLINE);
        try
        {
            assertThat(pair.input().dataRecords()).isGreaterThan(16);
            assertThat(pair.output().dataRecords()).isGreaterThan(0);
            assertThat(pair.input().dataRecords()).isNotEqualTo(pair.output().dataRecords());
        }
        finally
        {
            pair.input().abandon();
            pair.output().abandon();
        }
    }

    @Test
    void aCorruptInputJournalIsReportedAndTheOutputJournalIsLeftAsItWas() throws IOException
    {
        flipInput();
        final byte[] output = whole(Journals.output(dir));
        assertThatThrownBy(this::open).isInstanceOf(JournalCorruptException.class)
            .hasMessageStartingWith(Journals.input(dir) + ": record ");
        assertThat(whole(Journals.output(dir))).isEqualTo(output);
    }

    @Test
    void aCorruptOutputJournalIsReportedAndTheInputJournalIsLeftAsItWas() throws IOException
    {
        flipOutput();
        final byte[] input = whole(Journals.input(dir));
        assertThatThrownBy(this::open).isInstanceOf(JournalCorruptException.class)
            .hasMessageStartingWith(Journals.output(dir) + ": record ");
        assertThat(whole(Journals.input(dir))).isEqualTo(input);
    }

    @Test
    void whenBothAreCorruptTheInputJournalIsReportedFirstWithTheOtherSuppressed() throws IOException
    {
        flipInput();
        flipOutput();
        assertThatThrownBy(this::open)
            .hasMessageStartingWith(Journals.input(dir) + ": record ")
            .satisfies(e -> assertThat(e.getSuppressed()).singleElement().asString()
                .contains(Journals.output(dir) + ": record "));
    }

    @Test
    void aMissingOutputJournalNextToACorruptInputIsNotCreated() throws IOException
    {
        JournalFiles.deleteTree(Journals.output(dir));
        flipInput();
        assertThatThrownBy(this::open).hasMessageStartingWith(Journals.input(dir) + ": record ");
        assertThat(Journals.output(dir)).doesNotExist();
    }
}
