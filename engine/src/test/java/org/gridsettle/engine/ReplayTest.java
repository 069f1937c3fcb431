package org.gridsettle.engine;

import org.gridsettle.journal.Journals;
import org.gridsettle.replay.JournalReplay;
import org.gridsettle.replay.ReplayReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayTest
{
    @TempDir
    Path tmp;

    @Test
    void replayingTheInputJournalReproducesTheOutputJournalExactly()
    {
        final Path dir = tmp.resolve("run");
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start();
        try (engine)
        {
            EngineFixture.setUp(engine, 10);
            EngineFixture.submitDay(engine, 10, 96);
        }

        final ReplayReport report = new JournalReplay(dir, Long.MAX_VALUE).run();

        assertThat(report.firstDivergence()).isNull();
        assertThat(report.identical()).isTrue();
        // 1 tariff + 10 accounts + 10 enrolments + 960 ticks
        assertThat(report.inputs()).isEqualTo(1 + 10 + 10 + 960);
        assertThat(report.outputs()).isEqualTo(960);
        assertThat(report.replayDigest()).isEqualTo(engine.outputDigest()).isEqualTo(report.recordedDigest());
    }

    @Test
    void replayNamesTheFirstDivergingRecordWhenOutputsDoNotFollowFromInputs() throws IOException
    {
        final Path a = tmp.resolve("a");
        final Path b = tmp.resolve("b");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(a).build().start())
        {
            EngineFixture.setUp(engine, 4);
            EngineFixture.submitDay(engine, 4, 96);
        }
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(b).build().start())
        {
            EngineFixture.setUp(engine, 4);
            EngineFixture.submitDay(engine, 4, 96);
            // one extra tick at the end: b's inputs produce one more output than a's recorded outputs
            engine.submitTick(1, 0, EngineFixture.START + 96 * 900, 900, 999, 0);
        }
        // pair b's inputs with a's outputs: the first 384 outputs agree, then a's output journal ends
        deleteTree(Journals.output(b));
        copyTree(Journals.output(a), Journals.output(b));

        final ReplayReport report = new JournalReplay(b, Long.MAX_VALUE).run();

        assertThat(report.identical()).isFalse();
        assertThat(report.outputs()).isEqualTo(4 * 96);
        assertThat(report.firstDivergence()).contains("ends after 384 records").contains("TRANSFER");
    }

    @Test
    void aRecordThatDiffersIsFoundAndTheReplayDigestNamesWhatReplayProduced() throws IOException
    {
        // the comparer takes a matching record's verified link instead of sealing it again; a record that differs
        // must still be found, and the replay digest must then differ from the recorded one
        final Path a = tmp.resolve("same-a");
        final Path b = tmp.resolve("same-b");
        for (final Path dir : new Path[] {a, b})
        {
            try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
            {
                EngineFixture.setUp(engine, 4);
                EngineFixture.submitDay(engine, 4, 8);
                engine.submitTick(1, 0, EngineFixture.START + 8 * 900, 900, dir == a ? 500 : 501, 0);
            }
        }
        deleteTree(Journals.output(b));
        copyTree(Journals.output(a), Journals.output(b));

        final ReplayReport report = new JournalReplay(b, Long.MAX_VALUE).run();

        assertThat(report.identical()).isFalse();
        // 4 meters x 8 intervals: outputs 0..31 agree, the extra tick's transfer is output 32
        assertThat(report.firstDivergence()).contains("output record 32 differs").contains("TRANSFER")
            // and what differs in it: the amount is the first field the 1 Wh more changes
            .contains("; first difference: amount (byte 40): recorded ");
        assertThat(report.replayDigest()).isNotEqualTo(report.recordedDigest());
        final ReplayReport same = new JournalReplay(a, Long.MAX_VALUE).run();
        assertThat(same.identical()).isTrue();
        assertThat(same.replayDigest()).isEqualTo(same.recordedDigest());
    }

    @Test
    void replayToASequenceStopsThere()
    {
        final Path dir = tmp.resolve("run");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 2);
            EngineFixture.submitDay(engine, 2, 10);
        }
        // inputs 1..5 are the tariff, 2 accounts and 2 enrolments; 6..10 are the first five ticks
        final ReplayReport report = new JournalReplay(dir, 10).run();
        assertThat(report.identical()).isTrue();
        assertThat(report.inputs()).isEqualTo(10);
        assertThat(report.outputs()).isEqualTo(5);
    }

    static void deleteTree(final Path dir) throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path p : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(p);
            }
        }
    }

    static void copyTree(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> paths = Files.walk(from))
        {
            for (final Path p : paths.toList())
            {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }
}
