package org.gridsettle.pricing.importer.urdb;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Turns one URDB rate object into a {@link UrdbRate}, or into the complete list of its problems.
 * <p>
 * Stateless and thread-safe.
 */
final class UrdbRateParser
{
    private static final int MINUTES_PER_DAY = 1440;
    /** How much of a free-text comment a note quotes: enough to see what it is about, not a page of it. */
    private static final int COMMENT_CHARS = 240;

    private UrdbRateParser()
    {
    }

    /**
     * @param item       the rate object.
     * @param source     file name, plus the item's position when the document held several rates.
     * @param pathPrefix prefix of field paths in problems: {@code ""} or {@code "items[2]."}.
     * @param problems   receives every problem found.
     * @return the rate, or empty when it has problems.
     */
    static Optional<UrdbRate> parse(
        final JsonNode item, final String source, final String pathPrefix, final List<UrdbProblem> problems)
    {
        final JsonNode labelNode = item.get("label");
        final String label = labelNode != null && labelNode.isTextual() ? labelNode.textValue() : "";
        final UrdbProblemLog log = new UrdbProblemLog(pathPrefix, label);
        final List<String> roundings = new ArrayList<>();
        final UrdbValueReader reader = new UrdbValueReader(log, roundings);

        UrdbFieldPolicy.check(item, reader);
        final Optional<String> labelText = text(item, "label", reader);
        final Optional<String> name = text(item, "name", reader);
        final Optional<String> utility = text(item, "utility", reader);
        final Optional<Instant> startDate = instant(item, "startdate", reader);
        final Optional<Instant> endDate = instant(item, "enddate", reader);
        requireKw(item, "demandrateunit", reader);
        requireKw(item, "flatdemandunit", reader);
        requireKw(item, "demandunits", reader);

        final Optional<UrdbTouEnergy> energy = tou(item, "energy", UrdbStructureParser::energy, reader)
            .map((parts) -> new UrdbTouEnergy(parts.periods(), parts.weekday(), parts.weekend()));
        final Optional<UrdbTouDemand> demand = tou(
            item, "demand", (node, r) -> UrdbStructureParser.demand(node, "demandratestructure", r), reader)
            .map((parts) -> new UrdbTouDemand(parts.periods(), parts.weekday(), parts.weekend()));
        final Optional<UrdbFlatDemand> flatDemand = flatDemand(item, reader);
        final OptionalInt demandWindow = demandWindow(item, reader);
        final UrdbChargeParser.FixedCharges fixed = UrdbChargeParser.fixed(item, reader);
        final List<UrdbCharge> minimums = UrdbChargeParser.minimums(item, reader);
        final Optional<Boolean> useNetMetering = bool(item, "usenetmetering", reader);
        final Optional<UrdbDgRule> dgRule = dgRule(item, reader);

        if (log.size() > 0)
        {
            problems.addAll(log.problems());
            return Optional.empty();
        }
        return Optional.of(new UrdbRate(
            source, labelText, name, utility, startDate, endDate, energy, demand, flatDemand, demandWindow,
            fixed.firstMeter(), fixed.additionalMeter(), minimums, useNetMetering, dgRule, roundings,
            comments(item)));
    }

    /**
     * Each non-blank comment field on one line: its line breaks (real ones, or the literal backslash sequences URDB
     * exports often hold, as FPL RS-1's "Capacity\r\nRate") become " / ", and a long text is cut at
     * {@value #COMMENT_CHARS} characters (code points), enough to see what it is about.
     */
    private static List<String> comments(final JsonNode item)
    {
        final List<String> comments = new ArrayList<>(UrdbRate.COMMENT_FIELDS.size());
        for (final String field : UrdbRate.COMMENT_FIELDS)
        {
            final JsonNode node = item.get(field);
            if (node == null || !node.isTextual())
            {
                continue;
            }
            final String oneLine = node.textValue()
                .replaceAll("(\\s*(\\\\r\\\\n|\\\\n|\\\\r|\\R)\\s*)+", " / ")
                .replaceAll("\\s+", " ").strip();
            if (!oneLine.isEmpty())
            {
                comments.add(field + " is free text, not priced: \"" + cut(oneLine) +
                    "\"; check that it names no charge the rate's structures lack");
            }
        }
        return comments;
    }

