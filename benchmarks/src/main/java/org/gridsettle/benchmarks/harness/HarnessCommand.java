package org.gridsettle.benchmarks.harness;

import org.gridsettle.benchmarks.TempDirs;
import org.gridsettle.benchmarks.report.MachineInfo;
import org.gridsettle.benchmarks.report.MarkdownReport;
import org.gridsettle.benchmarks.report.ReportWriter;
import org.gridsettle.journal.IoReason;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The harness's command line: parses the options, checks the folders, runs every phase and writes the report, and
 * turns each way of failing into one line and an exit code (0 ok, 1 a phase failed, the designs' totals differ or
 * the report could not be written, 2 bad usage, a results or scratch folder among it).
 * <p>
 * A failed phase's stack trace goes to {@value #FAILURE_FILE} in the results folder, not the terminal. A run stopped
 * by a kill or Ctrl-C starts no further phase and removes its scratch folder once the phase in progress has ended,
 * unless told to keep the journals. The figures
 * are printed before the report's files are written, so a disk that fills at the end loses no measurement.
 * <p>
 * Call from one thread.
 */
public final class HarnessCommand
{
    /** Where a failed run's stack trace is kept, in the results folder. */
    public static final String FAILURE_FILE = "failure.txt";
    /** The exit code of a run stopped by SIGTERM, as the JVM ends it. */
    private static final int STOPPED = 143;
    /** The longest a kill or Ctrl-C waits for the phase in progress: a full run's longest phases take about this. */
    private static final long STOP_WAIT_SECONDS = 60;
    private static final int SCRATCH_REMOVAL_ATTEMPTS = 50;
    private static final long SCRATCH_REMOVAL_PAUSE_NANOS = 100_000_000L;

    private HarnessCommand()
    {
    }

    /**
     * @param args        the command line, see {@link HarnessConfig#usage()}.
     * @param resultsRoot where timestamped results folders go unless {@code --out} or {@code --results-root} is given.
     * @param out         receives the report.
     * @param err         receives progress and errors.
     * @return the exit code.
     */
    public static int execute(final String[] args, final Path resultsRoot, final PrintStream out, final PrintStream err)
    {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h"))
        {
            out.println(HarnessConfig.usage());
            return 0;
        }
        final HarnessConfig config;
        try
        {
            config = HarnessConfig.parse(args, resultsRoot);
            ResultsFolders.prepare(config);
        }
        catch (final IllegalArgumentException e)
        {
            err.println(e.getMessage());
            return 2;
        }
        final HarnessResults results;
        // a kill or Ctrl-C ends the JVM without the finally that removes the scratch folder, which holds gigabytes
        // of journals mid-run; unless they are to be kept, a shutdown hook removes it then
        final RunStop stop = new RunStop();
        final Thread cleanUp = new Thread(() -> stopAndRemoveScratch(config, stop, err), "benchmark-scratch-cleanup");
        if (!config.keepJournals())
        {
            Runtime.getRuntime().addShutdownHook(cleanUp);
        }
        try
        {
            results = EndToEndHarness.run(config, err, stop);
        }
        catch (final RunStop.StoppedException e)
        {
            // the JVM is stopping: its shutdown hook reports and ends with the signal's exit code
            return STOPPED;
        }
        catch (final RuntimeException | Error e)
        {
            return failed(e, config, err);
        }
        finally
        {
            if (!config.keepJournals())
            {
                removeHook(cleanUp);
            }
        }
        final MachineInfo machine = MachineInfo.current();
        final String markdown = MarkdownReport.render(results, machine);
        out.println(markdown);
        try
        {
            ReportWriter.write(results, machine, markdown);
        }
        catch (final UncheckedIOException e)
        {
            err.println("REPORT NOT WRITTEN: " + e.getMessage() + "; the figures above are complete, the results " +
                "folder " + config.outDir() + " is not" + DiskSpace.lowSpaceNote(config.outDir()));
            return 1;
        }
        out.println("report: " + config.outDir().resolve(ReportWriter.REPORT).toAbsolutePath());
        return 0;
    }

    private static void removeHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException shutdownInProgress)
        {
            // a stopped run ends here while the hook runs, which is what it is for
        }
    }

    private static void stopAndRemoveScratch(final HarnessConfig config, final RunStop stop, final PrintStream err)
    {
        stop.request();
        err.println("stopping: the phase in progress runs to its end (at most " + STOP_WAIT_SECONDS + " s), then the " +
            "scratch folder is removed");
        if (!stop.awaitRunEnd(STOP_WAIT_SECONDS))
        {
            err.println("stopping: the phase in progress did not end in " + STOP_WAIT_SECONDS + " s");
        }
        removeScratch(config, err);
    }

    private static void removeScratch(final HarnessConfig config, final PrintStream err)
    {
        // a phase that did not end in time, or Chronicle's own shutdown hooks closing its queues, may still write into
        // it while the JVM stops, so a file they create can make one pass fail or bring the folder back after it:
        // remove it until it stays removed for a pause, for a few seconds at most
        RuntimeException last = null;
        for (int attempt = 0; attempt < SCRATCH_REMOVAL_ATTEMPTS; attempt++)
        {
            try
            {
                TempDirs.delete(config.workDir());
            }
            catch (final RuntimeException e)
            {
                last = e;
            }
            LockSupport.parkNanos(SCRATCH_REMOVAL_PAUSE_NANOS);
            if (!Files.exists(config.workDir()))
            {
                err.println("stopped: scratch folder " + config.workDir() + " removed, no report written");
                return;
            }
        }
        err.println("stopped: scratch folder " + config.workDir() + " not removed" +
            (last == null ? "" : " (" + last.getMessage() + ")"));
    }

    /**
     * Reports a failed run in one line and keeps its stack trace in the results folder.
     *
     * @param failure what stopped the run.
     * @param config  the run.
     * @param err     receives the line.
     * @return the exit code, 1.
     */
    static int failed(final Throwable failure, final HarnessConfig config, final PrintStream err)
    {
        final String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        final StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        final Path file = config.outDir().resolve(FAILURE_FILE);
        String where;
        try
        {
            Files.writeString(file, trace.toString(), StandardCharsets.UTF_8);
            where = " (stack trace in " + file + ")";
        }
        catch (final IOException e)
        {
            where = " (stack trace not kept: " + file + ": " + IoReason.of(e) + ")";
        }
        err.println();
        err.println("BENCHMARK FAILED: " + message.replace('\n', ' ') + where);
        return 1;
    }
}
