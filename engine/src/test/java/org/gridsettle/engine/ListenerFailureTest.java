package org.gridsettle.engine;

import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link PostingListener} promises a host whose listener throws: the engine halts where the host can see it, the
 * output the listener was given stays journalled and is not given again, and a restart completes the input's other
 * outputs, gives those to the listeners, and doubles nothing.
 */
class ListenerFailureTest
{
    @TempDir
    Path dir;

    @Test
    void aListenerThatThrowsHaltsTheEngineVisiblyAndARestartLosesAndDoublesNothing()
    {
        final long t = EngineFixture.START;
        final IllegalStateException hostBug = new IllegalStateException("the host's ledger is down");
        final List<Integer> firstRun = new ArrayList<>();
        final PostingListener failing = new PostingListener()
        {
            @Override
            public void onTransfer(final TransferCodec transfer)
            {
                firstRun.add(transfer.reasonCode());
                if (transfer.causeSequence() == 5)
                {
                    throw hostBug;
                }
            }
        };
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).listener(failing).build().start();
        EngineFixture.setUp(engine, 1);                                 // inputs 1..3
        engine.submitTick(1, 0, t, 900, 100, 0);                        // 4: an energy charge
        engine.submitTick(1, 0, t + 900, 900, 100, 40);                 // 5: a charge, then an export credit

        // the halt is seen by a query submitted after input 5 (refused, or answered with the halt if it was in the
        // ring first), by fatalError(), by every later submission and by close()
        assertThatThrownBy(() -> engine.queryBalance(1001, TokenSymbol.pack("USD")).get())
            .isInstanceOfAny(IllegalStateException.class, ExecutionException.class)
            .hasRootCauseMessage("the host's ledger is down");
        assertThat(engine.fatalError()).isSameAs(hostBug);
        assertThatThrownBy(() -> engine.submitTick(1, 0, t + 1800, 900, 100, 0))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("engine halted");
        assertThatThrownBy(engine::close).isInstanceOf(IllegalStateException.class).hasCauseReference(hostBug);
        final int charge = ReasonCode.ENERGY_CHARGE.code();
        assertThat(firstRun).as("the credit of input 5 was never posted").containsExactly(charge, charge);

        final List<Long> afterRestart = new ArrayList<>();
        final PostingListener recorder = new PostingListener()
        {
            @Override
            public void onTransfer(final TransferCodec transfer)
            {
                afterRestart.add(transfer.causeSequence() * 1000 + transfer.reasonCode());
            }
        };
        try (SettlementEngine restarted =
            SettlementEngine.builder().journalDir(dir).listener(recorder).build().start())
        {
            assertThat(restarted.recoveredInputs()).isEqualTo(5);
            // what recovery completes reaches the listener before start() returns; the charge it was given is not
            assertThat(afterRestart).containsExactly(5000L + ReasonCode.EXPORT_CREDIT.code());
            restarted.submitTick(1, 0, t + 900, 900, 100, 40);          // 6: the host's retry of input 5
        }
        final Outputs out = Outputs.of(dir);
        assertThat(out.causedBy(5)).extracting(r -> Outputs.transfer(r).reasonCode())
            .containsExactly(charge, ReasonCode.EXPORT_CREDIT.code());
        assertThat(out.causedBy(6)).singleElement().matches(Outputs::isDuplicateAck);
    }

    // Found by this suite: close() from a listener waited in the Disruptor's drain for the input the listener was
    // called for, which waited for the listener: the engine hung with every producer behind it. The timeout only
    // turns such a hang into a failure.
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void closeFromAListenerIsRefusedAndTheEngineGoesOn() throws Exception
    {
        final AtomicReference<SettlementEngine> engine = new AtomicReference<>();
        final AtomicReference<RuntimeException> refused = new AtomicReference<>();
        final PostingListener closing = new PostingListener()
        {
            @Override
            public void onRejection(final RejectionCodec rejection)
            {
                try
                {
                    engine.get().close();
                }
                catch (final IllegalStateException e)
                {
                    refused.set(e);
                }
            }
        };
        try (SettlementEngine running = SettlementEngine.builder().journalDir(dir).listener(closing).build().start())
        {
            engine.set(running);
            EngineFixture.setUp(running, 1);                            // inputs 1..3
            running.submitTick(1, 0, EngineFixture.START, 900, -1, 0); // 4: rejected NEGATIVE_ENERGY
            running.submitTick(1, 0, EngineFixture.START, 900, 1, 0);  // 5
            assertThat(running.queryBalance(1001, TokenSymbol.pack("USD")).get().asOfSequence()).isEqualTo(5);
            assertThat(refused.get()).hasMessageContaining("from a listener");
        }
        assertThat(EngineFixture.readAll(Journals.input(dir))).hasSize(5);
    }

    // Was documented, not prevented: a listener that waited for a balance query waited for an answer only the
    // thread it runs on gives, so the engine hung for ever, with every input behind it
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aListenerWaitingForABalanceQueryHaltsTheEngineInsteadOfWaitingForItself()
    {
        final AtomicReference<SettlementEngine> engine = new AtomicReference<>();
        final PostingListener waiting = new PostingListener()
        {
            @Override
            public void onRejection(final RejectionCodec rejection)
            {
                // a stage chained to the answer is refused as the answer itself is
                engine.get().queryBalance(1001, TokenSymbol.pack("USD")).thenApply(Balance::micros).join();
            }
        };
        final SettlementEngine running = SettlementEngine.builder().journalDir(dir).multiProducer(true)
            .listener(waiting).build().start();
        engine.set(running);
        running.submitTick(1, 0, EngineFixture.START, 900, 1, 0);      // 1: rejected UNKNOWN_METER
        assertThatThrownBy(() -> running.queryBalance(1001, TokenSymbol.pack("USD")).get())
            .hasRootCauseMessage("a listener waited for a balance query: only the business-logic thread it runs on " +
                "answers it, so it would wait for ever; chain a stage (thenAccept) instead, or query from a host " +
                "thread");
        assertThatThrownBy(running::close).isInstanceOf(IllegalStateException.class);
    }

    // Found by this suite: a listener's submission that found the ring full parked for a slot that only the thread
    // it ran on could free. It now throws, which halts the engine as a listener that throws does.
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aListenersSubmissionToAFullRingHaltsTheEngineInsteadOfWaitingForItself()
    {
        final AtomicReference<SettlementEngine> engine = new AtomicReference<>();
        final PostingListener resubmitting = new PostingListener()
        {
            @Override
            public void onRejection(final RejectionCodec rejection)
            {
                // more than the ring holds, while the thread that would take them is this one
                for (long account = 2001; account <= 2010; account++)
                {
                    engine.get().registerAccount(account);
                }
            }
        };
        final SettlementEngine running = SettlementEngine.builder().journalDir(dir).multiProducer(true).ringSize(4)
            .listener(resubmitting).build().start();
        engine.set(running);
        running.submitTick(1, 0, EngineFixture.START, 900, 1, 0);      // 1: rejected UNKNOWN_METER
        assertThatThrownBy(() -> running.queryBalance(1001, TokenSymbol.pack("USD")).get())
            .hasRootCauseMessage("a listener submitted to a full ring: only the business-logic thread it runs on " +
                "frees a slot, so it would wait for ever; submit from a host thread");
        assertThatThrownBy(running::close).isInstanceOf(IllegalStateException.class);
    }
}
