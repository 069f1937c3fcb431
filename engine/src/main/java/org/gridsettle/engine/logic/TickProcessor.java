package org.gridsettle.engine.logic;

import org.gridsettle.engine.snapshot.StateIo;
import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.carbon.CarbonIntensitySeries;
import org.gridsettle.pricing.money.MicroUnits;
import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.IntervalFit;
import org.gridsettle.pricing.tariff.NegativePriceRule;
import org.gridsettle.pricing.tariff.PriceQuote;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TouPricer;
import org.gridsettle.pricing.tariff.TouTariff;

/**
 * Applies meter ticks and tick corrections: validation, idempotency, pricing and posting.
 * <ul>
 *   <li>A tick's identity is (meter, channel, interval start). An exact duplicate is acknowledged and posts nothing;
 *       a different value under the same identity is rejected unless the tick is flagged as a correction.</li>
 *   <li>A tick (or correction) whose interval overlaps one already settled for the meter's channel, with another
 *       start or another length, is rejected: the overlapped energy would be settled twice, as when a feed sends a
 *       meter's hourly and 15-minute readings on one channel.</li>
 *   <li>A correction posts the exact reversal of the earlier tick's postings (re-priced with the tariff version that
 *       priced it, so the amounts match to the micro-unit), then the postings of the corrected values.</li>
 *   <li>Out-of-order ticks inside the window are priced exactly as in order: pricing depends only on the tick and
 *       the tariff version in force at its interval start.</li>
 *   <li>A tick in a closed billing period is rejected unless it is a correction.</li>
 * </ul>
 * Import charges debit the customer and credit utility revenue in the tariff's token; export credits are minted from
 * the issuance account of the tariff's program token. Owned by the business-logic thread. Not thread-safe.
 */
final class TickProcessor
{
    private static final int TICK = RecordType.METER_TICK.id();
    private static final long NO_CARBON = -1;
    private static final long CARBON_TOKEN = TokenLimit.CARBON;
    /** No daily tier counter: a day no meter's counter ever holds. */
    private static final long NO_DAY = Long.MIN_VALUE + 1;
    private static final int ORACLE_RATE = TransferCodec.TIER_ORACLE_RATE;

    private final MeterRegistry meters;
    private final TariffBook tariffs;
    private final TickWindow window;
    private final CalendarProcessor calendar;
    private final BillingAccumulators billing;
    private final DailyTierTotals dailyTotals;
    private final CarbonBook carbon;
    private final OracleBook oracle;
    private final HourlyNetting netting;
    private final HourlyNetting.TariffRef nettingRef = new HourlyNetting.TariffRef();
    private final Postings postings;
    private final DeferredCapture capture;
    private final ReadingLimits limits;
    private final DrHistory drHistory;
    private final PriceQuote quote = new PriceQuote();
    private long intensity = NO_CARBON;
    private long carbonAdder;
    private long carbonCredit;
    // a correction's reversal, kept while its corrected values are priced, so that both are checked before either posts
    private final PriceQuote reversal = new PriceQuote();
    private long reversalIntensity;
    private long reversalAdder;
    private long reversalCredit;
    private long ticksPriced;
    private int slot;
    /** The local day of the tick {@link #locate} placed, for daily tiers; {@link #NO_DAY} for other bases. */
    private long localDay;
    /** The demand place {@link #accumulate} computed for the tick it added, for its window entry. */
    private long place = TickWindow.NO_PLACE;
    private long counter;
    private boolean oracleUsed;
    private long oraclePrice;
    /** The local second, TOU period and billing period of the tick located last. */
    private final IntervalLocator located = new IntervalLocator();

    TickProcessor(
        final MeterRegistry meters,
        final TariffBook tariffs,
        final TickWindow window,
        final CalendarProcessor calendar,
        final BillingAccumulators billing,
        final DailyTierTotals dailyTotals,
        final CarbonBook carbon,
        final DrHistory drHistory,
        final OracleBook oracle,
        final HourlyNetting netting,
        final ReadingLimits limits,
        final Postings postings,
        final DeferredCapture capture)
    {
        this.limits = limits;
        this.capture = capture;
        this.oracle = oracle;
        this.netting = netting;
        this.carbon = carbon;
        this.drHistory = drHistory;
        this.meters = meters;
        this.tariffs = tariffs;
        this.window = window;
        this.calendar = calendar;
        this.billing = billing;
        this.dailyTotals = dailyTotals;
        this.postings = postings;
    }

