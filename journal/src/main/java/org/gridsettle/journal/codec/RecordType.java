package org.gridsettle.journal.codec;

/**
 * Every record type gridsettle journals, with its stable type id and current schema version.
 * <p>
 * Ids and versions are part of the file format (see {@code journal/FORMAT.md}): never renumber, only add.
 * Ids below 100 are inputs, 100 and above are outputs.
 * <p>
 * Threading: immutable constants; thread-safe.
 */
public enum RecordType
{
    /** A meter interval reading. */
    METER_TICK(1, 1, 72),
    /** A customer account is opened. */
    ACCOUNT_REGISTRATION(2, 1, 40),
    /** A meter is enrolled on an account and tariff. Version 2 adds the pricing node (112 bytes); version 3
     * (120 bytes, written only when a limit is set) the meter's import and export reading limits. Versions 1 (80
     * bytes, enrolments without a node) and 2 are still read. */
    METER_ENROLMENT(3, 1, new int[] {80, 112, 120}),
    /** A whole tariff version, so that a journal replays without side files. Version 2 adds tiers, export rule and
     * demand charges, version 3 oracle-priced exports, version 4 (written only when needed) demand tiers, version 5
     * (written only for a tariff with a demand schedule; format version 7) a demand schedule with its own demand
     * periods and rates; version 1 records are still read. */
    TARIFF_VERSION(4, 5, -200, 1),
    /** Grid carbon intensity of a region over consecutive intervals. */
    CARBON_INTENSITY(5, 1, -64),
    /** Oracle (wholesale) prices of a pricing node over consecutive intervals. */
    ORACLE_PRICE(6, 1, -88),
    /** A demand-response event: program, event id, hours, incentive and baseline method. Version 2 (104 bytes,
     * written only when one is given; format version 6) adds the OpenADR modification number; version 1 (96 bytes)
     * is still read, as an event whose modification is unknown. Version 3 (format version 9) is version 2's layout
     * meaning a modification that replaces the pending event of its id at a lower number. */
    DR_EVENT(7, 1, new int[] {96, 104, 104}),
    /** A program token is burnt: the off-ramp. */
    REDEMPTION(8, 1, 64),
    /** Daily interest on held program-token balances. */
    INTEREST_ACCRUAL(9, 1, 64),
    /** End of a local day or close of a billing period. */
    CALENDAR(10, 1, 56),
    /** A demand-response event taken back before it settled (an OpenADR cancellation); format version 4. Version 2
     * (64 bytes, written only when one is given; format version 8) adds the cancellation's OpenADR modification
     * number; version 1 (56 bytes) is still read, as a withdrawal whose modification is unknown. */
    DR_EVENT_WITHDRAWAL(11, 1, new int[] {56, 64}),
    /** A double-entry posting. */
    TRANSFER(101, 1, 120),
    /** An input refused with a reason. */
    REJECTION(102, 1, 48),
    /** An exact duplicate acknowledged without effect. */
    DUPLICATE_ACK(103, 1, 48),
    /** A SHA-256 seal over the records since the previous one; written by the journal itself. */
    CHECKPOINT(104, 1, 104);

    private static final RecordType[] BY_ID = new RecordType[256];

    static
    {
        for (final RecordType t : values())
        {
            BY_ID[t.id] = t;
        }
    }

    private final int id;
    private final int schemaVersion;
    private final int fixedLength;
    private final int oldestReadableVersion;
    private final int olderFixedLength;
    private final int[] lengthByVersion;

    RecordType(final int id, final int schemaVersion, final int fixedLength)
    {
        this(id, schemaVersion, fixedLength, schemaVersion);
    }

    /**
     * A fixed-size type that grew more than once.
     *
     * @param oldestReadableVersion the first version in {@code lengthByVersion}.
     * @param lengthByVersion       the record length of each version from the oldest readable one to the one this
     *                              build writes, none shorter than the one before.
     */
    RecordType(final int id, final int oldestReadableVersion, final int[] lengthByVersion)
    {
        this.id = id;
        this.schemaVersion = oldestReadableVersion + lengthByVersion.length - 1;
        this.fixedLength = lengthByVersion[lengthByVersion.length - 1];
        this.oldestReadableVersion = oldestReadableVersion;
        this.olderFixedLength = lengthByVersion[0];
        this.lengthByVersion = lengthByVersion;
    }

    RecordType(final int id, final int schemaVersion, final int fixedLength, final int oldestReadableVersion)
    {
        this(id, schemaVersion, fixedLength, oldestReadableVersion, fixedLength);
    }

    /**
     * @param olderFixedLength the fixed length of every readable version older than {@code schemaVersion}, for a
     *                         fixed-size type whose new version grew.
     */
    RecordType(
        final int id,
        final int schemaVersion,
        final int fixedLength,
        final int oldestReadableVersion,
        final int olderFixedLength)
    {
        this.id = id;
        this.schemaVersion = schemaVersion;
        this.fixedLength = fixedLength;
        this.oldestReadableVersion = oldestReadableVersion;
        this.olderFixedLength = olderFixedLength;
        this.lengthByVersion = null;
    }

    /**
     * @param version a schema version found in a record.
     * @return true if this build reads records of that version.
     */
    public boolean reads(final int version)
    {
        return version >= oldestReadableVersion && version <= schemaVersion;
    }

    /**
     * @return stable type id.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return schema version this build writes.
     */
    public int schemaVersion()
    {
        return schemaVersion;
    }

    /**
     * @return record length for fixed-size types, or -1 for variable-length ones.
     */
    public int fixedLength()
    {
        return fixedLength > 0 ? fixedLength : -1;
    }

    /**
     * @param version a schema version this build reads.
     * @return the record length of that version for fixed-size types, or -1 for variable-length ones.
     */
    public int fixedLength(final int version)
    {
        if (fixedLength <= 0)
        {
            return -1;
        }
        if (lengthByVersion != null)
        {
            return lengthByVersion[version - oldestReadableVersion];
        }
        return version == schemaVersion ? fixedLength : olderFixedLength;
    }

    /**
     * @return the shortest valid record of this type: its fixed length, or for a variable-length type the bytes its
     *         fixed fields and smallest body need, so nothing reads past a short record.
     */
    public int minLength()
    {
        return Math.min(Math.abs(fixedLength), Math.abs(olderFixedLength));
    }

    /**
     * @return true if this is an input type.
     */
    public boolean isInput()
    {
        return id < 100;
    }

    /**
     * @param id raw type id.
     * @return the type, or null if this build does not know it.
     */
    public static RecordType ofId(final int id)
    {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
