package org.gridsettle.replay.cli;

import org.gridsettle.journal.ExclusiveFileLock;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.WriterLock;
import org.gridsettle.replay.demo.DemoJournalDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code settle demo} removes only a journal it wrote itself, and refuses a bad argument with one line and exit code
 * 2 before it touches the disk.
 */
class DemoSafetyTest
{
    @TempDir
    Path tmp;

    @TempDir
    Path outside;

    @Test
    void aJournalDirectoryOfSomebodyElsesFilesIsRefusedAndKept() throws IOException
    {
        final Path prod = tmp.resolve("prod");
        final Path precious = prod.resolve("journal").resolve("user.txt");
        Files.createDirectories(precious.getParent());
        Files.writeString(precious, "precious");

        final CliRun run = CliRun.of("demo", "--meters", "5", "--days", "1", "--dir", prod.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertOneLine(run).contains("settle demo: " + prod.resolve("journal") + " exists and was not written by " +
            "settle demo; choose another --dir or remove it");
        assertThat(Files.readString(precious)).isEqualTo("precious");
        assertThat(entries(prod)).containsExactly(prod.resolve("journal"));
        assertThat(entries(prod.resolve("journal"))).containsExactly(precious);
        assertThat(run.out()).doesNotContain("removing");
    }

    @Test
    void aRealJournalThatTheDemoDidNotWriteIsRefusedAndKept() throws IOException
    {
        // a journal written by the demo, but with its marker gone, stands for any other gridsettle journal
        final Path dir = tmp.resolve("ingested");
        assertThat(CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", dir.toString()).exitCode()).isZero();
        Files.delete(dir.resolve("journal").resolve(DemoJournalDir.MARKER));
        final CliRun before = CliRun.of("replay", "--journal", dir.resolve("journal").toString());
        assertThat(before.out()).contains("replay: identical");

        final CliRun run = CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertOneLine(run).contains("exists and was not written by settle demo");
        final CliRun after = CliRun.of("replay", "--journal", dir.resolve("journal").toString());
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(after.out()).contains("replay: identical");
        assertThat(digest(after.out())).isEqualTo(digest(before.out()));
    }

    @Test
    void aDemoJournalStillInUseIsNotRemoved() throws IOException
    {
        final Path dir = tmp.resolve("busy");
        assertThat(CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", dir.toString()).exitCode()).isZero();
        final Path journal = dir.resolve("journal");
        final String before = digest(CliRun.of("replay", "--journal", journal.toString()).out());

        // another demo still replaying or auditing it holds its marker's lock; an engine writing it, the queue's
        try (FileChannel demo = FileChannel.open(journal.resolve(DemoJournalDir.MARKER), StandardOpenOption.WRITE);
            FileLock held = demo.lock())
        {
            final CliRun run = CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", dir.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertOneLine(run).contains(journal + " is in use by another settle demo run with this --dir: wait " +
                "for it to finish or choose another --dir; nothing was removed");
        }
        try (ExclusiveFileLock engine = WriterLock.acquire(journal.resolve(Journals.OUTPUT)))
        {
            final CliRun run = CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", dir.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertOneLine(run).contains(journal.resolve(Journals.OUTPUT) + " is being written by an engine");
        }
        final CliRun after = CliRun.of("replay", "--journal", journal.toString());
        assertThat(after.out()).contains("replay: identical");
        assertThat(digest(after.out())).isEqualTo(before);
        // and once nothing holds it, a rerun replaces it as always
        assertThat(CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", dir.toString()).exitCode()).isZero();
    }

    @Test
    void aJournalThatIsAFileIsRefusedAndKept() throws IOException
    {
        final Path file = tmp.resolve("journal");
        Files.writeString(file, "not a directory");

        final CliRun run = CliRun.of("demo", "--meters", "5", "--days", "1", "--dir", tmp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertOneLine(run).contains(file + " exists and was not written by settle demo");
        assertThat(Files.readString(file)).isEqualTo("not a directory");
    }

    @ParameterizedTest
    @CsvSource({"audit.html", "audit-dr.html"})
    void anAuditReportTheDemoDidNotWriteIsRefusedAndKept(final String name) throws IOException
    {
        final Path report = tmp.resolve(name);
        Files.writeString(report, "the auditor's own report");

        final CliRun run = CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", tmp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertOneLine(run).contains(report + " exists and was not written by settle demo");
        assertThat(Files.readString(report)).isEqualTo("the auditor's own report");
        assertThat(entries(tmp)).containsExactly(report);
    }

    @Test
    void aRerunReplacesTheReportsOfTheRunBefore() throws IOException
    {
        assertThat(CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", tmp.toString()).exitCode()).isZero();
        final Path report = tmp.resolve(DemoJournalDir.REPORT);
        Files.writeString(report, "stale");

        final CliRun second = CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", tmp.toString());

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(Files.readString(report)).contains("<html");
    }

    @ParameterizedTest
    @CsvSource({"audit.html", "audit-dr.html"})
    void aReportNameThatIsALinkInADemoDirIsRefusedAndWhatItPointsAtKept(final String name) throws IOException
    {
        // a rerun wrote its report through the link, into the file it points at
        assertThat(CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", tmp.toString()).exitCode()).isZero();
        final Path precious = Files.writeString(outside.resolve("precious.txt"), "somebody's file");
        final Path report = tmp.resolve(name);
        Files.deleteIfExists(report);
        Files.createSymbolicLink(report, precious);

        final CliRun run = CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", tmp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertOneLine(run).contains(report + " is not a regular file");
        assertThat(Files.readString(precious)).isEqualTo("somebody's file");
        assertThat(Files.isSymbolicLink(report)).isTrue();
    }

    @Test
    void aRerunRemovesOnlyTheJournalTheDemoMarked() throws IOException
    {
        assertThat(CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", tmp.toString()).exitCode()).isZero();
        assertThat(tmp.resolve("journal").resolve(DemoJournalDir.MARKER)).isRegularFile();
        final Path stale = tmp.resolve("journal").resolve("input").resolve("stale.txt");
        Files.writeString(stale, "from the first run");
        final Path besideIt = tmp.resolve("notes.txt");
        Files.writeString(besideIt, "mine");

        final CliRun second = CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", tmp.toString());

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("demo: removing the previous demo journal at " + tmp.resolve("journal"),
            "replay: identical");
        assertThat(stale).doesNotExist();
        assertThat(tmp.resolve("journal").resolve(DemoJournalDir.MARKER)).isRegularFile();
        assertThat(Files.readString(besideIt)).isEqualTo("mine");
    }

    @Test
    void anEmptyDirIsRefusedRatherThanWritingJournalInTheWorkingDirectory()
    {
        final boolean journalBefore = Files.exists(Path.of("journal"));

        final CliRun run = CliRun.of("demo", "--meters", "5", "--days", "1", "--dir", "");

        assertThat(run.exitCode()).isEqualTo(2);
        assertOneLine(run).contains("settle demo: --dir is empty");
        assertThat(Files.exists(Path.of("journal"))).isEqualTo(journalBefore);
        assertThat(Files.exists(Path.of("audit.html"))).isFalse();
    }

    @Test
    void aDirThatIsARegularFileIsOneLineNamingIt() throws IOException
    {
        final Path file = tmp.resolve("afile");
        Files.writeString(file, "keep");

        final CliRun run = CliRun.of("demo", "--meters", "5", "--days", "1", "--dir", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertOneLine(run).contains("settle demo: --dir " + file + " is not a directory")
            .doesNotContain("chronicle");
        assertThat(Files.readString(file)).isEqualTo("keep");
    }

    @Test
    void aDirUnderARegularFileIsOneLineNamingThePath() throws IOException
    {
        final Path file = tmp.resolve("afile");
        Files.writeString(file, "keep");

        final CliRun run = CliRun.of("demo", "--meters", "5", "--days", "1", "--dir", file.resolve("sub").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertOneLine(run).contains("settle demo: cannot create the demo journal at " + file.resolve("sub"));
        assertThat(Files.readString(file)).isEqualTo("keep");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--meters|0|1|2026-03-02|--meters 0: expected 1 to 100,000",
        "--meters|2000000000|1|2026-03-02|--meters 2000000000: expected 1 to 100,000",
        "--meters|100001|1|2026-03-02|--meters 100001: expected 1 to 100,000",
        "--days|5|0|2026-03-02|--days 0: expected 1 to 366",
        "--days|5|367|2026-03-02|--days 367: expected 1 to 366",
        "--start|5|1|9999-12-25|--start 9999-12-25 must lie in the years 1990 to 2100 that tariffs cover",
        "--start|5|1|1900-01-01|--start 1900-01-01 must lie in the years 1990 to 2100 that tariffs cover",
        "--start|5|1|1989-12-31|--start 1989-12-31 must lie in the years 1990 to 2100 that tariffs cover",
        "--start|5|2|2100-12-31|--start 2100-12-31 and --days 2 end on 2101-01-01, past the years 1990 to 2100",
        "--start|5|1|2026-02-30|--start 2026-02-30: not a date; expected YYYY-MM-DD",
        "--start|5|1|March 2|--start March 2: not a date; expected YYYY-MM-DD"})
    void anOutOfRangeArgumentIsOneLineExitTwoAndTouchesNothing(
        final String option, final String meters, final String days, final String start, final String message)
        throws IOException
    {
        // a previous demo journal is there: a bad argument must not remove it
        assertThat(CliRun.of("demo", "--meters", "2", "--days", "1", "--dir", tmp.toString()).exitCode()).isZero();
        final String digestBefore = digest(CliRun.of("replay", "--journal", tmp.resolve("journal").toString()).out());
        final Path fresh = tmp.resolve("fresh");

        final CliRun run = CliRun.of("demo", "--meters", meters, "--days", days, "--start", start,
            "--dir", tmp.toString());
        final CliRun freshRun = CliRun.of("demo", "--meters", meters, "--days", days, "--start", start,
            "--dir", fresh.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertOneLine(run).contains("settle demo: " + message).contains(option);
        assertThat(run.out()).isEmpty();
        assertThat(digest(CliRun.of("replay", "--journal", tmp.resolve("journal").toString()).out()))
            .isEqualTo(digestBefore);
        assertThat(freshRun.exitCode()).isEqualTo(2);
        assertThat(fresh).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource({"1990-01-01", "2100-12-31"})
    void theFirstAndLastDaysTariffsCoverRunCleanly(final String start)
    {
        final CliRun run = CliRun.of("demo", "--meters", "2", "--days", "1", "--start", start,
            "--dir", tmp.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // 2 meters x 96 intervals, and only the four deliberate bad ticks rejected
        assertThat(run.out()).contains("ticks: 192 priced, 4 rejected", "replay: identical");
    }

    @Test
    void helpNamesEveryTokenTheDemoPostsAndTheBounds()
    {
        final CliRun help = CliRun.of("demo", "--help");

        assertThat(help.exitCode()).isZero();
        final String text = help.out().replaceAll("\\s+", " ");
        assertThat(text).contains("USD and the SOLAR, NEM, CARBON and DR tokens", "1 to 100,000", "1 to 366",
            "1990-01-01 to 2100-12-31");
        final CliRun run = CliRun.of("demo", "--meters", "16", "--days", "15", "--dir", tmp.toString());
        for (final String token : new String[] {"USD", "SOLAR", "NEM", "CARBON", "DR"})
        {
            assertThat(run.out()).contains("token " + token + " ");
        }
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertOneLine(final CliRun run)
    {
        assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
        return assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    private static String digest(final String replayOut)
    {
        return replayOut.lines().filter(l -> l.startsWith("replay digest:")).findFirst().orElseThrow();
    }

    private static java.util.List<Path> entries(final Path dir) throws IOException
    {
        try (Stream<Path> list = Files.list(dir))
        {
            return list.sorted().toList();
        }
    }

    @Test
    void aFleetAndPeriodThatWouldWriteTensOfGigabytesIsRefused()
    {
        final CliRun run = CliRun.of("demo", "--dir", tmp.resolve("big").toString(), "--meters", "100000",
            "--days", "366");

        assertThat(run.exitCode()).isEqualTo(2);
        // 36,600,000 meter-days x 32 KB = 1,171 GB
        assertThat(run.err().lines()).singleElement().asString()
            .isEqualTo("settle demo: --meters 100,000 x --days 366 is 36,600,000 meter-days, about 1,171 GB of " +
                "journal; the demo runs at most 200,000 (about 6 GB)");
        assertThat(tmp.resolve("big")).doesNotExist();
    }
}
