package org.gridsettle.replay.dump;

import com.fasterxml.jackson.core.JsonFactory;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.Durability;
import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.JournalWriter;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A journal whose chain verifies but whose amounts sum past a long (no ledger of this engine posts them: a forgery
 * with its chain rebuilt, or another writer) is refused by {@code settle dump --supply} as a corrupt journal naming
 * the token and where, never with a bare "long overflow" or a half-written line.
 */
class TokenSupplyOverflowTest
{
    private static final long SOLAR = TokenSymbol.pack("SOLAR");
    private static final long HALF = Long.MAX_VALUE / 2 + 1;

    @TempDir
    Path dir;

    @Test
    void aCustomerBalancePastALongNamesTheRecord()
    {
        // two credits of just over half a long to one customer: its balance overflows at the second, record 1
        write(SystemAccounts.ISSUANCE, ReasonCode.EXPORT_CREDIT, SystemAccounts.ISSUANCE, ReasonCode.EXPORT_CREDIT);
        final TokenSupply supply = new TokenSupply(Long.MAX_VALUE);

        assertThatThrownBy(() -> supply.run(dir, false))
            .isInstanceOf(JournalCorruptException.class)
            .hasMessageContaining("token SOLAR")
            .hasMessageContaining("output record 1 (sequence 2)");
    }

    @Test
    void customersHoldingPastALongTogetherWriteNoLine() throws Exception
    {
        // one customer minted half a long, another paid half a long of interest: each figure fits, their sum does not
        write(SystemAccounts.ISSUANCE, ReasonCode.EXPORT_CREDIT, SystemAccounts.YIELD, ReasonCode.INTEREST);
        final TokenSupply supply = new TokenSupply(Long.MAX_VALUE);
        supply.run(dir, false);
        final StringWriter out = new StringWriter();

        try (var json = new JsonFactory().createGenerator(out))
        {
            assertThatThrownBy(() -> supply.write(new JsonFields(json)))
                .isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("token SOLAR")
                .hasMessageContaining("customers' balances as of input 2");
            json.flush();
        }
        assertThat(out.toString()).isEmpty();
    }

    /** Two transfers of {@link #HALF} SOLAR: from the first account to customer 1001, from the second to 1002. */
    private void write(final long firstFrom, final ReasonCode firstReason, final long secondFrom,
        final ReasonCode secondReason)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
        final TransferCodec transfer = new TransferCodec();
        try (JournalWriter writer = new JournalWriter(dir, Durability.PAGE_CACHE))
        {
            transfer.<TransferCodec>wrap(buffer, 0).encode(1, 1, firstFrom, 1001, SOLAR, HALF, firstReason)
                .explain(0, 0, 0, 0, 0, 0, 0, 0);
            writer.append(buffer, 0, TransferCodec.LENGTH);
            final long secondTo = secondFrom == firstFrom ? 1001 : 1002;
            transfer.<TransferCodec>wrap(buffer, 0).encode(2, 2, secondFrom, secondTo, SOLAR, HALF, secondReason)
                .explain(0, 0, 0, 0, 0, 0, 0, 0);
            writer.append(buffer, 0, TransferCodec.LENGTH);
        }
    }
}
