package org.gridsettle.engine.logic;

import org.gridsettle.engine.snapshot.StateIo;
import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import org.agrona.collections.Long2LongHashMap;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.pricing.calendar.ZoneOffsetTable;
import org.gridsettle.pricing.money.MicroUnits;
import org.gridsettle.pricing.tariff.DemandTiers;
import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TouPricer;
import org.gridsettle.pricing.tariff.TouTariff;

/**
 * Applies calendar events, the only way time passes for the state machine. End of day posts each enrolled meter's
 * daily fixed charge; period close posts the monthly fixed charge, the true-up and the demand charges, and closes
 * the period, after which ticks for it are accepted only as corrections.
 * <p>
 * True-up: for each TOU period the definitive amount is computed from the period's aggregate energy (tiers per
 * {@link org.gridsettle.pricing.tariff.TierTable}; under net metering on imports net of exports, with any surplus
 * paid at the net-surplus rate; under daily tiers from each local day's energy, tiered and rounded day by day,
 * {@link DailyTierTotals}) and the difference from the provisional tick postings is posted with reason
 * TRUE_UP. The explanation carries the aggregate energy and, in the rate field, the definitive amount, so an
 * auditor recomputes it from the tariff (for daily tiers, from the ticks' days in the journal) and checks the
 * difference against the tick postings in the journal.
 * <p>
 * Meters are charged in enrolment order (dense index order), never in hash-map order, so the output is the same on
 * every run. A calendar event for an instant already passed is acknowledged as a duplicate: retries post nothing.
 * A fixed charge is posted once per local day (END_OF_DAY) or billing period (PERIOD_CLOSE) of the instant before the
 * event, by the first event that ends it: a later event in the same day or period settles what it settles (DR events,
 * hourly netting, a period's remaining ticks) but charges nothing fixed again.
 * Owned by the business-logic thread. Not thread-safe.
 */
final class CalendarProcessor
{
    private static final int CALENDAR = RecordType.CALENDAR.id();
    /** Tier field of a true-up of charges: the rate field then holds the definitive charge. */
    static final int TRUE_UP_CHARGE = 254;
    /** Tier field of a true-up of credits: the rate field then holds the definitive credit. */
    static final int TRUE_UP_CREDIT = 253;
    /** Period field of a flat (all-period) demand charge. */
    static final int FLAT_DEMAND = 255;

    private final MeterRegistry meters;
    private final TariffBook tariffs;
    private final Postings postings;
    private final BillingAccumulators billing;
    private final DailyTierTotals dailyTotals;
    private final TickWindow window;
    private final Long2LongHashMap closedUntil = new Long2LongHashMap(Long.MIN_VALUE);
    private final Long2LongHashMap lastEndOfDay = new Long2LongHashMap(Long.MIN_VALUE);
    /** Sorts keys for a snapshot; kept so that a capture allocates nothing once the state stops growing. */
    private long[] snapshotScratch = new long[0];

    CalendarProcessor(
        final MeterRegistry meters,
        final TariffBook tariffs,
        final BillingAccumulators billing,
        final DailyTierTotals dailyTotals,
        final TickWindow window,
        final Postings postings)
    {
        this.dailyTotals = dailyTotals;
        this.window = window;
        this.meters = meters;
        this.tariffs = tariffs;
        this.billing = billing;
        this.postings = postings;
    }

    /**
     * @param tariffId a tariff.
     * @return the end of its last closed billing period, or {@link Long#MIN_VALUE}.
     */
    long closedUntil(final long tariffId)
    {
        return closedUntil.get(tariffId);
    }

