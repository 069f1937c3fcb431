package org.gridsettle.journal.chain;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.gridsettle.journal.codec.RecordFlyweight;

/**
 * The running digest over a journal: every record's trailer holds
 * {@code chain[i] = XXH64(seed = chain[i-1], bytes of record i before its trailer)}, with {@code chain[-1] = GENESIS}.
 * <p>
 * Because each value seeds the next, changing, removing or reordering any record changes every later chain value,
 * so the last value is the digest of the whole journal. Checkpoint records are sealed "aside": their trailer is
 * computed from the current head but does not advance it, so the data records' chain, and the digest, do not depend
 * on where a writer placed its checkpoints; that keeps replayed outputs byte-identical to recorded ones.
 * One instance per journal writer or verifier. Not thread-safe.
 */
public final class HashChain
{
    /** Seed of an empty journal: ASCII "gridsetl". */
    public static final long GENESIS = 0x6c74657364697267L;

    private long head = GENESIS;

    /**
     * Seals a record: computes its chain value from the current head, writes it into the record's trailer and
     * advances the head.
     *
     * @param buffer holding the record.
     * @param offset of the record.
     * @param length whole record length, trailer included.
     * @return the new head.
     */
    public long seal(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        final long value = XxHash64.hash(buffer, offset, length - RecordFlyweight.TRAILER_LENGTH, head);
        buffer.putLong(offset + length - RecordFlyweight.TRAILER_LENGTH, value, RecordFlyweight.ORDER);
        head = value;
        return value;
    }

    /**
     * Seals a checkpoint record from the current head without advancing it.
     *
     * @param buffer holding the record.
     * @param offset of the record.
     * @param length whole record length, trailer included.
     */
    public void sealAside(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        final long value = XxHash64.hash(buffer, offset, length - RecordFlyweight.TRAILER_LENGTH, head);
        buffer.putLong(offset + length - RecordFlyweight.TRAILER_LENGTH, value, RecordFlyweight.ORDER);
    }

    /**
     * Checks a checkpoint record sealed with {@link #sealAside}; the head does not move.
     *
     * @param buffer holding the record.
     * @param offset of the record.
     * @param length whole record length, trailer included.
     * @return true if the trailer matches.
     */
    public boolean verifyAside(final DirectBuffer buffer, final int offset, final int length)
    {
        final long expected = XxHash64.hash(buffer, offset, length - RecordFlyweight.TRAILER_LENGTH, head);
        return expected == buffer.getLong(offset + length - RecordFlyweight.TRAILER_LENGTH, RecordFlyweight.ORDER);
    }

    /**
     * Checks a sealed record against the current head and advances the head if it matches.
     *
     * @param buffer holding the record.
     * @param offset of the record.
     * @param length whole record length, trailer included.
     * @return true if the record's trailer is the expected chain value.
     */
    public boolean verify(final DirectBuffer buffer, final int offset, final int length)
    {
        final long expected = XxHash64.hash(buffer, offset, length - RecordFlyweight.TRAILER_LENGTH, head);
        final long actual = buffer.getLong(offset + length - RecordFlyweight.TRAILER_LENGTH, RecordFlyweight.ORDER);
        if (expected != actual)
        {
            return false;
        }
        head = expected;
        return true;
    }

    /**
     * @return the chain value of the last record sealed or verified: the digest so far.
     */
    public long head()
    {
        return head;
    }

    /**
     * Restores the head, for a writer that resumes after recovery.
     *
     * @param head the chain value of the last record in the journal.
     */
    public void resume(final long head)
    {
        this.head = head;
    }

    /**
     * @param digest a chain value.
     * @return the value as 16 lower-case hex digits.
     */
    public static String toHex(final long digest)
    {
        final String hex = Long.toHexString(digest);
        return "0000000000000000".substring(hex.length()) + hex;
    }
}
