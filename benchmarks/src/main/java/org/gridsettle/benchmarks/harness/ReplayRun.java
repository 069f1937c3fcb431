package org.gridsettle.benchmarks.harness;

import org.gridsettle.replay.JournalReplay;
import org.gridsettle.replay.ReplayReport;

import java.nio.file.Path;

/**
 * Replay speed: {@link JournalReplay} over the max-throughput journal, verifying both XXH64 chains (the SHA-256
 * checkpoints are {@code settle verify}'s job), re-applying every input to a fresh state machine and comparing each
 * regenerated output byte for byte.
 * <p>
 * Runs on the calling thread, with the chains verified on a second thread that the replay starts.
 */
public final class ReplayRun
{
    private ReplayRun()
    {
    }

    /**
     * @param journalDir a closed engine journal.
     * @param meters     meters it enrols: the replay sizes its state for them up front, as the engine did.
     * @return input records per second (ticks plus the set-up records).
     * @throws IllegalStateException if the replay is not identical.
     */
    public static ThroughputResult run(final Path journalDir, final int meters)
    {
        final long thread = Thread.currentThread().getId();
        final long bytesBefore = ThreadAllocation.allocatedBytes(thread);
        final long start = System.nanoTime();
        final ReplayReport report = new JournalReplay(journalDir, Long.MAX_VALUE).expectedMeters(meters).run();
        final long end = System.nanoTime();
        final long bytesAfter = ThreadAllocation.allocatedBytes(thread);
        if (!report.identical())
        {
            throw new IllegalStateException("replay diverged: " + report.firstDivergence());
        }
        return new ThroughputResult(report.inputs(), end - start, bytesAfter - bytesBefore);
    }
}
