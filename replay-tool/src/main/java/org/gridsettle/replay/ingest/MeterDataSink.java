package org.gridsettle.replay.ingest;

/**
 * Receives what a meter-data reader finds in a file: each valid interval reading, and each record it had to skip.
 * <p>
 * Called on the thread that calls the reader's {@code read} method, in file order. Readers never call it
 * concurrently, so an implementation used by one reader at a time needs no synchronisation.
 */
public interface MeterDataSink
{
    /**
     * One interval reading, in whole watt-hours.
     *
     * @param meterId                  meter the reading belongs to, as named in the file or by the caller.
     * @param channel                  register channel, 0 to 255.
     * @param intervalStartEpochSecond interval start, seconds since the epoch, UTC.
     * @param intervalSeconds          interval length in seconds, always positive.
     * @param importWh                 energy delivered to the customer; may be negative, the engine rejects that.
     * @param exportWh                 energy received from the customer; may be negative, the engine rejects that.
     */
    void onReading(
        String meterId,
        int channel,
        long intervalStartEpochSecond,
        int intervalSeconds,
        long importWh,
        long exportWh);

    /**
     * Asked by a reader before {@link #onReading}: a reading the sink can tell will never settle is reported as a bad
     * record at its place in the file instead, where the sink alone could not say where it came from.
     *
     * @param meterId                  meter the reading belongs to.
     * @param intervalStartEpochSecond interval start, seconds since the epoch, UTC.
     * @return null to take the reading; else the rest of a sentence whose subject is the interval start, saying why
     *         the reading is refused.
     */
    default String refusal(final String meterId, final long intervalStartEpochSecond)
    {
        return null;
    }

    /**
     * A record that was skipped. The reader carries on with the rest of the file after this call.
     *
     * @param source   file name the record came from.
     * @param location where in the file, e.g. {@code line 17} or
     *                 {@code feed/entry[3]/content/IntervalBlock/IntervalReading[5] (line 120)}.
     * @param problem  what is wrong with it, one line.
     */
    void onBadRecord(String source, String location, String problem);

    /**
     * The standard-time offset a Green Button feed states in its LocalTimeParameters; the readings are in UTC
     * whatever it says, so a sink that does not check it against the tariff's zone may ignore it.
     *
     * @param source                file name.
     * @param standardOffsetSeconds {@code tzOffset}: seconds east of UTC in standard time.
     */
    default void onLocalTimeOffset(final String source, final int standardOffsetSeconds)
    {
    }

    /**
     * The UTC offset a meter CSV writes its first interval start with, when it writes one other than zero: the
     * meter's local offset at that instant, which a sink may check against the tariff's zone.
     *
     * @param source        file name.
     * @param epochSecond   the interval start.
     * @param offsetSeconds seconds east of UTC it is written with.
     */
    default void onStatedOffset(final String source, final long epochSecond, final int offsetSeconds)
    {
    }

    /**
     * A Green Button feed whose readings were delivered with no ReadingType in it: as Wh delivered to the customer,
     * a unit and direction the file does not state, which a sink that reports to a person should say.
     *
     * @param source file name.
     */
    default void onUnstatedReadingType(final String source)
    {
    }

    /**
     * @param source a file whose readings were delivered with no ReadingType stating their unit.
     * @return the warning a command prints for it.
     */
    static String unstatedReadingTypeWarning(final String source)
    {
        return source + ": holds no ReadingType, so its values were read as Wh delivered to the customer (import); " +
            "a feed in another unit, or of exports, needs the ReadingType its MeterReading links to";
    }
}
