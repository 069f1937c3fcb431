package org.gridsettle.pricing.carbon;

/**
 * What to do when a series has no intensity for an instant: an explicit choice, because a silent zero would credit
 * clean energy that nobody measured.
 * <p>
 * {@link Mode#REJECT} treats every missing instant as missing. {@link Mode#CARRY_FORWARD} reuses the last interval
 * that has a value for at most N intervals after it ends, counted in lengths of that interval: with half-hours and
 * N = 2, the value ending at 10:00 serves 10:00 to 10:59:59 and 11:00 is missing. That count works the same whether
 * the gap is intervals published without a value or intervals absent from the file. Published series use one interval
 * length; if lengths were mixed, the stricter of two counts applies: missing intervals passed, and lengths of the last
 * valued interval elapsed. Nothing is ever carried backwards to instants before the first value.
 * <p>
 * Lookups are allocation-free. Immutable and safe to share between threads.
 */
public final class MissingIntensityPolicy
{
    /** Which rule applies. */
    public enum Mode
    {
        /** A missing instant stays missing. */
        REJECT,
        /** A missing instant takes the last value for up to N intervals. */
        CARRY_FORWARD
    }

    private static final MissingIntensityPolicy REJECT_POLICY = new MissingIntensityPolicy(Mode.REJECT, 0);

    private final Mode mode;
    private final int maxIntervals;

    private MissingIntensityPolicy(final Mode mode, final int maxIntervals)
    {
        this.mode = mode;
        this.maxIntervals = maxIntervals;
    }

    /**
     * @return the policy that never fills a missing instant.
     */
    public static MissingIntensityPolicy reject()
    {
        return REJECT_POLICY;
    }

    /**
     * @param maxIntervals how many intervals after the last value may reuse it, at least 1.
     * @return the carry-forward policy.
     * @throws IllegalArgumentException if maxIntervals is less than 1; use {@link #reject()} for zero.
     */
    public static MissingIntensityPolicy carryForward(final int maxIntervals)
    {
        if (maxIntervals < 1)
        {
            throw new IllegalArgumentException("carry-forward needs at least 1 interval, use reject(): " +
                maxIntervals);
        }
        return new MissingIntensityPolicy(Mode.CARRY_FORWARD, maxIntervals);
    }

    /**
     * @return the rule.
     */
    public Mode mode()
    {
        return mode;
    }

    /**
     * @return the carry-forward bound in intervals, 0 for REJECT.
     */
    public int maxIntervals()
    {
        return maxIntervals;
    }

    /**
     * Intensity at an instant under this policy.
     *
     * @param epochSecond the instant.
     * @param series      the series to look in.
     * @return mg CO2 per kWh, or {@link CarbonIntensitySeries#MISSING}; never 0 for a missing instant.
     */
    public long intensityAt(final long epochSecond, final CarbonIntensitySeries series)
    {
        final int index = resolveIndex(epochSecond, series);
        return index < 0 ? CarbonIntensitySeries.MISSING : series.mgPerKwhAt(index);
    }

    /**
     * Index of the interval whose value applies at an instant, so a caller can also journal its source and whether it
     * was carried (the index then does not contain the instant).
     *
     * @param epochSecond the instant.
     * @param series      the series to look in.
     * @return index of an interval with a value, or -1 if the instant is missing under this policy.
     */
    public int resolveIndex(final long epochSecond, final CarbonIntensitySeries series)
    {
        final int containing = series.indexAt(epochSecond);
        if (containing >= 0 && !series.isMissingAt(containing))
        {
            return containing;
        }
        if (mode == Mode.REJECT)
        {
            return -1;
        }

        // Every interval published without a value is at least one missing interval, so a scan past N of them can stop.
        int candidate = containing >= 0 ? containing - 1 : series.floorIndex(epochSecond);
        int missingSlots = containing >= 0 ? 1 : 0;
        while (candidate >= 0 && series.isMissingAt(candidate))
        {
            if (++missingSlots > maxIntervals)
            {
                return -1;
            }
            candidate--;
        }
        if (candidate < 0)
        {
            return -1;
        }

        // The instant is at or after the candidate's end; a wrapped (negative) difference means it is very far away.
        final long elapsed = epochSecond - series.endAt(candidate);
        if (elapsed < 0)
        {
            return -1;
        }
        return elapsed / series.secondsAt(candidate) < maxIntervals ? candidate : -1;
    }

    /**
     * {@inheritDoc}
     */
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof MissingIntensityPolicy))
        {
            return false;
        }
        final MissingIntensityPolicy that = (MissingIntensityPolicy)o;
        return mode == that.mode && maxIntervals == that.maxIntervals;
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        return 31 * mode.hashCode() + maxIntervals;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return mode == Mode.REJECT ? "REJECT" : "CARRY_FORWARD(" + maxIntervals + ")";
    }
}
