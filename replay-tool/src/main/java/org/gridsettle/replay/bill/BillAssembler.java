package org.gridsettle.replay.bill;

import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.pricing.tariff.TouTariff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns what the engine posted for a bill into the bill: sums per billing period and lines per (kind, period, tier,
 * rate).
 * <p>
 * A posting belongs to the billing period holding the interval it priced. A fixed charge is explained by the
 * instant its day or period ended, so it belongs to the period holding the second before. Energy is counted from the
 * readings the engine accepted, not from the transfers, because a reading priced at a rate of 0 posts nothing yet
 * is still energy on the bill.
 * <p>
 * Not thread-safe: one assembly per instance, on the calling thread.
 */
final class BillAssembler
{
    /** The period field of a flat (all-period) demand charge, as the engine posts it. */
    private static final int FLAT_DEMAND = 255;

    private static final Comparator<LineKey> LINE_ORDER = Comparator.comparingInt(LineKey::reason)
        .thenComparingInt(LineKey::periodOrder).thenComparingInt(LineKey::tier).thenComparingLong(LineKey::rate);

    private final TouTariff tariff;
    private final BillingCalendar calendar;
    private final EngineTranscript transcript;
    private final Map<Long, Integer> calendarKinds;

    BillAssembler(
        final TouTariff tariff,
        final BillingCalendar calendar,
        final EngineTranscript transcript,
        final Map<Long, Integer> calendarKinds)
    {
        this.tariff = tariff;
        this.calendar = calendar;
        this.transcript = transcript;
        this.calendarKinds = calendarKinds;
    }

    Bill assemble(
        final String meter, final String describe, final List<UsageReading> readings, final long[] tickSequences)
    {
        final List<BillingCalendar.Period> periods = calendar.periods();
        final long[][] sums = new long[periods.size()][Sum.values().length];
        final List<Map<LineKey, BillLine>> lines = new ArrayList<>();
        for (int p = 0; p < periods.size(); p++)
        {
            lines.add(new TreeMap<>(LINE_ORDER));
        }
        long duplicates = 0;
        for (int i = 0; i < readings.size(); i++)
        {
            final UsageReading r = readings.get(i);
            if (transcript.refused(tickSequences[i]))
            {
                duplicates += transcript.rejectionOf(tickSequences[i]) == null ? 1 : 0;
                continue;
            }
            final long[] sum = sums[periodOf(periods, r.start())];
            add(sum, Sum.IMPORT_WH, r.importWh());
            add(sum, Sum.EXPORT_WH, r.exportWh());
        }
        for (final EngineTranscript.Posted t : transcript.transfers())
        {
            final boolean fixed = t.reason() == ReasonCode.FIXED_CHARGE.code();
            // demand charges and true-ups are dated at their billing period's start, which is before the bill's
            // first day when --from falls inside a billing period: they belong to the bill's first period
            final boolean periodLevel = t.reason() == ReasonCode.DEMAND_CHARGE.code() ||
                t.reason() == ReasonCode.TRUE_UP.code();
            final long at = fixed ? t.intervalStart() - 1 : periodLevel ?
                Math.max(t.intervalStart(), periods.get(0).startEpochSecond()) : t.intervalStart();
            final int p = periodOf(periods, at);
            add(sums[p], sumOf(t.reason(), t.tier()), sign(t.reason()) * t.amount());
            final LineKey key = new LineKey(t.reason(), fixed ? fixedOrder(t.cause()) : t.period(), t.tier(), t.rate());
            lines.get(p).merge(key, new BillLine(kindOf(t.reason()), periodName(key, fixed), t.tier(), t.energyWh(),
                t.rate(), 1, t.amount()), (a, b) -> a.plus(b.energyWh(), b.amount()));
        }
        final List<Bill.PeriodBill> periodBills = new ArrayList<>();
        BillAmounts totals = null;
        for (int p = 0; p < periods.size(); p++)
        {
            final BillAmounts amounts = amounts(periods.get(p), sums[p]);
            periodBills.add(new Bill.PeriodBill(amounts, new ArrayList<>(lines.get(p).values())));
            totals = totals == null ? amounts : totals.plus(amounts);
        }
        final Map<String, Long> rejections = new TreeMap<>();
        for (final int code : transcript.rejections().values())
        {
            final ReasonCode reason = ReasonCode.ofCode(code);
            rejections.merge(reason == null ? "code " + code : reason.name(), 1L, Long::sum);
        }
        return new Bill(meter, describe, tariff.token(), calendar, periodBills, totals, readings.size(), rejections,
            duplicates);
    }