    void apply(final long sequence, final MeterTickCodec tick)
    {
        final long meterId = tick.meterId();
        final int seconds = tick.intervalSeconds();
        if (seconds <= 0)
        {
            postings.reject(sequence, ReasonCode.ZERO_LENGTH_INTERVAL, TICK, meterId);
            return;
        }
        final long importWh = tick.importWh();
        final long exportWh = tick.exportWh();
        if (importWh < 0 || exportWh < 0)
        {
            postings.reject(sequence, ReasonCode.NEGATIVE_ENERGY, TICK, meterId);
            return;
        }
        final int channel = tick.channel();
        final int meter = meters.indexOf(meterId);
        final long start = tick.intervalStart();
        final int flags = tick.flags();
        if (channel > 15 || start > TickWindow.MAX_START || start < -TickWindow.MAX_START ||
            seconds > TickWindow.MAX_INTERVAL_SECONDS || (flags & ~MeterTickCodec.KNOWN_FLAGS) != 0)
        {
            postings.reject(sequence, ReasonCode.MALFORMED, TICK, meterId);
            return;
        }
        if (meter == MeterRegistry.NO_METER || start < meters.enrolledFrom(meter))
        {
            postings.reject(sequence, ReasonCode.UNKNOWN_METER, TICK, meterId);
            return;
        }
        // before anything below changes this meter's window or accumulators, a snapshot in progress copies them
        capture.beforeChange(meter);
        final boolean correction = (flags & MeterTickCodec.FLAG_CORRECTION) != 0;
        final long tariffId = meters.tariffOf(meter);
        final long key = TickWindow.key(start, channel, seconds);
        final int entry = window.find(meter, key);
        if (!correction && start < calendar.closedUntil(tariffId))
        {
            // a host retrying a tick that was settled before the close is told so, not that it came too late
            if (entry >= 0 && window.importWh(entry) == importWh && window.exportWh(entry) == exportWh)
            {
                postings.acknowledgeDuplicate(sequence, meterId, start);
            }
            else
            {
                postings.reject(sequence, ReasonCode.PERIOD_CLOSED, TICK, meterId);
            }
            return;
        }
        if (entry == TickWindow.TOO_OLD)
        {
            postings.reject(sequence, ReasonCode.OUTSIDE_CORRECTION_WINDOW, TICK, meterId);
        }
        else if (entry == TickWindow.OVERLAPS)
        {
            // the overlapped energy was settled once under the other interval; a correction must keep the interval
            postings.reject(sequence, ReasonCode.INTERVAL_OVERLAP, TICK, meterId);
        }
        else if (entry == TickWindow.ABSENT)
        {
            if (correction)
            {
                postings.reject(sequence, ReasonCode.NOTHING_TO_CORRECT, TICK, meterId);
                return;
            }
            if (limits.exceeds(meter, importWh, exportWh, seconds))
            {
                // a reading no meter of this service can show is refused, never priced or kept
                postings.reject(sequence, ReasonCode.READING_ABOVE_LIMIT, TICK, meterId);
                return;
            }
            final TouTariff tariff = tariffs.inForce(tariffId, start);
            if (tariff == null)
            {
                postings.reject(sequence, ReasonCode.UNKNOWN_TARIFF, TICK, tariffId);
                return;
            }
            if (!placeable(tariff, start))
            {
                postings.reject(sequence, ReasonCode.MALFORMED, TICK, meterId);
                return;
            }
            if (!fits(tariff, start, seconds))
            {
                postings.reject(sequence, ReasonCode.INTERVAL_SPANS_PERIOD, TICK, meterId);
                return;
            }
            if (!lookUpIntensity(tariff, meter, start))
            {
                postings.reject(sequence, ReasonCode.CARBON_INTENSITY_MISSING, TICK, meterId);
                return;
            }
            if (!lookUpOraclePrice(tariff, meter, start, exportWh))
            {
                postings.reject(sequence, ReasonCode.ORACLE_PRICE_MISSING, TICK, meterId);
                return;
            }
            if (hourly(tariff) && !netting.accepts(meter, hourOf(tariff, start)))
            {
                // its hour was netted and dropped from the kept hours: it could never be netted again
                postings.reject(sequence, ReasonCode.OUTSIDE_CORRECTION_WINDOW, TICK, meterId);
                return;
            }
            // the slot is claimed only once the tick is accepted: a rejected tick must not open a billing period
            // or mark one as priced by two versions
            if (!locate(tariff, meter, start, true) && !billing.hasRoomFor(meter, located.billingPeriod()))
            {
                postings.reject(sequence, ReasonCode.BILLING_PERIOD_NOT_OPEN, TICK, meterId);
                return;
            }
            if (price(sequence, tariff, importWh, exportWh, meterId) &&
                affordable(sequence, meter, meterId, tariff, start, importWh, exportWh, null, 0, true))
            {
                slot = billing.slotFor(meter, located.billingPeriod(), tariff.version());
                final long before = counter;
                post(sequence, meter, meterId, tariff, start, importWh, exportWh, 0);
                accumulate(meter, importWh, exportWh, seconds, 1);
                final long evicted = window.insert(meter, key, importWh, exportWh, tariff.version(), sequence, before,
                    intensity, place);
                if (evicted != TickWindow.NO_PLACE)
                {
                    billing.settleDemand(meter, evicted);
                }
                drHistory.recordTick(meters, meter, channel, located.local(), seconds, importWh);
                ticksPriced++;
                if (hourly(tariff))
                {
                    net(sequence, meter, meterId, tariff, start, importWh, exportWh, quote.importAmount,
                        quote.exportAmount);
                }
            }
        }
        else if (window.importWh(entry) == importWh && window.exportWh(entry) == exportWh)
        {
            postings.acknowledgeDuplicate(sequence, meterId, start);
        }
        else if (!correction)
        {
            postings.reject(sequence, ReasonCode.CONFLICTING_DUPLICATE, TICK, meterId);
        }
        else if (limits.exceeds(meter, importWh, exportWh, seconds))
        {
            // only readings that would be priced are held to the limits: a retry of a settled one, checked above, is
            // acknowledged whatever a later enrolment says, as every exact duplicate is
            postings.reject(sequence, ReasonCode.READING_ABOVE_LIMIT, TICK, meterId);
        }
        else
        {
            correct(sequence, meter, meterId, tariffId, start, seconds, channel, entry, importWh,
                exportWh);
        }
    }

