package org.gridsettle.journal;

/**
 * The event time of the input that caused an output, for output records whose own fields do not say what time they
 * are about: a duplicate acknowledgement's key is an interval start for a tick but a request id for a redemption,
 * and only the input at its cause sequence tells which ({@link InputEventTimes} reads it).
 * <p>
 * Implementations are called on the reading thread, once per such record; they say their own threading contract.
 */
@FunctionalInterface
public interface CauseEventTime
{
    /** Knows no input: every output that needs one is about no time. */
    CauseEventTime NONE = causeSequence -> EventTime.NONE;

    /**
     * @param causeSequence the input sequence an output record carries.
     * @return the event time of that input, epoch seconds, or {@link EventTime#NONE} if it is about no time or is
     *         not in the input journal.
     */
    long eventTimeOf(long causeSequence);
}
