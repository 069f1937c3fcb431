package org.gridsettle.benchmarks.workload;

import org.gridsettle.pricing.tariff.DayType;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;

import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles the {@link PeriodTable} into the engine's {@link TouTariff}: hourly slots for every month and day type,
 * rates in micro-units per kWh, holidays as local epoch days.
 * <p>
 * Stateless and thread-safe; each call returns a new immutable tariff.
 */
public final class BenchTariff
{
    /** First instant the tariff prices: 2026-01-01T00:00 in the tariff's zone. */
    public static final long EFFECTIVE_FROM = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, PeriodTable.ZONE)
        .toEpochSecond();

    private BenchTariff()
    {
    }

    /**
     * @return the benchmark tariff, version 1.
     */
    public static TouTariff create()
    {
        final List<TouPeriod> periods = new ArrayList<>();
        for (int p = 0; p < PeriodTable.periodCount(); p++)
        {
            periods.add(new TouPeriod(PeriodTable.name(p), micros(PeriodTable.importRate(p)),
                micros(PeriodTable.exportRate(p))));
        }
        final int dayTypes = DayType.values().length;
        final byte[] schedule = new byte[12 * dayTypes * 24];
        for (int month = 1; month <= 12; month++)
        {
            for (final DayType dayType : DayType.values())
            {
                for (int hour = 0; hour < 24; hour++)
                {
                    final int period = PeriodTable.periodAt(month, dayType != DayType.WEEKDAY, hour);
                    schedule[((month - 1) * dayTypes + dayType.ordinal()) * 24 + hour] = (byte)period;
                }
            }
        }
        final long[] holidays = PeriodTable.holidays().stream().mapToLong(d -> d.toEpochDay()).toArray();
        return new TouTariff(PeriodTable.TARIFF_ID, 1, EFFECTIVE_FROM, PeriodTable.TOKEN, PeriodTable.EXPORT_TOKEN,
            PeriodTable.ZONE, 60, periods, schedule, holidays);
    }

    private static long micros(final String perKwh)
    {
        return new BigDecimal(perKwh).movePointRight(6).longValueExact();
    }
}