    private void correct(
        final long sequence,
        final int meter,
        final long meterId,
        final long tariffId,
        final long start,
        final int intervalSeconds,
        final int channel,
        final int entry,
        final long importWh,
        final long exportWh)
    {
        final TouTariff tariff = tariffs.inForce(tariffId, start);
        final TouTariff original = tariffs.version(tariffId, window.version(entry));
        if (tariff == null || original == null)
        {
            postings.reject(sequence, ReasonCode.UNKNOWN_TARIFF, TICK, tariffId);
            return;
        }
        if (!placeable(tariff, start))
        {
            postings.reject(sequence, ReasonCode.MALFORMED, TICK, meterId);
            return;
        }
        if (!fits(tariff, start, intervalSeconds))
        {
            postings.reject(sequence, ReasonCode.INTERVAL_SPANS_PERIOD, TICK, meterId);
            return;
        }
        // look the new intensity up first: a correction that cannot be priced must leave no trace
        if (!lookUpIntensity(tariff, meter, start))
        {
            postings.reject(sequence, ReasonCode.CARBON_INTENSITY_MISSING, TICK, meterId);
            return;
        }
        final long newIntensity = intensity;
        final boolean nets = hourly(tariff) || hourly(original);
        if (nets && !netting.accepts(meter, hourOf(tariff, start)))
        {
            postings.reject(sequence, ReasonCode.OUTSIDE_CORRECTION_WINDOW, TICK, meterId);
            return;
        }
        if (!lookUpOraclePrice(tariff, meter, start, exportWh))
        {
            postings.reject(sequence, ReasonCode.ORACLE_PRICE_MISSING, TICK, meterId);
            return;
        }
        final boolean newOracleUsed = oracleUsed;
        final long newOraclePrice = oraclePrice;
        // a price once looked up never changes (OracleBook), so this finds the price the original was credited at;
        // it can only fail if the meter moved to a node without that price, and then nothing may be posted either
        if (!lookUpOraclePrice(original, meter, start, window.exportWh(entry)))
        {
            postings.reject(sequence, ReasonCode.ORACLE_PRICE_MISSING, TICK, meterId);
            return;
        }
        // the original postings, exactly: same version, same energies, same tier counter and carbon intensity
        final boolean open = locate(original, meter, start, false);
        counter = window.counter(entry);
        intensity = window.intensity(entry);
        final long oldImportWh = window.importWh(entry);
        final long oldExportWh = window.exportWh(entry);
        if (!price(sequence, original, oldImportWh, oldExportWh, meterId))
        {
            return;
        }
        keepReversal();
        final int oldSlot = slot;
        final int oldPeriod = located.period();
        final long oldLocalDay = localDay;
        // the corrected values are priced with the reversal already out of the tier counters, as they always were
        if (open)
        {
            accumulate(meter, -oldImportWh, -oldExportWh, 0, -1);
        }
        final boolean stillOpen = locate(tariff, meter, start, false);
        final long before = counter;
        intensity = newIntensity;
        oracleUsed = newOracleUsed;
        oraclePrice = newOraclePrice;
        if (!price(sequence, tariff, importWh, exportWh, meterId) ||
            !affordable(sequence, meter, meterId, tariff, start, importWh, exportWh, original, entry, stillOpen))
        {
            if (open)
            {
                // nothing was posted: put the reversal's amounts back exactly (demand lives in the window entry,
                // which is unchanged)
                addToPeriod(meter, oldSlot, oldPeriod, oldImportWh, oldExportWh, reversal.importAmount,
                    reversal.exportAmount, oldLocalDay);
            }
            return;
        }
        post(sequence, meter, meterId, original, start, oldImportWh, oldExportWh, window.cause(entry), reversal,
            reversalIntensity, reversalAdder, reversalCredit);
        post(sequence, meter, meterId, tariff, start, importWh, exportWh, 0);
        place = TickWindow.NO_PLACE;
        if (stillOpen)
        {
            accumulate(meter, importWh, exportWh, intervalSeconds, 1);
        }
        if (nets)
        {
            // what the original added to its hour comes out, what the corrected values add goes in
            final boolean originalNetted = hourly(original);
            final boolean newNetted = hourly(tariff);
            net(sequence, meter, meterId, newNetted ? tariff : original, start,
                (newNetted ? importWh : 0) - (originalNetted ? oldImportWh : 0),
                (newNetted ? exportWh : 0) - (originalNetted ? oldExportWh : 0),
                (newNetted ? quote.importAmount : 0) - (originalNetted ? reversal.importAmount : 0),
                (newNetted ? quote.exportAmount : 0) - (originalNetted ? reversal.exportAmount : 0));
        }
        drHistory.correctTick(meter, channel, located.local(), window.importWh(entry), importWh);
        // the corrected demand replaces the original's in the window, so a lower reading lowers the peak at close
        window.update(entry, importWh, exportWh, tariff.version(), sequence, before, intensity, place);
    }

