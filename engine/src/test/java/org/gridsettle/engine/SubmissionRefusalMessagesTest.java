package org.gridsettle.engine;

import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mistakes a host makes first with the submission rules, and what the refusal tells it: each message says what
 * to do instead, not only that the engine refused.
 */
class SubmissionRefusalMessagesTest
{
    @TempDir
    Path dir;

    @Test
    void aSubmissionBeforeStartSaysToStartTheEngine()
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build();
        try
        {
            assertThatThrownBy(() -> engine.registerAccount(1001))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not running").hasMessageContaining("start()");
        }
        finally
        {
            engine.close();
        }
    }

    @Test
    void aSubmissionAfterCloseSaysTheEngineWasClosed()
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start();
        engine.close();
        assertThatThrownBy(() -> engine.registerAccount(1001))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("not running").hasMessageContaining("closed");
    }

    @Test
    void aListenersSubmissionToASingleProducerEngineIsNamedAsSuch() throws Exception
    {
        final AtomicReference<SettlementEngine> engine = new AtomicReference<>();
        final AtomicReference<RuntimeException> refused = new AtomicReference<>();
        final CountDownLatch called = new CountDownLatch(1);
        final PostingListener resubmitting = new PostingListener()
        {
            @Override
            public void onRejection(final RejectionCodec rejection)
            {
                try
                {
                    engine.get().registerAccount(1002);
                }
                catch (final RuntimeException e)
                {
                    refused.set(e);
                }
                called.countDown();
            }
        };
        engine.set(SettlementEngine.builder().journalDir(dir).listener(resubmitting).build().start());
        try
        {
            engine.get().enrolMeter(1, 1001, 1, 0);                    // rejected: no such account
            called.await();
            // the business-logic thread is a second producer of a single-producer ring; the message named two
            // threads and left the host to work out that one of them was its listener's
            assertThat(refused.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("listener").hasMessageContaining("multiProducer(true)");
        }
        finally
        {
            engine.get().close();
        }
    }

    @Test
    void aListenersSubmissionWhileStartRecoversSaysSo()
    {
        CloseDuringStartTest.haltMidInput(dir);

        // the restart appends the lost credit and gives it to the listener on the thread calling start(), before the
        // ring runs: a listener that submits, as it may at run time, is refused there
        final AtomicReference<SettlementEngine> engine = new AtomicReference<>();
        final AtomicReference<RuntimeException> refused = new AtomicReference<>();
        final PostingListener submitting = new PostingListener()
        {
            @Override
            public void onTransfer(final TransferCodec transfer)
            {
                try
                {
                    engine.get().registerAccount(2000 + transfer.causeSequence());
                }
                catch (final RuntimeException e)
                {
                    refused.set(e);
                }
            }
        };
        engine.set(SettlementEngine.builder().journalDir(dir).multiProducer(true).listener(submitting).build());
        try
        {
            engine.get().start();
            assertThat(refused.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not running").hasMessageContaining("recover");
        }
        finally
        {
            engine.get().close();
        }
    }
}
