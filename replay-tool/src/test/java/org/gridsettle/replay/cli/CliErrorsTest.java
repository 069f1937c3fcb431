package org.gridsettle.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

import org.gridsettle.engine.snapshot.SnapshotWriteException;
import org.gridsettle.journal.JournalWriteException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's errors as an operator reads them: one line, no Java class names, a non-zero exit, and output
 * that could not be written never passing for written.
 */
final class CliErrorsTest
{
    @TempDir
    Path tmp;

    @Test
    void aUsageErrorIsOneLineNamingTheCommandOnce()
    {
        final CliRun unknown = CliRun.of("bogus");
        final CliRun exclusive = CliRun.of("dump", "--journal", tmp.toString(), "--input", "--output");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().lines()).singleElement().asString()
            .startsWith("settle: ").doesNotStartWith("settle settle").contains("'bogus'")
            .endsWith("(see 'settle --help')");
        assertThat(exclusive.exitCode()).isEqualTo(2);
        assertThat(exclusive.err().lines()).singleElement().asString()
            .startsWith("settle dump: --input, --output are mutually exclusive").doesNotContain("Error:");
    }

    @Test
    void aMissingFileIsNamedInWordsWithoutAJavaClassName()
    {
        final CliRun run = CliRun.of("ingest", "--journal", tmp.resolve("j").toString(),
            "--tariff", tmp.resolve("missing.json").toString(), "--meters", "m.csv", "--usage", "u.csv");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
            .contains("no such file or directory: ").contains("missing.json").doesNotContain("java.");
    }

    @Test
    void messagesLoseClassNamesAndEverythingAfterTheirFirstLine()
    {
        assertThat(OneLineErrors.message(new NoSuchFileException("a.csv")))
            .isEqualTo("no such file or directory: a.csv");
        assertThat(OneLineErrors.message(new EOFException())).contains("cut short");
        // as Chronicle words a damaged header: a class name, a cause's class name, then a dump of the bytes
        assertThat(OneLineErrors.message(new IllegalStateException(
            "net.openhft.chronicle.core.io.IORuntimeException: java.io.UTFDataFormatException: 64\n00000000 ff ff")))
            .isEqualTo("64");
        assertThat(OneLineErrors.message(new IOException("cannot read meter CSV: java.io.EOFException")))
            .isEqualTo("cannot read meter CSV:");
    }

    @Test
    void aCycleFileTheFileSystemWillNotOpenForWritingIsExitFourNamingIt()
    {
        // as `chattr +i` on the day's input cycle file gave it to settle ingest: Chronicle maps cycle files
        // read-write, and RandomAccessFile's refusal is a FileNotFoundException of "path (reason)", which read as
        // "settle ingest: /j/input/20261128F.cq4 (Operation not permitted)" and exit 2, bad input
        final StringWriter err = new StringWriter();
        final int code = handledByIngest(new IllegalStateException("reading", new java.io.FileNotFoundException(
            "/j/input/20261128F.cq4 (Operation not permitted)")), err);
        final int usage = handledByIngest(
            new java.io.FileNotFoundException("/data/usage.csv (Permission denied)"), new StringWriter());

        assertThat(code).isEqualTo(4);
        assertThat(err.toString().lines().findFirst()).hasValue("settle ingest: cannot open journal file " +
            "/j/input/20261128F.cq4 for writing: operation not permitted (a read-only or immutable file, or a " +
            "read-only mount; make it writable and run the same command again)");
        // an input file the command cannot read is still the input's trouble
        assertThat(usage).isEqualTo(2);
    }

    private static int handledByIngest(final Exception failure, final StringWriter err)
    {
        final CommandLine cli = new CommandLine(new SettleCommand());
        final CommandLine ingest = cli.getSubcommands().get("ingest");
        ingest.setErr(new PrintWriter(err));
        return new OneLineErrors().handleExecutionException(failure, ingest, cli.parseArgs("ingest", "--journal",
            "j", "--tariff", "t.json", "--meters", "m.csv", "--usage", "u.csv").subcommand());
    }

    @Test
    void aJournalTheDiskCouldNotTakeIsOneLineAndExitCodeFour()
    {
        // as an ingest meets it: the engine halted on the writer's failure, and the next submission says so
        final Path input = tmp.resolve("j").resolve("input");
        final JournalWriteException full = JournalWriteException.of(input, new IOException("No space left on device"));
        final CommandLine cli = new CommandLine(new SettleCommand());
        final CommandLine ingest = cli.getSubcommands().get("ingest");
        final StringWriter err = new StringWriter();
        ingest.setErr(new PrintWriter(err));
        final CommandLine.ParseResult parsed = cli.parseArgs("ingest", "--journal", "j", "--tariff", "t.json",
            "--meters", "m.csv", "--usage", "u.csv").subcommand();

        final int code = new OneLineErrors().handleExecutionException(
            new IllegalStateException("engine halted: " + full.getMessage(), full), ingest, parsed);

        assertThat(code).isEqualTo(4);
        assertThat(err.toString().lines()).singleElement().asString()
            .startsWith("settle ingest: no space left on device in " + input + " (")
            .containsPattern("\\(\\d+ MiB free\\)")
            .doesNotContain("engine halted").doesNotContain("Exception");

        // a snapshot written by a stream, not a mapping, meets the full disk as ENOSPC
        final StringWriter snapshotErr = new StringWriter();
        ingest.setErr(new PrintWriter(snapshotErr));
        final int snapshotCode = new OneLineErrors().handleExecutionException(new IllegalStateException(
            "snapshot failed in /j/snapshots (0 MiB free): No space left on device",
            new IOException("No space left on device")), ingest, parsed);
        assertThat(snapshotCode).isEqualTo(4);
        assertThat(snapshotErr.toString().lines()).singleElement().asString()
            .isEqualTo("settle ingest: snapshot failed in /j/snapshots (0 MiB free): No space left on device");

        // a periodic snapshot that could not be written for another reason halts the engine as well (the closing one
        // is settle ingest's to report): the input was good and the journal keeps it, so it is exit 4 too, not 2
        final StringWriter deniedErr = new StringWriter();
        ingest.setErr(new PrintWriter(deniedErr));
        final String denied = "snapshot failed in /j/snapshots (900 MiB free): cannot write snapshot " +
            "/j/snapshots/snapshot-00000000000001000000.gss: permission denied";
        final int deniedCode = new OneLineErrors().handleExecutionException(new IllegalStateException("engine " +
            "halted: " + denied, new SnapshotWriteException(denied, new AccessDeniedException("/j/snapshots"))),
            ingest, parsed);
        assertThat(deniedCode).isEqualTo(4);
        assertThat(deniedErr.toString().lines()).containsExactly("settle ingest: engine halted: " + denied);
    }

    @Test
    void everyCommandAnswersVersion()
    {
        for (final String command : new String[] {"demo", "ingest", "verify", "dump", "audit"})
        {
            final CliRun run = CliRun.of(command, "-V");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).as(command).startsWith("settle ").contains("JVM: ");
        }
    }

    @Test
    void outputThatCannotBeWrittenIsAnErrorNotASuccess()
    {
        final Writer full = new Writer()
        {
            @Override
            public void write(final char[] buffer, final int offset, final int length) throws IOException
            {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() throws IOException
            {
                throw new IOException("No space left on device");
            }

            @Override
            public void close()
            {
            }
        };
        final StringWriter err = new StringWriter();

        final int code = SettleCommand.execute(new PrintWriter(full, true), new PrintWriter(err, true), "--help");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().contains("could not write the output");
    }

    @Test
    void anInputThatIsAPipeIsRefusedNamingTheOptionInsteadOfMisread() throws Exception
    {
        // what a shell's <(zcat usage.csv.gz) or /dev/stdin hands over: read once to tell the format, the first
        // bytes were gone for the second read, and a CSV piped in was refused as an "empty file"
        final Path pipe = tmp.resolve("usage.pipe");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        final Thread writer = new Thread(() ->
        {
            try
            {
                java.nio.file.Files.writeString(pipe, "meter_id,interval_start,interval_seconds,import_wh," +
                    "export_wh\nM-1,2026-03-09T10:00:00Z,900,100,0\n");
            }
            catch (final IOException e)
            {
                // the reader side closed early: the refusal below is what the test is about
            }
        });
        writer.setDaemon(true);
        writer.start();

        // a reader that opens the pipe a second time, with the writer gone, waits for ever: fail instead of hanging
        final CliRun ingest = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of("ingest", "--journal", tmp.resolve("j").toString(), "--tariff",
            TestResources.path(TestResources.HAND_TARIFF), "--meters", java.nio.file.Files.writeString(
            tmp.resolve("meters.csv"), "meter_id,account_id\nM-1,1001\n").toString(),
            "--usage", pipe.toString()));
        final CliRun bill = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of("bill", "--tariff",
            pipe.toString(), "--usage", "u.csv", "--from", "2026-03-01", "--to", "2026-04-01"));
        // the writer waits for a reader to open the pipe: open it, so that the thread ends
        java.nio.file.Files.readAllBytes(pipe);
        writer.join();

        final String refusal = ": not a regular file (a pipe, socket or device); settle reads each input file more " +
            "than once, so save it to a file and give that";
        assertThat(ingest.exitCode()).isEqualTo(2);
        assertThat(ingest.err().lines()).containsExactly("settle ingest: --usage " + pipe + refusal);
        assertThat(tmp.resolve("j")).doesNotExist();
        assertThat(bill.exitCode()).isEqualTo(2);
        assertThat(bill.err().lines()).containsExactly("settle bill: --tariff " + pipe + refusal);
    }

    @Test
    void numbersOutsideTheirRangeAreRefusedNamingTheOption()
    {
        final String journal = tmp.toString();
        final CliRun dump = CliRun.of("dump", "--journal", journal, "--from", "-5");
        final CliRun replay = CliRun.of("replay", "--journal", journal, "--to", "-5");
        final CliRun huge = CliRun.of("replay", "--journal", journal, "--expected-meters", "2000000000");
        final CliRun region = CliRun.of("ingest", "--journal", journal, "--tariff", "t.json", "--meters", "m.csv",
            "--usage", "u.csv", "--carbon-region", "WAYTOOLONGREGION");

        assertThat(dump.exitCode()).isEqualTo(2);
        assertThat(dump.err()).startsWith("settle dump: --from must not be negative: -5");
        assertThat(replay.exitCode()).isEqualTo(2);
        assertThat(replay.err()).startsWith("settle replay: --to must be an input sequence");
        assertThat(huge.exitCode()).isEqualTo(2);
        assertThat(huge.err()).startsWith("settle replay: --expected-meters must be 0 to 10000000");
        assertThat(region.exitCode()).isEqualTo(2);
        assertThat(region.err()).startsWith("settle ingest: --carbon-region WAYTOOLONGREGION: ");
    }
}