    /**
     * Checks, before anything is posted, that the tick's postings fit the ledger (for a correction, the reversal kept
     * by {@link #keepReversal()} and the corrected values together) and that what {@link #accumulate} then adds fits
     * the billing sums; rejects the tick as OVERFLOW if not.
     *
     * @param original    the version that priced the tick being corrected, or null for a new tick.
     * @param entry       the corrected tick's window entry, if {@code original} is not null.
     * @param accumulates true if the tick's values will be added to an open billing period.
     * @return true if the tick can be posted whole.
     */
    private boolean affordable(
        final long sequence,
        final int meter,
        final long meterId,
        final TouTariff tariff,
        final long start,
        final long importWh,
        final long exportWh,
        final TouTariff original,
        final int entry,
        final boolean accumulates)
    {
        boolean ledgerFits = surelyFits(tariff, original);
        if (!ledgerFits)
        {
            // near a limit: add the amounts up per token, exactly, by running the posting code in check mode
            postings.beginCheck();
            if (original != null)
            {
                post(sequence, meter, meterId, original, start, window.importWh(entry), window.exportWh(entry),
                    window.cause(entry), reversal, reversalIntensity, reversalAdder, reversalCredit);
            }
            post(sequence, meter, meterId, tariff, start, importWh, exportWh, 0);
            ledgerFits = postings.endCheck();
        }
        // accumulate() runs after the postings: whatever it could overflow (sums, demand Wh x 3600) must be refused
        // now, not after them
        final boolean fits = ledgerFits && (!accumulates ||
            importWh <= Long.MAX_VALUE / 3600L && (slot < 0 || billing.canAdd(slot, located.period(), importWh,
                exportWh, quote.importAmount, quote.exportAmount)));
        if (!fits)
        {
            postings.reject(sequence, ReasonCode.OVERFLOW, TICK, meterId);
        }
        return fits;
    }

