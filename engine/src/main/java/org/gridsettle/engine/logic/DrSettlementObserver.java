package org.gridsettle.engine.logic;

import org.gridsettle.pricing.dr.DrQuote;

/**
 * Shown each dispatched meter's demand-response settlement as the engine computes it: the baseline and actual load
 * per event hour, the reduction and the credit. For an auditor's report, which replays a journal through the
 * engine's own code instead of re-implementing the baseline; settlement does not depend on it.
 * <p>
 * Called on the thread applying inputs, during the END_OF_DAY input that settles the event; the quote is reused
 * after the call returns, so copy what you keep.
 */
@FunctionalInterface
public interface DrSettlementObserver
{
    /** Observes nothing. */
    DrSettlementObserver NONE = (sequence, eventId, meterId, localDay, quote) -> {};

    /**
     * @param sequence the END_OF_DAY input sequence that settles the event.
     * @param eventId  the DR event.
     * @param meterId  a dispatched meter.
     * @param localDay the event's local date, days since 1970-01-01 in its tariff's zone.
     * @param quote    the meter's figures; {@link DrQuote#status} says whether it earned a credit.
     */
    void onMeter(long sequence, long eventId, long meterId, long localDay, DrQuote quote);
}
