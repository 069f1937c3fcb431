package org.gridsettle.replay.tariff;

import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-issues a gridsettle tariff read from a file under the id, version, start and export token the command line
 * journals every tariff with, keeping every pricing rule of the file (zone, schedule, demand schedule, holidays,
 * tiers, charges, export rule, billing-cycle day) unchanged.
 * <p>
 * Stateless and thread-safe.
 */
final class GridsettleCopy
{
    private GridsettleCopy()
    {
    }

    static TouTariff of(
        final Path file,
        final TouTariff read,
        final long tariffId,
        final int version,
        final long effectiveFrom,
        final String exportToken,
        final ZoneId zone)
    {
        if (!read.zone().equals(zone))
        {
            // the job's dates are local midnights in --zone; a tariff in another zone would close periods elsewhere
            throw new IllegalArgumentException(file.getFileName() + ": the tariff's zone is " + read.zone() +
                " but the job's is " + zone + "; give --zone " + read.zone());
        }
        if (effectiveFrom < read.effectiveFromEpochSecond())
        {
            throw new IllegalArgumentException(file.getFileName() + ": the tariff takes effect at " +
                Instant.ofEpochSecond(read.effectiveFromEpochSecond()) + ", after the first instant to price, " +
                Instant.ofEpochSecond(effectiveFrom));
        }
        final List<TouPeriod> periods = new ArrayList<>();
        for (int p = 0; p < read.periodCount(); p++)
        {
            periods.add(read.period(p));
        }
        // TOU demand rates are per demand period: the TOU periods unless the tariff has a demand schedule
        final long[] touDemand = new long[read.demandPeriodCount()];
        final List<String> demandNames = new ArrayList<>();
        boolean anyTouDemand = false;
        for (int p = 0; p < touDemand.length; p++)
        {
            demandNames.add(read.demandPeriodName(p));
            touDemand[p] = read.touDemandMicrosPerKw(p);
            anyTouDemand |= touDemand[p] != 0;
        }
        final TouTariff copy = new TouTariff(tariffId, version, effectiveFrom, read.token(), exportToken, zone,
            read.slotMinutes(), periods, read.scheduleCopy(), read.holidayEpochDaysCopy());
        if (read.hasDemandSchedule())
        {
            copy.withDemandSchedule(demandNames, read.demandScheduleCopy());
        }
        copy.withFixedCharges(read.fixedMicrosPerDay(), read.fixedMicrosPerMonth())
            .withExportRule(read.exportRule(), read.netSurplusMicrosPerKwh())
            .withDemand(read.flatDemandMicrosPerKw(), anyTouDemand ? touDemand : new long[0])
            .withBillingCycleDay(read.billingCycleDay());
        if (read.demandTiers() != null)
        {
            copy.withDemandTiers(read.demandTiers());
        }
        if (read.pricesCarbon())
        {
            copy.withCarbon(read.carbonAdderMicrosPerKg(), read.carbonCreditMicrosPerKg(), read.carbonCarryIntervals());
        }
        if (read.tiers() != null)
        {
            copy.withTiers(read.tiers());
        }
        if (read.oraclePricedExports())
        {
            copy.withOracleExport(read.oracleCarryIntervals(), read.negativePriceRule());
        }
        return copy;
    }
}
