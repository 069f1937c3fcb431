package org.gridsettle.replay.ingest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An OpenADR 2.0b {@code ei:eiEventBaseline} as the VTN sent it: a stream of intervals with the unit of their values.
 * Nothing is converted here; {@link DeclaredBaseline} decides whether it can serve as the engine's declared baseline.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param start       {@code xcal:dtstart}: start of the first interval.
 * @param duration    {@code xcal:duration}: span of the whole baseline.
 * @param intervals   the {@code strm:intervals}, in document order.
 * @param baselineId  {@code ei:baselineID}, or null.
 * @param baselineName {@code ei:baselineName}, or null.
 * @param itemName    local name of the item that gives the values' kind, e.g. {@code energyReal} or
 *                    {@code powerReal}; null when the baseline has none.
 * @param itemUnits   its {@code itemUnits}, e.g. {@code Wh} or {@code W}; null when absent.
 * @param siScaleCode its {@code scale:siScaleCode}, e.g. {@code none}, {@code k} or {@code d}; null when absent.
 */
public record OpenAdrBaseline(
    Instant start,
    Duration duration,
    List<Interval> intervals,
    String baselineId,
    String baselineName,
    String itemName,
    String itemUnits,
    String siScaleCode)
{
    /**
     * Freezes the list.
     */
    public OpenAdrBaseline
    {
        intervals = List.copyOf(intervals);
    }

    /**
     * One baseline interval. Immutable.
     *
     * @param duration its {@code xcal:duration}.
     * @param uid      its {@code xcal:uid} text, or null.
     * @param value    its {@code ei:payloadFloat} value, exactly as written.
     */
    public record Interval(Duration duration, String uid, BigDecimal value)
    {
    }
}
