package org.gridsettle.replay.progress;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gridsettle.journal.ProgressListener;

import java.io.PrintStream;
import java.text.DecimalFormat;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * The progress bar of a long command: task name, bar, count, rate and ETA on standard error, drawn by the
 * {@code me.tongfei:progressbar} library. Issue #6 asks for one on work that takes more than about two seconds, on a
 * terminal only, so it appears after {@link #SHOW_AFTER} has passed and never when {@link #forStderr} finds that
 * standard error is not a terminal (then every call is a no-op and nothing is written).
 * <p>
 * Called from the one thread doing the work; the library redraws from its own daemon thread, which {@link #close()}
 * stops after a final redraw. A bar for a stream that is not a terminal ({@code out == null}) draws nothing.
 */
public final class TerminalProgress implements ProgressListener, AutoCloseable
{
    /** Work shorter than this shows no bar at all. */
    public static final Duration SHOW_AFTER = Duration.ofSeconds(2);

    private final String task;
    private final String unit;
    /** How many of what is counted make one unit shown: bytes are counted, MiB shown. */
    private final long unitSize;
    /** Where to draw, or null to draw nothing. */
    private final PrintStream out;
    private final long startedNanos;
    private ProgressBar bar;

    private TerminalProgress(
        final String task, final String unit, final long unitSize, final PrintStream out, final long startedNanos)
    {
        this.task = task;
        this.unit = unit;
        this.unitSize = unitSize;
        this.out = out;
        this.startedNanos = startedNanos;
    }

    /**
     * @param task what is being done, for example {@code replay}.
     * @param unit what is counted, for example {@code inputs}.
     * @return a progress bar on standard error, or one that draws nothing when standard error is not a terminal.
     */
    public static TerminalProgress forStderr(final String task, final String unit)
    {
        return forStderr(task, unit, 1);
    }

    /**
     * @param task     what is being done, for example {@code ingest: read}.
     * @param unit     the unit shown, for example {@code MiB}.
     * @param unitSize how many of what is counted make one unit shown, for example {@code 1 << 20} bytes.
     * @return a progress bar on standard error, or one that draws nothing when standard error is not a terminal.
     */
    public static TerminalProgress forStderr(final String task, final String unit, final long unitSize)
    {
        return new TerminalProgress(task, unit, unitSize, StderrTerminal.isTerminal() ? System.err : null,
            System.nanoTime());
    }

    /**
     * For tests: a bar on the given stream, shown once the work started at {@code startedNanos} is older than
     * {@link #SHOW_AFTER}.
     *
     * @param task         task name.
     * @param unit         unit counted.
     * @param out          where to draw.
     * @param startedNanos {@link System#nanoTime()} when the work began.
     * @return the bar.
     */
    static TerminalProgress on(final String task, final String unit, final PrintStream out, final long startedNanos)
    {
        return on(task, unit, 1, out, startedNanos);
    }

    /**
     * For tests: as {@link #on(String, String, PrintStream, long)}, showing units of {@code unitSize}.
     *
     * @param task         task name.
     * @param unit         unit shown.
     * @param unitSize     how many of what is counted make one unit shown.
     * @param out          where to draw, or null to draw nothing.
     * @param startedNanos {@link System#nanoTime()} when the work began.
     * @return the bar.
     */
    static TerminalProgress on(
        final String task, final String unit, final long unitSize, final PrintStream out, final long startedNanos)
    {
        return new TerminalProgress(task, unit, unitSize, out, startedNanos);
    }

    @Override
    public void progress(final long done, final long total)
    {
        if (out == null)
        {
            return;
        }
        if (bar == null)
        {
            final long elapsed = System.nanoTime() - startedNanos;
            if (elapsed < SHOW_AFTER.toNanos() || (total >= 0 && done >= total))
            {
                return;
            }
            bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total > 0 ? total : -1)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .setUnit(" " + unit, unitSize)
                .showSpeed(new DecimalFormat("#,##0"))
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(250)
                // the elapsed time counts from the real start; the rate from what was done since the bar appeared
                .startsFrom(done, Duration.ofNanos(elapsed))
                .build();
        }
        if (total > 0 && total != bar.getMax())
        {
            // the index's count includes checkpoints, so the exact total arrives with the last call
            bar.maxHint(total);
        }
        bar.stepTo(done);
    }

    /**
     * @return true once the bar has been drawn.
     */
    boolean shown()
    {
        return bar != null;
    }

    @Override
    public void close()
    {
        if (bar != null)
        {
            bar.close();
            bar = null;
        }
    }
}
