package org.gridsettle.pricing.importer.urdb;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads URDB 12 x 24 period schedules and the 12-entry {@code flatdemandmonths}, checking every entry names a period
 * the matching rate structure has.
 * <p>
 * Stateless and thread-safe.
 */
final class UrdbScheduleParser
{
    private static final BigDecimal MAX_INDEX = BigDecimal.valueOf(Byte.MAX_VALUE);

    private UrdbScheduleParser()
    {
    }

    /**
     * @param node           the schedule node, present.
     * @param field          its URDB name.
     * @param periodCount    periods in the structure it indexes.
     * @param structureField URDB name of that structure, for messages.
     * @return the schedule, or empty after logging problems.
     */
    static Optional<UrdbSchedule> schedule(
        final JsonNode node,
        final String field,
        final int periodCount,
        final String structureField,
        final UrdbProblemLog log)
    {
        if (!node.isArray())
        {
            log.add(field, "expected 12 months of 24 period indexes, got " + UrdbValueReader.describe(node));
            return Optional.empty();
        }
        if (node.size() != UrdbSchedule.MONTHS)
        {
            log.add(field, "expected 12 months, got " + node.size());
            return Optional.empty();
        }
        final int problemsBefore = log.size();
        final byte[] periods = new byte[UrdbSchedule.MONTHS * UrdbSchedule.HOURS];
        final EntryChecker checker = new EntryChecker(periodCount);
        for (int month = 0; month < UrdbSchedule.MONTHS; month++)
        {
            final JsonNode row = node.get(month);
            if (!row.isArray() || row.size() != UrdbSchedule.HOURS)
            {
                log.add(field + "[" + month + "]", "expected 24 period indexes, got " + UrdbValueReader.describe(row));
                continue;
            }
            for (int hour = 0; hour < UrdbSchedule.HOURS; hour++)
            {
                periods[month * UrdbSchedule.HOURS + hour] =
                    (byte)checker.check(row.get(hour), "[" + month + "][" + hour + "]");
            }
        }
        checker.report(field, structureField, log);
        return log.size() == problemsBefore ? Optional.of(new UrdbSchedule(periods)) : Optional.empty();
    }

    /**
     * @param node        the {@code flatdemandmonths} node, present.
     * @param periodCount periods in {@code flatdemandstructure}.
     * @return 12 period indexes, or empty after logging problems.
     */
    static Optional<int[]> months(final JsonNode node, final int periodCount, final UrdbProblemLog log)
    {
        final String field = "flatdemandmonths";
        if (!node.isArray() || node.size() != UrdbSchedule.MONTHS)
        {
            log.add(field, "expected 12 period indexes, got " + UrdbValueReader.describe(node));
            return Optional.empty();
        }
        final EntryChecker checker = new EntryChecker(periodCount);
        final int[] months = new int[UrdbSchedule.MONTHS];
        for (int month = 0; month < UrdbSchedule.MONTHS; month++)
        {
            months[month] = checker.check(node.get(month), "[" + month + "]");
        }
        return checker.report(field, "flatdemandstructure", log) ? Optional.of(months) : Optional.empty();
    }

    /**
     * A schedule with no structure behind it prices nothing only when every entry is 0, the value URDB fills empty
     * schedules with; any other entry would name a period that does not exist.
     *
     * @return true when the node is an array (of arrays) of zeros.
     */
    static boolean isAllZeros(final JsonNode node)
    {
        if (node.isArray())
        {
            for (final JsonNode child : node)
            {
                if (!isAllZeros(child))
                {
                    return false;
                }
            }
            return true;
        }
        return node.isNumber() && node.decimalValue().signum() == 0;
    }

    /**
     * Gathers bad entries so one schedule yields one problem per kind, not 288.
     */
    private static final class EntryChecker
    {
        private final int periodCount;
        private final TreeSet<Integer> missingPeriods = new TreeSet<>();
        private int missingCount;
        private String firstMissing;
        private int badCount;
        private String firstBad;

        EntryChecker(final int periodCount)
        {
            this.periodCount = periodCount;
        }

        int check(final JsonNode entry, final String where)
        {
            final int index = indexOf(entry);
            if (index < 0)
            {
                if (badCount++ == 0)
                {
                    firstBad = where + " (" + UrdbValueReader.describe(entry) + ")";
                }
                return 0;
            }
            if (index >= periodCount)
            {
                missingPeriods.add(index);
                if (missingCount++ == 0)
                {
                    firstMissing = where;
                }
                return 0;
            }
            return index;
        }

        boolean report(final String field, final String structureField, final UrdbProblemLog log)
        {
            if (badCount > 0)
            {
                log.add(field, badCount + " entries are not period indexes 0..127, first at " + firstBad);
            }
            if (missingCount > 0)
            {
                log.add(field, "names period" + (missingPeriods.size() > 1 ? "s " : " ") +
                    joined(missingPeriods) + " at " + missingCount + " entries, first at " + firstMissing + ", but " +
                    structureField + " has " + periodCount + " period" + (periodCount == 1 ? "" : "s"));
            }
            return badCount == 0 && missingCount == 0;
        }

        private static String joined(final TreeSet<Integer> values)
        {
            final StringBuilder sb = new StringBuilder();
            for (final int value : values)
            {
                sb.append(sb.length() == 0 ? "" : ", ").append(value);
            }
            return sb.toString();
        }

        /**
         * @return the period index, or -1 when the entry is not a whole number 0..127 (1.0 counts: it is exact).
         */
        private static int indexOf(final JsonNode entry)
        {
            if (!entry.isNumber() || (entry.isFloatingPointNumber() && !entry.isBigDecimal()))
            {
                return -1;
            }
            final BigDecimal value = entry.decimalValue();
            if (value.signum() < 0 || value.compareTo(MAX_INDEX) > 0 || value.stripTrailingZeros().scale() > 0)
            {
                return -1;
            }
            return value.intValue();
        }
    }
}
