package org.gridsettle.engine.ledger;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A ledger writes, and copies into a capture, only the tokens in use: a snapshot holding a balance in any other
 * token could not be written back as it was read, so it is refused when read.
 */
class LedgerReadStateTest
{
    private static final long ACCOUNT = 1_000;

    @Test
    void aBalanceInATokenInUseIsRead() throws IOException
    {
        final Ledger ledger = new Ledger();
        ledger.readState(state(0));
        assertThat(ledger.balance(ACCOUNT, 0)).isEqualTo(5);
    }

    @Test
    void aBalanceInATokenPastThoseInUseIsRefused()
    {
        assertThatThrownBy(() -> new Ledger().readState(state(2)))
            .isInstanceOf(IOException.class)
            .hasMessage("snapshot has a balance in token 2 of 1");
    }

    @Test
    void balanceKeysOutOfOrderOrRepeatedAreRefused()
    {
        // a repeated key would be counted twice as a non-zero balance, and a capture place entries by that count
        assertThatThrownBy(() -> new Ledger().readState(state(0, 0)))
            .isInstanceOf(IOException.class)
            .hasMessage("snapshot's balance keys are not in ascending order at entry 1");
        assertThatThrownBy(() -> new Ledger().readState(state(0, ACCOUNT - 1)))
            .isInstanceOf(IOException.class)
            .hasMessage("snapshot's balance keys are not in ascending order at entry 1");
    }

    /** One token in use, a balance of 5 in the given token, then one more entry if given; totals are not checked. */
    private static DataInputStream state(final int token, final long... secondAccount) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(1);
        for (int list = 0; list < 3; list++)
        {
            // symbols, debit totals, credit totals: a count, then the longs
            out.writeInt(1);
            out.writeLong(list == 0 ? 0x5350L : 5);
        }
        out.writeInt(1 + secondAccount.length);
        out.writeLong(ACCOUNT << 4 | token);
        out.writeLong(5);
        for (final long account : secondAccount)
        {
            out.writeLong(account << 4);
            out.writeLong(-5);
        }
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }
}
