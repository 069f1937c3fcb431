package org.gridsettle.pricing.dr;

/**
 * How a demand-response event's baseline is found. The codes are journalled (the DR_EVENT record's baselineMethod
 * byte): never renumber, only add.
 * <p>
 * Immutable and thread-safe.
 */
public enum BaselineMethod
{
    /**
     * The average of the same local hours on the 10 most recent eligible weekdays, or for an event on a weekend day or
     * holiday the 4 most recent eligible weekend days and holidays ({@link TenInTenBaseline}).
     */
    TEN_IN_TEN(0),
    /** {@link #TEN_IN_TEN} scaled by the day-of adjustment, capped to [0.8, 1.2]. */
    TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT(1),
    /** A baseline declared in the event, the same Wh for every event hour. */
    DECLARED(2);

    private static final BaselineMethod[] BY_CODE = values();

    private final int code;

    BaselineMethod(final int code)
    {
        this.code = code;
    }

    /**
     * @return the journalled code.
     */
    public int code()
    {
        return code;
    }

    /**
     * @param code a journalled code.
     * @return the method, or null if this build does not know the code.
     */
    public static BaselineMethod ofCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