    /**
     * @return true if the event was applied: not rejected, not a duplicate.
     */
    boolean apply(final long sequence, final CalendarCodec event)
    {
        final long tariffId = event.tariffId();
        final long at = event.at();
        final int kind = event.kind();
        final TouTariff tariff = tariffs.inForce(tariffId, at - 1);
        if (tariff == null)
        {
            postings.reject(sequence, ReasonCode.UNKNOWN_TARIFF, CALENDAR, tariffId);
            return false;
        }
        // placed before anything is posted: an instant the tariff's zone table does not cover throws here
        final int billingPeriod = tariff.billingPeriodOf(at - 1);
        final Long2LongHashMap last = kind == CalendarCodec.END_OF_DAY ? lastEndOfDay :
            kind == CalendarCodec.PERIOD_CLOSE ? closedUntil : null;
        if (last == null)
        {
            postings.reject(sequence, ReasonCode.MALFORMED, CALENDAR, kind);
            return false;
        }
        final long previous = last.get(tariffId);
        if (at <= previous)
        {
            postings.acknowledgeDuplicate(sequence, tariffId, at);
            return false;
        }
        // a later instant of a day or billing period already charged (a retry with another time, an event off the
        // boundary) still settles what it settles, but its fixed charge was posted by the first event of that day
        final boolean fixedDue = previous == Long.MIN_VALUE ||
            chargedSpan(tariff, kind, at) > chargedSpan(tariff, kind, previous);
        // an event posts for every meter on the tariff: all of it is checked before the first posting, so that one
        // whose sums would overflow the ledger is rejected whole instead of halting the engine halfway
        if (!fits(sequence, tariff, at, kind, billingPeriod, fixedDue))
        {
            postings.reject(sequence, ReasonCode.OVERFLOW, CALENDAR, tariffId);
            return false;
        }
        last.put(tariffId, at);
        post(sequence, tariff, at, kind, billingPeriod, fixedDue, true);
        return true;
    }

    /**
     * The dry run of {@link #post}: true if the ledger can take every transfer the event would make. An amount that
     * does not fit a long on its own (a peak demand times a demand rate, a period's energy summed for its true-up)
     * overflows as surely as a balance would, and is answered so, not as a malformed record.
     */
    private boolean fits(
        final long sequence, final TouTariff tariff, final long at, final int kind, final int billingPeriod,
        final boolean fixedDue)
    {
        postings.beginCheck();
        try
        {
            post(sequence, tariff, at, kind, billingPeriod, fixedDue, false);
        }
        catch (final ArithmeticException overflow)
        {
            postings.endCheck();
            return false;
        }
        return postings.endCheck();
    }

    /**
     * The span whose fixed charge an event at {@code at} posts: the local day (END_OF_DAY) or billing period
     * (PERIOD_CLOSE) of the instant before it, the one the event ends.
     */
    private static long chargedSpan(final TouTariff tariff, final int kind, final long at)
    {
        return kind == CalendarCodec.END_OF_DAY ?
            Math.floorDiv(tariff.zoneTable().localEpochSecond(at - 1), 86_400L) : tariff.billingPeriodOf(at - 1);
    }

    /**
     * @param fixedDue false when an earlier event charged the day or billing period already.
     * @param settle   false for the check pass, which must change nothing; true to also free the closed period's slots.
     */
    private void post(
        final long sequence, final TouTariff tariff, final long at, final int kind, final int billingPeriod,
        final boolean fixedDue, final boolean settle)
    {
        final long charge = kind == CalendarCodec.END_OF_DAY ? tariff.fixedMicrosPerDay() : tariff.fixedMicrosPerMonth();
        if (fixedDue && charge > 0)
        {
            postFixedCharges(sequence, tariff, at, charge);
        }
        if (kind == CalendarCodec.PERIOD_CLOSE)
        {
            settlePeriod(sequence, tariff, billingPeriod, settle);
        }
    }

