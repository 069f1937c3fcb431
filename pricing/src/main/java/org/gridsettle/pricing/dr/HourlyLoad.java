package org.gridsettle.pricing.dr;

/**
 * A meter's metered load per local clock hour, as a baseline reads it. The engine implements it over its ring of
 * hourly aggregates; tests implement it over an array.
 * <p>
 * Implementations are read by one thread at a time; the threading contract is the implementation's.
 */
public interface HourlyLoad
{
    /**
     * @param localEpochDay local date, days since 1970-01-01 in the tariff's zone.
     * @param hour          local clock hour 0..23.
     * @return imported Wh in that hour, or a negative value if the hour has no (valid) reading.
     */
    long wh(long localEpochDay, int hour);
}
