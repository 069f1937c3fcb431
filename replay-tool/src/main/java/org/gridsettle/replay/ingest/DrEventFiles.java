package org.gridsettle.replay.ingest;

import org.gridsettle.pricing.dr.BaselineMethod;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The OpenADR 2.0b demand-response events of an ingest, read whole and mapped to engine DR events before anything is
 * journalled. The mapping:
 * <ul>
 *   <li><b>Modifications.</b> Across every file of the run, the highest {@code modificationNumber} of an eventID
 *       wins, as a VEN applies it; lower ones are counted as superseded. The same eventID and number twice is fine
 *       when both say the same (a payload sent again), and refused when they differ. The winning number is
 *       journalled with the event (DR_EVENT schema 2), so that across runs an older modification is recognised:
 *       one older than the journal's is skipped as superseded ({@link DrPublications}); at the journal's number or
 *       above, the engine decides: the same event again is acknowledged as a duplicate, a changed one is rejected
 *       CONFLICTING_DUPLICATE, since a journalled event cannot be changed, only withdrawn; a copy of one an earlier
 *       run withdrew is skipped unless it is newer than the journal's ({@link DrPublications}).</li>
 *   <li><b>Statuses.</b> {@code far}, {@code near}, {@code active} and {@code completed} events are settled;
 *       {@code cancelled} ones and {@code none} ("no event pending") are skipped, and so is every test event
 *       ({@code testEvent} other than {@code false}); skipped events are listed in the report, not journalled.</li>
 *   <li><b>VEN.</b> Given a venID ({@code --ven-id}), an event whose eiTargets (its own or its signals') name
 *       venIDs, none of them that one, is addressed to other VENs: its winning modification is skipped whatever
 *       its status, so that another VEN's cancellation, hours, engine id or program does not touch this run. An
 *       event naming no venID is every VEN's.</li>
 *   <li><b>Cancellations.</b> A {@code cancelled} event that is not a test event is also kept with its engine id
 *       ({@link #cancelled()}): when an earlier run journalled that id and did not withdraw it, the ingest journals
 *       a withdrawal (DR_EVENT_WITHDRAWAL), so that the event does not settle; a cancelled event never journalled
 *       is only skipped, and a cancellation at or below the modification the journal holds is stale and not
 *       withdrawn ({@link DrWithdrawals}).</li>
 *   <li><b>Hours.</b> An event to settle must be whole local hours of one local day of the tariff's zone
 *       ({@link DrEventHours}), else the run is refused with one line naming file, line, event and problem.</li>
 *   <li><b>Ids.</b> The engine's event id is derived from the eventID ({@link DrEventIds}); two events of the run
 *       that map to one id are refused, cancelled ones included, since withdrawing one would withdraw the other.</li>
 *   <li><b>Baseline.</b> With {@code --dr-baseline declared} each event's {@code eiEventBaseline} gives the
 *       declared Wh per hour ({@link DeclaredBaseline}); with a 10-in-10 method an event's baseline is not used.</li>
 *   <li><b>One program.</b> The token, incentive and method given on the command line are one program's, so events
 *       of more than one market context are refused.</li>
 * </ul>
 * Events are published in start order (then by id), so that settlement order does not depend on file order.
 * <p>
 * Immutable once read; safe to share between threads.
 */
public final class DrEventFiles
{
    /** No DR events. */
    public static final DrEventFiles NONE =
        new DrEventFiles(List.of(), null, null, List.of(), List.of(), List.of(), 0);

    private final List<String> files;
    private final DrProgram program;
    private final String venId;
    private final List<Mapped> events;
    private final List<Skipped> skipped;
    private final List<Cancelled> cancelled;
    private final int superseded;

    private DrEventFiles(final List<String> files, final DrProgram program, final String venId,
        final List<Mapped> events, final List<Skipped> skipped, final List<Cancelled> cancelled, final int superseded)
    {
        this.files = List.copyOf(files);
        this.program = program;
        this.venId = venId;
        this.events = List.copyOf(events);
        this.skipped = List.copyOf(skipped);
        this.cancelled = List.copyOf(cancelled);
        this.superseded = superseded;
    }

    /**
     * An OpenADR event with the engine id it maps to.
     */
    public interface Identified
    {
        /** @return file it was read from. */
        String source();

        /** @return the OpenADR event (its winning modification). */
        OpenAdrEvent event();

        /** @return the engine's event id. */
        long engineId();

        /** @return how the id was derived, for the report. */
        String idRule();
    }

    /**
     * An event to publish.
     *
     * @param source            file it was read from.
     * @param event             the OpenADR event (its winning modification).
     * @param engineId          the engine's event id.
     * @param idRule            how the id was derived, for the report.
     * @param start             first instant, epoch seconds.
     * @param end               exclusive end, epoch seconds.
     * @param declaredWhPerHour the declared baseline for {@link BaselineMethod#DECLARED}, else 0.
     */
    public record Mapped(String source, OpenAdrEvent event, long engineId, String idRule, long start, long end,
        long declaredWhPerHour) implements Identified
    {
    }

    /**
     * A cancelled event (not a test event): withdrawn if an earlier run journalled it.
     *
     * @param source   file it was read from.
     * @param event    the OpenADR event (its winning, cancelled modification).
     * @param engineId the engine's event id.
     * @param idRule   how the id was derived, for the report.
     */
    public record Cancelled(String source, OpenAdrEvent event, long engineId, String idRule) implements Identified
    {
    }

    /**
     * An event not settled.
     *
     * @param source file it was read from.
     * @param event  the OpenADR event (its winning modification).
     * @param reason why, e.g. {@code cancelled}.
     */
    public record Skipped(String source, OpenAdrEvent event, String reason)
    {
    }

    /**
     * A copy of an event older than the modification the journal holds of it: a stale cancellation, or an event to
     * settle superseded by the journal's. Nothing is journalled for it.
     *
     * @param older                  the copy of this run.
     * @param journalledModification the highest modification number the journal holds of the event.
     */
    public record Older(Identified older, long journalledModification)
    {
    }

    private record Found(String source, OpenAdrEvent event)
    {
    }

    /**
     * Reads the events of every VEN the files address: {@link #read(List, DrProgram, ZoneId, String)} without a VEN.
     *
     * @param paths   OpenADR oadrDistributeEvent files.
     * @param program the program's token, incentive and method.
     * @param zone    the tariff's zone.
     * @return the events to publish and those skipped.
     */
    public static DrEventFiles read(final List<Path> paths, final DrProgram program, final ZoneId zone)
    {
        return read(paths, program, zone, null);
    }

    /**
     * @param paths   OpenADR oadrDistributeEvent files.
     * @param program the program's token, incentive and method.
     * @param zone    the tariff's zone.
     * @param venId   {@code --ven-id}: the VEN whose events to settle, or null for every event.
     * @return the events to publish and those skipped.
     * @throws MeterDataException       when a file cannot be read, or an event cannot be settled as given.
     * @throws IllegalArgumentException when the events span more than one market context.
     */
    public static DrEventFiles read(final List<Path> paths, final DrProgram program, final ZoneId zone,
        final String venId)
    {
        Objects.requireNonNull(program, "program");
        final OpenAdrReader reader = new OpenAdrReader();
        final List<String> names = new ArrayList<>();
        final Map<String, Found> latest = new LinkedHashMap<>();
        int superseded = 0;
        for (final Path path : paths)
        {
            final OpenAdrPayload payload = reader.read(path);
            names.add(payload.source());
            for (final OpenAdrEvent event : payload.events())
            {
                final Found found = new Found(payload.source(), event);
                final Found previous = latest.putIfAbsent(event.eventId(), found);
                if (previous == null)
                {
                    continue;
                }
                superseded++;
                final long before = previous.event().modificationNumber();
                if (event.modificationNumber() > before)
                {
                    latest.put(event.eventId(), found);
                }
                else if (event.modificationNumber() == before && !event.sameContentAs(previous.event()))
                {
                    throw new MeterDataException(payload.source(), "line " + event.line(), "event " +
                        DisplayText.quote(event.eventId()) + " modification " + before + " differs from the one in " +
                        previous.source() + " line " + previous.event().line() + " with the same modification " +
                        "number: a VTN increments it with every change; nothing was journalled");
                }
            }
        }
        final List<Mapped> events = new ArrayList<>();
        final List<Skipped> skipped = new ArrayList<>();
        final List<Cancelled> cancelled = new ArrayList<>();
        for (final Found found : latest.values())
        {
            final String why = skipReason(found.event(), venId);
            if (why != null)
            {
                skipped.add(new Skipped(found.source(), found.event(), why));
                if (OpenAdrEvent.CANCELLED.equals(found.event().status()) && !found.event().isTest() &&
                    addressedTo(found.event(), venId))
                {
                    final DrEventIds.Id id = DrEventIds.of(found.event().eventId());
                    cancelled.add(new Cancelled(found.source(), found.event(), id.value(), id.rule()));
                }
            }
            else
            {
                events.add(map(found, program, zone));
            }
        }
        events.sort(Comparator.comparingLong(Mapped::start).thenComparingLong(Mapped::engineId));
        final List<Identified> identified = new ArrayList<>(events);
        identified.addAll(cancelled);
        refuseSharedIds(identified);
        refuseSeveralPrograms(events);
        return new DrEventFiles(names, program, venId, events, skipped, cancelled, superseded);
    }

    private static String skipReason(final OpenAdrEvent event, final String venId)
    {
        if (!addressedTo(event, venId))
        {
            // first: another VEN's event is none of this run's business, a cancellation of it included
            return "addressed to venID " + event.venIds().stream().map(DisplayText::quote).collect(
                Collectors.joining(", ")) + ", not to --ven-id " + venId;
        }
        if (OpenAdrEvent.CANCELLED.equals(event.status()))
        {
            return "cancelled";
        }
        if (OpenAdrEvent.NONE.equals(event.status()))
        {
            return "status none (no event pending)";
        }
        if (event.isTest())
        {
            return "test event (testEvent " + DisplayText.quote(event.testEvent()) + ")";
        }
        return null;
    }

    /**
     * @return true without a venID, or when the event names no venID or names this one.
     */
    private static boolean addressedTo(final OpenAdrEvent event, final String venId)
    {
        return venId == null || event.venIds().isEmpty() || event.venIds().contains(venId);
    }

    private static Mapped map(final Found found, final DrProgram program, final ZoneId zone)
    {
        final OpenAdrEvent event = found.event();
        final List<String> problems = DrEventHours.problems(event.start(), event.duration(), zone, program.method());
        if (!problems.isEmpty())
        {
            throw refused(found, String.join("; ", problems) + ": DR events settle in whole local hours of one " +
                "local day of the tariff's zone");
        }
        final long start = event.start().getEpochSecond();
        final long end = Math.addExact(start, event.duration().getSeconds());
        long declared = 0;
        if (program.method() == BaselineMethod.DECLARED)
        {
            try
            {
                declared = DeclaredBaseline.whPerHour(event.baseline(), start, end);
            }
            catch (final IllegalArgumentException | ArithmeticException ex)
            {
                throw refused(found, ex.getMessage());
            }
        }
        final DrEventIds.Id id = DrEventIds.of(event.eventId());
        return new Mapped(found.source(), event, id.value(), id.rule(), start, end, declared);
    }

    private static MeterDataException refused(final Found found, final String problem)
    {
        return new MeterDataException(found.source(), "line " + found.event().line(), "event " +
            DisplayText.quote(found.event().eventId()) + ": " + problem + "; nothing was journalled");
    }

    private static void refuseSharedIds(final List<Identified> events)
    {
        final Map<Long, Identified> byId = new HashMap<>();
        for (final Identified e : events)
        {
            final Identified other = byId.putIfAbsent(e.engineId(), e);
            if (other != null)
            {
                throw new MeterDataException(e.source(), "line " + e.event().line(), "event " +
                    DisplayText.quote(e.event().eventId()) + " maps to engine event id " + e.engineId() + " (" +
                    e.idRule() + "), as does event " + DisplayText.quote(other.event().eventId()) + " (" +
                    other.source() + " line " + other.event().line() + "): the engine would take one for a changed " +
                    "copy of the other; nothing was journalled");
            }
        }
    }

    private static void refuseSeveralPrograms(final List<Mapped> events)
    {
        final TreeSet<String> contexts = new TreeSet<>();
        events.forEach((e) -> contexts.add(e.event().marketContext()));
        if (contexts.size() > 1)
        {
            throw new IllegalArgumentException("the DR events belong to " + contexts.size() + " market contexts " +
                contexts.stream().map(DisplayText::quote).toList() + ": --dr-token, --dr-incentive and --dr-baseline " +
                "describe one program, so ingest each program's events in a run of its own; nothing was journalled");
        }
    }

    /**
     * @return names of the files read, in the order given.
     */
    public List<String> files()
    {
        return files;
    }

    /**
     * @return the program, or null for {@link #NONE}.
     */
    public DrProgram program()
    {
        return program;
    }

    /**
     * @return {@code --ven-id}: the VEN whose events are settled, or null when every event is.
     */
    public String venId()
    {
        return venId;
    }

    /**
     * @return the events to publish, in start order.
     */
    public List<Mapped> events()
    {
        return events;
    }

    /**
     * @return events not settled, in order of first appearance.
     */
    public List<Skipped> skipped()
    {
        return skipped;
    }

    /**
     * @return the cancelled events that are not test events, in order of first appearance; each is also in
     *         {@link #skipped()}.
     */
    public List<Cancelled> cancelled()
    {
        return cancelled;
    }

    /**
     * @return event copies set aside for a higher or equal modification of the same eventID.
     */
    public int superseded()
    {
        return superseded;
    }
}