    /**
     * The usual case, far from any limit: every amount the tick posts, lumped together, fits the least headroom of the
     * tokens involved, so each token's own sum fits too. A few comparisons instead of a second run of the postings.
     */
    private boolean surelyFits(final TouTariff tariff, final TouTariff original)
    {
        final Ledger ledger = postings.ledger();
        long lumped = posted(quote, carbonAdder, carbonCredit);
        long headroom = Math.min(ledger.headroom(CARBON_TOKEN),
            Math.min(ledger.headroom(tariff.tokenSymbol()), ledger.headroom(tariff.exportTokenSymbol())));
        if (original != null)
        {
            lumped = plus(lumped, posted(reversal, reversalAdder, reversalCredit));
            headroom = Math.min(headroom,
                Math.min(ledger.headroom(original.tokenSymbol()), ledger.headroom(original.exportTokenSymbol())));
        }
        return lumped <= headroom;
    }

    /** What {@link #post} posts for a quote, in all tokens together: only positive amounts are posted. */
    private static long posted(final PriceQuote q, final long adder, final long credit)
    {
        // an export at a negative oracle price is charged (EXPORT_CHARGE): it moves its size as well
        long total = plus(Math.abs(q.exportAmount), plus(Math.max(adder, 0), Math.max(credit, 0)));
        for (int i = 0; i < q.parts; i++)
        {
            total = plus(total, Math.max(q.partAmount[i], 0));
        }
        return total;
    }

