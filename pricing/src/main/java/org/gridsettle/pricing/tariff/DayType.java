package org.gridsettle.pricing.tariff;

/**
 * The kinds of day a time-of-use schedule distinguishes. Ordinals are part of the journal format: never reorder.
 */
public enum DayType
{
    /** Monday to Friday that is not a holiday of the tariff. */
    WEEKDAY,
    /** Saturday and Sunday. */
    WEEKEND,
    /** A date listed in the tariff's holiday calendar; priced with its own schedule. */
    HOLIDAY;

    private static final DayType[] VALUES = values();

    /**
     * @param ordinal the journalled ordinal.
     * @return the day type.
     */
    public static DayType of(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
