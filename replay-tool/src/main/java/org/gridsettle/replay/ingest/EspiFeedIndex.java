package org.gridsettle.replay.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * First pass over a Green Button feed: records the Atom links of UsagePoint, MeterReading, ReadingType and
 * IntervalBlock entries, and the fields of each ReadingType, so that the second pass can tell each IntervalBlock
 * its meter and units wherever in the feed those entries appear. Holds metadata only, never readings, so memory
 * stays small for large feeds.
 * <p>
 * Links are resolved the way ESPI's REST layout has them: an IntervalBlock's {@code up} link is
 * {@code .../UsagePoint/{u}/MeterReading/{m}/IntervalBlock}; the MeterReading whose {@code related} link equals it
 * (or whose {@code self} link is that href less {@code /IntervalBlock}) carries a {@code related} link to the
 * ReadingType's {@code self} link; the UsagePoint's id is the path segment after {@code /UsagePoint/}.
 * <p>
 * Used by one thread. Maps are only looked up, never iterated for output, so their order cannot leak into results.
 */
final class EspiFeedIndex implements AtomFeedWalker.EntryHandler
{
    private static final String INTERVAL_BLOCK_SUFFIX = "/IntervalBlock";
    private static final String USAGE_POINT_SEGMENT = "/UsagePoint/";

    private final String meterIdOverride;
    private final Map<String, EspiReadingType> readingTypeBySelf = new HashMap<>();
    private final Map<String, List<String>> meterReadingRelatedBySelf = new HashMap<>();
    private final Map<String, String> meterReadingSelfByRelated = new HashMap<>();
    private final Map<String, EspiBlockContext> contextByUpHref = new HashMap<>();
    private final List<String> blockUpHrefByEntry = new ArrayList<>();
    private int readingTypeCount;
    private final List<Integer> tzOffsets = new ArrayList<>();

    // Per-entry state, reset at each entry end.
    private String self;
    private String up;
    private final List<String> related = new ArrayList<>();
    private String resourceKind;
    private String uomText;
    private String multiplierText;
    private String flowText;
    /** The first ReadingType field the entry gives twice, worded for the message; null when none is. */
    private String repeatedField;

    /**
     * @param meterIdOverride meter id for every reading, or null to take it from the UsagePoint links.
     */
    EspiFeedIndex(final String meterIdOverride)
    {
        this.meterIdOverride = meterIdOverride;
    }

    @Override
    public void onLink(final int entryIndex, final String rel, final String href)
    {
        final String normalised = normalise(href);
        if ("self".equals(rel))
        {
            self = normalised;
        }
        else if ("up".equals(rel))
        {
            up = normalised;
        }
        else if ("related".equals(rel))
        {
            related.add(normalised);
        }
    }

