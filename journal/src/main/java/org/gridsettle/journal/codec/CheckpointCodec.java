package org.gridsettle.journal.codec;

/**
 * Flyweight for {@link RecordType#CHECKPOINT}: a SHA-256 seal over a block of records, written by the journal
 * writer every N records and when the journal is closed. Both journals carry them.
 * <pre>
 *  24 i64 recordsCovered   records in the journal before this checkpoint
 *  32 i64 lastSequence     sequence of the last non-checkpoint record before it
 *  40 u8  kind             0 periodic, 1 close
 *  41 [7] reserved
 *  48 [32] sha256          SHA-256(previous checkpoint's sha256, or 32 zero bytes; then every record since it)
 *  80 i64 boundRecords     output close checkpoints: input records applied; otherwise 0
 *  88 i64 boundChain       output close checkpoints: the input journal's chain head; otherwise 0
 *  96 i64 chain
 * </pre>
 * The SHA-256 chain makes the journal tamper-evident against deliberate edits as well as accidents, at the cost of
 * one SHA-256 pass over the bytes, spread over the block. Not thread-safe.
 */
public final class CheckpointCodec extends RecordFlyweight
{
    /** Fixed record length. */
    public static final int LENGTH = 104;
    /** Checkpoint written every N records. */
    public static final int KIND_PERIODIC = 0;
    /** Checkpoint written when the journal is closed cleanly. */
    public static final int KIND_CLOSE = 1;
    /** Length of the SHA-256 digest. */
    public static final int SHA_LENGTH = 32;

    private static final int COVERED = 24;
    private static final int LAST_SEQUENCE = 32;
    private static final int KIND = 40;
    private static final int SHA = 48;
    private static final int BOUND_RECORDS = 80;
    private static final int BOUND_CHAIN = 88;

    @Override
    public RecordType type()
    {
        return RecordType.CHECKPOINT;
    }

    /**
     * @param recordsCovered records before this checkpoint.
     * @param lastSequence   sequence of the last non-checkpoint record.
     * @param kind           {@link #KIND_PERIODIC} or {@link #KIND_CLOSE}.
     * @param sha256         32-byte digest.
     * @param boundRecords   input records applied, for output close checkpoints.
     * @param boundChain     input chain head, for output close checkpoints.
     * @return this.
     */
    public CheckpointCodec encode(
        final long recordsCovered,
        final long lastSequence,
        final int kind,
        final byte[] sha256,
        final long boundRecords,
        final long boundChain)
    {
        writeHeader(0L, 0L, LENGTH);
        buffer.putLong(offset + COVERED, recordsCovered, ORDER);
        buffer.putLong(offset + LAST_SEQUENCE, lastSequence, ORDER);
        buffer.setMemory(offset + KIND, 8, (byte)0);
        buffer.putByte(offset + KIND, (byte)kind);
        buffer.putBytes(offset + SHA, sha256, 0, SHA_LENGTH);
        buffer.putLong(offset + BOUND_RECORDS, boundRecords, ORDER);
        buffer.putLong(offset + BOUND_CHAIN, boundChain, ORDER);
        return this;
    }

    /** @return records before this checkpoint. */
    public long recordsCovered()
    {
        return buffer.getLong(offset + COVERED, ORDER);
    }

    /** @return sequence of the last non-checkpoint record before it. */
    public long lastSequence()
    {
        return buffer.getLong(offset + LAST_SEQUENCE, ORDER);
    }

    /** @return kind of checkpoint. */
    public int kind()
    {
        return buffer.getByte(offset + KIND) & 0xFF;
    }

    /**
     * @param dst receives the 32-byte digest.
     */
    public void sha256(final byte[] dst)
    {
        buffer.getBytes(offset + SHA, dst, 0, SHA_LENGTH);
    }

    /** @return input records applied, for output close checkpoints. */
    public long boundRecords()
    {
        return buffer.getLong(offset + BOUND_RECORDS, ORDER);
    }

    /** @return input chain head, for output close checkpoints. */
    public long boundChain()
    {
        return buffer.getLong(offset + BOUND_CHAIN, ORDER);
    }
}
