package org.gridsettle.engine;

import org.gridsettle.engine.snapshot.SnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Periodic snapshots wait for a number of inputs per enrolled meter, so that a large fleet is not captured every
 * million inputs; a fixed interval set on the builder is kept exactly.
 */
class SnapshotSpacingTest
{
    @TempDir
    Path tmp;

    @Test
    void aFleetSpacesItsSnapshotsByItsSize() throws IOException
    {
        // 4 meters x 75 inputs each: at least 300 inputs apart, so neither multiple of 100 (100, 200) is due
        final Path dir = tmp.resolve("spaced");
        final SnapshotStalls stalls = setUpAndRun(
            SettlementEngine.builder().journalDir(dir).snapshotInterval(100).snapshotInputsPerMeter(75), 48);
        assertThat(names(dir)).containsExactly("snapshot-00000000000000000201.gss"); // the one at shutdown
        assertThat(stalls).as("the snapshot at shutdown holds up no input").isEqualTo(SnapshotStalls.NONE);
    }

    @Test
    void aSetIntervalIsKeptExactly() throws IOException
    {
        final Path dir = tmp.resolve("fixed");
        final SnapshotStalls stalls = setUpAndRun(SettlementEngine.builder().journalDir(dir).snapshotInterval(100), 48);
        assertThat(names(dir)).containsExactly("snapshot-00000000000000000201.gss",
            "snapshot-00000000000000000200.gss");
        // the one at 100 is no longer kept: its file waits to be written over by the next snapshot
        try (Stream<Path> files = Files.list(dir.resolve("snapshots")))
        {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("snapshot-")))
                .containsExactly("spare-00000000000000000100.gsp");
        }
        // the periodic ones at 100 (a spare since) and 200 are timed; the one at shutdown is not
        assertThat(stalls.snapshots()).isEqualTo(2);
        assertThat(stalls.maxNanos()).isPositive().isLessThanOrEqualTo(stalls.totalNanos());
        assertThat(stalls.meanMillis()).isEqualTo(stalls.totalNanos() / 2e6);
        assertThat(stalls.waitedNanos()).isBetween(0L, stalls.totalNanos());
    }

    @Test
    void anEngineWithoutSnapshotsCountsNoStall()
    {
        final SnapshotStalls stalls = setUpAndRun(
            SettlementEngine.builder().journalDir(tmp.resolve("none")).snapshots(false).snapshotInterval(100), 48);
        assertThat(stalls).isEqualTo(SnapshotStalls.NONE);
    }

    @Test
    void spacingCountsFromTheSnapshotARestartLoaded() throws IOException
    {
        // the first life snapshots at 100 (4 x 20 = 80 inputs since 0) and at shutdown (101); the second life
        // loads 101, so 200 is only 99 inputs on and is skipped, while 300 is due
        final Path dir = tmp.resolve("restarted");
        setUpAndRun(SettlementEngine.builder().journalDir(dir).snapshotInterval(100).snapshotInputsPerMeter(25), 23);
        assertThat(names(dir)).containsExactly("snapshot-00000000000000000101.gss",
            "snapshot-00000000000000000100.gss");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).snapshotInterval(100)
            .snapshotInputsPerMeter(25).build().start())
        {
            for (int i = 23; i < 73; i++)                    // 200 more: inputs 102..301
            {
                for (int m = 1; m <= 4; m++)
                {
                    engine.submitTick(m, 0, EngineFixture.START + i * 900L, 900, 100 + m, 0);
                }
            }
        }
        assertThat(names(dir)).containsExactly("snapshot-00000000000000000301.gss",
            "snapshot-00000000000000000300.gss");
    }

    /** Four meters: 9 set-up inputs, then 4 ticks per interval (48 intervals: inputs 10..201). */
    private static SnapshotStalls setUpAndRun(final SettlementEngine.Builder builder, final int intervals)
    {
        final SettlementEngine engine = builder.build().start();
        try (engine)
        {
            EngineFixture.setUp(engine, 4);
            EngineFixture.submitDay(engine, 4, intervals);
        }
        return engine.snapshotStalls();
    }

    private static List<String> names(final Path dir) throws IOException
    {
        return new SnapshotStore(dir.resolve("snapshots")).newestFirst().stream()
            .map(p -> p.getFileName().toString()).toList();
    }
}
