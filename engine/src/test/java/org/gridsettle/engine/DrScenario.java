package org.gridsettle.engine;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.journal.codec.DrEventWithdrawalCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives a {@link SettlementLogic} directly (no journal, no Disruptor) with encoded inputs, numbered from 1, and keeps
 * every input and output record's bytes: enough to settle a DR event in milliseconds and to replay it.
 * <p>
 * The tariff is the fixture's two-period tariff in Los Angeles with one holiday, Monday 2026-03-16.
 */
final class DrScenario
{
    static final long DR = TokenSymbol.pack("DR");
    static final LocalDate HOLIDAY = LocalDate.of(2026, 3, 16);
    static final int EVENT_DAY = 17;
    static final long INCENTIVE = 1_234_567;

    final SettlementLogic logic;
    final List<byte[]> inputs = new ArrayList<>();
    final List<byte[]> outputs = new ArrayList<>();
    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(8192, 64));
    private long sequence;
    /** The END_OF_DAY input that settled the event of {@link #standardEvent}. */
    long settledBy;

    DrScenario()
    {
        logic = new SettlementLogic((b, o, l) ->
        {
            final byte[] copy = new byte[l];
            b.getBytes(o, copy);
            outputs.add(copy);
        });
    }

    /**
     * The scenario {@code DrSettlementTest} describes and hand-calculates: four meters over 18 days, an earlier
     * declared event on day 10 and the adjusted 10-in-10 event on day {@value #EVENT_DAY}, 14:00-16:00.
     *
     * @return the scenario after the event day's end of day.
     */
    static DrScenario standardEvent()
    {
        return standardEvent(s ->
        {
        });
    }

    /**
     * {@link #standardEvent()}, with inputs of the caller's just before the event day's end of day.
     *
     * @param beforeEventDayEnds applies them, after the event day's ticks.
     * @return the scenario after the event day's end of day.
     */
    static DrScenario standardEvent(final Consumer<DrScenario> beforeEventDayEnds)
    {
        return standardEvent(DrEventCodec.UNKNOWN_MODIFICATION, 14, 16, beforeEventDayEnds);
    }

    /**
     * {@link #standardEvent(Consumer)}, with event 2 published at an OpenADR modification number (DR_EVENT schema 2)
     * over other hours of the event day.
     *
     * @param modificationNumber event 2's, or {@link DrEventCodec#UNKNOWN_MODIFICATION} for schema 1.
     * @param fromHour           event 2's first local hour; 14 in the standard event.
     * @param toHour             its exclusive last; 16 in the standard event.
     * @param beforeEventDayEnds applies the caller's inputs, after the event day's ticks.
     * @return the scenario after the event day's end of day.
     */
    static DrScenario standardEvent(
        final long modificationNumber, final int fromHour, final int toHour,
        final Consumer<DrScenario> beforeEventDayEnds)
    {
        final long drBit = MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE;
        final DrScenario s = new DrScenario();
        s.tariff(tariff());
        for (long m = 1; m <= 4; m++)
        {
            s.account(1000 + m);
        }
        s.enrol(1, EngineFixture.START, drBit);
        s.enrol(2, EngineFixture.START, drBit);
        s.enrol(3, at(10, 0), drBit);
        s.enrol(4, EngineFixture.START, 0);
        s.drEvent(1, at(10, 14), at(10, 15), INCENTIVE, BaselineMethod.DECLARED, 1_000);
        s.publish(false, 2, DR, EngineFixture.TARIFF, at(EVENT_DAY, fromHour), at(EVENT_DAY, toHour), INCENTIVE,
            BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT.code(), 0, modificationNumber);
        for (int day = 0; day <= EVENT_DAY; day++)
        {
            final int d = day;
            final int quarters = quarters(day);
            if (day < EVENT_DAY)
            {
                s.ticks(1, day, 0, quarters, h -> d == 14 ? 1_250 : d == 10 ? 750 : 250);
                s.ticks(2, day, 0, quarters, h -> 250);
            }
            else
            {
                s.ticks(1, day, 0, 64, h -> h >= 10 && h < 13 ? 275 : h >= 14 ? 100 : 250);
                s.tick(1, at(day, 15) + 2_700, 50, true); // the 15:45 tick corrected before settlement
                s.ticks(1, day, 64, quarters, h -> 250);
                s.ticks(2, day, 0, 64, h -> 250);    // meter 2's readings stop at 16:00
            }
            if (day >= 10)
            {
                s.ticks(3, day, 0, quarters, h -> 250);
            }
            s.ticks(4, day, 0, quarters, h -> 250);
            if (day == EVENT_DAY)
            {
                beforeEventDayEnds.accept(s);
            }
            s.settledBy = s.endOfDay(day);
        }
        return s;
    }

    static TouTariff tariff()
    {
        final TouTariff base = EngineFixture.tariff();
        return new TouTariff(base.tariffId(), 1, base.effectiveFromEpochSecond(), "USD", "SOLAR", base.zone(),
            base.slotMinutes(), List.of(new TouPeriod("off-peak", EngineFixture.OFF_PEAK_IMPORT, 0),
            new TouPeriod("peak", EngineFixture.PEAK_IMPORT, 0)), base.scheduleCopy(),
            new long[] {HOLIDAY.toEpochDay()});
    }

    /** @return the epoch second of a local time on a day after {@link EngineFixture#START}. */
    static long at(final int day, final int hour)
    {
        return LocalDate.of(2026, 3, 2).plusDays(day).atTime(hour, 0).atZone(EngineFixture.ZONE).toEpochSecond();
    }

    long tariff(final TouTariff tariff)
    {
        final TariffVersionCodec c = new TariffVersionCodec().wrap(buffer, 0);
        c.encode(++sequence, tariff);
        return apply(TariffVersionCodec.encodedLength(tariff));
    }

    long account(final long accountId)
    {
        new AccountRegistrationCodec().<AccountRegistrationCodec>wrap(buffer, 0).encode(++sequence, accountId);
        return apply(AccountRegistrationCodec.LENGTH);
    }

    long enrol(final long meterId, final long from, final long programs)
    {
        new MeterEnrolmentCodec().<MeterEnrolmentCodec>wrap(buffer, 0)
            .encode(++sequence, meterId, 1000 + meterId, EngineFixture.TARIFF, from, programs, 0);
        return apply(MeterEnrolmentCodec.LENGTH);
    }

    long tick(final long meterId, final long start, final long importWh, final boolean correction)
    {
        new MeterTickCodec().<MeterTickCodec>wrap(buffer, 0).encode(++sequence, meterId, 0, start, 900, importWh, 0,
            correction ? MeterTickCodec.FLAG_CORRECTION : 0);
        return apply(MeterTickCodec.LENGTH);
    }

    /** @return the 15-minute intervals of a local day: 92 or 100 on a daylight-saving change. */
    static int quarters(final int day)
    {
        return (int)((at(day + 1, 0) - at(day, 0)) / 900L);
    }

    /**
     * Ticks one meter's 15-minute intervals [fromQuarter, toQuarter) of a local day, counted in real time from local
     * midnight; the load per quarter hour is a function of the local clock hour.
     */
    void ticks(final long meterId, final int day, final int fromQuarter, final int toQuarter,
        final IntToLongFunction whPerQuarterAtHour)
    {
        final long midnight = at(day, 0);
        for (int q = fromQuarter; q < toQuarter; q++)
        {
            final long start = midnight + q * 900L;
            final int hour = java.time.Instant.ofEpochSecond(start).atZone(EngineFixture.ZONE).getHour();
            tick(meterId, start, whPerQuarterAtHour.applyAsLong(hour), false);
        }
    }

    long endOfDay(final int day)
    {
        new CalendarCodec().<CalendarCodec>wrap(buffer, 0)
            .encode(++sequence, CalendarCodec.END_OF_DAY, at(day + 1, 0), EngineFixture.TARIFF);
        return apply(CalendarCodec.LENGTH);
    }

    long drEvent(final long eventId, final long start, final long end, final long incentive,
        final BaselineMethod method, final long declaredWh)
    {
        return drEvent(eventId, DR, EngineFixture.TARIFF, start, end, incentive, method.code(), declaredWh);
    }

    long drEvent(final long eventId, final long token, final long tariffId, final long start, final long end,
        final long incentive, final int method, final long declaredWh)
    {
        new DrEventCodec().<DrEventCodec>wrap(buffer, 0)
            .encode(++sequence, eventId, token, tariffId, start, end, incentive, method, declaredWh);
        return apply(DrEventCodec.LENGTH);
    }

    /** @return the sequence of a DR_EVENT schema 3, a modification of event {@code eventId} on the fixture's tariff. */
    long modify(final long eventId, final long start, final long end, final BaselineMethod method,
        final long declaredWh, final long modificationNumber)
    {
        return publish(true, eventId, DR, EngineFixture.TARIFF, start, end, INCENTIVE, method.code(), declaredWh,
            modificationNumber);
    }

    /**
     * @param modification true for DR_EVENT schema 3, false for schema 2 (or 1 without a number).
     * @return the input's sequence.
     */
    long publish(final boolean modification, final long eventId, final long token, final long tariffId,
        final long start, final long end, final long incentive, final int method, final long declaredWh,
        final long modificationNumber)
    {
        final DrEventCodec e = new DrEventCodec().wrap(buffer, 0);
        if (modification)
        {
            e.encodeModification(++sequence, eventId, token, tariffId, start, end, incentive, method, declaredWh,
                modificationNumber);
        }
        else
        {
            e.encode(++sequence, eventId, token, tariffId, start, end, incentive, method, declaredWh,
                modificationNumber);
        }
        return apply(e.encodedLength());
    }

    long withdraw(final long eventId, final long tariffId)
    {
        new DrEventWithdrawalCodec().<DrEventWithdrawalCodec>wrap(buffer, 0).encode(++sequence, eventId, tariffId);
        return apply(DrEventWithdrawalCodec.LENGTH);
    }

    /**
     * @param state a state {@link #state} gave.
     * @return a scenario whose logic is loaded from it, to {@link #apply(byte[])} recorded inputs to.
     */
    static DrScenario restored(final byte[] state)
    {
        final DrScenario s = new DrScenario();
        try
        {
            s.logic.readState(new DataInputStream(new ByteArrayInputStream(state)));
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    /** Applies a recorded input as it is, sequence and all. */
    void apply(final byte[] input)
    {
        inputs.add(input);
        logic.apply(new UnsafeBuffer(input), 0, input.length);
    }

    /** @return the logic's state as {@link SettlementLogic#writeState} writes it. */
    static byte[] state(final SettlementLogic logic)
    {
        final ByteArrayOutputStream into = new ByteArrayOutputStream();
        try
        {
            logic.writeState(new DataOutputStream(into));
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return into.toByteArray();
    }

    /** Asserts that an input of this scenario was answered by one rejection of that reason and subject. */
    void assertRejected(final long input, final ReasonCode reason, final long subject)
    {
        final List<byte[]> outs = outputsOf().causedBy(input);
        assertThat(outs).hasSize(1);
        assertThat(Outputs.rejection(outs.get(0))).isEqualTo(reason);
        final RejectionCodec r = new RejectionCodec().wrap(new UnsafeBuffer(outs.get(0)), 0);
        assertThat(r.subject()).as("subject").isEqualTo(subject);
        assertThat(r.inputType()).isEqualTo(Outputs.type(inputs.get((int)input - 1)));
    }

    Outputs outputsOf()
    {
        return Outputs.ofRecords(outputs);
    }

    private long apply(final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(0, copy);
        inputs.add(copy);
        logic.apply(buffer, 0, length);
        return sequence;
    }
}
