package org.gridsettle.replay.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One {@code oadr:oadrEvent} of an OpenADR 2.0b {@code oadrDistributeEvent}, as the VTN sent it: the fields a
 * settlement needs, unconverted. {@link DrEventFiles} maps it to an engine DR event.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param eventId            {@code ei:eventID}.
 * @param modificationNumber {@code ei:modificationNumber}: the VTN increments it each time it changes the event.
 * @param status             {@code ei:eventStatus}: {@code none}, {@code far}, {@code near}, {@code active},
 *                           {@code completed} or {@code cancelled}.
 * @param testEvent          {@code ei:testEvent} text, or null when absent.
 * @param marketContext      {@code ei:eiMarketContext/emix:marketContext}: the program the event belongs to.
 * @param start              {@code ei:eiActivePeriod} {@code xcal:dtstart}.
 * @param duration           {@code ei:eiActivePeriod} {@code xcal:duration}.
 * @param baseline           {@code ei:eiEventBaseline}, or null when the event carries none.
 * @param targets            what the event's {@code ei:eiTarget} names, one entry each ({@code resourceID RES_123},
 *                           {@code endDeviceAsset/mrid Exterior_Lighting}); empty when it names nothing. gridsettle
 *                           selects no meter by them, only, given {@code --ven-id}, the events addressed to that VEN
 *                           ({@link #venIds()}): they are kept so that a run can say so.
 * @param line               line of the {@code oadr:oadrEvent} start tag, for messages; not part of the content.
 */
public record OpenAdrEvent(
    String eventId,
    long modificationNumber,
    String status,
    String testEvent,
    String marketContext,
    Instant start,
    Duration duration,
    OpenAdrBaseline baseline,
    List<String> targets,
    int line)
{
    /**
     * Copies the targets, so the record stays immutable.
     */
    public OpenAdrEvent
    {
        targets = List.copyOf(targets);
    }

    /** How {@link #targets()} names a VEN: {@code venID ven_py}. */
    static final String VEN_ID = "venID ";

    /** The status of an event the VTN has withdrawn. */
    public static final String CANCELLED = "cancelled";
    /** The status the Energy Interoperation schema gives for "no event pending". */
    public static final String NONE = "none";

    /**
     * @return true for a test event: OpenADR 2.0b conformance rule 6 makes any {@code testEvent} other than
     *         {@code false} a test.
     */
    public boolean isTest()
    {
        return testEvent != null && !"false".equals(testEvent);
    }

    /**
     * @return true if its targets name anything narrower than the VEN that receives it: a venID or partyID addresses
     *         the VEN, or its party, as a whole, which is what settling every meter in demand response models; a
     *         groupID, resourceID, end device, meter, node or area addresses part of it.
     */
    public boolean targetsPartOfTheVen()
    {
        return targets.stream().anyMatch((t) -> !t.startsWith("venID ") && !t.startsWith("partyID "));
    }

    /**
     * @return the venIDs its event-level and signal-level eiTargets name, in document order: the VENs it is addressed
     *         to, and to no other; empty when it names none, so that it is addressed to every VEN that receives it.
     */
    public List<String> venIds()
    {
        return targets.stream().filter((t) -> t.startsWith(VEN_ID)).map((t) -> t.substring(VEN_ID.length())).toList();
    }

    /**
     * @param other another event.
     * @return true if both say the same, wherever in which file they were read.
     */
    public boolean sameContentAs(final OpenAdrEvent other)
    {
        return eventId.equals(other.eventId) && modificationNumber == other.modificationNumber &&
            status.equals(other.status) && Objects.equals(testEvent, other.testEvent) &&
            marketContext.equals(other.marketContext) && start.equals(other.start) &&
            duration.equals(other.duration) && Objects.equals(baseline, other.baseline) &&
            targets.equals(other.targets);
    }
}
