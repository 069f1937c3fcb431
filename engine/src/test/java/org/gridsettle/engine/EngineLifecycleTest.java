package org.gridsettle.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.Journals;
import org.gridsettle.pricing.money.TokenSymbol;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineLifecycleTest
{
    @TempDir
    Path tmp;

    // Was checked under -ea only: without it, two threads claiming slots of a single-producer ring at once overwrite
    // each other's inputs, and some are lost without an error. The build runs tests with -ea, where this threw an
    // AssertionError; an IllegalStateException is what a host without -ea now gets too.
    @Test
    void aSingleProducerEngineRefusesASubmissionFromASecondThreadAndLosesNothing() throws Exception
    {
        final Path dir = tmp.resolve("single");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);
            final CompletableFuture<Void> other = CompletableFuture.runAsync(
                () -> engine.submitTick(1, 0, 1_773_316_800L, 900, 100, 0), runnable -> new Thread(runnable).start());
            assertThatThrownBy(other::join).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a single-producer engine was given input from")
                .hasMessageContaining("nothing of it was submitted")
                .hasMessageContaining("multiProducer(true)");
            EngineFixture.submitDay(engine, 1, 4);
        }
        final var report = JournalVerifier.verify(dir);
        assertThat(report.problems()).isEmpty();
        // the account, the tariff, the enrolment and the four ticks of the first thread; none of the second's
        assertThat(report.inputRecords()).isEqualTo(1 + 2 + 4);
    }

    @Test
    void closeRightAfterStartStillDrainsEverySubmission()
    {
        // Disruptor's shutdown only waits for consumers already running; start() must not return before that.
        for (int run = 0; run < 25; run++)
        {
            final SettlementEngine engine =
                SettlementEngine.builder().journalDir(tmp.resolve("r" + run)).build().start();
            try (engine)
            {
                engine.registerAccount(1001);
            }
            assertThat(engine.counters().inputs()).as("run %d", run).isEqualTo(1);
        }
    }

    @Test
    void aClosedEngineCanBeCollected()
    {
        // with the Disruptor's own producer-thread assertion on, every closed engine's ring stayed reachable from a
        // static map and a long simulation ran out of heap after about 2,400 engines
        final WeakReference<SettlementEngine> closed = openSubmitAndClose(tmp.resolve("collected"));
        for (int i = 0; i < 20 && closed.get() != null; i++)
        {
            System.gc();
        }
        assertThat(closed.get()).isNull();
    }

    private static WeakReference<SettlementEngine> openSubmitAndClose(final Path dir)
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start();
        try (engine)
        {
            engine.registerAccount(1001);
        }
        return new WeakReference<>(engine);
    }

    @Test
    void submittingAfterCloseIsRefusedClearly()
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(tmp).build().start();
        engine.close();
        assertThatThrownBy(() -> engine.submitTick(1, 0, 0, 900, 1, 0))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("not running");
    }

    @Test
    void aSecondStartIsRefusedAndTheJournalsStayAsTheFirstWroteThem()
    {
        // a second start ran recovery again into the running state and started a second business-logic thread on
        // the same journals: the replayed registration was rejected ALREADY_EXISTS and journalled as a new output
        final SettlementEngine engine = SettlementEngine.builder().journalDir(tmp).build().start();
        try (engine)
        {
            engine.registerAccount(1001);
            assertThatThrownBy(engine::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already started");
            engine.registerAccount(1002);
        }
        assertThat(EngineFixture.readAll(Journals.input(tmp))).hasSize(2);
        assertThat(EngineFixture.readAll(Journals.output(tmp))).as("two accepted registrations post nothing").isEmpty();
        assertThatThrownBy(engine::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void everySubmissionThatReturnsWhileCloseRunsIsJournalledAndTheRestAreRefused() throws Exception
    {
        // close() drained the ring and halted the business-logic thread while producers were still between their
        // running check and their publish: their submissions returned normally and were never journalled
        for (int run = 0; run < 40; run++)
        {
            final Path dir = tmp.resolve("r" + run);
            final SettlementEngine engine =
                SettlementEngine.builder().journalDir(dir).multiProducer(true).ringSize(64).build().start();
            engine.registerAccount(1001);                                           // input 1
            final int producers = 3;
            final AtomicLong returned = new AtomicLong();
            final CountDownLatch submitting = new CountDownLatch(producers);
            final List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int p = 0; p < producers; p++)
            {
                done.add(CompletableFuture.runAsync(() ->
                {
                    submitting.countDown();
                    try
                    {
                        while (true)
                        {
                            // unknown meter: each is journalled and rejected, so nothing limits how many are sent
                            engine.submitTick(7, 0, EngineFixture.START, 900, 1, 0);
                            returned.incrementAndGet();
                        }
                    }
                    catch (final IllegalStateException refused)
                    {
                        assertThat(refused).hasMessageContaining("not running");
                    }
                }));
            }
            submitting.await();
            engine.close();
            // a producer parked on a full ring after the business-logic thread stopped would never return here
            CompletableFuture.allOf(done.toArray(new CompletableFuture[0])).join();
            assertThat(EngineFixture.readAll(Journals.input(dir))).as("run %d", run).hasSize(1 + (int)returned.get());
        }
    }

    @Test
    void aDrEventWithoutABaselineMethodIsRefusedBeforeAnythingIsSubmittedAndTheEngineGoesOn() throws Exception
    {
        // the method was read after a ring slot was claimed: the slot was published empty and its journal append
        // halted the engine for every meter
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(tmp).build().start())
        {
            EngineFixture.setUp(engine, 1);                                         // inputs 1..3
            assertThatThrownBy(() -> engine.publishDrEvent(1, TokenSymbol.pack("DR"), EngineFixture.TARIFF,
                EngineFixture.START, EngineFixture.START + 3600, 1, null, 0))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("method");
            engine.submitTick(1, 0, EngineFixture.START, 900, 100, 0);             // input 4
            assertThat(engine.queryBalance(1001, TokenSymbol.pack("USD")).get().asOfSequence()).isEqualTo(4);
            assertThat(engine.fatalError()).isNull();
        }
        assertThat(EngineFixture.readAll(Journals.input(tmp))).hasSize(4);
    }

    @Test
    void aRingSizeTheDisruptorWouldRefuseIsRefusedByTheBuilder()
    {
        // Integer.MIN_VALUE has a single bit set: it passed the power-of-two check and failed only in start()
        assertThatThrownBy(() -> SettlementEngine.builder().ringSize(Integer.MIN_VALUE))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive power of two");
        assertThatThrownBy(() -> SettlementEngine.builder().ringSize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStartThatFailsAfterRecoveryLetsGoOfTheJournalsForTheNextStart()
    {
        // a start that failed once recovery was done (here an interrupt while the business-logic thread started; a
        // ring too large for the heap is another) kept the journals' writer locks and that thread for the life of
        // the process, with no engine to close when build().start() was one expression
        final SettlementEngine engine = SettlementEngine.builder().journalDir(tmp).build();
        Thread.currentThread().interrupt();                 // the host is being shut down as the engine starts
        try
        {
            assertThatThrownBy(engine::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("interrupted while starting");
        }
        finally
        {
            assertThat(Thread.interrupted()).as("the interrupt is kept for the host").isTrue();
        }
        assertThat(engine.fatalError()).hasMessageContaining("interrupted while starting");
        try (SettlementEngine next = SettlementEngine.builder().journalDir(tmp).build().start())
        {
            next.registerAccount(1001);
        }
        assertThat(EngineFixture.readAll(Journals.input(tmp))).hasSize(1);
    }

    @Test
    void twoThreadsClosingAtOnceCloseOnceAndBothReturnAfterTheJournalsAreClosed() throws Exception
    {
        // a host's shutdown hook and its main thread may both close the engine
        for (int run = 0; run < 20; run++)
        {
            final Path dir = tmp.resolve("r" + run);
            final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start();
            EngineFixture.setUp(engine, 2);
            EngineFixture.submitDay(engine, 2, 8);
            final CountDownLatch ready = new CountDownLatch(2);
            final List<CompletableFuture<Long>> closers = new ArrayList<>();
            for (int c = 0; c < 2; c++)
            {
                closers.add(CompletableFuture.supplyAsync(() ->
                {
                    ready.countDown();
                    await(ready);
                    engine.close();
                    // valid only once the journals are closed
                    return engine.outputDigest();
                }));
            }
            final long first = closers.get(0).join();
            assertThat(closers.get(1).join()).as("run %d", run).isEqualTo(first);
            assertThat(JournalVerifier.verify(dir).problems()).as("run %d", run).isEmpty();
            try (SettlementEngine next = SettlementEngine.builder().journalDir(dir).build().start())
            {
                assertThat(next.recoveryNotes()).as("run %d", run).allMatch(note -> note.startsWith("loaded"));
            }
        }
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
