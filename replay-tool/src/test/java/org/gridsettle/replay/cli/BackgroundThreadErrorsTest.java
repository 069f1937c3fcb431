package org.gridsettle.replay.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BackgroundThreadErrors} on threads that end with an uncaught throwable, as the engine's pretouch thread did
 * on a full disk: {@code Exception in thread "gridsettle-pretouch" java.lang.InternalError: a fault occurred in a
 * recent unsafe memory access operation in compiled Java code} and its stack trace, under the command's own line
 * {@code settle ingest: no space left on device ...}.
 */
class BackgroundThreadErrorsTest
{
    @Test
    void aFaultInAMappedFileIsLeftToTheCommandsOwnLineAndAnythingElseIsOneLine() throws InterruptedException
    {
        final StringWriter err = new StringWriter();
        final BackgroundThreadErrors handler = new BackgroundThreadErrors(new PrintWriter(err), false);

        die("gridsettle-pretouch", new InternalError(BackgroundThreadErrors.MAPPED_FILE_FAULT + " in compiled Java code"),
            handler);
        assertThat(err.toString()).isEmpty();

        die("gridsettle-sealer", new IllegalStateException("checkpoint failed"), handler);
        assertThat(err.toString()).isEqualTo("settle: thread gridsettle-sealer stopped: checkpoint failed" +
            System.lineSeparator());
    }

    @Test
    void verboseAddsTheStackTrace() throws InterruptedException
    {
        final StringWriter err = new StringWriter();

        die("worker", new IllegalStateException("boom"), new BackgroundThreadErrors(new PrintWriter(err), true));

        assertThat(err.toString()).startsWith("settle: thread worker stopped: boom" + System.lineSeparator())
            .contains("java.lang.IllegalStateException: boom").contains("\tat ");
    }

    private static void die(final String name, final Throwable thrown, final Thread.UncaughtExceptionHandler handler)
        throws InterruptedException
    {
        final Thread thread = new Thread(() ->
        {
            if (thrown instanceof Error e)
            {
                throw e;
            }
            throw (RuntimeException)thrown;
        }, name);
        thread.setUncaughtExceptionHandler(handler);
        thread.start();
        thread.join();
    }
}
