package org.gridsettle.replay.ingest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads interval energy from a Green Button (NAESB ESPI) Atom feed, plain or gzipped (recognised by its magic
 * bytes), and hands each IntervalReading to a {@link MeterDataSink} in whole watt-hours.
 * <p>
 * How values are read:
 * <ul>
 *   <li>The IntervalBlock's ReadingType is found through the Atom links as ESPI lays them out: the
 *       block's {@code up} link {@code .../UsagePoint/{u}/MeterReading/{m}/IntervalBlock} matches a MeterReading's
 *       {@code related} link (or its {@code self} link plus {@code /IntervalBlock}), and that MeterReading's other
 *       {@code related} link is the ReadingType's {@code self} link. Entries may come in any order, so the file
 *       is read twice: once for the links, once for the readings. A file that is not well formed is therefore
 *       refused before any reading is delivered.</li>
 *   <li>Only {@code uom} 72 (Wh) is accepted; readings of any other unit are bad records.</li>
 *   <li>Wh = value &times; 10^{@code powerOfTenMultiplier}, computed exactly. A negative multiplier that leaves a
 *       fraction is rounded half-even to a whole Wh, with no bad record: that is the engine's one rounding rule,
 *       and the lost fraction is below the meter's own stated resolution of a Wh. A result beyond a long is a bad
 *       record.</li>
 *   <li>{@code flowDirection} 1 (forward) gives import on channel 0 with export 0; {@code flowDirection} 19
 *       (reverse) gives export on channel 1 with import 0. Separate channels keep a net meter's two MeterReadings
 *       from colliding on the tick identity (meter, channel, interval start).</li>
 *   <li>A feed with IntervalBlocks but no ReadingType entry at all is read as Wh, multiplier 0, flowDirection 1,
 *       and {@link MeterDataSink#onUnstatedReadingType} is told so once its readings are delivered.
 *       A feed that has ReadingTypes but none linked to a block reports that block's readings as bad records.</li>
 *   <li>The interval is the IntervalReading's {@code timePeriod}: {@code start} in epoch seconds and
 *       {@code duration} in seconds, which must be positive.</li>
 *   <li>The meter id is the UsagePoint id, the path segment after {@code /UsagePoint/} in the block's links,
 *       unless the caller gives one. Either way, a feed whose UsagePoints would share a meter id is refused.</li>
 *   <li>Values are delivered as found, negative ones included: the engine journals and rejects those itself.</li>
 *   <li>The {@code tzOffset} of each LocalTimeParameters entry goes to {@link MeterDataSink#onLocalTimeOffset}
 *       before the readings: they are in UTC whatever it says, but a zone other than the tariff's is worth a
 *       warning ({@link FeedTimeZones}).</li>
 * </ul>
 * DTDs and external entities are disabled, so XXE and entity-expansion payloads are refused with a
 * {@link MeterDataException}; nothing is fetched from a file or the network.
 * <p>
 * Immutable and stateless between calls: one instance may read several files, from several threads at once.
 */
public final class GreenButtonReader
{
    private final String meterIdOverride;

    /**
     * A reader that takes each meter id from the feed's UsagePoint links.
     */
    public GreenButtonReader()
    {
        this.meterIdOverride = null;
    }

    /**
     * A reader that delivers every reading under the given meter id, for feeds of one UsagePoint.
     *
     * @param meterIdOverride meter id to use for all readings.
     */
    public GreenButtonReader(final String meterIdOverride)
    {
        this.meterIdOverride = Objects.requireNonNull(meterIdOverride, "meterIdOverride");
    }

    /**
     * Reads a feed. Bad IntervalReadings go to {@link MeterDataSink#onBadRecord} and the rest are still delivered.
     *
     * @param file a Green Button XML file, plain or gzipped.
     * @param sink receives readings and bad records, on this thread, in file order.
     * @return number of readings delivered.
     * @throws MeterDataException if the file is empty, not well-formed XML, holds a DOCTYPE, is not an Atom feed
     *                            or entry, or would merge UsagePoints under one meter id. The message is one line.
     */
    public long read(final Path file, final MeterDataSink sink)
    {
        return read(file, sink, ReadProgress.NONE);
    }

    /**
     * As {@link #read(Path, MeterDataSink)}, counting the file's bytes as they are read: twice, since the feed is
     * walked once for its index and once for its readings ({@link UsageFormat#readPasses()}).
     */
    long read(final Path file, final MeterDataSink sink, final ReadProgress progress)
    {
        Objects.requireNonNull(sink, "sink");
        final String source = String.valueOf(file.getFileName());

        final EspiFeedIndex index = new EspiFeedIndex(meterIdOverride);
        AtomFeedWalker.walk(file, source, index, progress);
        index.checkMeterIdsAreDistinct(source);
        index.tzOffsets().forEach((offset) -> sink.onLocalTimeOffset(source, offset));

        final EspiIntervalEmitter emitter = new EspiIntervalEmitter(source, index, sink);
        AtomFeedWalker.walk(file, source, emitter, progress);
        if (index.holdsNoReadingType() && emitter.readingCount() > 0)
        {
            sink.onUnstatedReadingType(source);
        }
        return emitter.readingCount();
    }
}
