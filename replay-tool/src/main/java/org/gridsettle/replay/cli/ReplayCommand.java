package org.gridsettle.replay.cli;

import org.gridsettle.engine.logic.TickWindow;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.replay.JournalReplay;
import org.gridsettle.replay.ReplayReport;
import org.gridsettle.replay.progress.TerminalProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code settle replay}: re-runs a journal's inputs through a fresh engine and compares the outputs with the recorded
 * output journal byte for byte and by digest.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    header = "Replay a journal's inputs and compare every output, byte for byte.",
    description = {
        "Replay the input journal through a fresh engine and compare every output",
        "record, byte for byte, with the recorded output journal. Exit 0 when",
        "identical, 1 naming the first diverging record.",
        "",
        "An archive of closed cycle files (journal/FORMAT.md section 12) ends where",
        "its writers moved on to a later day: replay it with --archive, which",
        "compares every output it holds and counts the outputs of its last inputs",
        "that the next day's output file, not in the archive, would hold."},
    footer = {"", "Example:", "  settle replay --journal demo-data/journal", "  settle replay --journal DIR --to 5000"})
public final class ReplayCommand implements Callable<Integer>
{
    @Option(names = "--journal", required = true, paramLabel = "DIR",
        description = "Journal directory holding input/ and output/.")
    private Path journal;

    @Option(names = "--to", paramLabel = "SEQ",
        description = "Replay inputs only up to and including this input sequence.")
    private long toSequence = Long.MAX_VALUE;

    @Option(names = "--expected-meters", paramLabel = "N",
        description = "Size the per-meter state for N meters up front instead of growing it (for large fleets in a "
            + "bounded heap; the result is the same).")
    private int expectedMeters;

    @Option(names = "--correction-window", paramLabel = "SLOTS",
        description = "The correction window the journal's writer ran with (SettlementEngine.Builder"
            + ".correctionWindow, ticks remembered per meter; settle ingest and demo use the default). The journal "
            + "does not record it, and a late tick's outcome depends on it. Default: 12.")
    private int correctionWindow = TickWindow.DEFAULT_SLOTS;

    /** Ten times the largest fleet benchmarked (1,000,000 meters in a 2 GiB heap). */
    private static final int MAX_EXPECTED_METERS = 10_000_000;

    @Option(names = "--archive", description = "The directory is an archive of closed cycle files: its last " +
        "cycle files may end with a roll to a later day, and its output journal before its last inputs' outputs.")
    private boolean archive;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    private boolean verbose;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        if (toSequence < 1)
        {
            throw new IllegalArgumentException("--to must be an input sequence, 1 or more: " + toSequence);
        }
        if (expectedMeters < 0 || expectedMeters > MAX_EXPECTED_METERS)
        {
            // sizing for more meters than any heap holds ends in an out-of-memory error after a long wait
            throw new IllegalArgumentException("--expected-meters must be 0 to " + MAX_EXPECTED_METERS + ": " +
                expectedMeters);
        }
        if (correctionWindow < 1 || correctionWindow > TickWindow.MAX_TOTAL_SLOTS)
        {
            throw new IllegalArgumentException("--correction-window must be 1 to " + TickWindow.MAX_TOTAL_SLOTS +
                ": " + correctionWindow);
        }
        // one half gone is a journal that fails its checks (exit 1, below), as settle verify says
        JournalDirectory.requireEitherHalf(journal);
        final PrintWriter out = spec.commandLine().getOut();
        final long started = System.nanoTime();
        final ReplayReport report;
        try (TerminalProgress progress = TerminalProgress.forStderr("replay", "inputs"))
        {
            final JournalReplay replay = new JournalReplay(journal, toSequence).expectedMeters(expectedMeters)
                .correctionWindow(correctionWindow);
            report = (archive ? replay.archive() : replay).progress(progress).run();
        }
        catch (final org.gridsettle.journal.JournalCorruptException e)
        {
            // a record that fails its checks is what a verification exists to find: exit 1, as settle verify does
            final PrintWriter err = spec.commandLine().getErr();
            err.println("settle replay: " + OneLineErrors.message(e));
            err.flush();
            return 1;
        }
        final double seconds = (System.nanoTime() - started) / 1e9;
        if (toSequence != Long.MAX_VALUE && report.inputs() < toSequence && report.identical())
        {
            // input sequences run 1, 2, 3... without a gap (verified), so the count is the last one; a replay that
            // stopped at a difference counts only the inputs before it
            final PrintWriter err = spec.commandLine().getErr();
            err.println("settle replay: note: --to " + toSequence + " is past the journal's last input, sequence " +
                report.inputs() + ": the whole journal was replayed");
            err.flush();
        }
        print(out, report, seconds, archive);
        out.flush();
        return report.identical() ? 0 : 1;
    }

    static void print(final PrintWriter out, final ReplayReport report, final double seconds)
    {
        print(out, report, seconds, false);
    }

    private static void print(
        final PrintWriter out, final ReplayReport report, final double seconds, final boolean archive)
    {
        out.printf("replay: %,d inputs, %,d outputs compared in %.2f s (%,.0f inputs/s)%n",
            report.inputs(), report.outputs(), seconds, report.inputs() / Math.max(seconds, 1e-9));
        out.printf("recorded digest: %s%n", HashChain.toHex(report.recordedDigest()));
        out.printf("replay digest:   %s%n", HashChain.toHex(report.replayDigest()));
        if (report.identical() && archive)
        {
            out.println("replay: identical as an archive" + (report.beyondRecorded() == 0 ? "" : String.format(
                "; the replay produced %,d more output%s after the recorded ones, which the archive's output " +
                "journal does not hold", report.beyondRecorded(), report.beyondRecorded() == 1 ? "" : "s")));
        }
        else if (report.identical())
        {
            out.println("replay: identical");
        }
        else
        {
            out.println("replay: DIFFERENT - " + report.firstDivergence());
        }
    }
}
