package org.gridsettle.replay.audit;

import java.time.LocalDate;

/**
 * One meter's demand-response settlement on an event day, as the engine computed it when the event settled: baseline
 * and metered Wh per local hour over the event, the reduction and the credit.
 * <p>
 * Immutable (the arrays are private copies, do not modify them); safe to share between threads.
 *
 * @param settledBy    input sequence of the END_OF_DAY that settled the event.
 * @param eventId      the DR event.
 * @param meterId      the meter.
 * @param date         the event's local date in its tariff's zone.
 * @param firstHour    first event hour.
 * @param endHour      hour after the last event hour.
 * @param baselineWh   baseline per local hour (event hours set).
 * @param actualWh     metered import per local hour (event hours set).
 * @param reductionWh  sum over event hours of max(0, baseline - actual).
 * @param creditMicros credit in micro-units of the program token.
 * @param status       {@link org.gridsettle.pricing.dr.DrQuote} status: OK, or why there is no credit.
 * @param baselineDays baseline days used (0 for a declared baseline).
 * @param ratioPpm     day-of adjustment after its cap, parts per million.
 */
public record DrMeterDay(
    long settledBy,
    long eventId,
    long meterId,
    LocalDate date,
    int firstHour,
    int endHour,
    long[] baselineWh,
    long[] actualWh,
    long reductionWh,
    long creditMicros,
    int status,
    int baselineDays,
    long ratioPpm)
{
    /**
     * @return baseline Wh summed over the event hours.
     */
    public long baselineTotalWh()
    {
        long total = 0;
        for (int h = firstHour; h < endHour; h++)
        {
            total += baselineWh[h];
        }
        return total;
    }

    /**
     * @return metered Wh summed over the event hours.
     */
    public long actualTotalWh()
    {
        long total = 0;
        for (int h = firstHour; h < endHour; h++)
        {
            total += actualWh[h];
        }
        return total;
    }
}
