package org.gridsettle.journal;

/**
 * What a journal append promises once the engine acknowledges it. In either mode a clean close forces the files the
 * session wrote to the device before it returns ({@link JournalWriter#close(long, long)}), so a closed journal, and
 * the seal its close hands out, survive a power loss.
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
