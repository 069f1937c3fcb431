package org.gridsettle.journal.chain;

import org.agrona.DirectBuffer;
import org.gridsettle.journal.codec.CheckpointCodec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The SHA-256 side of a journal's integrity: a digest over the records of the current block, seeded with the previous
 * checkpoint's digest, so the checkpoints form a cryptographic chain over the whole journal.
 * <p>
 * Records are copied into a reusable array before hashing, so steady-state use does not allocate.
 * One per writer or reader. Not thread-safe.
 */
public final class BlockDigest implements BlockSealer
{
    private final MessageDigest sha;
    private final byte[] previous = new byte[CheckpointCodec.SHA_LENGTH];
    private byte[] scratch = new byte[256];
    private long recordsInBlock;

    /**
     * Starts at genesis: the previous digest is 32 zero bytes.
     */
    public BlockDigest()
    {
        try
        {
            sha = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException e)
        {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
        sha.update(previous);
    }

    /**
     * Adds a record to the current block.
     *
     * @param buffer holding the record.
     * @param offset of the record.
     * @param length whole record length, chain trailer included.
     */
    @Override
    public void add(final DirectBuffer buffer, final int offset, final int length)
    {
        if (scratch.length < length)
        {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        buffer.getBytes(offset, scratch, 0, length);
        sha.update(scratch, 0, length);
        recordsInBlock++;
    }

    /**
     * Adds bytes already copied out of their records, for a sealer that hashes many records per call; the caller
     * counts the records, {@link #recordsInBlock()} does not move.
     *
     * @param src    holding the bytes.
     * @param offset of the first byte.
     * @param length number of bytes.
     */
    public void update(final byte[] src, final int offset, final int length)
    {
        sha.update(src, offset, length);
    }

    /**
     * Closes the current block and starts the next one seeded with its digest.
     *
     * @param dst receives the block's digest (32 bytes).
     */
    @Override
    public void seal(final byte[] dst)
    {
        try
        {
            sha.digest(dst, 0, CheckpointCodec.SHA_LENGTH);
        }
        catch (final java.security.DigestException e)
        {
            throw new IllegalStateException(e);
        }
        System.arraycopy(dst, 0, previous, 0, CheckpointCodec.SHA_LENGTH);
        sha.update(previous);
        recordsInBlock = 0;
    }

    /**
     * Computes what {@link #seal} would give now, without closing the block: the SHA-256 a checkpoint written after
     * the records added so far would hold. Allocates (a copy of the digest state); not for the hot path.
     *
     * @param dst receives the digest (32 bytes).
     */
    public void peek(final byte[] dst)
    {
        try
        {
            ((MessageDigest)sha.clone()).digest(dst, 0, CheckpointCodec.SHA_LENGTH);
        }
        catch (final CloneNotSupportedException | java.security.DigestException e)
        {
            throw new IllegalStateException("the platform's SHA-256 cannot be copied", e);
        }
    }

    /**
     * @return records added since the last seal.
     */
    public long recordsInBlock()
    {
        return recordsInBlock;
    }

    /**
     * Nothing to release: this sealer hashes on the caller's thread.
     */
    @Override
    public void close()
    {
    }

    /**
     * @param expected a digest read from a checkpoint.
     * @param actual   the digest computed for the block.
     * @return true if equal, compared in constant time.
     */
    public static boolean same(final byte[] expected, final byte[] actual)
    {
        return MessageDigest.isEqual(expected, actual);
    }

    /**
     * @return a copy of the last sealed digest, genesis zeros before the first.
     */
    public byte[] previous()
    {
        return Arrays.copyOf(previous, previous.length);
    }
}
