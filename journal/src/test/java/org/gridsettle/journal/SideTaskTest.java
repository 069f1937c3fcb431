package org.gridsettle.journal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A side task hands back its result or exactly what it threw, and an interrupt does not make its owner abandon it.
 */
class SideTaskTest
{
    @AfterEach
    void clearInterrupt()
    {
        Thread.interrupted();
    }

    @Test
    void joinReturnsTheResult()
    {
        assertThat(SideTask.start("side-test", () -> 6 * 7).join()).isEqualTo(42);
    }

    @Test
    void joinRethrowsWhatTheWorkThrewAsItThrewIt()
    {
        final JournalCorruptException thrown = new JournalCorruptException("broken");
        assertThatThrownBy(() -> SideTask.start("side-test", () ->
        {
            throw thrown;
        }).join()).isSameAs(thrown);
        final AssertionError error = new AssertionError("an error");
        assertThatThrownBy(() -> SideTask.start("side-test", () ->
        {
            throw error;
        }).join()).isSameAs(error);
    }

    @Test
    void anInterruptedOwnerStillWaitsForTheResultAndKeepsTheInterrupt()
    {
        final CountDownLatch release = new CountDownLatch(1);
        final SideTask<String> task = SideTask.start("side-test", () ->
        {
            release.await();
            return "done";
        });
        Thread.currentThread().interrupt();
        // released only after join has met the interrupt at least once
        final Thread releaser = new Thread(() ->
        {
            try
            {
                Thread.sleep(50);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        releaser.start();
        assertThat(task.join()).isEqualTo("done");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }
}
