package org.gridsettle.replay.bill;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Tells when the billed meter's readings leave part of a bill's range without a reading, so that a bill lowered by
 * missing meter data is never printed as if it were complete.
 * <p>
 * The engine bills the readings it is given: an hour with no reading costs nothing, exactly as an hour of no use
 * would, and a tier a full month would have reached is not reached. A settlement engineer cannot see that from the
 * bill's totals, so the gap is said on stderr, not repaired: estimating the missing use is the meter-data
 * department's call, not the biller's. A reading covers its whole interval, whatever its channel or value (a
 * reading the engine rejects is reported on its own line).
 * <p>
 * Stateless and thread-safe.
 */
public final class UsageGaps
{
    private UsageGaps()
    {
    }

    /**
     * @param readings        the billed meter's readings whose interval starts in the range, any order.
     * @param fromEpochSecond first instant billed.
     * @param toEpochSecond   first instant not billed.
     * @param zone            the tariff's zone, in which the first gap is said, as the bill's days are.
     * @return one line saying how much of the range no reading covers, in how many gaps, and where the first is; or
     *         empty when readings cover all of it.
     */
    public static Optional<String> describe(
        final List<UsageReading> readings, final long fromEpochSecond, final long toEpochSecond, final ZoneId zone)
    {
        final List<UsageReading> byStart = new ArrayList<>(readings);
        byStart.sort(Comparator.comparingLong(UsageReading::start));
        long coveredTo = fromEpochSecond;
        long missingSeconds = 0;
        int gaps = 0;
        long firstGapFrom = 0;
        long firstGapTo = 0;
        for (final UsageReading reading : byStart)
        {
            if (reading.start() > coveredTo)
            {
                if (gaps++ == 0)
                {
                    firstGapFrom = coveredTo;
                    firstGapTo = reading.start();
                }
                missingSeconds += reading.start() - coveredTo;
            }
            coveredTo = Math.max(coveredTo, reading.start() + reading.seconds());
        }
        if (coveredTo < toEpochSecond)
        {
            if (gaps++ == 0)
            {
                firstGapFrom = coveredTo;
                firstGapTo = toEpochSecond;
            }
            missingSeconds += toEpochSecond - coveredTo;
        }
        if (gaps == 0)
        {
            return Optional.empty();
        }
        return Optional.of("the meter has no reading for " + duration(missingSeconds) + " of the " +
            duration(toEpochSecond - fromEpochSecond) + " billed, in " + gaps + (gaps == 1 ? " gap" : " gaps") +
            " (the first from " + local(firstGapFrom, zone) + " to " + local(firstGapTo, zone) +
            "): that time is billed as no use, and tiers and demand as if it were; fill the gaps (estimates) in the " +
            "usage file, or bill only the days it covers");
    }

    private static String local(final long epochSecond, final ZoneId zone)
    {
        return Instant.ofEpochSecond(epochSecond).atZone(zone).toOffsetDateTime().toString();
    }

    private static String duration(final long seconds)
    {
        final long hours = seconds / 3600;
        final long minutes = seconds % 3600 / 60;
        final long rest = seconds % 60;
        final StringBuilder sb = new StringBuilder();
        if (hours > 0)
        {
            sb.append(hours).append(" h");
        }
        if (minutes > 0)
        {
            sb.append(sb.length() > 0 ? " " : "").append(minutes).append(" min");
        }
        if (rest > 0 || sb.length() == 0)
        {
            sb.append(sb.length() > 0 ? " " : "").append(rest).append(" s");
        }
        return sb.toString();
    }
}
