package org.gridsettle.benchmarks;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.nio.file.Path;

/**
 * Opens a bare Chronicle queue configured exactly as gridsettle's journals are (binary wire, {@code FAST_DAILY}
 * roll cycle), so raw-append and raw-read ceilings differ from the engine only by what the engine adds.
 * <p>
 * Stateless and thread-safe; each queue returned follows Chronicle's own threading rules.
 */
public final class RawQueues
{
    private RawQueues()
    {
    }

    /**
     * @param dir queue directory, created if absent.
     * @return the opened queue; the caller closes it.
     */
    public static ChronicleQueue open(final Path dir)
    {
        return SingleChronicleQueueBuilder.binary(dir)
            .rollCycle(RollCycles.FAST_DAILY)
            .build();
    }
}
