package org.gridsettle.journal;

/**
 * Where a journal writer computes the SHA-256 digests of its checkpoints. The journal's bytes are the same either
 * way; only the cost moves.
 * <p>
 * Threading: immutable constants; thread-safe.
 */
public enum Sealing
{
    /**
     * On the writer's thread, as each record is appended: no extra thread, but SHA-256 costs about 0.55 ns per byte
     * of every record on the thread that appends.
     */
    INLINE,
    /**
     * On a daemon thread of the writer's own ({@link org.gridsettle.journal.chain.BackgroundBlockSealer}): the
     * writer copies each record into a ring and waits only at checkpoints for the few records not yet hashed. Costs
     * a thread per journal and the same hashing CPU time, on another core.
     */
    BACKGROUND
}