    /** Adds two amounts that are not negative, saturating at {@link Long#MAX_VALUE} instead of overflowing. */
    private static long plus(final long a, final long b)
    {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    /** Keeps the original's quote and carbon amounts as the reversal, allocation-free. */
    private void keepReversal()
    {
        reversal.periodIndex = quote.periodIndex;
        reversal.importRate = quote.importRate;
        reversal.exportRate = quote.exportRate;
        reversal.importAmount = quote.importAmount;
        reversal.exportAmount = quote.exportAmount;
        reversal.parts = quote.parts;
        System.arraycopy(quote.partTier, 0, reversal.partTier, 0, quote.parts);
        System.arraycopy(quote.partEnergyWh, 0, reversal.partEnergyWh, 0, quote.parts);
        System.arraycopy(quote.partRate, 0, reversal.partRate, 0, quote.parts);
        System.arraycopy(quote.partAmount, 0, reversal.partAmount, 0, quote.parts);
        reversalIntensity = intensity;
        reversalAdder = carbonAdder;
        reversalCredit = carbonCredit;
    }

    /**
     * Finds the grid carbon intensity a tick is priced at, if its tariff prices carbon and its meter is enrolled in
     * a carbon region.
     *
     * @return false if the intensity is needed but missing under the tariff's policy.
     */
    private static boolean hourly(final TouTariff tariff)
    {
        return tariff.exportRule() == ExportRule.NET_BILLING_HOURLY;
    }

    /**
     * True if the tariff's zone table places the start. A start the window's keys hold (within 2^37 s of the epoch)
     * may still lie outside the years the zone tables cover
     * ({@link org.gridsettle.pricing.calendar.ZoneOffsetTable}), where locating it would throw;
     * refused here, the tick's rejection names its meter like every other tick rejection.
     */
    private static boolean placeable(final TouTariff tariff, final long start)
    {
        return tariff.zoneTable().covers(start);
    }

    /** True if the whole interval is priced by what holds at its start (see {@link IntervalFit}). */
    private boolean fits(final TouTariff tariff, final long start, final int intervalSeconds)
    {
        final IntervalLocator located = this.located;
        located.locate(tariff, start);
        return IntervalFit.fits(tariff, start, located.local(), intervalSeconds);
    }

    private static long hourOf(final TouTariff tariff, final long start)
    {
        return Math.floorDiv(tariff.zoneTable().localEpochSecond(start), 3_600L);
    }

    /** True if a tick's exports are credited at the oracle price: the tariff says so and there are exports. */
    private static boolean oraclePriced(final TouTariff tariff, final long exportWh)
    {
        return tariff.oraclePricedExports() && tariff.exportRule().isNetBilling() && exportWh > 0;
    }

    /** Hands a tick's change of energy and provisional amounts to its hour's netting. */
    private void net(
        final long sequence,
        final int meter,
        final long meterId,
        final TouTariff tariff,
        final long start,
        final long deltaImport,
        final long deltaExport,
        final long deltaCharge,
        final long deltaCredit)
    {
        final long localStart = tariff.zoneTable().localEpochSecond(start);
        nettingRef.tariffId = tariff.tariffId();
        nettingRef.version = tariff.version();
        nettingRef.token = tariff.tokenSymbol();
        nettingRef.exportToken = tariff.exportTokenSymbol();
        netting.onTick(sequence, meter, meterId, meters.accountOf(meter), Math.floorDiv(localStart, 3_600L), start,
            localStart, nettingRef, deltaImport, deltaExport, deltaCharge, deltaCredit);
    }

    /**
     * Finds the oracle price a tick's exports are credited at, if its tariff takes export rates from the oracle and
     * the tick exports anything (a tick without exports needs no price, so a late price never holds up imports).
     *
     * @return false if the price is needed but missing under the tariff's policy, or the meter has no node.
     */
    private boolean lookUpOraclePrice(final TouTariff tariff, final int meter, final long start, final long exportWh)
    {
        oracleUsed = oraclePriced(tariff, exportWh);
        if (!oracleUsed)
        {
            return true;
        }
        oraclePrice = oracle.priceAt(oracle.nodeOf(meter), start, tariff.oracleCarryIntervals());
        return oraclePrice != OracleBook.MISSING;
    }

    private boolean lookUpIntensity(final TouTariff tariff, final int meter, final long start)
    {
        final long region = meters.carbonRegionOf(meter);
        if (!tariff.pricesCarbon() || region == 0)
        {
            intensity = NO_CARBON;
            return true;
        }
        intensity = carbon.intensityAt(region, start, tariff.carbonCarryIntervals());
        return intensity != CarbonIntensitySeries.MISSING;
    }

    /**
     * Finds the tick's TOU period, billing slot and tier counter; claims nothing (an accepted new tick claims its slot
     * with {@link BillingAccumulators#slotFor}).
     *
     * @param newTick true for a tick not seen before, false for a correction's original or corrected values.
     * @return false if the tick's billing period has no slot (yet).
     */
    private boolean locate(final TouTariff tariff, final int meter, final long start, final boolean newTick)
    {
        // one zone lookup per interval and tariff answers the TOU period, the billing period and the local day
        final IntervalLocator located = this.located;
        located.locate(tariff, start);
        final int period = located.period();
        final int billingPeriod = located.billingPeriod();
        slot = billing.find(meter, billingPeriod);
        final TierBasis basis = tariff.tiers() == null ? TierBasis.BILLING_PERIOD : tariff.tiers().basis();
        localDay = basis == TierBasis.DAILY ? Math.floorDiv(located.local(), 86_400L) : NO_DAY;
        if (slot < 0)
        {
            // a new tick of a period without a slot yet starts the period's counters at zero, but a daily counter is
            // the meter's, whatever the period; a correction of a closed period is re-priced from zero, as always
            counter = newTick && basis == TierBasis.DAILY && billing.hasRoomFor(meter, billingPeriod) ?
                billing.tierCounter(meter, slot, period, basis, localDay) : 0;
            return false;
        }
        counter = billing.tierCounter(meter, slot, period, basis, localDay);
        return true;
    }

    private void accumulate(
        final int meter, final long importWh, final long exportWh, final int intervalSeconds, final int sign)
    {
        // demand in W from interval energy, floored: Wh * 3600 / seconds; it is kept with the tick in the window
        final long demandW = sign > 0 && intervalSeconds > 0 ? Math.multiplyExact(importWh, 3600L) / intervalSeconds : 0;
        final int period = located.period();
        // the demand counts in its demand period (the start's slot of the demand schedule, when the tariff has one);
        // energy and amounts stay in the energy period
        place = sign > 0 ? TickWindow.place(demandW, located.demandPeriod(), located.billingPeriod()) :
            TickWindow.NO_PLACE;
        addToPeriod(meter, slot, period, importWh, exportWh, sign * quote.importAmount, sign * quote.exportAmount,
            localDay);
    }

    /**
     * Adds (or, with negative deltas, removes) a tick's energy and amounts to its billing slot, and, for daily tiers,
     * its import to its day, which the period close trues the day's tiers up from.
     */
    private void addToPeriod(
        final int meter,
        final int slot,
        final int period,
        final long importDeltaWh,
        final long exportDeltaWh,
        final long chargeDelta,
        final long creditDelta,
        final long localDay)
    {
        billing.add(meter, slot, period, importDeltaWh, exportDeltaWh, chargeDelta, creditDelta, localDay);
        if (localDay != NO_DAY)
        {
            dailyTotals.add(meter, slot, period, localDay, importDeltaWh);
        }
    }

    private boolean price(
        final long sequence,
        final TouTariff tariff,
        final long importWh,
        final long exportWh,
        final long meterId)
    {
        try
        {
            TouPricer.priceInPeriod(tariff, located.period(), importWh, exportWh, counter, quote);
            if (oracleUsed)
            {
                // the oracle price replaces the TOU sell rate; a negative price credits nothing unless the tariff
                // passes it through as a charge
                final long amount = MicroUnits.oracleAmountFor(exportWh, oraclePrice);
                quote.exportRate = oraclePrice;
                quote.exportAmount = amount < 0 && tariff.negativePriceRule() == NegativePriceRule.ZERO_CREDIT ? 0 :
                    amount;
            }
            carbonAdder = intensity == NO_CARBON ? 0 :
                MicroUnits.carbonAmountFor(importWh, intensity, tariff.carbonAdderMicrosPerKg());
            carbonCredit = intensity == NO_CARBON ? 0 :
                MicroUnits.carbonAmountFor(exportWh, intensity, tariff.carbonCreditMicrosPerKg());
            return true;
        }
        catch (final ArithmeticException | IllegalArgumentException e)
        {
            postings.reject(sequence, ReasonCode.OVERFLOW, TICK, meterId);
            return false;
        }
    }

    private void post(
        final long sequence,
        final int meter,
        final long meterId,
        final TouTariff tariff,
        final long start,
        final long importWh,
        final long exportWh,
        final long reverses)
    {
        post(sequence, meter, meterId, tariff, start, importWh, exportWh, reverses, quote, intensity, carbonAdder,
            carbonCredit);
    }

    /**
     * Posts a quote; when {@code reverses} is not 0 the postings run the other way and name the input they undo.
     * Posts nothing but is checked in the postings' check mode, so it must change no other state.
     */
    private void post(
        final long sequence,
        final int meter,
        final long meterId,
        final TouTariff tariff,
        final long start,
        final long importWh,
        final long exportWh,
        final long reverses,
        final PriceQuote q,
        final long gridIntensity,
        final long adder,
        final long credit)
    {
        final long customer = meters.accountOf(meter);
        // the meter's stride caches its account's ledger slot: no hash lookup of the customer per posting
        final int ledgerSlot = meters.ledgerSlotOf(meter, postings.ledger());
        final boolean reversal = reverses != 0;
        // passed for whichever side is the customer's: the first where a posting names the customer unless reversed
        final int customerUnlessReversed = reversal ? Ledger.NO_SLOT : ledgerSlot;
        final int customerIfReversed = reversal ? ledgerSlot : Ledger.NO_SLOT;
        for (int i = 0; i < q.parts; i++)
        {
            if (q.partAmount[i] > 0)
            {
                postings.transfer(sequence, reversal ? SystemAccounts.REVENUE : customer, customerUnlessReversed,
                    reversal ? customer : SystemAccounts.REVENUE, customerIfReversed, tariff.tokenSymbol(),
                    q.partAmount[i], ReasonCode.ENERGY_CHARGE)
                    .explain(meterId, start, q.partEnergyWh[i], q.partRate[i], tariff.tariffId(), tariff.version(),
                        q.periodIndex, q.partTier[i])
                    .reverses(reverses);
                postings.emitTransfer();
            }
        }
        // decided by the tariff and the energy alone, so a reversal is marked as the posting it undoes
        final int exportTier = oraclePriced(tariff, exportWh) ? ORACLE_RATE : 0;
        if (q.exportAmount > 0)
        {
            postings.transfer(sequence, reversal ? customer : SystemAccounts.ISSUANCE, customerIfReversed,
                reversal ? SystemAccounts.ISSUANCE : customer, customerUnlessReversed, tariff.exportTokenSymbol(),
                q.exportAmount, ReasonCode.EXPORT_CREDIT)
                .explain(meterId, start, exportWh, q.exportRate, tariff.tariffId(), tariff.version(),
                    q.periodIndex, exportTier)
                .reverses(reverses);
            postings.emitTransfer();
        }
        else if (q.exportAmount < 0)
        {
            // a negative oracle price passed through: the customer pays for the export, in the tariff's own token
            postings.transfer(sequence, reversal ? SystemAccounts.REVENUE : customer, customerUnlessReversed,
                reversal ? customer : SystemAccounts.REVENUE, customerIfReversed, tariff.tokenSymbol(), -q.exportAmount,
                ReasonCode.EXPORT_CHARGE)
                .explain(meterId, start, exportWh, q.exportRate, tariff.tariffId(), tariff.version(),
                    q.periodIndex, exportTier)
                .reverses(reverses);
            postings.emitTransfer();
        }
        if (adder > 0)
        {
            // explanation: energy and, in the rate field, the grid intensity in mg CO2/kWh; the price per kg is the
            // tariff version's
            postings.transfer(sequence, reversal ? SystemAccounts.CARBON_FUND : customer, customerUnlessReversed,
                reversal ? customer : SystemAccounts.CARBON_FUND, customerIfReversed, tariff.tokenSymbol(), adder,
                ReasonCode.CARBON_ADDER)
                .explain(meterId, start, importWh, gridIntensity, tariff.tariffId(), tariff.version(), q.periodIndex, 0)
                .reverses(reverses);
            postings.emitTransfer();
        }
        if (credit > 0)
        {
            postings.transfer(sequence, reversal ? customer : SystemAccounts.ISSUANCE, customerIfReversed,
                reversal ? SystemAccounts.ISSUANCE : customer, customerUnlessReversed, CARBON_TOKEN, credit,
                ReasonCode.CARBON_CREDIT)
                .explain(meterId, start, exportWh, gridIntensity, tariff.tariffId(), tariff.version(), q.periodIndex, 0)
                .reverses(reverses);
            postings.emitTransfer();
        }
    }

    long ticksPriced()
    {
        return ticksPriced;
    }

    void writeState(final DataOutput out) throws IOException
    {
        out.writeLong(ticksPriced);
    }

    void readState(final DataInput in) throws IOException
    {
        ticksPriced = in.readLong();
    }
}
