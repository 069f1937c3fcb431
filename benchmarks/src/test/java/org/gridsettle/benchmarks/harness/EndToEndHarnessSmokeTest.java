package org.gridsettle.benchmarks.harness;

import org.gridsettle.benchmarks.report.MachineInfo;
import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.benchmarks.report.ReportWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the whole harness at tiny scale as a method call: every figure must exist and be positive, the report files
 * must be written, and the conventional design's totals must equal the engine ledger's. Speeds are never asserted.
 */
class EndToEndHarnessSmokeTest
{
    @TempDir
    Path tmp;

    @Test
    void tinyRunProducesEveryFigureAndTheDesignsAgreeOnTotals() throws Exception
    {
        final HarnessConfig config = HarnessConfig.tiny(tmp.resolve("results"));

        final HarnessResults r = EndToEndHarness.run(config, new PrintStream(OutputStream.nullOutputStream()));
        final String markdown = ReportWriter.write(r, MachineInfo.current());

        assertThat(r.engineTotals()).isEqualTo(r.conventionalTotals());
        assertThat(r.totalsAgree()).isTrue();
        assertThat(r.engineTotals().usdMicros()).isPositive();
        assertThat(r.engineTotals().solarMicros()).isPositive();

        assertThat(r.ceiling().median().perSecond()).isPositive();
        assertThat(r.engine().median().perSecond()).isPositive();
        assertThat(r.conventional().median().perSecond()).isPositive();
        assertThat(r.handoff().perSecond()).isPositive();
        assertThat(r.replay().results()).hasSize(config.rounds());
        assertThat(r.replay().median().perSecond()).isPositive();
        assertThat(r.syncOnBatch().perSecond()).isPositive();
        // RecoveryRun throws unless the restart recovered exactly the set-up and the tail; the tail is the ticks
        assertThat(r.recovery().operations()).isEqualTo(config.ticks());
        assertThat(r.recovery().elapsedNanos()).isPositive();
        assertThat(r.rawRead().perSecond()).isPositive();
        assertThat(r.efficiency()).isPositive();
        assertThat(r.engine().median().bytesPerOperation()).isNotNaN().isGreaterThanOrEqualTo(0.0);
        assertThat(r.conventional().median().bytesPerOperation()).isPositive();
        // every thread of the JVM includes the measured one, and the conventional producer's new TickEvent per tick
        assertThat(r.engine().median().allThreadsBytesPerOperation()).isNotNaN()
            .isGreaterThanOrEqualTo(r.engine().median().bytesPerOperation());
        assertThat(r.conventional().median().allThreadsBytesPerOperation())
            .isGreaterThan(r.conventional().median().bytesPerOperation());
        assertThat(r.ceiling().median().allThreadsBytesPerOperation()).isNotNaN();
        assertThat(r.heap().engineBytesPerMeter()).isPositive();
        // 12 slots x 56 B and the 8-B eviction watermark (TickWindow's layout): the window is inside the engine's
        // figure, and reported apart
        assertThat(r.heap().windowBytesPerMeter()).isEqualTo(680.0);
        assertThat(r.heap().engineBytesExcludingWindow()).isPositive();
        assertThat(r.heap().conventionalBytesPerMeter()).isPositive();

        assertThat(r.latencies()).extracting(LatencyResult::design)
            .containsExactly(
                "engine", "conventional", "raw-append", "raw-append-pretouched", "handoff-append");
        for (final LatencyResult l : r.latencies())
        {
            assertThat(l.histogram().getTotalCount()).as(l.design()).isPositive();
            assertThat(l.micros(50.0)).as(l.design()).isPositive();
            assertThat(l.micros(99.99)).as(l.design()).isGreaterThanOrEqualTo(l.micros(50.0));
            assertThat(l.maxMicros()).as(l.design()).isPositive();
            assertThat(l.achievedRate()).as(l.design()).isPositive();
            assertThat(config.outDir().resolve(ReportWriter.hgrmName(l))).isNotEmptyFile();
        }

        assertThat(markdown).containsPattern("efficiency: \\d+\\.\\d% of raw-append ceiling")
            .contains("engine, sync on batch end").contains("recovery: restart with a snapshot and a 20,000-tick tail");
        assertThat(markdown).contains("| engine, max sustained throughput");
        // 20,000 ticks never reach the default interval of a million inputs
        assertThat(r.engineSnapshots().snapshots()).isZero();
        assertThat(markdown).contains("| snapshot stall of the business-logic thread").contains("no periodic snapshot");
        assertThat(config.outDir().resolve(ReportWriter.REPORT)).isNotEmptyFile();
        final Path chart = config.outDir().resolve(ReportWriter.CHART);
        assertThat(chart).isNotEmptyFile();
        final byte[] png = Files.readAllBytes(chart);
        assertThat(png[1]).as("PNG signature").isEqualTo((byte)'P');
        assertThat(config.workDir()).as("journals are removed after the run").doesNotExist();
    }

    @Test
    void keptJournalsAreWholeAndEachRoundHasItsOwn() throws Exception
    {
        final HarnessConfig config = HarnessConfig.tiny(tmp.resolve("kept")).keepingJournals();

        EndToEndHarness.run(config, new PrintStream(OutputStream.nullOutputStream()));

        final Path work = config.workDir();
        // the last engine round's journal, which replay read, still verifies end to end
        final VerificationReport engine = JournalVerifier.verify(work.resolve("engine"));
        assertThat(engine.problems()).isEmpty();
        assertThat(engine.inputRecords()).isGreaterThan(config.ticks());
        assertThat(engine.outputRecords()).isPositive();
        assertThat(JournalVerifier.verify(work.resolve("recovery")).problems()).isEmpty();
        assertThat(work.resolve("ceiling-1")).isDirectory();
        assertThat(work.resolve("conventional-1.jsonl")).isNotEmptyFile();
        assertThat(work.resolve("engine-" + config.rates()[0])).isDirectory();
        assertThat(work.resolve("heap")).isDirectory();
    }
}
