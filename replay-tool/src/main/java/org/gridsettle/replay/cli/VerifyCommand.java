package org.gridsettle.replay.cli;

import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.KeptSeal;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.replay.progress.TerminalProgress;
import org.gridsettle.replay.seal.SealLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code settle verify}: checks the integrity chains of both journals end to end.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    header = "Check both journals' hash chains and SHA-256 checkpoints end to end.",
    description = {
        "Check both journals end to end: every record's structure and XXH64 chain",
        "link, every SHA-256 checkpoint, that each journal ends with a close checkpoint",
        "(nothing removed from the end) and its last cycle file was not closed by a",
        "roll to a later one (no cycle file removed from the end), and that the",
        "output journal's close checkpoint matches the input journal. Exit 0 when",
        "intact, 1 naming what is wrong and where. A journal an engine or settle",
        "ingest is appending to has no close checkpoint yet: while its writer holds",
        "it, that is a note, and the result is \"intact so far\". A read that finds",
        "problems while a writer appends (an ingest started and closed between the",
        "reads of the two journals) is read again, up to 3 reads in all; each read",
        "before the last is a note, and the last read's problems are the result.",
        "",
        "Each journal's seal is the SHA-256 that commits to all of its records (its",
        "last checkpoint's); keep it outside the archive to tell later that the",
        "journal is the one you checked. The XXH64 digest is a checksum: a changed",
        "journal can be made to keep it. Save this command's output where whoever",
        "can edit the journal cannot change it, and give that file to a later check",
        "with --kept: each journal's first N records must still end on the seal",
        "kept for them, however much was appended since. A seal that differs, or a",
        "journal with fewer records than one was kept for, fails (exit 1): a record",
        "changed with every checksum and checkpoint after it recomputed, records",
        "removed from the end, or the whole journal replaced, which nothing inside a",
        "journal can show; or records a power failure lost before they reached the",
        "disk (journal/FORMAT.md section 7).",
        "",
        "An archive of a journal still being written (its closed cycle files,",
        "journal/FORMAT.md section 12) ends where its writer moved on to a later",
        "day: check it with --archive, which checks every record it holds and lists",
        "that end as a note; only the output of verify --archive of it as it was",
        "made, given back with --kept, shows that nothing was removed from its end",
        "(a live journal's seals are for records the archive does not hold)."},
    footer = {"", "Examples:", "  settle verify --journal demo-data/journal",
        "  settle verify --journal demo-data/journal > kept-2026-11.txt",
        "  settle verify --journal demo-data/journal --kept kept-2026-11.txt",
        "  settle verify --archive --journal /archive/gridsettle"})
public final class VerifyCommand implements Callable<Integer>
{
    @Option(names = "--journal", required = true, paramLabel = "DIR",
        description = "Journal directory holding input/ and output/.")
    private Path journal;

    @Option(names = "--archive", description = "The directory is an archive of closed cycle files: a last " +
        "cycle file closed by a roll to a later day, and no close checkpoint at the end, are notes, not problems.")
    private boolean archive;

    @Option(names = "--kept", paramLabel = "FILE", description = "The saved output of an earlier settle verify, " +
        "settle ingest, settle demo, settle audit or settle rerate of this journal, or an audit's html page (or " +
        "several appended to one file, a log's timestamps before the lines allowed): its input: and output: lines " +
        "are seals to compare. Repeatable.")
    private List<Path> kept = new ArrayList<>();

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    private boolean verbose;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        // a journal whose input cycle files are gone but whose output journal is there fails its checks (exit 1)
        JournalDirectory.requireEitherHalf(journal);
        OptionValues.requireRegularFiles("--kept", kept);
        final List<KeptSeal> seals = new ArrayList<>();
        for (final Path file : kept)
        {
            seals.addAll(KeptSealFile.read(file));
        }
        final PrintWriter out = spec.commandLine().getOut();
        final VerificationReport report;
        try (TerminalProgress progress = TerminalProgress.forStderr("verify", "records"))
        {
            report = JournalVerifier.verify(journal, progress, archive, seals);
        }
        out.println(summary(false, report.inputRecords(), report.inputDigest(), report.inputSeal()));
        out.println(summary(true, report.outputRecords(), report.outputDigest(), report.outputSeal()));
        for (final String problem : report.problems())
        {
            out.println("FAIL " + problem);
        }
        for (final String note : report.notes())
        {
            out.println("note: " + note);
        }
        for (final String match : report.keptSeals())
        {
            out.println("kept: " + match);
        }
        // counts grouped as the record counts above are: an auditor's file of a year's daily seals holds hundreds
        final String keptSeals = seals.isEmpty() ? "" : String.format(Locale.ROOT, "; %,d of %,d kept seals match",
            report.keptSeals().size(), seals.size());
        out.println((!report.intact() ? String.format(Locale.ROOT, "verify: %,d problem(s)", report.problems().size()) :
            archive && seals.isEmpty() ?
            "verify: intact as an archive (compare the counts and seals with those kept when it was made)" :
            archive ? "verify: intact as an archive" :
            report.beingWritten() ? "verify: intact so far: a writer is appending; run verify again once it has " +
            "closed the journal" : "verify: intact") + keptSeals);
        out.flush();
        return report.intact() ? 0 : 1;
    }

    /**
     * The SHA-256 seal is what an auditor keeps ({@code --kept} reads these lines back, so they are written the same
     * in every locale): the XXH64 digest can be kept by a changed journal. A journal read
     * only part-way (no seal) has neither: a digest of the records before the damage would read as the journal's.
     */
    private static String summary(final boolean output, final long records, final long digest, final String seal)
    {
        return seal.isEmpty() ? String.format(Locale.ROOT, "%s%,d records read, then stopped by the problem below",
            output ? "output: " : "input:  ", records) : SealLine.of(output, records, digest, seal);
    }
}
