package org.gridsettle.engine;

import org.gridsettle.journal.Durability;
import org.gridsettle.journal.codec.TransferCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link PostingListener} tells a host that pays out on a transfer: the listener is called before the output's
 * batch is forced to the device, so {@code appliedSequence()} has not reached the transfer's cause yet; it does once
 * the batch ends.
 */
class ListenerBeforeAcknowledgementTest
{
    @TempDir
    Path dir;

    @Test
    void aListenerSeesAnOutputBeforeItsInputIsAcknowledged() throws Exception
    {
        final AtomicReference<SettlementEngine> engine = new AtomicReference<>();
        final List<long[]> seen = new ArrayList<>();
        final PostingListener payer = new PostingListener()
        {
            @Override
            public void onTransfer(final TransferCodec transfer)
            {
                seen.add(new long[] {transfer.causeSequence(), engine.get().appliedSequence()});
            }
        };
        engine.set(SettlementEngine.builder().journalDir(dir).durability(Durability.SYNC_ON_BATCH).listener(payer)
            .build());
        try (SettlementEngine e = engine.get().start())
        {
            EngineFixture.setUp(e, 1);                                              // 1..3
            e.submitTick(1, 0, EngineFixture.START, 900, 100, 0);                   // 4
            final long acknowledged = e.queryBalance(1001, 1).get().asOfSequence();
            assertThat(acknowledged).isEqualTo(4);
            assertThat(e.appliedSequence()).isEqualTo(4);
        }
        assertThat(seen).singleElement().satisfies(s ->
        {
            assertThat(s[0]).isEqualTo(4);
            assertThat(s[1]).as("appliedSequence() while the listener ran").isLessThan(4);
        });
    }
}
