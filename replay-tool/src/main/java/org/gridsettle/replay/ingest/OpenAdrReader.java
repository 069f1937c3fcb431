package org.gridsettle.replay.ingest;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the demand-response events of an OpenADR 2.0b {@code oadrDistributeEvent} (the payload a VTN sends its VENs),
 * bare or wrapped in {@code oadrPayload/oadrSignedObject}, plain or gzipped.
 * <p>
 * Per {@code oadr:oadrEvent} it reads, from {@code ei:eiEvent}: {@code eventDescriptor/eventID},
 * {@code modificationNumber}, {@code eventStatus} (one of the Energy Interoperation values {@code none far near
 * active completed cancelled}), {@code testEvent} (optional), {@code eiMarketContext/marketContext};
 * {@code eiActivePeriod/properties/dtstart/date-time} and {@code .../duration/duration}; and, when present,
 * {@code eiEventSignals/eiEventBaseline} with its intervals and the item that states their unit, and what
 * {@code eiTarget} names. Signals, tolerances, ramp-up and recovery are not read: the engine settles a reduction
 * against a baseline over the active period, for the meters the enrolment file puts in demand response, whatever the
 * targets say, except that {@code --ven-id} skips an event addressed to other VENs (a run warns about an event that
 * names what it does not select by).
 * <p>
 * Date-times must carry an offset (OpenADR sends UTC, {@code ...Z}); durations are ISO-8601 / RFC 5545
 * ({@code PT4H}, {@code P1DT2H}, {@code P1W}). A required field that is missing or unreadable stops the read with a
 * one-line {@link MeterDataException} naming file, line and event; nothing is guessed. DTDs and external entities are
 * refused ({@link XmlDocuments}), so XXE and entity-expansion payloads fail before any event is read.
 * <p>
 * Stateless: one instance may read several files, from several threads at once.
 */
public final class OpenAdrReader
{
    /** What the files must hold, for messages. */
    static final String DOCUMENT = "OpenADR 2.0b oadrDistributeEvent XML document";
    /** The Energy Interoperation EventStatusEnumeratedType. */
    static final Set<String> STATUSES = Set.of("none", "far", "near", "active", "completed", "cancelled");
    /** Children of an eiEventBaseline other than the item that names the unit of its values. */
    private static final Set<String> BASELINE_FIELDS =
        Set.of("dtstart", "duration", "intervals", "baselineID", "resourceID", "baselineName");
    private static final Pattern WEEKS = Pattern.compile("([+-]?)P(\\d{1,6})W");
    /** The largest xs:unsignedInt, the type of an OpenADR 2.0b {@code modificationNumber}. */
    private static final long MAX_MODIFICATION = 4_294_967_295L;

    /**
     * @param file an OpenADR 2.0b oadrDistributeEvent file, plain or gzipped.
     * @return its events, in document order.
     * @throws MeterDataException if the file is not such a document, is not well formed, holds a DOCTYPE, or an event
     *                            lacks a required field or has one that cannot be read. The message is one line.
     */
    public OpenAdrPayload read(final Path file)
    {
        final String source = String.valueOf(file.getFileName());
        final List<OpenAdrEvent> events = new ArrayList<>();
        final String[] ids = new String[2];
        XmlDocuments.parse(file, source, DOCUMENT, (reader) -> readRoot(source, reader, ids, events));
        return new OpenAdrPayload(source, ids[0], ids[1], events);
    }