    @Override
    public void onContent(final int entryIndex, final String contentPath, final XMLStreamReader reader)
        throws XMLStreamException
    {
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT)
        {
            final String name = reader.getLocalName();
            if (null == resourceKind)
            {
                resourceKind = name;
            }
            if ("ReadingType".equals(name))
            {
                readReadingType(reader);
            }
            else if ("LocalTimeParameters".equals(name))
            {
                readLocalTimeParameters(reader);
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
        while (blockUpHrefByEntry.size() <= entryIndex)
        {
            blockUpHrefByEntry.add(null);
        }

        if ("ReadingType".equals(resourceKind))
        {
            readingTypeCount++;
            if (null != self)
            {
                readingTypeBySelf.put(self, null != repeatedField ?
                    EspiReadingType.refused(self, "ReadingType " + self + " has " + repeatedField + ": which one " +
                    "holds cannot be told, and it decides the unit, scale or direction of every reading") :
                    EspiReadingType.parse(self, uomText, multiplierText, flowText));
            }
        }
        else if ("MeterReading".equals(resourceKind) && null != self)
        {
            meterReadingRelatedBySelf.put(self, new ArrayList<>(related));
            for (final String href : related)
            {
                meterReadingSelfByRelated.put(href, self);
            }
        }
        else if ("IntervalBlock".equals(resourceKind))
        {
            // An empty string marks "IntervalBlock without an up link", distinct from "not an IntervalBlock".
            blockUpHrefByEntry.set(entryIndex, null == up ? "" : up);
        }

        self = null;
        up = null;
        related.clear();
        resourceKind = null;
        uomText = null;
        multiplierText = null;
        flowText = null;
        repeatedField = null;
    }

    /**
     * Refuses meter ids that would merge readings of different UsagePoints, since they would then collide on
     * (meter, channel, interval start): an override on a feed with several UsagePoints, or two UsagePoint hrefs
     * that end in the same id (e.g. {@code RetailCustomer/3/UsagePoint/1} and {@code RetailCustomer/4/UsagePoint/1}).
     *
     * @param source file name, for the message.
     * @throws MeterDataException if two UsagePoints would share a meter id.
     */
    void checkMeterIdsAreDistinct(final String source)
    {
        final TreeMap<String, String> usagePointHrefById = new TreeMap<>();
        final TreeSet<String> usagePointHrefs = new TreeSet<>();
        for (final String upHref : blockUpHrefByEntry)
        {
            final String usagePointHref = null == upHref ? null : usagePointHref(upHref);
            if (null != usagePointHref && usagePointHrefs.add(usagePointHref))
            {
                final String id = usagePointHref.substring(usagePointHref.lastIndexOf('/') + 1);
                final String clash = usagePointHrefById.putIfAbsent(id, usagePointHref);
                if (null == meterIdOverride && null != clash)
                {
                    throw new MeterDataException(source, "feed", "UsagePoints " + clash + " and " + usagePointHref +
                        " both have id " + DisplayText.quote(id) + ", expected distinct ids; read them separately");
                }
            }
        }
        if (null != meterIdOverride && usagePointHrefs.size() > 1)
        {
            throw new MeterDataException(source, "feed", "meter id override " + DisplayText.quote(meterIdOverride) +
                " given but IntervalBlocks belong to " + usagePointHrefs.size() + " UsagePoints, expected one");
        }
    }

    /**
     * @param entryIndex 1-based entry index of an IntervalBlock entry.
     * @return meter and reading type for its readings, or the reason they cannot be delivered.
     */
    EspiBlockContext contextFor(final int entryIndex)
    {
        final String upHref = entryIndex < blockUpHrefByEntry.size() ? blockUpHrefByEntry.get(entryIndex) : null;
        final String key = null == upHref ? "" : upHref;
        return contextByUpHref.computeIfAbsent(key, this::resolve);
    }

    private EspiBlockContext resolve(final String upHref)
    {
        if (upHref.isEmpty())
        {
            return EspiBlockContext.unusable(
                "IntervalBlock entry has no <link rel=\"up\">, so its MeterReading and ReadingType are unknown");
        }

        final String meterId = null != meterIdOverride ? meterIdOverride : usagePointId(upHref);
        if (null == meterId)
        {
            return EspiBlockContext.unusable("IntervalBlock up link " + upHref +
                " names no UsagePoint/{id}, expected .../UsagePoint/{id}/MeterReading/{id}/IntervalBlock or a " +
                "meter id given by the caller");
        }

        if (0 == readingTypeCount)
        {
            return EspiBlockContext.of(meterId, EspiReadingType.DEFAULT);
        }

        String meterReading = meterReadingSelfByRelated.get(upHref);
        if (null == meterReading && upHref.endsWith(INTERVAL_BLOCK_SUFFIX))
        {
            final String candidate = upHref.substring(0, upHref.length() - INTERVAL_BLOCK_SUFFIX.length());
            meterReading = meterReadingRelatedBySelf.containsKey(candidate) ? candidate : null;
        }
        if (null == meterReading)
        {
            return EspiBlockContext.unusable("no MeterReading entry links IntervalBlocks " + upHref +
                ", so their ReadingType is unknown");
        }

        for (final String href : meterReadingRelatedBySelf.get(meterReading))
        {
            final EspiReadingType readingType = readingTypeBySelf.get(href);
            if (null != readingType)
            {
                return null == readingType.problem() ?
                    EspiBlockContext.of(meterId, readingType) : EspiBlockContext.unusable(readingType.problem());
            }
        }
        return EspiBlockContext.unusable("MeterReading " + meterReading +
            " has no related link to a ReadingType entry in this feed");
    }

    private void readReadingType(final XMLStreamReader reader) throws XMLStreamException
    {
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT)
        {
            final String name = reader.getLocalName();
            // each at most once: a second one used to replace the first without a word, so that a
            // flowDirection 1 then 19 settled every import as an export, and a multiplier 3 then 0 kWh as Wh
            if ("uom".equals(name))
            {
                uomText = once(name, uomText, textOrMarker(reader));
            }
            else if ("powerOfTenMultiplier".equals(name))
            {
                multiplierText = once(name, multiplierText, textOrMarker(reader));
            }
            else if ("flowDirection".equals(name))
            {
                flowText = once(name, flowText, textOrMarker(reader));
            }
            else
            {
                AtomFeedWalker.skipElement(reader);
            }
        }
    }