    /**
     * Closes a billing period for every meter on the tariff, in enrolment order: the true-up brings the provisional
     * tick postings of each TOU period to the period's definitive amounts, then demand charges are posted. Both use
     * the tariff version that priced the period's ticks; a period whose ticks two versions priced is not trued up,
     * and its demand is charged at the rates of the version in force at its end ({@code tariff}), per demand period
     * when the versions in force during the period put each of its instants in the same demand period, else as
     * {@link #postMixedDemand} says.
     */
    private void settlePeriod(
        final long sequence, final TouTariff tariff, final int billingPeriod, final boolean freeSlots)
    {
        final long tariffId = tariff.tariffId();
        final long periodStart = tariff.billingPeriodStart(billingPeriod);
        final boolean demandPeriodsAgree = !tariff.hasDemandCharges() || tariffs.demandPeriodsAgree(tariffId,
            periodStart, tariff.billingPeriodStart(billingPeriod + 1), tariff);
        long demandPeriodsInForce = -1;
        for (int m = 0, n = meters.meterCount(); m < n; m++)
        {
            if (meters.tariffOf(m) != tariffId)
            {
                continue;
            }
            final int slot = billing.find(m, billingPeriod);
            if (slot < 0)
            {
                continue;
            }
            final int version = billing.version(slot);
            final TouTariff priced = version == BillingAccumulators.MIXED_VERSIONS ? null :
                tariffs.version(tariffId, version);
            if (priced != null)
            {
                // every tick of the period was priced by one version, though a later one may be in force at its end:
                // the true-up and the demand charges use the version that priced it
                for (int p = 0; p < priced.periodCount(); p++)
                {
                    trueUp(sequence, priced, m, slot, p, periodStart);
                }
                postDemand(sequence, priced, m, slot, periodStart);
            }
            else
            {
                // priced by more than one version: the tick-level postings stay final, and the period's peak demand
                // is charged at the rates of the version in force at its end
                if (demandPeriodsAgree)
                {
                    postDemand(sequence, tariff, m, slot, periodStart);
                }
                else
                {
                    if (demandPeriodsInForce < 0)
                    {
                        demandPeriodsInForce = demandPeriodsIn(tariff, billingPeriod);
                    }
                    postMixedDemand(sequence, tariff, m, slot, periodStart, demandPeriodsInForce);
                }
            }
            if (freeSlots)
            {
                billing.free(slot);
                dailyTotals.release(m, slot, billingPeriod);
            }
        }
    }

    private void trueUp(
        final long sequence, final TouTariff tariff, final int meter, final int slot, final int period,
        final long periodStart)
    {
        final long importWh = billing.importWh(slot, period);
        final long exportWh = billing.exportWh(slot, period);
        final long definitiveCharge;
        final long definitiveCredit;
        final long energy;
        if (tariff.exportRule() == ExportRule.NET_METERING)
        {
            // exports offset imports within the TOU period at retail; a net surplus is paid at the surplus rate
            final long net = Math.subtractExact(importWh, exportWh);
            definitiveCharge = net > 0 ? TouPricer.tieredCharge(tariff, period, net) : 0;
            definitiveCredit = net < 0 ? MicroUnits.amountFor(-net, tariff.netSurplusMicrosPerKwh()) : 0;
            energy = net;
        }
        else
        {
            // daily tiers restart every local midnight, so each day is tiered on its own; tiers counted over all
            // periods share each tier among the periods in proportion to their energy
            final TierBasis basis = tariff.tiers() == null ? TierBasis.BILLING_PERIOD : tariff.tiers().basis();
            definitiveCharge = basis == TierBasis.DAILY ? dailyCharge(tariff, meter, slot, period) :
                basis == TierBasis.BILLING_PERIOD_ALL_PERIODS ?
                    TouPricer.sharedTierCharge(tariff, period, importWh, wholeImportWh(slot, tariff.periodCount())) :
                    TouPricer.tieredCharge(tariff, period, importWh);
            definitiveCredit = billing.credits(slot, period);
            energy = importWh;
        }
        final long customer = meters.accountOf(meter);
        final long meterId = meters.meterIdAt(meter);
        final long chargeDelta = Math.subtractExact(definitiveCharge, billing.charges(slot, period));
        if (chargeDelta != 0)
        {
            postings.transfer(sequence, chargeDelta > 0 ? customer : SystemAccounts.REVENUE,
                chargeDelta > 0 ? SystemAccounts.REVENUE : customer, tariff.tokenSymbol(), Math.abs(chargeDelta),
                ReasonCode.TRUE_UP)
                .explain(meterId, periodStart, energy, definitiveCharge, tariff.tariffId(), tariff.version(), period,
                    TRUE_UP_CHARGE);
            postings.emitTransfer();
        }
        final long creditDelta = Math.subtractExact(definitiveCredit, billing.credits(slot, period));
        if (creditDelta != 0)
        {
            postings.transfer(sequence, creditDelta > 0 ? SystemAccounts.ISSUANCE : customer,
                creditDelta > 0 ? customer : SystemAccounts.ISSUANCE, tariff.exportTokenSymbol(),
                Math.abs(creditDelta), ReasonCode.TRUE_UP)
                .explain(meterId, periodStart, energy, definitiveCredit, tariff.tariffId(), tariff.version(), period,
                    TRUE_UP_CREDIT);
            postings.emitTransfer();
        }
    }

