package org.gridsettle.pricing.dr;

/**
 * The result of settling one meter for one demand-response event: the baseline days chosen, the adjustment, the
 * baseline and actual Wh of each event hour, the reduction and the credit. One instance is reused for every meter,
 * so settling allocates nothing.
 * <p>
 * Owned by one thread. Not thread-safe.
 */
public final class DrQuote
{
    /** Settled: {@link #reductionWh} and {@link #creditMicros} hold the result. */
    public static final int OK = 0;
    /**
     * Fewer than {@link TenInTenBaseline#DAYS} eligible days in the lookback ({@link TenInTenBaseline#WEEKEND_DAYS}
     * for a weekend or holiday event): no credit.
     */
    public static final int INSUFFICIENT_HISTORY = 1;
    /** The event day has no reading in an event hour, or in an hour of the adjustment window: no credit. */
    public static final int ACTUAL_MISSING = 2;

    /** {@link #OK}, {@link #INSUFFICIENT_HISTORY} or {@link #ACTUAL_MISSING}. */
    public int status;
    /** Baseline days chosen, most recent first (local epoch days); {@link #dayCount} of them are set. */
    public final long[] days = new long[TenInTenBaseline.DAYS];
    /** Number of baseline days chosen; 0 for a declared baseline. */
    public int dayCount;
    /** Day-of adjustment in parts per million after the cap; 1,000,000 when not adjusted. */
    public long ratioPpm;
    /** First event hour, local clock hour. */
    public int firstHour;
    /** Hour after the last event hour (exclusive), at most 24. */
    public int endHour;
    /** Baseline Wh per local hour; set for the event hours. */
    public final long[] baselineWh = new long[24];
    /** Actual imported Wh per local hour on the event day; set for the event hours. */
    public final long[] actualWh = new long[24];
    /** Sum over the event hours of max(0, baseline - actual), Wh. */
    public long reductionWh;
    /** Credit in micro-units of the program token. */
    public long creditMicros;

    void reset(final int firstHour, final int endHour)
    {
        this.status = OK;
        this.dayCount = 0;
        this.ratioPpm = TenInTenBaseline.PPM;
        this.firstHour = firstHour;
        this.endHour = endHour;
        this.reductionWh = 0;
        this.creditMicros = 0;
    }
}
