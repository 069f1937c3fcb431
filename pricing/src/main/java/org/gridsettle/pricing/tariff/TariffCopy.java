package org.gridsettle.pricing.tariff;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies a {@link TouTariff} field by field: under another identity (id, version, start, export token) with every
 * pricing rule kept, or with the periods no schedule slot uses dropped. A period that no slot of its schedule names
 * can never price a tick, carry a tier counter, keep a peak or be trued up, so dropping it changes no amount; the
 * periods kept keep their names, so a posting's period still names what the tariff file names. Tariffs imported from
 * URDB often list such periods (REopt's multi-tier sample lists three energy periods and uses two), and the engine
 * settles at most six.
 * <p>
 * Stateless and thread-safe; each call returns a new tariff, not yet published.
 */
public final class TariffCopy
{
    private TariffCopy()
    {
    }

    /**
     * @param read          a tariff.
     * @param tariffId      the copy's id.
     * @param version       the copy's version.
     * @param effectiveFrom the copy's first instant, epoch seconds.
     * @param exportToken   the copy's export token.
     * @return the copy: every period, schedule, tier, charge and rule of {@code read}.
     */
    public static TouTariff of(
        final TouTariff read, final long tariffId, final int version, final long effectiveFrom,
        final String exportToken)
    {
        return rebuild(read, tariffId, version, effectiveFrom, exportToken,
            all(read.periodCount()), all(read.demandPeriodCount()));
    }

    /**
     * @param read a tariff.
     * @return {@code read} itself when its schedules use every period and demand period, else a copy under the same
     *     identity without the periods and demand periods no schedule slot names.
     */
    public static TouTariff withoutUnusedPeriods(final TouTariff read)
    {
        final int[] energy = used(read.scheduleCopy(), read.periodCount());
        final int[] demand = read.hasDemandSchedule() ? used(read.demandScheduleCopy(), read.demandPeriodCount()) :
            energy;
        if (energy.length == read.periodCount() && demand.length == read.demandPeriodCount())
        {
            return read;
        }
        return rebuild(read, read.tariffId(), read.version(), read.effectiveFromEpochSecond(), read.exportToken(),
            energy, demand);
    }

    /** @return the old index of each period kept, ascending: those some slot names. */
    private static int[] used(final byte[] schedule, final int count)
    {
        final boolean[] named = new boolean[count];
        for (final byte period : schedule)
        {
            named[period] = true;
        }
        int kept = 0;
        for (final boolean n : named)
        {
            kept += n ? 1 : 0;
        }
        final int[] keep = new int[kept];
        for (int p = 0, k = 0; p < count; p++)
        {
            if (named[p])
            {
                keep[k++] = p;
            }
        }
        return keep;
    }

    private static int[] all(final int count)
    {
        final int[] keep = new int[count];
        for (int p = 0; p < count; p++)
        {
            keep[p] = p;
        }
        return keep;
    }

    /** Renumbers a schedule's entries from old period indexes to their places in {@code keep}. */
    private static byte[] renumbered(final byte[] schedule, final int[] keep, final int count)
    {
        final byte[] newIndex = new byte[count];
        for (int k = 0; k < keep.length; k++)
        {
            newIndex[keep[k]] = (byte)k;
        }
        final byte[] out = new byte[schedule.length];
        for (int i = 0; i < schedule.length; i++)
        {
            out[i] = newIndex[schedule[i]];
        }
        return out;
    }

    private static TouTariff rebuild(
        final TouTariff read, final long tariffId, final int version, final long effectiveFrom,
        final String exportToken, final int[] energy, final int[] demand)
    {
        final List<TouPeriod> periods = new ArrayList<>(energy.length);
        for (final int p : energy)
        {
            periods.add(read.period(p));
        }
        final TouTariff copy = new TouTariff(tariffId, version, effectiveFrom, read.token(), exportToken, read.zone(),
            read.slotMinutes(), periods, renumbered(read.scheduleCopy(), energy, read.periodCount()),
            read.holidayEpochDaysCopy());
        if (read.hasDemandSchedule())
        {
            final List<String> names = new ArrayList<>(demand.length);
            for (final int d : demand)
            {
                names.add(read.demandPeriodName(d));
            }
            copy.withDemandSchedule(names,
                renumbered(read.demandScheduleCopy(), demand, read.demandPeriodCount()));
        }
        // TOU demand rates are per demand period: the energy periods unless the tariff has a demand schedule
        final long[] touDemand = new long[demand.length];
        boolean anyTouDemand = false;
        for (int d = 0; d < demand.length; d++)
        {
            touDemand[d] = read.touDemandMicrosPerKw(demand[d]);
            anyTouDemand |= touDemand[d] != 0;
        }
        copy.withFixedCharges(read.fixedMicrosPerDay(), read.fixedMicrosPerMonth())
            .withExportRule(read.exportRule(), read.netSurplusMicrosPerKwh())
            .withDemand(read.flatDemandMicrosPerKw(), anyTouDemand ? touDemand : new long[0])
            .withBillingCycleDay(read.billingCycleDay());
        if (read.demandTiers() != null)
        {
            copy.withDemandTiers(demandTiers(read.demandTiers(), demand));
        }
        if (read.pricesCarbon())
        {
            copy.withCarbon(read.carbonAdderMicrosPerKg(), read.carbonCreditMicrosPerKg(), read.carbonCarryIntervals());
        }
        if (read.tiers() != null)
        {
            copy.withTiers(tiers(read.tiers(), energy));
        }
        if (read.oraclePricedExports())
        {
            copy.withOracleExport(read.oracleCarryIntervals(), read.negativePriceRule());
        }
        return copy;
    }

    private static DemandTiers demandTiers(final DemandTiers read, final int[] demand)
    {
        final int tiers = read.tierCount();
        final long[] upToW = new long[tiers];
        final long[] flat = new long[tiers];
        for (int t = 0; t < tiers; t++)
        {
            upToW[t] = read.upToW(t);
            flat[t] = read.flatRate(t);
        }
        // a tiered flat charge alone has no per-period rates
        final long[][] byPeriod = new long[read.periodCount() == 0 ? 0 : demand.length][tiers];
        for (int d = 0; d < byPeriod.length; d++)
        {
            for (int t = 0; t < tiers; t++)
            {
                byPeriod[d][t] = read.periodRate(demand[d], t);
            }
        }
        return new DemandTiers(upToW, flat, byPeriod);
    }

    private static TierTable tiers(final TierTable read, final int[] energy)
    {
        final int tiers = read.tierCount();
        final long[] upToWh = new long[tiers];
        for (int t = 0; t < tiers; t++)
        {
            upToWh[t] = read.upToWh(t);
        }
        final long[][] imports = new long[energy.length][tiers];
        final long[][] exports = new long[energy.length][tiers];
        for (int p = 0; p < energy.length; p++)
        {
            for (int t = 0; t < tiers; t++)
            {
                imports[p][t] = read.importRate(energy[p], t);
                exports[p][t] = read.exportRate(energy[p], t);
            }
        }
        return new TierTable(read.basis(), upToWh, imports, exports);
    }
}
