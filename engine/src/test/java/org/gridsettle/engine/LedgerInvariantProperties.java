package org.gridsettle.engine;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.InterestAccrualCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RedemptionCodec;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.pricing.money.TokenSymbol;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random command streams straight into the state machine: after every input the ledger balances in every token, no
 * redemption ever leaves a customer below zero, and the same stream always gives the same output bytes.
 */
class LedgerInvariantProperties
{
    private static final long SOLAR = TokenSymbol.pack("SOLAR");
    private static final int METERS = 5;

    record Command(int kind, int meter, int interval, long a, long b)
    {
    }

    @Provide
    Arbitrary<List<Command>> streams()
    {
        final Arbitrary<Command> command = Combinators.combine(
            Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(1, METERS + 1),     // meter 6 is unknown
            Arbitraries.integers().between(0, 40),
            Arbitraries.longs().between(-5, 5_000),
            Arbitraries.longs().between(0, 5_000)).as(Command::new);
        return command.list().ofMinSize(1).ofMaxSize(150);
    }

    @Property(tries = 60)
    void ledgerBalancesAfterEveryInputAndRedemptionsNeverOverdraw(@ForAll("streams") final List<Command> stream)
    {
        run(stream, true);
    }

    @Property(tries = 30)
    void theSameStreamGivesTheSameOutputBytes(@ForAll("streams") final List<Command> stream)
    {
        assertThat(run(stream, false)).isEqualTo(run(stream, false));
    }

    private static byte[] run(final List<Command> stream, final boolean checkEachStep)
    {
        final ByteArrayOutputStream outputs = new ByteArrayOutputStream();
        final SettlementLogic logic = new SettlementLogic((buffer, offset, length) ->
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            outputs.writeBytes(bytes);
        }, 8);
        final Inputs in = new Inputs(logic);
        final TariffVersionCodec tariff = new TariffVersionCodec();
        final UnsafeBuffer big = new UnsafeBuffer(BufferUtil.allocateDirectAligned(2048, 64));
        tariff.wrap(big, 0);
        tariff.encode(in.next(), EngineFixture.tariff().withFixedCharges(10_000, 0));
        logic.apply(big, 0, tariff.length());
        for (int m = 1; m <= METERS; m++)
        {
            in.account(1000 + m);
            in.enrol(m, 1000 + m);
        }
        final Ledger ledger = logic.ledger();
        for (final Command c : stream)
        {
            final long start = EngineFixture.START + c.interval() * 900L;
            switch (c.kind())
            {
                case 0, 1, 2, 3 -> in.tick(c.meter(), start, c.a(), c.b() % 3 == 0 ? c.b() : 0, 0);
                case 4 -> in.tick(c.meter(), start, c.a(), 0, MeterTickCodec.FLAG_CORRECTION);
                case 5, 6 -> in.redeem(c.a() % 7, 1000 + c.meter(), c.b());
                case 7 -> in.interest(c.a() % 3, 20_514 + c.interval() / 10);
                case 8 -> in.calendar(c.a() % 2 == 0 ? CalendarCodec.END_OF_DAY : CalendarCodec.PERIOD_CLOSE, start);
                default -> in.tick(c.meter(), start, c.a(), c.b(), 0);
            }
            if (checkEachStep)
            {
                ledger.checkBalanced();
                final int solar = ledger.findToken(SOLAR);
                if (solar >= 0 && c.kind() >= 5 && c.kind() <= 6)
                {
                    assertThat(ledger.balance(1000 + c.meter(), solar)).isGreaterThanOrEqualTo(0);
                }
                if (solar >= 0)
                {
                    // supply = everything not in system accounts = -(issuance + yield)
                    long customers = 0;
                    for (int m = 1; m <= METERS + 1; m++)
                    {
                        customers += ledger.balance(1000 + m, solar);
                    }
                    assertThat(customers).isEqualTo(-(ledger.balance(SystemAccounts.ISSUANCE, solar) +
                        ledger.balance(SystemAccounts.YIELD, solar)));
                }
            }
        }
        return outputs.toByteArray();
    }

    /**
     * Encodes inputs the way the engine's ring slots do and applies them in sequence.
     */
    private static final class Inputs
    {
        private final SettlementLogic logic;
        private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(128, 64));
        private final MeterTickCodec tick = new MeterTickCodec();
        private final AccountRegistrationCodec account = new AccountRegistrationCodec();
        private final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec();
        private final RedemptionCodec redemption = new RedemptionCodec();
        private final InterestAccrualCodec accrual = new InterestAccrualCodec();
        private final CalendarCodec calendar = new CalendarCodec();
        private long sequence;

        Inputs(final SettlementLogic logic)
        {
            this.logic = logic;
            tick.wrap(buffer, 0);
            account.wrap(buffer, 0);
            enrolment.wrap(buffer, 0);
            redemption.wrap(buffer, 0);
            accrual.wrap(buffer, 0);
            calendar.wrap(buffer, 0);
        }

        long next()
        {
            return ++sequence;
        }

        void apply(final RecordFlyweight record)
        {
            logic.apply(buffer, 0, record.length());
        }

        void account(final long id)
        {
            account.encode(next(), id);
            apply(account);
        }

        void enrol(final long meter, final long accountId)
        {
            enrolment.encode(next(), meter, accountId, EngineFixture.TARIFF, EngineFixture.START, 0, 0);
            apply(enrolment);
        }

        void tick(final long meter, final long start, final long importWh, final long exportWh, final int flags)
        {
            tick.encode(next(), meter, 0, start, 900, importWh, exportWh, flags);
            apply(tick);
        }

        void redeem(final long requestId, final long accountId, final long amount)
        {
            redemption.encode(next(), requestId, accountId, SOLAR, amount);
            apply(redemption);
        }

        void interest(final long requestId, final long day)
        {
            accrual.encode(next(), requestId, SOLAR, 500, day);
            apply(accrual);
        }

        void calendar(final int kind, final long at)
        {
            calendar.encode(next(), kind, at, EngineFixture.TARIFF);
            apply(calendar);
        }
    }
}
