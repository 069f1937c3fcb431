package org.gridsettle.engine;

import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.replay.JournalReplay;
import org.gridsettle.replay.ReplayReport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded simulation: each seed expands (see {@link SimulationDriver}) into a long random workload of ticks and
 * commands with engine restarts in between. The workload is run twice, on two journals: once through one engine with
 * no restart and no snapshot, once through an engine closed and reopened at every restart, with a small snapshot
 * interval and snapshots damaged, removed or switched off on the way. The ledger must balance and the supply rules
 * hold at every restart and after every single input, and both runs must end with the same output digest, input
 * digest, counters, ledger and query answers.
 * <p>
 * CI runs {@value #CI_SEEDS} seeds of {@value #CI_STEPS} steps. Longer runs:
 * {@code -Dgridsettle.sim.seeds=200 -Dgridsettle.sim.steps=4000}; one failing seed alone:
 * {@code -Dgridsettle.sim.seed=<seed>} (the seed is in every assertion message).
 */
class DeterministicSimulationTest
{
    private static final int CI_SEEDS = 6;
    private static final int CI_STEPS = 1500;
    private static final long BASE_SEED = 20_261_125L;

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> restartedRunsEqualTheUninterruptedRun()
    {
        final int steps = Integer.getInteger("gridsettle.sim.steps", CI_STEPS);
        final String only = System.getProperty("gridsettle.sim.seed");
        final LongStream seeds = only != null ? LongStream.of(Long.parseLong(only.trim())) :
            LongStream.range(0, Integer.getInteger("gridsettle.sim.seeds", CI_SEEDS))
                .map(i -> new SplittableRandom(BASE_SEED + i).nextLong());
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> runSeed(seed, steps)));
    }

    @Test
    void aSeedAlwaysExpandsToTheSameWorkload()
    {
        final List<SimulationDriver.Op> first = SimulationDriver.generate(42, 800);
        assertThat(SimulationDriver.generate(42, 800)).isEqualTo(first);
        assertThat(SimulationDriver.generate(43, 800)).isNotEqualTo(first);
        // the workload covers what the simulation claims to cover
        assertThat(first).hasAtLeastOneElementOfType(SimulationDriver.Restart.class)
            .hasAtLeastOneElementOfType(SimulationDriver.Redeem.class)
            .hasAtLeastOneElementOfType(SimulationDriver.Interest.class)
            .hasAtLeastOneElementOfType(SimulationDriver.Calendar.class)
            .hasAtLeastOneElementOfType(SimulationDriver.Query.class)
            .hasAtLeastOneElementOfType(SimulationDriver.DrEvent.class)
            // even ids are published with a modification number (DR_EVENT schema 2), odd ones without (schema 1)
            .anyMatch(op -> op instanceof SimulationDriver.DrEvent d && (d.eventId() & 1) == 0)
            .anyMatch(op -> op instanceof SimulationDriver.DrEvent d && (d.eventId() & 1) == 1)
            // a retry of an even id is published as the VTN's modification (DR_EVENT schema 3)
            .anyMatch(op -> op instanceof SimulationDriver.DrEvent d && d.modification())
            .anyMatch(op -> op instanceof SimulationDriver.Enrol e && e.programs() != 0)
            .anyMatch(op -> op instanceof SimulationDriver.Tick t && t.correction())
            .anyMatch(op -> op instanceof SimulationDriver.Tick t && t.importWh() < 0)
            .anyMatch(op -> op instanceof SimulationDriver.Tick t && t.seconds() == 3_600 && t.channel() == 3)
            .anyMatch(op -> op instanceof SimulationDriver.Tariff t && t.version() == 2)
            .hasAtLeastOneElementOfType(SimulationDriver.Prices.class)
            .anyMatch(op -> op instanceof SimulationDriver.Enrol e && e.node() != null)
            .anyMatch(op -> op instanceof SimulationDriver.Enrol e && e.importLimitW() != 0)
            .anyMatch(op -> op instanceof SimulationDriver.Tariff t && t.oracleCarry() >= 0);
    }

    @Test
    void theWorkloadReachesOraclePricedExportsMissingPricesHourlyNettingAndDemandCharges() throws IOException
    {
        final Path dir = tmp.resolve("oracle");
        // the first seed from 42 on whose oracle tariff nets hourly (half of them do)
        long seed = 42;
        while (SimulationDriver.generate(seed, 10).stream()
            .noneMatch(op -> op instanceof SimulationDriver.Tariff t && t.hourly()))
        {
            seed++;
        }
        SimulationDriver.run(dir, SimulationDriver.generate(seed, 1_500), false, 0, "seed " + seed);
        long oracleCredits = 0;
        long missing = 0;
        long netting = 0;
        long aboveLimit = 0;
        long demand = 0;
        for (final byte[] record : EngineFixture.readAll(org.gridsettle.journal.Journals.output(dir)))
        {
            if (Outputs.type(record) == org.gridsettle.journal.codec.RecordType.TRANSFER.id() &&
                Outputs.transfer(record).tier() == org.gridsettle.journal.codec.TransferCodec.TIER_ORACLE_RATE)
            {
                oracleCredits++;
            }
            else if (Outputs.type(record) == org.gridsettle.journal.codec.RecordType.TRANSFER.id() &&
                Outputs.transfer(record).reasonCode() == org.gridsettle.journal.codec.ReasonCode.HOURLY_NETTING.code())
            {
                netting++;
            }
            else if (Outputs.type(record) == org.gridsettle.journal.codec.RecordType.TRANSFER.id() &&
                Outputs.transfer(record).reasonCode() == org.gridsettle.journal.codec.ReasonCode.DEMAND_CHARGE.code())
            {
                demand++;
            }
            else if (Outputs.type(record) == org.gridsettle.journal.codec.RecordType.REJECTION.id() &&
                Outputs.rejection(record) == org.gridsettle.journal.codec.ReasonCode.ORACLE_PRICE_MISSING)
            {
                missing++;
            }
            else if (Outputs.type(record) == org.gridsettle.journal.codec.RecordType.REJECTION.id() &&
                Outputs.rejection(record) == org.gridsettle.journal.codec.ReasonCode.READING_ABOVE_LIMIT)
            {
                aboveLimit++;
            }
        }
        assertThat(oracleCredits).as("oracle-priced export postings").isPositive();
        assertThat(netting).as("hourly-netting adjustments").isPositive();
        assertThat(missing).as("ticks rejected for a missing oracle price").isPositive();
        assertThat(aboveLimit).as("ticks rejected above a meter's reading limit").isPositive();
        assertThat(demand).as("demand charges at billing-period closes").isPositive();
        delete(dir);
    }

    private void runSeed(final long seed, final int steps) throws IOException
    {
        final String context = "seed " + seed + " (rerun: -Dgridsettle.sim.seed=" + seed + " -Dgridsettle.sim.steps=" +
            steps + ")";
        final List<SimulationDriver.Op> ops = SimulationDriver.generate(seed, steps);
        final long snapshotInterval = 5 + new SplittableRandom(seed).nextInt(60);
        final Path straightDir = tmp.resolve(seed + "-straight");
        final Path restartedDir = tmp.resolve(seed + "-restarted");

        final SimulationDriver.Outcome straight = SimulationDriver.run(straightDir, ops, false, 0, context);
        final SimulationDriver.Outcome restarted =
            SimulationDriver.run(restartedDir, ops, true, snapshotInterval, context);

        assertThat(restarted.restarts()).as(context + ": restarts performed")
            .isEqualTo(ops.stream().filter(op -> op instanceof SimulationDriver.Restart).count());
        assertThat(restarted.inputs()).as(context).isEqualTo(straight.inputs());
        assertThat(restarted.counters().inputs()).as(context + ": every input journalled, rejected ones too")
            .isEqualTo(restarted.inputs());
        assertThat(restarted.counters()).as(context).isEqualTo(straight.counters());
        assertThat(restarted.ledger()).as(context).containsExactlyElementsOf(straight.ledger());
        assertThat(restarted.queries()).as(context).containsExactlyElementsOf(straight.queries());
        assertThat(restarted.inputDigest()).as(context + ": input digest").isEqualTo(straight.inputDigest());
        assertThat(restarted.outputDigest()).as(context + ": output digest").isEqualTo(straight.outputDigest());

        final VerificationReport report = JournalVerifier.verify(restartedDir);
        assertThat(report.problems()).as(context).isEmpty();
        final ReplayReport replay = new JournalReplay(restartedDir, Long.MAX_VALUE).run();
        assertThat(replay.identical()).as(context + ": " + replay.firstDivergence()).isTrue();
        assertThat(replay.replayDigest()).as(context).isEqualTo(straight.outputDigest());
        assertThat(SimulationDriver.checkEveryStep(restartedDir, restarted.accounts(), context))
            .as(context).isEqualTo(restarted.inputs());

        System.out.printf("%s: %d steps, %d inputs, %d outputs, %d restarts (%d snapshot loads, %d full replays), " +
            "snapshot every %d inputs, %d ticks priced, %d rejections%n", context, steps, restarted.inputs(),
            restarted.counters().outputs(), restarted.restarts(), restarted.snapshotLoads(),
            restarted.fullReplays(), snapshotInterval, restarted.counters().ticksPriced(),
            restarted.counters().rejections());
        restarted.ledger().stream().filter(l -> l.startsWith("token DR ")).forEach(l -> System.out.printf("%s: %s%n",
            context, l));
        delete(straightDir);
        delete(restartedDir);
    }

    private static void delete(final Path dir) throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path p : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.delete(p);
            }
        }
    }
}