    /**
     * The definitive charge of a TOU period under daily tiers: each local day's import tiered on its own
     * ({@link DailyTierTotals#definitiveCharge}). A period that was open when a snapshot without day totals was
     * loaded keeps its tick postings, as the build that wrote the snapshot did. So does a period whose day totals do
     * not hold all of its import: some of it was priced without daily tiers, by the tariff a meter was moved from
     * within the period (a slot knows versions, not tariffs, so both tariffs' version 1 look like one version), and
     * the days alone would take that import's charges back.
     */
    private long dailyCharge(final TouTariff tariff, final int meter, final int slot, final int period)
    {
        return dailyTotals.tracks(slot, billing.billingPeriodOf(slot)) &&
            dailyTotals.importWh(meter, slot, period) == billing.importWh(slot, period) ?
            dailyTotals.definitiveCharge(tariff, meter, slot, period) : billing.charges(slot, period);
    }

    private long wholeImportWh(final int slot, final int periods)
    {
        long whole = 0;
        for (int p = 0; p < periods; p++)
        {
            whole = Math.addExact(whole, billing.importWh(slot, p));
        }
        return whole;
    }

    private void postDemand(
        final long sequence, final TouTariff tariff, final int meter, final int slot, final long periodStart)
    {
        if (!tariff.hasDemandCharges())
        {
            return;
        }
        // the settled peak of ticks past correction, or a tick still in the window if it is higher
        final int billingPeriod = billing.billingPeriodOf(slot);
        final long flatW = Math.max(billing.flatMaxDemandW(slot), window.maxDemandW(meter, billingPeriod, -1));
        postFlatDemand(sequence, tariff, meter, periodStart, flatW);
        final DemandTiers tiers = tariff.demandTiers();
        final int tierCount = tiers == null ? 1 : tiers.tierCount();
        // peaks are kept per demand period: the TOU period, unless the tariff has a demand schedule
        for (int p = 0; p < tariff.demandPeriodCount(); p++)
        {
            final long w = Math.max(billing.maxDemandW(slot, p), window.maxDemandW(meter, billingPeriod, p));
            for (int t = 0; t < tierCount; t++)
            {
                postDemandPart(sequence, tariff, meter, periodStart, p, t,
                    tiers == null ? w : tiers.demandInTier(w, t),
                    tiers == null ? tariff.touDemandMicrosPerKw(p) : tiers.periodRate(p, t));
            }
        }
    }

    /** The flat demand charge of a billing period's all-period peak, tier by tier. */
    private void postFlatDemand(
        final long sequence, final TouTariff tariff, final int meter, final long periodStart, final long flatW)
    {
        final DemandTiers tiers = tariff.demandTiers();
        final int tierCount = tiers == null ? 1 : tiers.tierCount();
        for (int t = 0; t < tierCount; t++)
        {
            postDemandPart(sequence, tariff, meter, periodStart, FLAT_DEMAND, t,
                tiers == null ? flatW : tiers.demandInTier(flatW, t),
                tiers == null ? tariff.flatDemandMicrosPerKw() : tiers.flatRate(t));
        }
    }

    /**
     * The demand charges of a period priced by versions that put its instants in different demand periods (another
     * demand or energy schedule, other names, holidays or zone; {@link TouTariff#sameDemandPeriods}): a tick's peak
     * was kept under the demand period of the version that priced it, so the per-period peaks do not mean one
     * thing. The flat charge is posted as always (the all-period peak means the same under every version); the
     * time-of-use charge is the all-period peak charged once, in whichever of the closing version's demand periods in
     * force during the billing period charges it least (the lowest index on a tie). Wherever the peak fell, the
     * closing version charges at least that for it, so the customer is never charged more than its rates would charge
     * for the peak, and a month in which one demand period is in force is charged exactly.
     *
     * @param inForce bit {@code p} set for each demand period some slot of the billing period falls in.
     */
    private void postMixedDemand(
        final long sequence, final TouTariff tariff, final int meter, final int slot, final long periodStart,
        final long inForce)
    {
        final int billingPeriod = billing.billingPeriodOf(slot);
        final long flatW = Math.max(billing.flatMaxDemandW(slot), window.maxDemandW(meter, billingPeriod, -1));
        postFlatDemand(sequence, tariff, meter, periodStart, flatW);
        final DemandTiers tiers = tariff.demandTiers();
        final int tierCount = tiers == null ? 1 : tiers.tierCount();
        int cheapest = -1;
        long least = Long.MAX_VALUE;
        for (int p = 0; p < tariff.demandPeriodCount(); p++)
        {
            if ((inForce & (1L << p)) == 0)
            {
                continue;
            }
            long charge = 0;
            for (int t = 0; t < tierCount; t++)
            {
                charge = Math.addExact(charge, MicroUnits.amountFor(
                    tiers == null ? flatW : tiers.demandInTier(flatW, t),
                    tiers == null ? tariff.touDemandMicrosPerKw(p) : tiers.periodRate(p, t)));
            }
            if (charge < least)
            {
                least = charge;
                cheapest = p;
            }
        }
        for (int t = 0; cheapest >= 0 && t < tierCount; t++)
        {
            postDemandPart(sequence, tariff, meter, periodStart, cheapest, t,
                tiers == null ? flatW : tiers.demandInTier(flatW, t),
                tiers == null ? tariff.touDemandMicrosPerKw(cheapest) : tiers.periodRate(cheapest, t));
        }
    }

