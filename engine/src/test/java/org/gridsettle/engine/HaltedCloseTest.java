package org.gridsettle.engine;

import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.RejectionCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a host's second close of a halted engine sees (a shutdown hook after the main thread's try-with-resources):
 * only the first close reports the halt, as {@code close()} documents, and {@code fatalError()} keeps naming it; and
 * what the journals of an engine that halts while close drains its ring end with.
 */
class HaltedCloseTest
{
    @TempDir
    Path dir;

    @Test
    void onlyTheFirstCloseOfAHaltedEngineThrowsAndFatalErrorStillNamesTheHalt()
    {
        final IllegalStateException hostBug = new IllegalStateException("the host's ledger is down");
        final PostingListener failing = new PostingListener()
        {
            @Override
            public void onRejection(final RejectionCodec rejection)
            {
                throw hostBug;
            }
        };
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).listener(failing).build().start();
        engine.enrolMeter(1, 1001, 1, 0);                               // rejected: the listener throws
        assertThatThrownBy(engine::close).isInstanceOf(IllegalStateException.class).hasCauseReference(hostBug);
        engine.close();
        assertThat(engine.fatalError()).isSameAs(hostBug);
    }

    // the wait below matches a frame of the Disruptor's, a library's internal: should a version name it otherwise,
    // the closer would wait in the drain for the listener and the test for the closer, for ever; the timeout turns
    // that hang into a failure, as ListenerFailureTest's do (it times nothing the engine does)
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aHaltDuringClosesDrainLeavesBothJournalsWithoutCloseCheckpointsAsAHaltBeforeCloseDoes() throws Exception
    {
        final IllegalStateException hostBug = new IllegalStateException("the host's ledger is down");
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final PostingListener failing = new PostingListener()
        {
            @Override
            public void onRejection(final RejectionCodec rejection)
            {
                entered.countDown();
                try
                {
                    release.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                throw hostBug;
            }
        };
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).listener(failing).build().start();
        engine.enrolMeter(1, 1001, 1, 0);                               // rejected: the listener waits, then throws
        entered.await();
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread closer = new Thread(() ->
        {
            try
            {
                engine.close();
            }
            catch (final Throwable ex)
            {
                thrown.set(ex);
            }
        }, "host-close");
        closer.start();
        // the halt must come while close drains the ring, not before close() began: wait until the closer spins in
        // the Disruptor's shutdown, which is where the drain waits for the business-logic thread
        while (closer.isAlive() && Arrays.stream(closer.getStackTrace()).noneMatch((frame) ->
            frame.getClassName().equals("com.lmax.disruptor.dsl.Disruptor") && frame.getMethodName().equals("shutdown")))
        {
            Thread.onSpinWait();
        }
        release.countDown();
        closer.join();

        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasCauseReference(hostBug);
        // before, the drain's halt still closed both journals with close checkpoints, and a halt found by close did
        // not: the same calls left different journal bytes depending on when close() came
        assertThat(endsWithCloseCheckpoint(Journals.input(dir))).as("input journal").isFalse();
        assertThat(endsWithCloseCheckpoint(Journals.output(dir))).as("output journal").isFalse();
    }

    @Test
    void aCleanCloseEndsBothJournalsWithCloseCheckpoints()
    {
        // the control for the test above: the reader's answer is true where close checkpoints were written
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.enrolMeter(1, 1001, 1, 0);
        }
        assertThat(endsWithCloseCheckpoint(Journals.input(dir))).as("input journal").isTrue();
        assertThat(endsWithCloseCheckpoint(Journals.output(dir))).as("output journal").isTrue();
    }

    private static boolean endsWithCloseCheckpoint(final Path queue)
    {
        try (JournalReader reader = new JournalReader(queue))
        {
            while (reader.next((buffer, offset, length, position) ->
            {
            }))
            {
                // read to the end
            }
            return reader.endsWithCloseCheckpoint();
        }
    }
}
