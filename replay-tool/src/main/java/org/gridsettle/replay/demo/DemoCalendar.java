package org.gridsettle.replay.demo;

import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.pricing.money.TokenSymbol;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Plays the role of the host's scheduler in the demo: as the fleet's ticks cross each local midnight it submits the
 * end-of-day calendar event and that day's interest accrual on SOLAR balances, both as journalled inputs.
 * Not thread-safe; used by the demo's single producer.
 */
public final class DemoCalendar
{
    /** Interest paid on SOLAR balances, basis points APY. */
    public static final long APY_BPS = 400;

    private final SettlementEngine engine;
    private final SyntheticFleet fleet;
    private LocalDate day;
    private long nextMidnight;

    /**
     * @param engine engine to submit to.
     * @param fleet  the fleet, for its zone and first day.
     */
    public DemoCalendar(final SettlementEngine engine, final SyntheticFleet fleet)
    {
        this.engine = engine;
        this.fleet = fleet;
        this.day = LocalDate.ofInstant(Instant.ofEpochSecond(fleet.startEpochSecond()), DemoTariff.ZONE);
        this.nextMidnight = day.plusDays(1).atStartOfDay(DemoTariff.ZONE).toEpochSecond();
    }

    /**
     * Submits the calendar events for every local midnight at or before an instant.
     *
     * @param epochSecond the instant the fleet has reached.
     */
    public void advanceTo(final long epochSecond)
    {
        while (epochSecond >= nextMidnight && nextMidnight <= fleet.endEpochSecond())
        {
            engine.calendar(CalendarCodec.END_OF_DAY, nextMidnight, DemoTariff.TARIFF_ID);
            engine.calendar(CalendarCodec.END_OF_DAY, nextMidnight, DemoTariff.NEM_TARIFF_ID);
            engine.accrueInterest(day.toEpochDay(), TokenSymbol.pack("SOLAR"), APY_BPS, day.toEpochDay());
            day = day.plusDays(1);
            nextMidnight = day.plusDays(1).atStartOfDay(DemoTariff.ZONE).toEpochSecond();
        }
    }
}
