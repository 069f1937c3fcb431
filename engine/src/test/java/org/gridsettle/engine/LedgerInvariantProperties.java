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

    @Provide
    Arbitrary<List<LogicInputs.Command>> streams()
    {
        return LogicInputs.streams(METERS, 150); // meter METERS + 1 is unknown
    }

    @Property(tries = 60)
    void ledgerBalancesAfterEveryInputAndRedemptionsNeverOverdraw(@ForAll("streams") final List<LogicInputs.Command> stream)
    {
        run(stream, true);
    }

    @Property(tries = 30)
    void theSameStreamGivesTheSameOutputBytes(@ForAll("streams") final List<LogicInputs.Command> stream)
    {
        assertThat(run(stream, false)).isEqualTo(run(stream, false));
    }

    private static byte[] run(final List<LogicInputs.Command> stream, final boolean checkEachStep)
    {
        final ByteArrayOutputStream outputs = new ByteArrayOutputStream();
        final SettlementLogic logic = new SettlementLogic((buffer, offset, length) ->
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            outputs.writeBytes(bytes);
        }, 8);
        final LogicInputs in = new LogicInputs(logic::apply);
        in.setUp(METERS);
        final Ledger ledger = logic.ledger();
        for (final LogicInputs.Command c : stream)
        {
            final int solarBefore = ledger.findToken(SOLAR);
            final long before = solarBefore < 0 ? 0 : ledger.balance(1000 + c.meter(), solarBefore);
            in.apply(c);
            if (checkEachStep)
            {
                ledger.checkBalanced();
                final int solar = ledger.findToken(SOLAR);
                if (solar >= 0 && c.kind() >= 5 && c.kind() <= 6)
                {
                    // a correction may leave a customer owing SOLAR (a receivable), but a redemption that burns
                    // anything never takes a balance below zero
                    final long after = ledger.balance(1000 + c.meter(), solar);
                    if (after < before)
                    {
                        assertThat(after).isGreaterThanOrEqualTo(0);
                    }
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
}
