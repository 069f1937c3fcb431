package org.gridsettle.journal.chain;

import org.agrona.DirectBuffer;

/**
 * Computes the SHA-256 digest of each block of data records for a journal writer's checkpoints.
 * <p>
 * {@link BlockDigest} hashes on the writer's thread; {@link BackgroundBlockSealer} copies the bytes aside and hashes
 * them on a thread of its own. Both give the same digests, so the journal's bytes do not depend on which one wrote
 * it. Called from one writer thread only.
 */
public interface BlockSealer extends AutoCloseable
{
    /**
     * Adds a sealed record to the current block. The bytes are read before this returns, so the caller may reuse the
     * buffer at once.
     *
     * @param buffer holding the record.
     * @param offset of the record.
     * @param length whole record length, chain trailer included.
     */
    void add(DirectBuffer buffer, int offset, int length);

    /**
     * Closes the current block and starts the next one seeded with its digest.
     *
     * @param dst receives the block's digest (32 bytes).
     */
    void seal(byte[] dst);

    /**
     * Releases what the sealer holds; a block not sealed by then is dropped.
     */
    @Override
    void close();
}
