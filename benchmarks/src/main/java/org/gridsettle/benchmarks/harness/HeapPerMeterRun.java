package org.gridsettle.benchmarks.harness;

import org.gridsettle.benchmarks.conventional.ConventionalRegistry;
import org.gridsettle.benchmarks.workload.BenchTariff;
import org.gridsettle.benchmarks.workload.Fleet;
import org.gridsettle.benchmarks.workload.PeriodTable;
import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.engine.logic.TickWindow;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Path;

/**
 * Heap per enrolled meter: used heap after several full collections, before and after enrolling the fleet, divided
 * by the fleet size. For the engine the meters go through the ring and the journal into the state machine, so the
 * figure is what the business-logic thread retains; for the conventional design it is its registry.
 * <p>
 * The correction window is reported apart, as the target asks: its arrays are sized exactly for the
 * expected fleet ({@value TickWindow#BYTES_PER_SLOT} bytes per slot, {@value #WINDOW_SLOTS} slots per meter, and
 * {@value TickWindow#BYTES_PER_METER} bytes per meter for its eviction watermark), so their share of the figure
 * follows from the layout.
 * <p>
 * Runs on the calling thread. The figure is approximate: other threads allocate meanwhile, so use a fleet large
 * enough (the full run enrols 1,000,000 meters, the quick one 100,000) for their noise to vanish.
 */
public final class HeapPerMeterRun
{
    private static final int COLLECTIONS = 4;
    /** The engine's default correction window, set explicitly so that the window's share is known. */
    static final int WINDOW_SLOTS = TickWindow.DEFAULT_SLOTS;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapPerMeterRun()
    {
    }

    /**
     * @param meters     fleet size.
     * @param journalDir an empty directory for the engine's journal.
     * @return both figures.
     */
    public static HeapResult run(final int meters, final Path journalDir)
    {
        return new HeapResult(meters, engine(meters, journalDir),
            (double)TickWindow.BYTES_PER_SLOT * WINDOW_SLOTS + TickWindow.BYTES_PER_METER, conventional(meters));
    }

    private static double engine(final int meters, final Path journalDir)
    {
        // measured from before the engine exists, because it sizes its per-meter state for the fleet when it is
        // built (expectedMeters); the engine's own fixed overhead (ring, journals) is therefore included
        final long before = usedHeapAfterGc();
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journalDir).expectedMeters(meters)
            .correctionWindow(WINDOW_SLOTS).build().start())
        {
            engine.publishTariff(BenchTariff.create());
            Await.reach(engine::appliedSequence, 1, engine::fatalError);
            for (int m = 1; m <= meters; m++)
            {
                engine.registerAccount(Fleet.accountOf(m));
                engine.enrolMeter(m, Fleet.accountOf(m), PeriodTable.TARIFF_ID, BenchTariff.EFFECTIVE_FROM);
            }
            Await.reach(engine::appliedSequence, Fleet.setUpInputs(meters), engine::fatalError);
            final long after = usedHeapAfterGc();
            return (double)(after - before) / meters;
        }
    }

    private static double conventional(final int meters)
    {
        final long before = usedHeapAfterGc();
        final ConventionalRegistry registry = ConventionalThroughputRun.registry(meters);
        final long after = usedHeapAfterGc();
        Reference.reachabilityFence(registry);
        return (double)(after - before) / meters;
    }

    private static long usedHeapAfterGc()
    {
        for (int i = 0; i < COLLECTIONS; i++)
        {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