    private int fixedOrder(final long cause)
    {
        final Integer kind = calendarKinds.get(cause);
        if (kind == null)
        {
            throw new IllegalStateException("fixed charge caused by input " + cause + ", which is no calendar event");
        }
        return kind;
    }

    private String periodName(final LineKey key, final boolean fixed)
    {
        if (fixed)
        {
            return key.periodOrder() == CalendarCodec.END_OF_DAY ? "per day" : "per month";
        }
        if (key.periodOrder() == FLAT_DEMAND)
        {
            return "all periods";
        }
        if (key.reason() == ReasonCode.DEMAND_CHARGE.code())
        {
            // a demand charge names its demand period, which is the TOU period unless the tariff has a demand schedule
            return key.periodOrder() < tariff.demandPeriodCount() ? tariff.demandPeriodName(key.periodOrder()) :
                "demand period " + key.periodOrder();
        }
        return key.periodOrder() < tariff.periodCount() ? tariff.period(key.periodOrder()).name() :
            "period " + key.periodOrder();
    }

    private static int periodOf(final List<BillingCalendar.Period> periods, final long epochSecond)
    {
        for (int p = 0; p < periods.size(); p++)
        {
            if (periods.get(p).contains(epochSecond))
            {
                return p;
            }
        }
        throw new IllegalStateException("posting at epoch second " + epochSecond + " is outside the bill " +
            periods.get(0).from() + " to " + periods.get(periods.size() - 1).to());
    }

    private static Sum sumOf(final int reason, final int tier)
    {
        final ReasonCode code = ReasonCode.ofCode(reason);
        if (code == null)
        {
            throw new IllegalStateException("transfer with reason code " + reason + " unknown to this build");
        }
        return switch (code)
        {
            case ENERGY_CHARGE -> Sum.ENERGY;
            case EXPORT_CREDIT, EXPORT_CHARGE -> Sum.EXPORT_CREDITS;
            // tier 0: charges handed back, tier 1: credits taken back (FORMAT.md, HOURLY_NETTING)
            case HOURLY_NETTING -> tier == 0 ? Sum.ENERGY : Sum.EXPORT_CREDITS;
            case FIXED_CHARGE -> Sum.FIXED;
            case DEMAND_CHARGE -> Sum.DEMAND;
            case CARBON_ADDER, CARBON_CREDIT -> Sum.CARBON;
            case TRUE_UP -> Sum.TRUE_UP;
            default -> throw new IllegalStateException("a bill cannot place a " + code + " transfer");
        };
    }

    private static long sign(final int reason)
    {
        // a carbon credit lowers the carbon line; everything else adds to its own line
        return reason == ReasonCode.CARBON_CREDIT.code() ? -1 : 1;
    }

    private static String kindOf(final int reason)
    {
        final ReasonCode code = ReasonCode.ofCode(reason);
        return code == null ? "code " + reason : code.name().toLowerCase(Locale.ROOT);
    }

    private static void add(final long[] sum, final Sum which, final long value)
    {
        sum[which.ordinal()] = Math.addExact(sum[which.ordinal()], value);
    }

    private static BillAmounts amounts(final BillingCalendar.Period period, final long[] sum)
    {
        return new BillAmounts(period.from(), period.to(), sum[Sum.IMPORT_WH.ordinal()],
            sum[Sum.EXPORT_WH.ordinal()], sum[Sum.ENERGY.ordinal()], sum[Sum.FIXED.ordinal()],
            sum[Sum.DEMAND.ordinal()], sum[Sum.EXPORT_CREDITS.ordinal()], sum[Sum.CARBON.ordinal()],
            sum[Sum.TRUE_UP.ordinal()]);
    }

    private enum Sum
    {
        IMPORT_WH, EXPORT_WH, ENERGY, FIXED, DEMAND, EXPORT_CREDITS, CARBON, TRUE_UP
    }

    /**
     * What lines are summed by; {@code periodOrder} is the time-of-use period index, or for a fixed charge the
     * calendar kind that posted it.
     */
    private record LineKey(int reason, int periodOrder, int tier, long rate)
    {
    }
}
