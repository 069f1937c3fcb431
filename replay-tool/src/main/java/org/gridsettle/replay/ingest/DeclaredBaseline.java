package org.gridsettle.replay.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Reads an OpenADR {@code ei:eiEventBaseline} as the engine's declared baseline: one whole number of Wh for every
 * event hour ({@code BaselineMethod.DECLARED}). Only what the payload states is used, so the baseline must be:
 * <ul>
 *   <li><b>energy</b>: {@code power:energyReal} in {@code Wh}, with an SI scale ({@code none}, {@code k}, {@code M},
 *       ...). A {@code powerReal} baseline in {@code W} (as in the OpenADR 2.0b sample
 *       {@code Sample_oadrDistributeEvent_W_Baseline}) is a power: reading it as the hour's energy would assume it
 *       is the hour's average demand, which the payload does not say, so it is refused;</li>
 *   <li><b>in whole hours of the event</b>: each interval lies inside one event hour or outside the event (those
 *       are ignored), and the intervals inside an hour cover all of it; an hour's Wh is the sum of its intervals;</li>
 *   <li><b>the same for every event hour</b>, since the engine takes one declared figure, and a whole, non-negative
 *       number of Wh once scaled: nothing is rounded.</li>
 * </ul>
 * Stateless; safe from any thread.
 */
final class DeclaredBaseline
{
    private static final Map<String, Integer> SI_SCALE = Map.ofEntries(
        Map.entry("p", -12), Map.entry("n", -9), Map.entry("micro", -6), Map.entry("m", -3), Map.entry("c", -2),
        Map.entry("d", -1), Map.entry("none", 0), Map.entry("k", 3), Map.entry("M", 6), Map.entry("G", 9),
        Map.entry("T", 12));
    private static final long HOUR_SECONDS = 3_600L;

    private DeclaredBaseline()
    {
    }

    /**
     * @param baseline the event's baseline, or null when it has none.
     * @param start    the event's start, epoch seconds.
     * @param end      its end, epoch seconds, whole hours after start.
     * @return the declared Wh per event hour.
     * @throws IllegalArgumentException saying why the baseline cannot serve, in a phrase for a one-line message.
     */
    static long whPerHour(final OpenAdrBaseline baseline, final long start, final long end)
    {
        if (baseline == null)
        {
            throw new IllegalArgumentException("carries no eiEventBaseline, which --dr-baseline declared reads");
        }
        final String kind = baseline.itemName() + " in " + baseline.itemUnits() + " (scale " +
            baseline.siScaleCode() + ")";
        if (!"energyReal".equals(baseline.itemName()) || !"Wh".equals(baseline.itemUnits()))
        {
            throw new IllegalArgumentException("its eiEventBaseline is " + kind + ", not energyReal in Wh: the " +
                "declared baseline is energy per hour, and " + ("W".equals(baseline.itemUnits()) ? "a power is " +
                "not read as an hour's average demand, which the payload does not say it is" : "no other unit " +
                "converts to it") + "; use --dr-baseline 10in10 or 10in10-adjusted");
        }
        final Integer scale = baseline.siScaleCode() == null ? Integer.valueOf(0) :
            SI_SCALE.get(baseline.siScaleCode());
        if (scale == null)
        {
            throw new IllegalArgumentException("its eiEventBaseline has siScaleCode " +
                DisplayText.quote(baseline.siScaleCode()) + ", not one of " +
                new java.util.TreeSet<>(SI_SCALE.keySet()));
        }
        final int hours = (int)((end - start) / HOUR_SECONDS);
        final BigDecimal[] wh = new BigDecimal[hours];
        final long[] covered = new long[hours];
        long at = baseline.start().getEpochSecond();
        for (final OpenAdrBaseline.Interval interval : baseline.intervals())
        {
            final long seconds = interval.duration().getSeconds();
            if (seconds <= 0 || interval.duration().getNano() != 0 || baseline.start().getNano() != 0)
            {
                throw new IllegalArgumentException("its eiEventBaseline has an interval of " + interval.duration() +
                    " from " + baseline.start() + ": intervals must be whole seconds long and start on a second");
            }
            final long from = at;
            at = Math.addExact(at, seconds);
            if (at <= start || from >= end)
            {
                continue;
            }
            final long hour = Math.floorDiv(from - start, HOUR_SECONDS);
            if (from < start || at > start + (hour + 1) * HOUR_SECONDS)
            {
                throw new IllegalArgumentException("its eiEventBaseline interval " + Instant.ofEpochSecond(from) +
                    " + " + interval.duration() + " straddles the event's start, end or an event hour; the " +
                    "declared baseline is per event hour");
            }
            final int h = (int)hour;
            wh[h] = (wh[h] == null ? BigDecimal.ZERO : wh[h]).add(interval.value().scaleByPowerOfTen(scale));
            covered[h] += seconds;
        }
        BigDecimal declared = null;
        for (int h = 0; h < hours; h++)
        {
            final Instant hourStart = Instant.ofEpochSecond(start + h * HOUR_SECONDS);
            if (covered[h] != HOUR_SECONDS)
            {
                throw new IllegalArgumentException("its eiEventBaseline covers " + covered[h] + " s of the event " +
                    "hour from " + hourStart + ", not all of it");
            }
            if (declared != null && wh[h].compareTo(declared) != 0)
            {
                throw new IllegalArgumentException("its eiEventBaseline declares " + declared.toPlainString() +
                    " Wh for one event hour and " + wh[h].toPlainString() + " Wh for the hour from " + hourStart +
                    ": the engine takes one declared Wh per hour for every event hour");
            }
            declared = wh[h];
        }
        try
        {
            final long value = declared.longValueExact();
            if (value >= 0)
            {
                return value;
            }
        }
        catch (final ArithmeticException ignored)
        {
            // worded below
        }
        throw new IllegalArgumentException("its eiEventBaseline declares " + declared.toPlainString() + " Wh per " +
            "hour, not a whole number >= 0 of Wh");
    }
}
