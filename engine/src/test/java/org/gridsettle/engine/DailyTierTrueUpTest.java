package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TierTable;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The billing-period close trues daily tiers up to their definition (pricing/README.md, "Tiers"): per TOU period,
 * the sum over the period's local days of each day's tiered charge, so that neither a correction nor a tick of an
 * earlier day leaves a day at the tiers its ticks happened to be priced at. Ticks still post provisionally at the
 * tier their day has reached when applied. Unless said otherwise, one flat period: the first 10 kWh of a local day at
 * 0.10, the rest at 0.20 (the pricing review's tariff), rates whole micro-units per Wh, so that no tick's rounding
 * is in the figures.
 */
class DailyTierTrueUpTest
{
    private static final long T = EngineFixture.START; // Monday 2026-03-02 00:00 Los Angeles
    private static final long MID = ZonedDateTime.of(2026, 3, 16, 0, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();
    private static final long APRIL = ZonedDateTime.of(2026, 4, 1, 0, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();
    private static final long H = 3_600;
    private static final long D = 86_400;
    private static final long CUSTOMER = 1001;
    private static final long TARIFF = 41;

    @TempDir
    Path dir;

    private static TouTariff tariff(final int version, final long from, final long tier1, final long tier2)
    {
        return TouTariff.hourly(TARIFF, version, from, "USD", "SOLAR", EngineFixture.ZONE,
            List.of(new TouPeriod("flat", tier1, 0)), new int[24], new int[24])
            .withExportRule(ExportRule.NET_BILLING, 0)
            .withTiers(new TierTable(TierBasis.DAILY, new long[] {10_000, Long.MAX_VALUE},
                new long[][] {{tier1, tier2}}, new long[1][2]));
    }

    private static TouTariff tariff()
    {
        return tariff(1, T, 100_000, 200_000);
    }

    private static void setUp(final SettlementEngine engine, final TouTariff tariff)
    {
        engine.publishTariff(tariff);                                     // 1
        engine.registerAccount(CUSTOMER);                                 // 2
        engine.enrolMeter(1, CUSTOMER, TARIFF, T);                        // 3
    }

    @Test
    void aCorrectedDayIsTruedUpToWhatTheDayCosts()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            setUp(engine, tariff());
            engine.submitTick(1, 0, T + 10 * H, 3_600, 8_000, 0);                // 4: Mon 10:00
            engine.submitTick(1, 0, T + 11 * H, 3_600, 8_000, 0);                // 5: Mon 11:00
            engine.submitCorrection(1, 0, T + 10 * H, 3_600, 4_000, 0);          // 6: Mon 10:00 is 4 kWh
            engine.submitTick(1, 0, T + D + 10 * H, 3_600, 12_000, 0);           // 7: Tue 10:00
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, TARIFF);          // 8
        }
        final Outputs out = Outputs.of(dir);
        // The review case. Ticks, by hand:
        //   4: 8 kWh x 0.10                                            = 0.80
        //   5: the day's counter at 8 kWh: 2 kWh x 0.10 + 6 kWh x 0.20 = 1.40
        //   6: reverses 4 exactly (-0.80), then prices 4 kWh from the counter less the original, 8 kWh (tick 5's):
        //      2 kWh x 0.10 + 2 kWh x 0.20                             = 0.60
        //   7: Tuesday, 10 kWh x 0.10 + 2 kWh x 0.20                   = 1.40
        // so 0.80 + 1.40 - 0.80 + 0.60 + 1.40 = 3.40 was charged, Monday 2.00 of it.
        // By definition Monday is 12 kWh: 10 x 0.10 + 2 x 0.20 = 1.40, and Tuesday 1.40: 2.80 for the period, so the
        // close credits 0.60. (The month's 24 kWh tiered once, as a BILLING_PERIOD basis would, would be 3.80.)
        assertThat(net(out, ReasonCode.ENERGY_CHARGE)).isEqualTo(3_400_000L);
        assertThat(trueUps(out, 8)).containsExactly(-600_000L);
        assertThat(net(out, ReasonCode.ENERGY_CHARGE) + net(out, ReasonCode.TRUE_UP)).isEqualTo(2_800_000L);
        // the explanation: the period's energy and, in the rate field, the definitive charge
        final TransferCodec trueUp = Outputs.transfer(out.causedBy(8).get(0));
        assertThat(trueUp.energyWh()).isEqualTo(24_000L);
        assertThat(trueUp.rate()).isEqualTo(2_800_000L);
    }

    @Test
    void aRefusedCorrectionLeavesItsDayAsItWas()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            setUp(engine, tariff());
            engine.submitTick(1, 0, T + 10 * H, 3_600, 8_000, 0);                   // 4: Mon 10:00
            engine.submitTick(1, 0, T + 11 * H, 3_600, 8_000, 0);                   // 5: Mon 11:00
            engine.submitCorrection(1, 0, T + 11 * H, 3_600, Long.MAX_VALUE / 2, 0); // 6: refused, OVERFLOW
            engine.submitCorrection(1, 0, T + 10 * H, 3_600, 4_000, 0);             // 7: Mon 10:00 is 4 kWh
            engine.submitTick(1, 0, T + D + 10 * H, 3_600, 12_000, 0);              // 8: Tue 10:00
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, TARIFF);             // 9
        }
        final Outputs out = Outputs.of(dir);
        // the refused correction took tick 5's 8 kWh out of Monday before it was refused, and must put them back:
        // then the close is the first test's, a credit of 0.60 (with Monday at 4 kWh it would credit 1.60)
        assertThat(out.causedBy(6)).hasSize(1);
        assertThat(Outputs.rejection(out.causedBy(6).get(0))).isEqualTo(ReasonCode.OVERFLOW);
        assertThat(net(out, ReasonCode.ENERGY_CHARGE)).isEqualTo(3_400_000L);
        assertThat(trueUps(out, 9)).containsExactly(-600_000L);
    }

    @Test
    void aTickOfAnEarlierDayAfterALaterDaysTicksIsTruedUp()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            setUp(engine, tariff());
            engine.submitTick(1, 0, T + 22 * H, 3_600, 8_000, 0);        // 4: Mon 22:00
            engine.submitTick(1, 0, T + 24 * H, 3_600, 8_000, 0);        // 5: Tue 00:00
            engine.submitTick(1, 0, T + 23 * H, 3_600, 8_000, 0);        // 6: Mon 23:00, late
            engine.submitTick(1, 0, T + 25 * H, 3_600, 8_000, 0);        // 7: Tue 01:00
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, TARIFF);  // 8
        }
        final Outputs out = Outputs.of(dir);
        // Ticks (DailyTierCounterTest): 0.80, 0.80, the late Monday tick from an empty counter 0.80, Tuesday's second
        // 2 kWh x 0.10 + 6 kWh x 0.20 = 1.40: 3.80. By definition each day is 16 kWh: 10 x 0.10 + 6 x 0.20 = 2.20,
        // 4.40 for both, so the close charges 0.60 more.
        assertThat(net(out, ReasonCode.ENERGY_CHARGE)).isEqualTo(3_800_000L);
        assertThat(trueUps(out, 8)).containsExactly(600_000L);
    }

    @Test
    void aSnapshotInTheMiddleOfThePeriodGivesTheSameClose()
    {
        final Path once = dir.resolve("once");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(once).snapshotInterval(0).build().start())
        {
            setUp(engine, tariff());
            firstHalf(engine);
            secondHalf(engine);
        }
        final Path twice = dir.resolve("twice");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(twice).snapshotInterval(1_000).build()
            .start())
        {
            setUp(engine, tariff());
            firstHalf(engine);
        }                                                        // a snapshot at shutdown, in the middle of March
        final SettlementEngine restarted = SettlementEngine.builder().journalDir(twice).snapshotInterval(0).build()
            .start();
        try (restarted)
        {
            assertThat(restarted.recoveryNotes()).anyMatch(n -> n.contains("loaded snapshot"));
            secondHalf(restarted);
        }
        // the restart adds a checkpoint to the journals; the postings must be the same
        assertThat(postings(Outputs.of(twice))).containsExactlyElementsOf(postings(Outputs.of(once)));
        // By hand: Monday 0.80 + 1.40 (the first test's ticks 4 and 5), Tuesday 10:00 0.80. After the snapshot the
        // correction of Monday, a day before the counter's (Tuesday), reverses 0.80 and prices 4 kWh from an empty
        // counter: 0.40; Tuesday 11:00 from 8 kWh: 2 kWh x 0.10 + 6 kWh x 0.20 = 1.40. Charged 4.00; by definition
        // Monday's 12 kWh cost 1.40 and Tuesday's 16 kWh 2.20: 3.60, so the close credits 0.40. Had the snapshot
        // lost the days before it, Monday would count 4 - 8 kWh (nothing) and Tuesday 8 kWh (0.80): a credit of 3.20.
        assertThat(trueUps(Outputs.of(twice), 10)).containsExactly(-400_000L);
    }

    private static void firstHalf(final SettlementEngine engine)
    {
        engine.submitTick(1, 0, T + 10 * H, 3_600, 8_000, 0);           // 4: Mon 10:00
        engine.submitTick(1, 0, T + 11 * H, 3_600, 8_000, 0);           // 5: Mon 11:00
        engine.submitTick(1, 0, T + D + 10 * H, 3_600, 8_000, 0);       // 6: Tue 10:00
    }

    private static void secondHalf(final SettlementEngine engine)
    {
        engine.submitCorrection(1, 0, T + 10 * H, 3_600, 4_000, 0);     // 7: Mon 10:00 is 4 kWh
        engine.submitTick(1, 0, T + D + 11 * H, 3_600, 8_000, 0);       // 8: Tue 11:00
        engine.calendar(CalendarCodec.END_OF_DAY, T + 2 * D, TARIFF);   // 9
        engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, TARIFF);     // 10
    }

    @Test
    void aPeriodOpenInASnapshotWrittenBeforeDayTotalsKeepsItsTickPostings() throws IOException
    {
        final List<byte[]> inputs = new ArrayList<>();
        final LogicInputs.RecordConsumer record = (buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            inputs.add(copy);
        };
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final TariffVersionCodec tariff = new TariffVersionCodec().wrap(buffer, 0);
        record.accept(buffer, 0, tariff.encode(1, tariff()).length());
        record.accept(buffer, 0, new AccountRegistrationCodec().<AccountRegistrationCodec>wrap(buffer, 0)
            .encode(2, CUSTOMER).length());
        record.accept(buffer, 0, new MeterEnrolmentCodec().<MeterEnrolmentCodec>wrap(buffer, 0)
            .encode(3, 1, CUSTOMER, TARIFF, T, 0, 0).length());
        final MeterTickCodec tick = new MeterTickCodec().wrap(buffer, 0);
        record.accept(buffer, 0, tick.encode(4, 1, 0, T + 10 * H, 3_600, 8_000, 0, 0).length());
        record.accept(buffer, 0, tick.encode(5, 1, 0, T + 11 * H, 3_600, 8_000, 0, 0).length());
        record.accept(buffer, 0,
            tick.encode(6, 1, 0, T + 10 * H, 3_600, 4_000, 0, MeterTickCodec.FLAG_CORRECTION).length());
        record.accept(buffer, 0, new CalendarCodec().<CalendarCodec>wrap(buffer, 0)
            .encode(7, CalendarCodec.PERIOD_CLOSE, APRIL, TARIFF).length());

        final SettlementLogic before = new SettlementLogic((b, o, l) ->
        {
        });
        inputs.subList(0, 5).forEach(input -> before.apply(new UnsafeBuffer(input), 0, input.length));
        final byte[] state = LogicStates.state(before);
        // the day totals' section: no untracked periods, one meter (index 0), 2 x 31 x 6 totals; then the window's
        // eviction watermarks and the interest APYs (none: a count of 0) end the state
        final int section = 4 + (4 + 4) + (4 + 2 * 31 * 6 * 8);
        final int end = state.length - Integer.BYTES - watermarks(1);
        final ByteBuffer head = ByteBuffer.wrap(state, end - section, 16);
        assertThat(new int[] {head.getInt(), head.getInt(), head.getInt(), head.getInt()})
            .containsExactly(0, 1, 0, 2 * 31 * 6);

        // the review case (the first test) in March: loaded from the whole state, the close credits 0.60; from the
        // state an older build wrote (without either section), it keeps the tick postings, as that build would have
        assertThat(closeAfter(state, inputs)).containsExactly(-600_000L);
        assertThat(closeAfter(Arrays.copyOf(state, end - section), inputs)).isEmpty();
    }

    /** @return the TRUE_UP transfers of the close, after loading a state and applying the correction and the close. */
    private static List<Long> closeAfter(final byte[] state, final List<byte[]> inputs) throws IOException
    {
        final List<byte[]> records = new ArrayList<>();
        final SettlementLogic logic = new SettlementLogic((b, o, l) ->
        {
            final byte[] copy = new byte[l];
            b.getBytes(o, copy);
            records.add(copy);
        });
        logic.readState(new DataInputStream(new ByteArrayInputStream(state)));
        inputs.subList(5, 7).forEach(input -> logic.apply(new UnsafeBuffer(input), 0, input.length));
        return trueUps(Outputs.ofRecords(records), 7);
    }

    @Test
    void aPeriodPricedByTwoVersionsKeepsItsTickPostings()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            setUp(engine, tariff());
            engine.publishTariff(tariff(2, MID, 120_000, 240_000));               // 4
            engine.submitTick(1, 0, T + 10 * H, 3_600, 8_000, 0);                // 5: Mon 2 10:00, v1
            engine.submitTick(1, 0, T + 11 * H, 3_600, 8_000, 0);                // 6: Mon 2 11:00, v1
            engine.submitCorrection(1, 0, T + 10 * H, 3_600, 4_000, 0);          // 7: 4 kWh
            engine.submitTick(1, 0, MID + 10 * H, 3_600, 12_000, 0);             // 8: Mon 16 10:00, v2
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, TARIFF);          // 9
        }
        final Outputs out = Outputs.of(dir);
        // Two versions priced March, so it is settled tick by tick, as for every basis: March 2 stays at the first
        // test's 2.00 (1.40 by definition), and March 16 is 10 kWh x 0.12 + 2 kWh x 0.24 = 1.68; no true-up.
        assertThat(net(out, ReasonCode.ENERGY_CHARGE)).isEqualTo(3_680_000L);
        assertThat(out.causedBy(9)).isEmpty();
        assertThat(net(out, ReasonCode.TRUE_UP)).isZero();
    }

    @Test
    void aMoveOntoDailyTiersMidPeriodIsRefusedAndTheMeterStaysOnItsTariffUntilTheClose()
    {
        // tariff 40 has no tiers; a move to the daily-tier tariff 41 from the 16th would leave the meter's March slot
        // holding ticks of both tariffs (both version 1, so as if of one), to be closed by tariff 41 alone. Since
        // 2026-11-27 such a move waits for the close of the meter's open period: it is refused
        final long other = 40;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(TouTariff.hourly(other, 1, T, "USD", "SOLAR", EngineFixture.ZONE,
                List.of(new TouPeriod("flat", 100_000, 0)), new int[24], new int[24])
                .withExportRule(ExportRule.NET_BILLING, 0));                     // 1
            engine.publishTariff(tariff());                                      // 2
            engine.registerAccount(CUSTOMER);                                    // 3
            engine.enrolMeter(1, CUSTOMER, other, T);                            // 4
            engine.submitTick(1, 0, T + 10 * H, 3_600, 8_000, 0);                // 5: Mon 2 10:00, tariff 40
            engine.enrolMeter(1, CUSTOMER, TARIFF, MID);                         // 6: refused
            engine.submitTick(1, 0, MID + 10 * H, 3_600, 12_000, 0);             // 7: Mon 16 10:00, still tariff 40
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, other);           // 8
            engine.enrolMeter(1, CUSTOMER, TARIFF, APRIL);                       // 9: after the close: accepted
        }
        final Outputs out = Outputs.of(dir);
        assertThat(out.causedBy(6)).singleElement()
            .satisfies((r) -> assertThat(Outputs.rejection(r)).isEqualTo(ReasonCode.MOVE_IN_OPEN_PERIOD));
        // tick 5: 8 kWh x 0.10 = 0.80; tick 7 at tariff 40's flat 0.10: 12 kWh x 0.10 = 1.20; nothing to true up
        assertThat(net(out, ReasonCode.ENERGY_CHARGE)).isEqualTo(2_000_000L);
        assertThat(net(out, ReasonCode.TRUE_UP)).isZero();
        assertThat(out.causedBy(9)).isEmpty();
    }

    @Test
    void ticksInOrderWithoutCorrectionsGetNoTrueUp()
    {
        // two periods with a 16:00-21:00 peak, each with its own 10 kWh a day at tier 1; rates whole micro-units per
        // Wh. Every hour of Saturday 7 to Monday 9 March, across the 23-hour day of the spring-forward change
        // (Sunday 8): 1 kWh an off-peak hour (19, or 18 on Sunday, a day: into tier 2 every day) and 2.5 kWh a peak
        // hour (12.5 a day: into tier 2 as well), in time order. Each day's ticks then add up to its tiered charge,
        // so the close has nothing to true up; the month's 55 kWh off-peak and 37.5 kWh peak tiered once would cost
        // more, so a true-up from the month's totals would show here.
        final int[] hours = new int[24];
        for (int h = 16; h < 21; h++)
        {
            hours[h] = 1;
        }
        final TouTariff tariff = TouTariff.hourly(TARIFF, 1, T, "USD", "SOLAR", EngineFixture.ZONE,
            List.of(new TouPeriod("off-peak", 100_000, 0), new TouPeriod("peak", 300_000, 0)), hours, hours)
            .withExportRule(ExportRule.NET_BILLING, 0)
            .withTiers(new TierTable(TierBasis.DAILY, new long[] {10_000, Long.MAX_VALUE},
                new long[][] {{100_000, 200_000}, {300_000, 400_000}}, new long[2][2]));
        final long from = ZonedDateTime.of(2026, 3, 7, 0, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();
        final long to = ZonedDateTime.of(2026, 3, 10, 0, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();
        long closeInput;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            setUp(engine, tariff);
            closeInput = 3;
            for (long t = from; t < to; t += H)
            {
                final int hour = ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(t), EngineFixture.ZONE)
                    .getHour();
                engine.submitTick(1, 0, t, 3_600, hour >= 16 && hour < 21 ? 2_500 : 1_000, 0);
                closeInput++;
            }
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, TARIFF);
            closeInput++;
        }
        final Outputs out = Outputs.of(dir);
        assertThat(closeInput).isEqualTo(3 + 71 + 1);
        // by hand, per day: off-peak 10 x 0.10 + 9 x 0.20 = 2.80 (Sunday 8 x 0.20: 2.60); peak 10 x 0.30 +
        // 2.5 x 0.40 = 4.00; three days 2.80 + 2.60 + 2.80 + 3 x 4.00 = 20.20
        assertThat(net(out, ReasonCode.ENERGY_CHARGE)).isEqualTo(20_200_000L);
        assertThat(out.causedBy(closeInput)).isEmpty();
        assertThat(net(out, ReasonCode.TRUE_UP)).isZero();
    }

    @Test
    void metersOnOtherTariffsHoldNoDayTotals() throws IOException
    {
        for (final boolean dailyTiers : new boolean[] {false, true})
        {
            final List<byte[]> inputs = new ArrayList<>();
            final LogicInputs encoder = LogicStates.recording(inputs, dailyTiers);
            encoder.setUp(4);
            for (int m = 1; m <= 4; m++)
            {
                encoder.apply(new LogicInputs.Command(0, m, 3, 400 + m, 0));
            }
            final SettlementLogic logic = new SettlementLogic((b, o, l) ->
            {
            }, 8);
            inputs.forEach(input -> logic.apply(new UnsafeBuffer(input), 0, input.length));
            final byte[] state = LogicStates.state(logic);
            // the day totals' section, before the window's eviction watermarks and the interest APYs (none accrued:
            // a count of 0): no untracked periods, the rows' meters, their totals
            final int rows = dailyTiers ? 4 : 0;
            final int section = 4 + (4 + 4 * rows) + (4 + rows * 2 * 31 * 6 * 8);
            final ByteBuffer tail = ByteBuffer.wrap(state, state.length - Integer.BYTES - watermarks(4) - section,
                section);
            assertThat(tail.getInt()).isZero();
            assertThat(tail.getInt()).as("meters with day totals").isEqualTo(rows);
            tail.position(tail.position() + 4 * rows);
            assertThat(tail.getInt()).isEqualTo(rows * 2 * 31 * 6);
        }
    }

    /** @return bytes of the correction window's eviction watermarks, the state's last section: a count, a long each. */
    private static int watermarks(final int meters)
    {
        return Integer.BYTES + meters * Long.BYTES;
    }

    /** @return every transfer's cause and fields, in order. */
    private static List<String> postings(final Outputs out)
    {
        return out.all().stream()
            .filter(r -> Outputs.type(r) == RecordType.TRANSFER.id())
            .map(r ->
            {
                final TransferCodec t = Outputs.transfer(r);
                return t.causeSequence() + " " + t.reasonCode() + " " + t.debitAccount() + "->" + t.creditAccount() +
                    " " + t.token() + " " + t.amount() + " " + t.meterId() + " " + t.intervalStart() + " " +
                    t.energyWh() + " " + t.rate() + " v" + t.tariffVersion() + " p" + t.period() + " t" + t.tier() +
                    " r" + t.reverses();
            })
            .toList();
    }

    /** @return the customer's net of one reason: charges positive, credits negative. */
    private static long net(final Outputs out, final ReasonCode reason)
    {
        long net = 0;
        for (final byte[] r : out.all())
        {
            if (Outputs.type(r) == RecordType.TRANSFER.id())
            {
                final TransferCodec t = Outputs.transfer(r);
                if (t.reasonCode() == reason.code())
                {
                    net += t.debitAccount() == CUSTOMER ? t.amount() : -t.amount();
                }
            }
        }
        return net;
    }

    /** @return the TRUE_UP transfers an input caused, charges positive, credits negative. */
    private static List<Long> trueUps(final Outputs out, final long input)
    {
        return out.causedBy(input).stream()
            .filter(r -> Outputs.type(r) == RecordType.TRANSFER.id())
            .map(Outputs::transfer)
            .filter(t -> t.reasonCode() == ReasonCode.TRUE_UP.code())
            .map(t -> t.debitAccount() == CUSTOMER ? t.amount() : -t.amount())
            .toList();
    }
}
