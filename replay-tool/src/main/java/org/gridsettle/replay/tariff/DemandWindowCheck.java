package org.gridsettle.replay.tariff;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Tells when readings are not as long as a URDB rate's demand window, so that a demand charge that differs from the
 * tariff sheet's is explained where it is printed.
 * <p>
 * The engine takes each reading's demand as its energy over its own interval. A rate that bills the highest 15-minute
 * demand ({@code "demandwindow": 15}) priced on hourly readings is charged the highest hourly average, which is lower
 * whenever the load varies within the hour; on 5-minute readings, the highest 5 minutes, which is higher. Re-averaging
 * the readings would invent a shape they do not carry, so the mismatch is said, not repaired.
 * <p>
 * Stateless and thread-safe.
 */
public final class DemandWindowCheck
{
    private DemandWindowCheck()
    {
    }

    /**
     * @param windowMinutes  the rate's demand window when it charges demand, else empty.
     * @param readingSeconds the length of every reading.
     * @return one line saying how many readings are not as long as the window, or empty when all are.
     */
    public static Optional<String> mismatch(final OptionalInt windowMinutes, final IntStream readingSeconds)
    {
        if (windowMinutes.isEmpty())
        {
            return Optional.empty();
        }
        final int window = windowMinutes.getAsInt() * 60;
        final Map<Integer, Long> otherLengths = new TreeMap<>();
        readingSeconds.filter((s) -> s != window).forEach((s) -> otherLengths.merge(s, 1L, Long::sum));
        if (otherLengths.isEmpty())
        {
            return Optional.empty();
        }
        final long count = otherLengths.values().stream().mapToLong(Long::longValue).sum();
        final StringBuilder lengths = new StringBuilder();
        otherLengths.forEach((seconds, n) ->
            lengths.append(lengths.length() == 0 ? "" : ", ").append(n).append(" of ").append(seconds).append(" s"));
        return Optional.of("the rate bills demand over a " + windowMinutes.getAsInt() + "-minute window " +
            "(demandwindow) but " + count + " readings are of other lengths (" + lengths + "): their demand is " +
            "their average over their own interval, so the demand charges are not the tariff's; send " + window +
            "-second readings");
    }
}
