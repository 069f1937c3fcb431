package org.gridsettle.replay.bill;

/**
 * One line of a bill: the transfers of one kind at one rate in one time-of-use period, summed.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param kind     {@code energy_charge}, {@code export_credit}, {@code fixed_charge}, or another reason in lower case.
 * @param period   the time-of-use period's name; for a fixed charge {@code per day} or {@code per month}.
 * @param tier     tier index, 0 while tariffs are untiered.
 * @param energyWh energy priced; 0 for fixed charges.
 * @param rate     micro-units per kWh; for a fixed charge the charge per day or month.
 * @param count    transfers summed.
 * @param amount   micro-units.
 */
public record BillLine(String kind, String period, int tier, long energyWh, long rate, long count, long amount)
{
    /**
     * @param energyWh energy of one more transfer.
     * @param amount   its amount.
     * @return this line with it added.
     * @throws ArithmeticException on overflow.
     */
    BillLine plus(final long energyWh, final long amount)
    {
        return new BillLine(kind, period, tier, Math.addExact(this.energyWh, energyWh), rate, count + 1,
            Math.addExact(this.amount, amount));
    }
}
