package org.gridsettle.replay.bill;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A one-shot bill for one meter under one tariff, computed by the engine itself.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param meter              the meter, as the usage file names it.
 * @param tariff             one line naming the tariff.
 * @param token              token of every amount: export credits are posted in the import token so they net.
 * @param calendar           days, periods and zone of the bill.
 * @param periods            per billing period, its sums and lines.
 * @param totals             sums of the whole bill.
 * @param readingsSubmitted  readings in the range submitted to the engine.
 * @param rejectionsByReason inputs the engine rejected, by reason name; their energy is not billed.
 * @param duplicates         readings acknowledged as exact duplicates; their energy is billed once.
 */
public record Bill(
    String meter,
    String tariff,
    String token,
    BillingCalendar calendar,
    List<PeriodBill> periods,
    BillAmounts totals,
    long readingsSubmitted,
    Map<String, Long> rejectionsByReason,
    long duplicates)
{
    /**
     * Freezes the collections.
     */
    public Bill
    {
        periods = List.copyOf(periods);
        rejectionsByReason = Collections.unmodifiableMap(new TreeMap<>(rejectionsByReason));
    }

    /**
     * One billing period. Immutable.
     *
     * @param amounts its sums.
     * @param lines   its lines, in order of kind, period, tier and rate.
     */
    public record PeriodBill(BillAmounts amounts, List<BillLine> lines)
    {
        /**
         * Freezes the lines.
         */
        public PeriodBill
        {
            lines = List.copyOf(lines);
        }
    }
}
