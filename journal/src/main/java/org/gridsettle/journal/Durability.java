package org.gridsettle.journal;

/**
 * What a journal append promises once the engine acknowledges it.
 * <p>
 * Threading: immutable constants; thread-safe.
 */
public enum Durability
{
    /**
     * The record is in the OS page cache of a memory-mapped file: it survives a crash of the JVM process, including
     * {@code kill -9}, but not a power loss or kernel crash. Costs nothing beyond the copy.
     */
    PAGE_CACHE,
    /**
     * At the end of every Disruptor batch the mapped pages are forced to the device (msync), so acknowledged records
     * survive power loss. Costs one msync per batch; batching amortises it under load.
     */
    SYNC_ON_BATCH
}