    private void readLocalTimeParameters(final XMLStreamReader reader) throws XMLStreamException
    {
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT)
        {
            if ("tzOffset".equals(reader.getLocalName()))
            {
                final String text = AtomFeedWalker.elementText(reader);
                // at most a day either way, in whole seconds; anything else says nothing about the meter's zone
                if (null != text && text.strip().matches("[+-]?[0-9]{1,5}") &&
                    Math.abs(Integer.parseInt(text.strip())) <= 18 * 3600)
                {
                    tzOffsets.add(Integer.parseInt(text.strip()));
                }
            }
            else
            {
                AtomFeedWalker.skipElement(reader);
            }
        }
    }

    /**
     * @return the {@code tzOffset} of each LocalTimeParameters entry that states a usable one, in file order.
     */
    List<Integer> tzOffsets()
    {
        return tzOffsets;
    }

    /**
     * @return true when the feed holds no ReadingType entry at all, so that its readings are read as
     *         {@link EspiReadingType#DEFAULT}: a unit and direction the file does not state.
     */
    boolean holdsNoReadingType()
    {
        return 0 == readingTypeCount;
    }

    /** @return the field's first value, noting a second one as the entry's repeated field. */
    private String once(final String name, final String first, final String value)
    {
        if (null != first && null == repeatedField)
        {
            repeatedField = name + " twice (" + DisplayText.quote(first) + " and " + DisplayText.quote(value) + ")";
        }
        return null != first ? first : value;
    }

    private static String textOrMarker(final XMLStreamReader reader) throws XMLStreamException
    {
        final String text = AtomFeedWalker.elementText(reader);
        return null == text ? "(markup)" : text;
    }

    private static String usagePointId(final String upHref)
    {
        final String usagePointHref = usagePointHref(upHref);
        return null == usagePointHref ? null : usagePointHref.substring(usagePointHref.lastIndexOf('/') + 1);
    }

    private static String usagePointHref(final String upHref)
    {
        final int at = upHref.lastIndexOf(USAGE_POINT_SEGMENT);
        if (at < 0)
        {
            return null;
        }
        final int from = at + USAGE_POINT_SEGMENT.length();
        final int slash = upHref.indexOf('/', from);
        final int end = slash < 0 ? upHref.length() : slash;
        return end == from ? null : upHref.substring(0, end);
    }

    private static String normalise(final String href)
    {
        return href.endsWith("/") ? href.substring(0, href.length() - 1) : href;
    }
}