    /**
     * Cuts by code points, not chars: a cut between the two halves of a surrogate pair (an emoji, a CJK character
     * outside the basic plane) would print half a character, which a terminal shows as garbage or '?'.
     */
    private static String cut(final String oneLine)
    {
        if (oneLine.codePointCount(0, oneLine.length()) <= COMMENT_CHARS)
        {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, COMMENT_CHARS)) + "...";
    }

    /**
     * Energy and time-of-use demand share one shape: a structure of periods and a weekday and weekend schedule.
     */
    private static <T> Optional<TouParts<T>> tou(
        final JsonNode item,
        final String prefix,
        final StructureReader<T> structureReader,
        final UrdbValueReader reader)
    {
        final UrdbProblemLog log = reader.log();
        final String structureField = prefix + "ratestructure";
        final String weekdayField = prefix + "weekdayschedule";
        final String weekendField = prefix + "weekendschedule";
        final JsonNode structure = item.get(structureField);
        final JsonNode weekday = item.get(weekdayField);
        final JsonNode weekend = item.get(weekendField);
        if (isAbsentOrEmpty(structure))
        {
            requireInert(weekday, weekdayField, structureField, log);
            requireInert(weekend, weekendField, structureField, log);
            return Optional.empty();
        }
        final Optional<List<List<T>>> periods = structureReader.read(structure, reader);
        // Check the schedules even when the structure is broken, so one run reports both.
        final int periodCount = structure.isArray() ? structure.size() : 0;
        final Optional<UrdbSchedule> weekdaySchedule =
            schedule(weekday, weekdayField, periodCount, structureField, log);
        final Optional<UrdbSchedule> weekendSchedule =
            schedule(weekend, weekendField, periodCount, structureField, log);
        if (periods.isEmpty() || weekdaySchedule.isEmpty() || weekendSchedule.isEmpty())
        {
            return Optional.empty();
        }
        return Optional.of(new TouParts<>(periods.get(), weekdaySchedule.get(), weekendSchedule.get()));
    }

    private static Optional<UrdbSchedule> schedule(
        final JsonNode node,
        final String field,
        final int periodCount,
        final String structureField,
        final UrdbProblemLog log)
    {
        if (UrdbValueReader.isAbsent(node))
        {
            log.add(field, "missing: " + structureField + " needs both weekday and weekend schedules");
            return Optional.empty();
        }
        return UrdbScheduleParser.schedule(node, field, periodCount, structureField, log);
    }

    private static Optional<UrdbFlatDemand> flatDemand(final JsonNode item, final UrdbValueReader reader)
    {
        final UrdbProblemLog log = reader.log();
        final JsonNode structure = item.get("flatdemandstructure");
        final JsonNode months = item.get("flatdemandmonths");
        if (isAbsentOrEmpty(structure))
        {
            requireInert(months, "flatdemandmonths", "flatdemandstructure", log);
            return Optional.empty();
        }
        final Optional<List<List<UrdbDemandTier>>> periods =
            UrdbStructureParser.demand(structure, "flatdemandstructure", reader);
        if (UrdbValueReader.isAbsent(months))
        {
            log.add("flatdemandmonths", "missing: flatdemandstructure needs the period of each month");
            return Optional.empty();
        }
        final int periodCount = structure.isArray() ? structure.size() : 0;
        final Optional<int[]> monthPeriods = UrdbScheduleParser.months(months, periodCount, log);
        if (periods.isEmpty() || monthPeriods.isEmpty())
        {
            return Optional.empty();
        }
        final List<Integer> monthList = new ArrayList<>(UrdbSchedule.MONTHS);
        for (final int period : monthPeriods.get())
        {
            monthList.add(period);
        }
        return Optional.of(new UrdbFlatDemand(periods.get(), monthList));
    }

    private static boolean isAbsentOrEmpty(final JsonNode node)
    {
        return UrdbValueReader.isAbsent(node) || (node.isArray() && node.isEmpty());
    }

    private static void requireInert(
        final JsonNode node, final String field, final String structureField, final UrdbProblemLog log)
    {
        if (!UrdbValueReader.isAbsent(node) && !UrdbScheduleParser.isAllZeros(node))
        {
            log.add(field, "names rate periods, but " + structureField + " is absent");
        }
    }

    private static void requireKw(final JsonNode item, final String field, final UrdbValueReader reader)
    {
        final JsonNode node = item.get(field);
        if (UrdbValueReader.isAbsent(node))
        {
            return;
        }
        final Optional<String> unit = reader.text(node, field);
        if (unit.isPresent() && !"kW".equals(unit.get()))
        {
            reader.log().add(field, "only kW demand is supported, got " + UrdbValueReader.quote(unit.get()));
        }
    }

    private static OptionalInt demandWindow(final JsonNode item, final UrdbValueReader reader)
    {
        final JsonNode node = item.get("demandwindow");
        if (UrdbValueReader.isAbsent(node))
        {
            return OptionalInt.empty();
        }
        final OptionalLong minutes = reader.wholeNumber(node, "demandwindow");
        if (minutes.isEmpty())
        {
            return OptionalInt.empty();
        }
        if (minutes.getAsLong() < 1 || minutes.getAsLong() > MINUTES_PER_DAY)
        {
            reader.log().add("demandwindow", "expected 1..1440 minutes, got " + minutes.getAsLong());
            return OptionalInt.empty();
        }
        return OptionalInt.of((int)minutes.getAsLong());
    }

    private static Optional<UrdbDgRule> dgRule(final JsonNode item, final UrdbValueReader reader)
    {
        final JsonNode node = item.get("dgrules");
        if (UrdbValueReader.isAbsent(node))
        {
            return Optional.empty();
        }
        final Optional<String> text = reader.text(node, "dgrules");
        if (text.isEmpty())
        {
            return Optional.empty();
        }
        final Optional<UrdbDgRule> rule = UrdbDgRule.fromUrdb(text.get());
        if (rule.isEmpty())
        {
            reader.log().add("dgrules", "unknown value " + UrdbValueReader.quote(text.get()) +
                "; known: Net Metering, Net Billing Instantaneous, Net Billing Hourly, Buy All Sell All");
        }
        return rule;
    }

    private static Optional<String> text(final JsonNode item, final String field, final UrdbValueReader reader)
    {
        final JsonNode node = item.get(field);
        return UrdbValueReader.isAbsent(node) ? Optional.empty() : reader.text(node, field);
    }

    private static Optional<Boolean> bool(final JsonNode item, final String field, final UrdbValueReader reader)
    {
        final JsonNode node = item.get(field);
        if (UrdbValueReader.isAbsent(node))
        {
            return Optional.empty();
        }
        if (!node.isBoolean())
        {
            reader.log().add(field, "expected true or false, got " + UrdbValueReader.describe(node));
            return Optional.empty();
        }
        return Optional.of(node.booleanValue());
    }

    private static Optional<Instant> instant(final JsonNode item, final String field, final UrdbValueReader reader)
    {
        final JsonNode node = item.get(field);
        if (UrdbValueReader.isAbsent(node))
        {
            return Optional.empty();
        }
        final OptionalLong epochSecond = reader.wholeNumber(node, field);
        if (epochSecond.isEmpty())
        {
            return Optional.empty();
        }
        try
        {
            return Optional.of(Instant.ofEpochSecond(epochSecond.getAsLong()));
        }
        catch (final DateTimeException ex)
        {
            reader.log().add(field, "epoch second " + epochSecond.getAsLong() + " is out of range");
            return Optional.empty();
        }
    }

    /**
     * Reads a rate structure node into periods of tiers.
     */
    @FunctionalInterface
    private interface StructureReader<T>
    {
        Optional<List<List<T>>> read(JsonNode structure, UrdbValueReader reader);
    }

    /**
     * A structure and its two schedules, before they become energy or demand charges.
     */
    private record TouParts<T>(List<List<T>> periods, UrdbSchedule weekday, UrdbSchedule weekend)
    {
    }
}
