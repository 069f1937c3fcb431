package org.gridsettle.benchmarks.harness;

import org.gridsettle.benchmarks.workload.Fleet;
import org.gridsettle.engine.SettlementEngine;

import java.nio.file.Path;
import java.util.List;

/**
 * Recovery time: a restart that loads a snapshot and re-applies a tail of {@code config.ticks()} ticks journalled
 * after it, comparing every regenerated output with the output journal, until the engine accepts input again.
 * <p>
 * Built in three engine lifetimes on one journal: the first enrols the fleet and closes cleanly, which writes the
 * snapshot; the second, with snapshots off, journals the tail and closes without a new snapshot; the third is the
 * restart that is timed, from building the engine (its writers verify both journals end to end) to the return of
 * {@code start()}. Runs on the calling thread, which is every engine's single producer.
 */
public final class RecoveryRun
{
    private RecoveryRun()
    {
    }

    /**
     * @param config     sizes; the tail is {@code config.ticks()} ticks.
     * @param journalDir an empty directory for the journal.
     * @return the tail's ticks and the time {@code start()} took.
     * @throws IllegalStateException if the restart did not recover the whole tail.
     */
    public static ThroughputResult run(final HarnessConfig config, final Path journalDir)
    {
        final int meters = config.meters();
        final long ticks = config.ticks();
        // one method per engine lifetime, so that no closed engine's state is still reachable when the next one
        // starts: at a million meters two engines' state do not fit the harness's 2 GiB heap together
        final long setUpInputs = enrolAndSnapshot(journalDir, meters, config.shuffledEnrolment());
        journalTail(journalDir, meters, ticks, setUpInputs);
        System.gc();
        return timedRestart(journalDir, ticks, setUpInputs);
    }

    static long enrolAndSnapshot(final Path journalDir, final int meters, final boolean shuffled)
    {
        final SettlementEngine setUp = SettlementEngine.builder().journalDir(journalDir).snapshotInterval(0)
            .expectedMeters(meters).build()
            .start();
        try
        {
            final long setUpInputs = Fleet.setUp(setUp, meters, shuffled);
            Await.reach(setUp::appliedSequence, setUpInputs, setUp::fatalError);
            return setUpInputs;
        }
        finally
        {
            setUp.close();
        }
    }

    static void journalTail(final Path journalDir, final int meters, final long ticks, final long setUpInputs)
    {
        final SettlementEngine tail = SettlementEngine.builder().journalDir(journalDir).snapshots(false)
            .expectedMeters(meters).build()
            .start();
        try
        {
            EngineThroughputRun.submit(tail, 0, ticks, meters);
            Await.reach(tail::appliedSequence, setUpInputs + ticks, tail::fatalError);
        }
        finally
        {
            tail.close();
        }
    }

    static ThroughputResult timedRestart(final Path journalDir, final long ticks, final long setUpInputs)
    {
        // the clock covers opening the journals, which verifies both end to end, as well as start(): a restarted
        // engine accepts no input before both are done
        final long start = System.nanoTime();
        final SettlementEngine restart = SettlementEngine.builder().journalDir(journalDir).build();
        restart.start();
        final long end = System.nanoTime();
        final long recovered = restart.recoveredInputs();
        final List<String> notes = restart.recoveryNotes();
        restart.close();
        // without a usable snapshot the restart replays the set-up as well and recovers the same count, in about the
        // same time: the figure would be a full replay's under the name of a restart with a snapshot
        final String loaded = "(input " + setUpInputs + ")";
        if (notes.stream().noneMatch(n -> n.startsWith("loaded snapshot") && n.contains(loaded)))
        {
            throw new IllegalStateException("the timed restart loaded no snapshot at input " + setUpInputs +
                ", so it is not a restart with a snapshot; recovery said: " + notes);
        }
        // recoveredInputs counts every journalled input; the snapshot spares re-applying the set-up ones
        if (recovered != setUpInputs + ticks)
        {
            throw new IllegalStateException("restart recovered " + recovered + " inputs, expected " +
                (setUpInputs + ticks));
        }
        return new ThroughputResult(ticks, end - start, 0);
    }
}
