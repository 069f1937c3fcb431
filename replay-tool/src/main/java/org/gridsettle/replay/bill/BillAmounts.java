package org.gridsettle.replay.bill;

import java.time.LocalDate;

/**
 * The sums of one billing period, or of the whole bill: energy in Wh and amounts in micro-units of the bill's token.
 * <p>
 * {@code carbon} stays 0 in {@code settle bill}, which publishes no grid carbon intensity; it is here so that a bill
 * has one shape whatever the tariff.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param from          first local day.
 * @param to            first local day after.
 * @param importWh      energy imported, accepted readings only.
 * @param exportWh      energy exported, accepted readings only.
 * @param energy        energy charges.
 * @param fixed         fixed charges.
 * @param demand        demand charges.
 * @param exportCredits export credits.
 * @param carbon        carbon adders less carbon credits.
 * @param trueUp        net-metering true-up.
 */
public record BillAmounts(
    LocalDate from,
    LocalDate to,
    long importWh,
    long exportWh,
    long energy,
    long fixed,
    long demand,
    long exportCredits,
    long carbon,
    long trueUp)
{
    /**
     * @return what the customer owes: charges less export credits; negative when the credits are larger.
     * @throws ArithmeticException on overflow.
     */
    public long total()
    {
        final long charges = Math.addExact(Math.addExact(Math.addExact(energy, fixed), Math.addExact(demand, carbon)),
            trueUp);
        return Math.subtractExact(charges, exportCredits);
    }

    /**
     * @param other sums of a later period.
     * @return the sums of both, from this one's first day to the other's end.
     * @throws ArithmeticException on overflow.
     */
    public BillAmounts plus(final BillAmounts other)
    {
        return new BillAmounts(from, other.to,
            Math.addExact(importWh, other.importWh), Math.addExact(exportWh, other.exportWh),
            Math.addExact(energy, other.energy), Math.addExact(fixed, other.fixed),
            Math.addExact(demand, other.demand), Math.addExact(exportCredits, other.exportCredits),
            Math.addExact(carbon, other.carbon), Math.addExact(trueUp, other.trueUp));
    }
}
