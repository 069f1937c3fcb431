package org.gridsettle.benchmarks.harness;

import org.gridsettle.benchmarks.TempDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The recovery row says "restart with a snapshot": a restart that found no usable snapshot replays the whole journal,
 * takes about as long, and must not be reported as one that loaded it.
 */
class RecoveryRunTest
{
    private static final int METERS = 50;
    private static final long TICKS = 2_000;

    @TempDir
    Path tmp;

    @Test
    void aRestartThatLoadedTheSnapshotIsTimed()
    {
        final long setUp = RecoveryRun.enrolAndSnapshot(tmp, METERS, false);
        RecoveryRun.journalTail(tmp, METERS, TICKS, setUp);

        final ThroughputResult result = RecoveryRun.timedRestart(tmp, TICKS, setUp);

        assertThat(result.operations()).isEqualTo(TICKS);
    }

    @Test
    void aRestartThatLoadedNoSnapshotIsRefused()
    {
        final long setUp = RecoveryRun.enrolAndSnapshot(tmp, METERS, false);
        RecoveryRun.journalTail(tmp, METERS, TICKS, setUp);
        // as if the snapshot had been unusable: the restart replays the set-up too, and recovers every input
        TempDirs.delete(tmp.resolve("snapshots"));

        assertThatThrownBy(() -> RecoveryRun.timedRestart(tmp, TICKS, setUp))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("snapshot");
    }
}