    private static void readRoot(
        final String source, final XMLStreamReader reader, final String[] ids, final List<OpenAdrEvent> events)
        throws XMLStreamException
    {
        final String root = reader.getLocalName();
        if ("oadrDistributeEvent".equals(root))
        {
            readDistributeEvent(source, reader, ids, events);
            return;
        }
        if (!"oadrPayload".equals(root))
        {
            throw new MeterDataException(source, XmlDocuments.position(reader.getLocation()), "root element <" + root +
                ">, expected <oadrDistributeEvent> or an <oadrPayload> holding one");
        }
        boolean found = false;
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT)
        {
            if ("oadrSignedObject".equals(reader.getLocalName()))
            {
                while (reader.nextTag() == XMLStreamConstants.START_ELEMENT)
                {
                    if ("oadrDistributeEvent".equals(reader.getLocalName()))
                    {
                        found = true;
                        readDistributeEvent(source, reader, ids, events);
                    }
                    else
                    {
                        XmlDocuments.skipElement(reader);
                    }
                }
            }
            else
            {
                XmlDocuments.skipElement(reader);
            }
        }
        if (!found)
        {
            throw new MeterDataException(source, XmlDocuments.position(reader.getLocation()),
                "the oadrPayload holds no oadrDistributeEvent, expected " + DOCUMENT);
        }
    }

    private static void readDistributeEvent(
        final String source, final XMLStreamReader reader, final String[] ids, final List<OpenAdrEvent> events)
        throws XMLStreamException
    {
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT)
        {
            final String name = reader.getLocalName();
            if ("requestID".equals(name))
            {
                ids[0] = XmlElement.read(reader, new int[] {1}).text();
            }
            else if ("vtnID".equals(name))
            {
                ids[1] = XmlElement.read(reader, new int[] {1}).text();
            }
            else if ("oadrEvent".equals(name))
            {
                events.add(event(source, XmlElement.read(reader, new int[] {XmlElement.MAX_ELEMENTS})));
            }
            else
            {
                XmlDocuments.skipElement(reader);
            }
        }
    }

    private static OpenAdrEvent event(final String source, final XmlElement oadrEvent)
    {
        final Fields f = new Fields(source, oadrEvent.line(), null);
        final XmlElement ei = f.required(oadrEvent, "eiEvent");
        final String eventId = f.uniqueText(ei, "eventDescriptor", "eventID");
        final Fields e = new Fields(source, oadrEvent.line(), eventId);
        final long modification = e.modificationNumber(e.uniqueText(ei, "eventDescriptor", "modificationNumber"));
        final String status = e.uniqueText(ei, "eventDescriptor", "eventStatus");
        if (!STATUSES.contains(status))
        {
            throw e.bad("eventStatus " + DisplayText.quote(status) + " is not one of " +
                new java.util.TreeSet<>(STATUSES));
        }
        final XmlElement baseline = ei.find("eiEventSignals", "eiEventBaseline");
        return new OpenAdrEvent(
            eventId,
            modification,
            status,
            ei.textAt("eventDescriptor", "testEvent"),
            e.uniqueText(ei, "eventDescriptor", "eiMarketContext", "marketContext"),
            e.dateTime(e.uniqueText(ei, "eiActivePeriod", "properties", "dtstart", "date-time")),
            e.duration(e.uniqueText(ei, "eiActivePeriod", "properties", "duration", "duration")),
            baseline == null ? null : baseline(e, baseline),
            targets(ei),
            oadrEvent.line());
    }

    /**
     * @return each leaf that the event's eiTarget, and each of its signals' eiTarget, names, as its path below
     *         eiTarget and its text ({@code groupID Group_123}, {@code endDeviceAsset/mrid Exterior_Lighting}), once
     *         each, in document order; empty when no eiTarget names anything.
     */
    private static List<String> targets(final XmlElement eiEvent)
    {
        final java.util.Set<String> targets = new java.util.LinkedHashSet<>();
        addTargets(eiEvent.find("eiTarget"), targets);
        final XmlElement signals = eiEvent.find("eiEventSignals");
        for (final XmlElement signal : signals == null ? List.<XmlElement>of() : signals.all("eiEventSignal"))
        {
            addTargets(signal.find("eiTarget"), targets);
        }
        return List.copyOf(targets);
    }

    private static void addTargets(final XmlElement eiTarget, final java.util.Set<String> targets)
    {
        if (eiTarget != null)
        {
            for (final XmlElement child : eiTarget.children())
            {
                addLeaves(child.name(), child, targets);
            }
        }
    }

    private static void addLeaves(final String path, final XmlElement element, final java.util.Set<String> targets)
    {
        if (element.children().isEmpty())
        {
            if (!element.text().isEmpty())
            {
                targets.add(path + " " + element.text());
            }
            return;
        }
        for (final XmlElement child : element.children())
        {
            addLeaves(path + "/" + child.name(), child, targets);
        }
    }

    private static OpenAdrBaseline baseline(final Fields e, final XmlElement b)
    {
        final List<OpenAdrBaseline.Interval> intervals = new ArrayList<>();
        final XmlElement stream = b.find("intervals");
        for (final XmlElement interval : stream == null ? List.<XmlElement>of() : stream.all("interval"))
        {
            intervals.add(new OpenAdrBaseline.Interval(
                e.duration(e.requiredText(interval, "duration", "duration")),
                interval.textAt("uid", "text"),
                e.decimal(e.requiredText(interval, "signalPayload", "payloadFloat", "value"))));
        }
        XmlElement item = null;
        for (final XmlElement child : b.children())
        {
            if (!BASELINE_FIELDS.contains(child.name()))
            {
                item = child;
                break;
            }
        }
        return new OpenAdrBaseline(
            e.dateTime(e.requiredText(b, "dtstart", "date-time")),
            e.duration(e.requiredText(b, "duration", "duration")),
            intervals,
            b.textAt("baselineID"),
            b.textAt("baselineName"),
            item == null ? null : item.name(),
            item == null ? null : item.textAt("itemUnits"),
            item == null ? null : item.textAt("siScaleCode"));
    }

    /**
     * Reads fields of one event, wording every failure as one line naming the file, the event's line and its id.
     */
    private record Fields(String source, int line, String eventId)
    {
        MeterDataException bad(final String problem)
        {
            return new MeterDataException(source, "line " + line,
                (eventId == null ? "oadrEvent" : "event " + DisplayText.quote(eventId)) + ": " + problem);
        }

        XmlElement required(final XmlElement from, final String... path)
        {
            final XmlElement found = from.find(path);
            if (found == null)
            {
                throw bad("no <" + from.name() + "/" + String.join("/", path) + ">, which OpenADR 2.0b requires");
            }
            return found;
        }

        String requiredText(final XmlElement from, final String... path)
        {
            final String text = required(from, path).text();
            if (text.isEmpty())
            {
                throw bad("<" + from.name() + "/" + String.join("/", path) + "> is empty");
            }
            return text;
        }

        /**
         * An event's identity and hours, of which OpenADR 2.0b allows one each: a second one, which was silently
         * ignored, is refused, since which of the two the VTN meant cannot be told.
         */
        String uniqueText(final XmlElement from, final String... path)
        {
            final String text = requiredText(from, path);
            final XmlElement again = from.repeated(path);
            if (again != null)
            {
                throw bad("<" + from.name() + "/" + String.join("/", path) + "> is given twice (again at line " +
                    again.line() + "); OpenADR 2.0b allows one");
            }
            return text;
        }

        long modificationNumber(final String text)
        {
            try
            {
                // an xs:unsignedInt: digits 0-9 (Long.parseLong takes any Unicode digit), at most 4,294,967,295, so
                // that the number compared with the journal's is the one every other VEN reads
                final long value = PlainNumbers.parseLong(text);
                if (value >= 0 && value <= MAX_MODIFICATION)
                {
                    return value;
                }
            }
            catch (final NumberFormatException ignored)
            {
                // worded below
            }
            throw bad("modificationNumber " + DisplayText.quote(text) + " is not a whole number from 0 to " +
                MAX_MODIFICATION + " (an xs:unsignedInt)" + PlainNumbers.otherDigitsNote(text));
        }

        Instant dateTime(final String text)
        {
            try
            {
                return OffsetDateTime.parse(text).toInstant();
            }
            catch (final DateTimeParseException ex)
            {
                throw bad("date-time " + DisplayText.quote(text) + " is not an ISO-8601 date-time with an " +
                    "offset, such as 2026-04-29T23:00:00Z");
            }
        }

        Duration duration(final String text)
        {
            try
            {
                final Matcher weeks = WEEKS.matcher(text);
                final Duration parsed = weeks.matches() ?
                    Duration.ofDays(7L * Long.parseLong(weeks.group(2))).multipliedBy("-".equals(weeks.group(1)) ?
                    -1 : 1) : Duration.parse(text);
                if (!parsed.isNegative())
                {
                    return parsed;
                }
            }
            catch (final DateTimeParseException | ArithmeticException ignored)
            {
                // worded below
            }
            throw bad("duration " + DisplayText.quote(text) + " is not a non-negative ISO-8601 duration such as " +
                "PT4H");
        }

        BigDecimal decimal(final String text)
        {
            try
            {
                return new BigDecimal(text);
            }
            catch (final NumberFormatException ex)
            {
                throw bad("value " + DisplayText.quote(text) + " is not a decimal number");
            }
        }
    }
}
