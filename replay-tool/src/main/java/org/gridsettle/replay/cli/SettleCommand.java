package org.gridsettle.replay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * The {@code settle} command line: the entry point of {@code settle.jar}. Each job is a subcommand.
 * <p>
 * Errors are one line on stderr and a non-zero exit; {@code --verbose} adds the stack trace.
 */
@Command(
    name = "settle",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "gridsettle: low-latency, event-sourced settlement of electricity meter data.",
        "Prices meter interval ticks against tariffs, posts double-entry transfers in",
        "program tokens, and journals every input and output so that a journal replays",
        "to the same bytes years later.",
        ""},
    subcommands = {
        DemoCommand.class,
        IngestCommand.class,
        BillCommand.class,
        ReplayCommand.class,
        VerifyCommand.class,
        DumpCommand.class,
        AuditCommand.class,
        RerateCommand.class,
        CommandLine.HelpCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  ok",
        "  1  a verification found a difference (a journal that fails its",
        "     checks, whichever command read it)",
        "  2  bad usage or input",
        "  3  the settle script could not build settle.jar",
        "  4  no space left on the device (or a journal file failed under the",
        "     writer, or a snapshot could not be written); every input",
        "     journalled before it is kept: free space (or make the folder or",
        "     journal file the message names writable) and run the same",
        "     command again",
        "  130, 143  stopped by Ctrl-C or a kill; settle ingest first closes the",
        "     journal, so it verifies: run the same command again to go on",
        "",
        "Examples:",
        "  settle demo",
        "      run the end-to-end demo on a synthetic fleet",
        "  settle ingest --journal gs --tariff t.json --meters m.csv --usage u.xml",
        "      settle real meter data into a journal",
        "  settle bill --tariff t.json --usage u.xml --from 2011-01-01 --to 2011-02-01",
        "      one meter's bill, priced by the engine",
        "  settle replay --journal demo-data/journal",
        "      prove the recorded outputs follow from the recorded inputs",
        "  settle audit --journal demo-data/journal --account 100001 --format html \\",
        "      --out audit.html",
        "      the M&V report, every number traced to its postings",
        "  settle verify --journal demo-data/journal",
        "      check both journals' hash chains and checkpoints"})
public final class SettleCommand implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * @param args command line arguments.
     */
    public static void main(final String[] args)
    {
        // first, before any of Chronicle's classes: a bad one would have them create ./tmp where settle was run
        final String tmpProblem = TempDirectoryCheck.needed(args) ?
            TempDirectoryCheck.problem(System.getProperty("java.io.tmpdir")) : null;
        if (tmpProblem != null)
        {
            System.err.println("settle: " + tmpProblem);
            System.exit(2);
        }
        // Also when launched as plain "java -jar settle.jar": Chronicle must never announce itself or call out.
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        // the engine's own threads too: one line, not the JVM's stack trace (the tests' JVM keeps its own handler)
        Thread.setDefaultUncaughtExceptionHandler(new BackgroundThreadErrors(
            new PrintWriter(System.err, true), Arrays.asList(args).contains("--verbose")));
        // stdout's own stream, not System.out: a PrintStream swallows the reason a write failed
        final WatchedOutput stdout = new WatchedOutput(new OutputStreamWriter(
            new FileOutputStream(FileDescriptor.out), stdoutCharset()));
        System.exit(execute(new PrintWriter(stdout, true), stdout, new PrintWriter(System.err, true),
            args));
    }

    private static Charset stdoutCharset()
    {
        // what Java 17 gives System.out; Java 18 and later would say it as System.out.charset()
        final String name = System.getProperty("sun.stdout.encoding");
        return name != null && Charset.isSupported(name) ?
            Charset.forName(name) : Charset.defaultCharset();
    }

    /**
     * Runs the command line without exiting, for tests.
     *
     * @param args command line arguments.
     * @return the exit code.
     */
    public static int execute(final String... args)
    {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs the command line with the given output streams, for tests and embedding.
     *
     * @param out  standard output.
     * @param err  standard error.
     * @param args command line arguments.
     * @return the exit code.
     */
    public static int execute(final PrintWriter out, final PrintWriter err, final String... args)
    {
        return execute(out, null, err, args);
    }

    /**
     * Runs the command line, knowing why writing standard output failed if it did.
     *
     * @param out     standard output, written through {@code watched} if that is not null.
     * @param watched what keeps the reason a write to {@code out} failed, or null if nothing does.
     * @param err     standard error.
     * @param args    command line arguments.
     * @return the exit code.
     */
    static int execute(
        final PrintWriter out, final WatchedOutput watched, final PrintWriter err, final String... args)
    {
        final CommandLine cli = new CommandLine(new SettleCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new OneLineErrors());
        cli.setParameterExceptionHandler(new OneLineErrors());
        // every command's -V, not only the top level's, says which build and JVM this is
        final VersionProvider version = new VersionProvider();
        cli.getSubcommands().values().forEach((sub) -> sub.getCommandSpec().versionProvider(version));
        final int code;
        try
        {
            code = cli.execute(args);
        }
        catch (final OutOfMemoryError e)
        {
            err.println("settle: out of memory (heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB); " +
                "give the JVM more with SETTLE_JAVA_OPTS=-Xmx..., or ask for less");
            err.flush();
            return OneLineErrors.BAD_INPUT;
        }
        // a PrintWriter swallows write errors: a report cut short by a full disk must not pass for a whole one
        if (out.checkError())
        {
            return outputFailed(watched, err, code);
        }
        return code;
    }

    private static int outputFailed(final WatchedOutput watched, final PrintWriter err, final int code)
    {
        if (watched != null && watched.readerClosed())
        {
            // `settle dump | head`: the reader took what it wanted and the command stopped writing; nothing is
            // wrong, and a script under `set -o pipefail` must not fail for it
            return code;
        }
        if (watched != null && watched.noSpaceLeft())
        {
            err.println("settle: could not write the output: no space left on the device");
            err.flush();
            return code == 0 ? OneLineErrors.JOURNAL_WRITE_FAILED : code;
        }
        final String reason = watched == null ? null : watched.reason();
        err.println("settle: could not write the output" +
            (reason == null ? " (disk full, or the reader closed the pipe)" : ": " + reason));
        err.flush();
        return code == 0 ? OneLineErrors.BAD_INPUT : code;
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
