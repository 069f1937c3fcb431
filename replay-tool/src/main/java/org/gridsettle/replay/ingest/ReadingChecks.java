package org.gridsettle.replay.ingest;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.TouTariff;
import org.gridsettle.replay.bill.UnpaidExports;
import org.gridsettle.replay.bill.ZeroRuns;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The data-quality checks an ingest runs over the readings of its enrolled meters before anything is journalled:
 * exports centred on the night (a wrong --zone, {@link NightExports}), runs of zero readings (the VEE zero-consumption
 * check, {@link ZeroRuns}) and carbon and oracle series that do not cover the readings they are to price
 * ({@link SeriesCoverage}). Each only warns: the readings are settled as read.
 * <p>
 * Built for one ingest and used on its thread. Not thread-safe.
 */
final class ReadingChecks
{
    private final ReadingBuffer readings;
    private final LongPredicate covered;
    private final List<Enrolment> enrolments;
    private final ZoneId zone;

    /**
     * @param readings   the run's readings.
     * @param covered    whether an interval start is one the run settles (inside the enrolments' dates).
     * @param enrolments the run's enrolments; readings of other meters are rejected whatever they hold, so not checked.
     * @param zone       the tariff's zone, in which times of day and the report's instants are read.
     */
    ReadingChecks(
        final ReadingBuffer readings, final LongPredicate covered, final List<Enrolment> enrolments, final ZoneId zone)
    {
        this.readings = readings;
        this.covered = covered;
        this.enrolments = enrolments;
        this.zone = zone;
    }

    /**
     * @return a warning per enrolled meter whose exports fall mostly at night in the tariff's zone, which a wrong
     *     --zone makes of solar exports.
     */
    List<String> nightExports()
    {
        // primitive keys: looked up once a reading, millions of times, and a boxed Long per lookup showed in profiles
        final Long2ObjectHashMap<String> names = new Long2ObjectHashMap<>();
        enrolments.forEach((e) -> names.put(e.meterId(), e.usageMeterId()));
        final NightExports night = new NightExports(zone);
        for (int i = 0; i < readings.size(); i++)
        {
            final String name = names.get(readings.meter(i));
            if (name != null && covered.test(readings.start(i)))
            {
                night.reading(name, readings.start(i), readings.seconds(i), readings.exportWh(i));
            }
        }
        return night.warnings();
    }

    /**
     * @param tariff the tariff the run prices by.
     * @return the warnings of exports it pays nothing for and of enrolments in net_metering it does not net meter:
     *     the engine records the program and prices exports by the tariff's export rule alone.
     */
    List<String> exportTerms(final TouTariff tariff)
    {
        final LongHashSet enrolled = new LongHashSet();
        enrolments.forEach((e) -> enrolled.add(e.meterId()));
        long exportWh = 0;
        for (int i = 0; i < readings.size(); i++)
        {
            if (enrolled.contains(readings.meter(i)) && covered.test(readings.start(i)) && readings.exportWh(i) > 0)
            {
                exportWh += readings.exportWh(i);
            }
        }
        final List<String> warnings = new ArrayList<>();
        UnpaidExports.describe(tariff, exportWh).ifPresent(warnings::add);
        final List<String> netMetered = enrolments.stream()
            .filter((e) -> (e.programs() & MeterEnrolmentCodec.PROGRAM_NET_METERING) != 0)
            .map(Enrolment::usageMeterId).toList();
        if (!netMetered.isEmpty() && tariff.exportRule() != ExportRule.NET_METERING)
        {
            warnings.add(netMetered.size() + (netMetered.size() == 1 ? " meter of the enrolment file (" :
                " meters of the enrolment file (first: ") + netMetered.get(0) +
                (netMetered.size() == 1 ? ") is" : ") are") + " in net_metering, but the tariff does not net meter " +
                "(its export rule is " + tariff.exportRule() + "): the program is recorded with the enrolment and " +
                "prices nothing; the tariff's export rule decides how exports are paid (a URDB rate nets them with " +
                "dgrules \"Net Metering\")");
        }
        return warnings;
    }

