package org.gridsettle.engine;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.InterestAccrualCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.RedemptionCodec;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TierTable;
import org.gridsettle.pricing.tariff.TouTariff;

import java.util.List;

/**
 * Encodes input records the way the engine's ring slots do, numbers them, and hands each to a consumer (a state
 * machine, or a list that keeps the bytes). Also the random command streams the property tests draw from.
 */
final class LogicInputs
{
    static final long SOLAR = TokenSymbol.pack("SOLAR");

    /**
     * One random command of a stream.
     *
     * @param kind     what to do.
     * @param meter    meter 1..METERS, or one more for an unknown meter.
     * @param interval 15-minute interval from {@link EngineFixture#START} (two-hour, with daily tiers).
     * @param a        first value.
     * @param b        second value.
     */
    record Command(int kind, int meter, int interval, long a, long b)
    {
    }

    @FunctionalInterface
    interface RecordConsumer
    {
        void accept(DirectBuffer buffer, int offset, int length);
    }

    private final RecordConsumer consumer;
    private final boolean dailyTiers;
    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(4096, 64));
    private final MeterTickCodec tick = new MeterTickCodec();
    private final AccountRegistrationCodec account = new AccountRegistrationCodec();
    private final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec();
    private final RedemptionCodec redemption = new RedemptionCodec();
    private final InterestAccrualCodec accrual = new InterestAccrualCodec();
    private final CalendarCodec calendar = new CalendarCodec();
    private final TariffVersionCodec tariff = new TariffVersionCodec();
    private long sequence;

    LogicInputs(final RecordConsumer consumer)
    {
        this(consumer, false);
    }

    /**
     * @param consumer   receives each record encoded.
     * @param dailyTiers true for the fixture tariff with daily tiers (tier 1 up to 2 kWh a day and TOU period) and
     *                   intervals two hours apart, so that a stream's ticks and corrections span four local days.
     */
    LogicInputs(final RecordConsumer consumer, final boolean dailyTiers)
    {
        this.consumer = consumer;
        this.dailyTiers = dailyTiers;
        tick.wrap(buffer, 0);
        account.wrap(buffer, 0);
        enrolment.wrap(buffer, 0);
        redemption.wrap(buffer, 0);
        accrual.wrap(buffer, 0);
        calendar.wrap(buffer, 0);
        tariff.wrap(buffer, 0);
    }

    static Arbitrary<List<Command>> streams(final int meters, final int maxSize)
    {
        return streams(meters, 1, maxSize);
    }

    /**
     * @param meters  meters the commands name, and one more for an unknown meter.
     * @param minSize fewest commands.
     * @param maxSize most commands.
     * @return random command streams.
     */
    static Arbitrary<List<Command>> streams(final int meters, final int minSize, final int maxSize)
    {
        final Arbitrary<Command> command = Combinators.combine(
            Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(1, meters + 1),
            Arbitraries.integers().between(0, 40),
            Arbitraries.longs().between(-5, 5_000),
            Arbitraries.longs().between(0, 5_000)).as(Command::new);
        return command.list().ofMinSize(minSize).ofMaxSize(maxSize);
    }

    /** Publishes the fixture tariff with a daily fixed charge and enrols meters 1..meters. */
    void setUp(final int meters)
    {
        final TouTariff fixture = EngineFixture.tariff().withFixedCharges(10_000, 0);
        tariff.encode(++sequence, dailyTiers ? fixture.withTiers(new TierTable(TierBasis.DAILY,
            new long[] {2_000, Long.MAX_VALUE},
            new long[][] {{EngineFixture.OFF_PEAK_IMPORT, 410_001}, {EngineFixture.PEAK_IMPORT, 610_001}},
            new long[][] {{EngineFixture.OFF_PEAK_EXPORT, EngineFixture.OFF_PEAK_EXPORT},
                {EngineFixture.PEAK_EXPORT, EngineFixture.PEAK_EXPORT}})) : fixture);
        consumer.accept(buffer, 0, tariff.length());
        for (int m = 1; m <= meters; m++)
        {
            account.encode(++sequence, 1000 + m);
            consumer.accept(buffer, 0, AccountRegistrationCodec.LENGTH);
            enrolment.encode(++sequence, m, 1000 + m, EngineFixture.TARIFF, EngineFixture.START, 0, 0);
            consumer.accept(buffer, 0, MeterEnrolmentCodec.LENGTH);
        }
    }

    void apply(final Command c)
    {
        final long start = EngineFixture.START + c.interval() * (dailyTiers ? 7_200L : 900L);
        switch (c.kind())
        {
            case 0, 1, 2, 3 -> tick(c.meter(), start, c.a(), c.b() % 3 == 0 ? c.b() : 0, 0);
            case 4 -> tick(c.meter(), start, c.a(), 0, MeterTickCodec.FLAG_CORRECTION);
            case 5, 6 ->
            {
                redemption.encode(++sequence, c.a() % 7, 1000 + c.meter(), SOLAR, c.b());
                consumer.accept(buffer, 0, RedemptionCodec.LENGTH);
            }
            case 7 ->
            {
                accrual.encode(++sequence, c.a() % 3, SOLAR, 500, 20_514 + c.interval() / 10);
                consumer.accept(buffer, 0, InterestAccrualCodec.LENGTH);
            }
            case 8 ->
            {
                calendar.encode(++sequence, c.a() % 2 == 0 ? CalendarCodec.END_OF_DAY : CalendarCodec.PERIOD_CLOSE,
                    start, EngineFixture.TARIFF);
                consumer.accept(buffer, 0, CalendarCodec.LENGTH);
            }
            default -> tick(c.meter(), start, c.a(), c.b(), 0);
        }
    }

    private void tick(final long meter, final long start, final long importWh, final long exportWh, final int flags)
    {
        tick.encode(++sequence, meter, 0, start, 900, importWh, exportWh, flags);
        consumer.accept(buffer, 0, MeterTickCodec.LENGTH);
    }
}
