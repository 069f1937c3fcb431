package org.gridsettle.engine;

import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.TransferCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A host with two listeners, a bookkeeper that fails and an audit feed that does not: {@link PostingListener} says
 * the record a failing listener was given is journalled and not given again, so every other listener must have been
 * given it too, or the audit feed misses it for good.
 */
class ListenerFanOutTest
{
    @TempDir
    Path dir;

    @Test
    void aListenerThatThrowsDoesNotKeepTheRecordFromTheListenersAfterIt()
    {
        final long t = EngineFixture.START;
        // an Error too, as a host's own assertion in a listener throws
        final AssertionError hostBug = new AssertionError("the host's ledger is down");
        final PostingListener bookkeeper = new PostingListener()
        {
            @Override
            public void onTransfer(final TransferCodec transfer)
            {
                if (transfer.causeSequence() == 5)
                {
                    throw hostBug;
                }
            }
        };
        final List<String> audit = new ArrayList<>();
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir)
            .listener(bookkeeper).listener(auditFeed(audit)).build().start();
        EngineFixture.setUp(engine, 1);                                 // inputs 1..3
        engine.submitTick(1, 0, t, 900, 100, 0);                        // 4: an energy charge
        engine.submitTick(1, 0, t + 900, 900, 100, 40);                 // 5: a charge, then an export credit
        assertThatThrownBy(engine::close).isInstanceOf(IllegalStateException.class).hasCauseReference(hostBug);

        // the restart gives the listeners the credit the halt kept from the journal, and only that
        try (SettlementEngine restarted = SettlementEngine.builder().journalDir(dir).listener(auditFeed(audit))
            .build().start())
        {
            assertThat(restarted.fatalError()).isNull();
        }
        final int charge = ReasonCode.ENERGY_CHARGE.code();
        final int credit = ReasonCode.EXPORT_CREDIT.code();
        assertThat(audit).as("every journalled transfer, once").containsExactly(
            "4:" + charge, "5:" + charge, "5:" + credit);
    }

    private static PostingListener auditFeed(final List<String> into)
    {
        return new PostingListener()
        {
            @Override
            public void onTransfer(final TransferCodec transfer)
            {
                into.add(transfer.causeSequence() + ":" + transfer.reasonCode());
            }
        };
    }
}