    /**
     * @param minHours the shortest run named, or 0 for no check.
     * @return the enrolled meters' runs of zero readings, in enrolment order, as report lines.
     */
    List<String> zeroRuns(final int minHours)
    {
        if (minHours == 0)
        {
            return List.of();
        }
        final Map<Long, List<ZeroRuns.Run>> runsByMeter = new HashMap<>();
        final Long2ObjectHashMap<ZeroRuns.Finder> finders = new Long2ObjectHashMap<>();
        for (final Enrolment e : enrolments)
        {
            final List<ZeroRuns.Run> runs = new ArrayList<>();
            runsByMeter.put(e.meterId(), runs);
            finders.put(e.meterId(), new ZeroRuns.Finder(e.usageMeterId(), minHours, runs));
        }
        for (final int i : readings.inStartOrder())
        {
            final ZeroRuns.Finder finder = finders.get(readings.meter(i));
            if (finder != null && covered.test(readings.start(i)))
            {
                finder.reading(readings.start(i), readings.seconds(i), readings.importWh(i), readings.exportWh(i));
            }
        }
        final List<ZeroRuns.Run> runs = new ArrayList<>();
        for (final Enrolment e : enrolments)
        {
            finders.get(e.meterId()).finish();
            runs.addAll(runsByMeter.get(e.meterId()));
        }
        return ZeroRuns.describe(runs, minHours, zone);
    }

    /**
     * The carbon and oracle files' coverage of the readings they price: all of them for the carbon region the meters
     * are enrolled on, the exporting ones of the meters on a node for its prices.
     *
     * @param carbon             the run's carbon files.
     * @param pricesCarbon       whether the tariff prices carbon: the engine looks no intensity up for one that
     *                           does not, so no reading then needs the carbon files.
     * @param carbonCarry        the tariff's carbon carry-forward intervals, which price readings past a file's end.
     * @param defaultPricingNode the node of an enrolment that names none, or null.
     * @param oracleCoverage     the oracle series read, or null when the run was given no oracle file.
     * @return the warnings, carbon first.
     */
    List<String> seriesCoverage(
        final CarbonFiles carbon, final boolean pricesCarbon, final int carbonCarry, final String defaultPricingNode,
        final SeriesCoverage oracleCoverage)
    {
        final SeriesCoverage carbonCoverage =
            new SeriesCoverage("carbon intensity intervals", "region", "CARBON_INTENSITY_MISSING");
        for (int i = 0; i < carbon.series().size(); i++)
        {
            carbonCoverage.series(carbon.source(i), carbon.series().get(i).region(), carbon.series().get(i),
                carbonCarry);
        }
        final Long2ObjectHashMap<String> nodes = new Long2ObjectHashMap<>();
        for (final Enrolment e : enrolments)
        {
            final String node = e.pricingNode() != null ? e.pricingNode() : defaultPricingNode;
            if (node != null)
            {
                nodes.put(e.meterId(), node);
            }
        }
        for (int i = 0; i < readings.size(); i++)
        {
            if (readings.meter(i) <= 0 || !covered.test(readings.start(i)))
            {
                continue;
            }
            final long end = readings.start(i) + readings.seconds(i);
            if (pricesCarbon && carbon.enrolmentRegion() != null)
            {
                carbonCoverage.reading(carbon.enrolmentRegion(), readings.start(i), end);
            }
            final String node = nodes.get(readings.meter(i));
            // the engine looks an oracle price up only for a reading that exports: one without exports needs none
            if (node != null && oracleCoverage != null && readings.exportWh(i) > 0)
            {
                oracleCoverage.reading(node, readings.start(i), end);
            }
        }
        final List<String> lines = new ArrayList<>(carbonCoverage.warnings());
        if (oracleCoverage != null)
        {
            lines.addAll(oracleCoverage.warnings());
        }
        return lines;
    }
}
