package org.gridsettle.benchmarks.conventional;

import java.math.BigDecimal;

/**
 * What {@link BigDecimalPricer} returns for one tick. Immutable.
 *
 * @param period       period index in the {@link org.gridsettle.benchmarks.workload.PeriodTable}.
 * @param importRate   charge per kWh applied.
 * @param exportRate   credit per kWh applied.
 * @param importCharge amount charged, six decimals.
 * @param exportCredit amount credited, six decimals.
 */
public record PricedTick(
    int period, BigDecimal importRate, BigDecimal exportRate, BigDecimal importCharge, BigDecimal exportCredit)
{
}
