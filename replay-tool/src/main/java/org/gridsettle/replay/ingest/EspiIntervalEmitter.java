package org.gridsettle.replay.ingest;

import java.time.Instant;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Second pass over a Green Button feed: turns each IntervalReading of each IntervalBlock into a reading or a bad
 * record, using the meter and ReadingType the {@link EspiFeedIndex} resolved for its block.
 * <p>
 * Used by one thread; calls the sink on that thread.
 */
final class EspiIntervalEmitter implements AtomFeedWalker.EntryHandler
{
    private final String source;
    private final EspiFeedIndex index;
    private final MeterDataSink sink;
    private long readingCount;

    // Fields of the IntervalReading being read, reset for each one.
    private String startText;
    private String durationText;
    private String valueText;
    private boolean hasTimePeriod;
    /** The first field the reading gives twice, worded for the message; null when none is. */
    private String repeatedField;

    /**
     * @param source file name, for bad records.
     * @param index  links resolved by the first pass.
     * @param sink   receives readings and bad records.
     */
    EspiIntervalEmitter(final String source, final EspiFeedIndex index, final MeterDataSink sink)
    {
        this.source = source;
        this.index = index;
        this.sink = sink;
    }

    /**
     * @return number of readings delivered so far.
     */
    long readingCount()
    {
        return readingCount;
    }

    @Override
    public void onLink(final int entryIndex, final String rel, final String href)
    {
    }

    @Override
    public void onContent(final int entryIndex, final String contentPath, final XMLStreamReader reader)
        throws XMLStreamException
    {
        int blockOrdinal = 0;
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT)
        {
            if ("IntervalBlock".equals(reader.getLocalName()))
            {
                blockOrdinal++;
                final String blockPath = contentPath + "/IntervalBlock" + (1 == blockOrdinal ? "" : "[" +
                    blockOrdinal + "]");
                readBlock(reader, blockPath, index.contextFor(entryIndex));
            }
            else
            {
                AtomFeedWalker.skipElement(reader);
            }
        }
    }

    @Override
    public void onEntryEnd(final int entryIndex)
    {
    }

    private void readBlock(final XMLStreamReader reader, final String blockPath, final EspiBlockContext context)
        throws XMLStreamException
    {
        int readingOrdinal = 0;
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT)
        {
            if ("IntervalReading".equals(reader.getLocalName()))
            {
                readingOrdinal++;
                final String location = blockPath + "/IntervalReading[" + readingOrdinal + "] (" +
                    AtomFeedWalker.lineOf(reader) + ")";
                readReading(reader);
                deliver(location, context);
            }
            else
            {
                AtomFeedWalker.skipElement(reader);
            }
        }
    }

    private void readReading(final XMLStreamReader reader) throws XMLStreamException
    {
        startText = null;
        durationText = null;
        valueText = null;
        hasTimePeriod = false;
        repeatedField = null;
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT)
        {
            final String name = reader.getLocalName();
            // each at most once: a second one used to replace the first without a word
            if ("timePeriod".equals(name))
            {
                if (hasTimePeriod)
                {
                    noteRepeated("timePeriod twice");
                }
                hasTimePeriod = true;
                readTimePeriod(reader);
            }
            else if ("value".equals(name))
            {
                valueText = once(name, valueText, textOrMarker(reader));
            }
            else
            {
                // cost, ReadingQuality, consumptionTier, tou, cpp: not energy, not needed for settlement.
                AtomFeedWalker.skipElement(reader);
            }
        }
    }

    private void readTimePeriod(final XMLStreamReader reader) throws XMLStreamException
    {
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT)
        {
            final String name = reader.getLocalName();
            if ("start".equals(name))
            {
                startText = once(name, startText, textOrMarker(reader));
            }
            else if ("duration".equals(name))
            {
                durationText = once(name, durationText, textOrMarker(reader));
            }
            else
            {
                AtomFeedWalker.skipElement(reader);
            }
        }
    }

    private void deliver(final String location, final EspiBlockContext context)
    {
        if (null != context.problem())
        {
            sink.onBadRecord(source, location, context.problem());
            return;
        }
        if (null != repeatedField)
        {
            sink.onBadRecord(source, location, "IntervalReading has " + repeatedField + ": which one holds cannot " +
                "be told");
            return;
        }
        if (!hasTimePeriod || null == startText || null == durationText)
        {
            sink.onBadRecord(source, location, "IntervalReading has no complete timePeriod, expected " +
                "<timePeriod><duration>seconds</duration><start>epoch seconds</start></timePeriod>");
            return;
        }
        if (null == valueText)
        {
            sink.onBadRecord(source, location, "IntervalReading has no <value>");
            return;
        }

        final long start;
        final long duration;
        final long value;
        try
        {
            start = PlainNumbers.parseLong(startText);
            duration = PlainNumbers.parseLong(durationText);
            value = PlainNumbers.parseLong(valueText);
        }
        catch (final NumberFormatException ex)
        {
            sink.onBadRecord(source, location, "start " + DisplayText.quote(startText) + ", duration " +
                DisplayText.quote(durationText) + " and value " + DisplayText.quote(valueText) +
                " must all be whole numbers" + PlainNumbers.otherDigitsNote(startText + durationText + valueText));
            return;
        }
        if (duration <= 0 || duration > Integer.MAX_VALUE)
        {
            sink.onBadRecord(source, location, "timePeriod duration " + duration +
                " s, expected a positive number of seconds that fits an int");
            return;
        }

        final EspiReadingType readingType = context.readingType();
        final long wattHours;
        try
        {
            wattHours = readingType.toWattHours(value);
        }
        catch (final ArithmeticException ex)
        {
            sink.onBadRecord(source, location, "value " + value + " x 10^" + readingType.powerOfTenMultiplier() +
                " Wh does not fit a 64-bit count of Wh");
            return;
        }

        final String refusal = sink.refusal(context.meterId(), start);
        if (null != refusal)
        {
            // quoted, so that the summary counts these rows as one kind whatever their dates; an epoch second too far
            // out for an Instant is shown as the number alone
            final String instant = start >= Instant.MIN.getEpochSecond() ?
                " (" + DisplayText.quote(Instant.ofEpochSecond(start).toString()) + ")" : "";
            sink.onBadRecord(source, location, "IntervalReading start " + start + instant + " " + refusal);
            return;
        }
        readingCount++;
        sink.onReading(
            context.meterId(),
            readingType.channel(),
            start,
            (int)duration,
            readingType.isReverse() ? 0L : wattHours,
            readingType.isReverse() ? wattHours : 0L);
    }

    /** @return the field's first value, noting a second one as the reading's repeated field. */
    private String once(final String name, final String first, final String value)
    {
        if (null != first)
        {
            noteRepeated(name + " twice (" + DisplayText.quote(first) + " and " + DisplayText.quote(value) + ")");
            return first;
        }
        return value;
    }

    private void noteRepeated(final String field)
    {
        if (null == repeatedField)
        {
            repeatedField = field;
        }
    }

    private static String textOrMarker(final XMLStreamReader reader) throws XMLStreamException
    {
        final String text = AtomFeedWalker.elementText(reader);
        return null == text ? "(markup)" : text;
    }
}
