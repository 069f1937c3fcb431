package org.gridsettle.benchmarks.conventional;

import org.gridsettle.benchmarks.workload.PeriodTable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;

/**
 * The pricing a team writes first: {@link ZonedDateTime} to find the local month, day and hour, {@link BigDecimal}
 * rates per kWh, and {@code setScale(6, HALF_EVEN)} on the exact product. It shares only the {@link PeriodTable}
 * with the engine, none of the engine's calendar or fixed-point code, so agreeing totals cross-check both.
 * <p>
 * Allocates on every call, as such code does. Immutable after construction and thread-safe.
 */
public final class BigDecimalPricer
{
    /** Scale of money: micro-units. */
    public static final int MONEY_SCALE = 6;

    private final BigDecimal[] importRates = new BigDecimal[PeriodTable.periodCount()];
    private final BigDecimal[] exportRates = new BigDecimal[PeriodTable.periodCount()];
    private final Set<LocalDate> holidays = new HashSet<>(PeriodTable.holidays());

    /**
     * Reads the rates from the period table.
     */
    public BigDecimalPricer()
    {
        for (int p = 0; p < importRates.length; p++)
        {
            importRates[p] = new BigDecimal(PeriodTable.importRate(p));
            exportRates[p] = new BigDecimal(PeriodTable.exportRate(p));
        }
    }

    /**
     * @param intervalStart epoch seconds.
     * @param importWh      energy imported, Wh.
     * @param exportWh      energy exported, Wh.
     * @return the period, rates and amounts, each amount rounded half-even to six decimals once.
     */
    public PricedTick price(final long intervalStart, final long importWh, final long exportWh)
    {
        final ZonedDateTime local = Instant.ofEpochSecond(intervalStart).atZone(PeriodTable.ZONE);
        final DayOfWeek day = local.getDayOfWeek();
        final boolean weekendOrHoliday = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ||
            holidays.contains(local.toLocalDate());
        final int period = PeriodTable.periodAt(local.getMonthValue(), weekendOrHoliday, local.getHour());
        final BigDecimal importRate = importRates[period];
        final BigDecimal exportRate = exportRates[period];
        return new PricedTick(period, importRate, exportRate, amount(importWh, importRate),
            amount(exportWh, exportRate));
    }

    private static BigDecimal amount(final long wattHours, final BigDecimal ratePerKwh)
    {
        return BigDecimal.valueOf(wattHours, 3).multiply(ratePerKwh).setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * @param amount an amount with {@link #MONEY_SCALE} decimals.
     * @return the same amount in micro-units.
     */
    public static long toMicros(final BigDecimal amount)
    {
        return amount.movePointRight(MONEY_SCALE).longValueExact();
    }
}
