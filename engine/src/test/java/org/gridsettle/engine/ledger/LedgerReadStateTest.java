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

    /** One token in use, one balance of 5 in the given token; the totals are not checked on reading. */
    private static DataInputStream state(final int token) throws IOException
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
        out.writeInt(1);
        out.writeLong(ACCOUNT << 4 | token);
        out.writeLong(5);
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }
}