    /**
     * @return a bit per demand period of the tariff that some schedule slot of the billing period falls in, by its
     *     local dates' months and day types; a slot whose local times a daylight-saving change skips (02:00 on the
     *     spring-forward day) is in no period, since no reading can fall in it.
     */
    private static long demandPeriodsIn(final TouTariff tariff, final int billingPeriod)
    {
        final ZoneOffsetTable zone = tariff.zoneTable();
        final long firstDay = Math.floorDiv(zone.localEpochSecond(tariff.billingPeriodStart(billingPeriod)), 86_400L);
        final long lastDay = Math.floorDiv(
            zone.localEpochSecond(tariff.billingPeriodStart(billingPeriod + 1) - 1), 86_400L);
        final int slotSeconds = tariff.slotMinutes() * 60;
        long inForce = 0;
        for (long day = firstDay; day <= lastDay; day++)
        {
            for (int second = 0; second < 86_400; second += slotSeconds)
            {
                final long local = day * 86_400L + second;
                if (zone.occurs(local) || zone.occurs(local + slotSeconds - 1))
                {
                    inForce |= 1L << tariff.demandPeriodIndexAtLocal(local);
                }
            }
        }
        return inForce;
    }

    /**
     * One demand charge, or one tier's part of it: W x micro-units per kW / 1000, the same one rounding as energy;
     * the explanation names the period (or {@link #FLAT_DEMAND}), the tier, the demand in the tier and the rate.
     */
    private void postDemandPart(
        final long sequence, final TouTariff tariff, final int meter, final long periodStart, final int period,
        final int tier, final long demandW, final long microsPerKw)
    {
        final long amount = MicroUnits.amountFor(demandW, microsPerKw);
        if (amount > 0)
        {
            postings.transfer(sequence, meters.accountOf(meter), SystemAccounts.REVENUE, tariff.tokenSymbol(), amount,
                ReasonCode.DEMAND_CHARGE)
                .explain(meters.meterIdAt(meter), periodStart, demandW, microsPerKw, tariff.tariffId(),
                    tariff.version(), period, tier);
            postings.emitTransfer();
        }
    }

    private void postFixedCharges(final long sequence, final TouTariff tariff, final long at, final long charge)
    {
        final long tariffId = tariff.tariffId();
        for (int m = 0, n = meters.meterCount(); m < n; m++)
        {
            if (meters.tariffOf(m) == tariffId && meters.enrolledFrom(m) < at)
            {
                postings.transfer(sequence, meters.accountOf(m), SystemAccounts.REVENUE, tariff.tokenSymbol(), charge,
                    ReasonCode.FIXED_CHARGE)
                    .explain(meters.meterIdAt(m), at, 0, charge, tariffId, tariff.version(), 0, 0);
                postings.emitTransfer();
            }
        }
    }

    void writeState(final DataOutput out) throws IOException
    {
        snapshotScratch = StateIo.writeMap(out, closedUntil, snapshotScratch);
        snapshotScratch = StateIo.writeMap(out, lastEndOfDay, snapshotScratch);
    }

    void readState(final DataInput in) throws IOException
    {
        StateIo.readMap(in, closedUntil);
        StateIo.readMap(in, lastEndOfDay);
    }
}
