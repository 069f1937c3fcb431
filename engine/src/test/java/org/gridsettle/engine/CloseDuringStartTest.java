package org.gridsettle.engine;

import org.gridsettle.journal.codec.TransferCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A close that comes while {@code start()} recovers: a host's shutdown hook during a long recovery (an operator's
 * Ctrl-C as the service starts), or a listener given a recovered output. The close let go of the journals under the
 * recovery, and start() then went on to start the business-logic thread of a closed engine and returned normally,
 * leaving that thread running after close() had returned, on journals another engine could now open.
 */
class CloseDuringStartTest
{
    @TempDir
    Path dir;

    @Test
    void aCloseFromAnotherThreadDuringRecoveryWaitsForTheStartThenClosesIt() throws Exception
    {
        haltMidInput(dir);
        final AtomicReference<SettlementEngine> engine = new AtomicReference<>();
        final AtomicReference<Thread> hook = new AtomicReference<>();
        final PostingListener startsAShutdown = new PostingListener()
        {
            @Override
            public void onTransfer(final TransferCodec transfer)
            {
                // given on the thread calling start(), while it recovers: the hook runs now, and this waits until
                // it has either closed the engine or is held back from doing so
                final Thread shutdown = new Thread(() -> engine.get().close(), "host-shutdown-hook");
                hook.set(shutdown);
                shutdown.start();
                while (shutdown.isAlive() && shutdown.getState() != Thread.State.BLOCKED)
                {
                    Thread.onSpinWait();
                }
            }
        };
        engine.set(SettlementEngine.builder().journalDir(dir).listener(startsAShutdown).build());
        engine.get().start();
        hook.get().join();
        assertThat(NoThreadAfterCloseTest.engineThreads()).as("engine threads alive after close() returned").isEmpty();
        assertThatThrownBy(() -> engine.get().registerAccount(5000)).hasMessageContaining("closed");
        try (SettlementEngine next = SettlementEngine.builder().journalDir(dir).build().start())
        {
            assertThat(next.recoveredInputs()).isEqualTo(5);
        }
    }

    @Test
    void aCloseFromAListenerDuringRecoveryIsRefusedAndTheStartGoesOn()
    {
        haltMidInput(dir);
        final AtomicReference<SettlementEngine> engine = new AtomicReference<>();
        final AtomicReference<RuntimeException> refused = new AtomicReference<>();
        final PostingListener closing = new PostingListener()
        {
            @Override
            public void onTransfer(final TransferCodec transfer)
            {
                try
                {
                    engine.get().close();
                }
                catch (final RuntimeException e)
                {
                    refused.set(e);
                }
            }
        };
        engine.set(SettlementEngine.builder().journalDir(dir).listener(closing).build());
        try (SettlementEngine started = engine.get().start())
        {
            assertThat(refused.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("listener");
            started.registerAccount(5000);
            assertThat(started.fatalError()).isNull();
        }
    }

    /**
     * Leaves a journal whose last input (5, a tick with an import charge and an export credit) has only its first
     * output journalled, as a listener that threw for it left it: the next start appends the credit and gives it to
     * the listeners on the thread calling start().
     */
    static void haltMidInput(final Path dir)
    {
        final long t = EngineFixture.START;
        final PostingListener failing = new PostingListener()
        {
            @Override
            public void onTransfer(final TransferCodec transfer)
            {
                if (transfer.causeSequence() == 5)
                {
                    throw new IllegalStateException("the host's ledger is down");
                }
            }
        };
        final SettlementEngine halted = SettlementEngine.builder().journalDir(dir).listener(failing).build().start();
        EngineFixture.setUp(halted, 1);                                 // inputs 1..3
        halted.submitTick(1, 0, t, 900, 100, 0);                        // 4
        halted.submitTick(1, 0, t + 900, 900, 100, 40);                 // 5: its export credit is never journalled
        assertThatThrownBy(halted::close).isInstanceOf(IllegalStateException.class);
    }
}
