package org.gridsettle.pricing.carbon;

/**
 * Where one interval's carbon intensity came from, stored per value as a byte so a series stays primitive arrays.
 * <p>
 * The flag travels with the value into the journal, so an auditor can tell an estimate (forecast) from a settled
 * figure (actual) for every credit. Stateless and thread-safe.
 */
public final class IntensitySource
{
    /** No value was published for the interval; the value slot holds {@link CarbonIntensitySeries#MISSING}. */
    public static final byte MISSING = 0;
    /** The UK API's {@code intensity.actual}: the settled figure. */
    public static final byte ACTUAL = 1;
    /** The UK API's {@code intensity.forecast}, used only because {@code actual} was null. */
    public static final byte FORECAST = 2;
    /** A value from a CSV file, whose provenance the file itself does not state. */
    public static final byte MEASURED = 3;

    private IntensitySource()
    {
    }

    /**
     * @param source a flag.
     * @return true if the flag is one of the constants of this class.
     */
    public static boolean isValid(final byte source)
    {
        return source >= MISSING && source <= MEASURED;
    }

    /**
     * @param source a flag.
     * @return its upper-case name for reports, or {@code UNKNOWN(n)}.
     */
    public static String name(final byte source)
    {
        switch (source)
        {
            case MISSING:
                return "MISSING";
            case ACTUAL:
                return "ACTUAL";
            case FORECAST:
                return "FORECAST";
            case MEASURED:
                return "MEASURED";
            default:
                return "UNKNOWN(" + source + ")";
        }
    }
}
