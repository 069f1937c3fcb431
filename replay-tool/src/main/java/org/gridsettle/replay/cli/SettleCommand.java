package org.gridsettle.replay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

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
        "     journalled before it is kept: free space (or make the folder the",
        "     message names writable) and run the same command again",
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
        // Also when launched as plain "java -jar settle.jar": Chronicle must never announce itself or call out.
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        // the engine's own threads too: one line, not the JVM's stack trace (the tests' JVM keeps its own handler)
        Thread.setDefaultUncaughtExceptionHandler(new BackgroundThreadErrors(
            new java.io.PrintWriter(System.err, true), java.util.Arrays.asList(args).contains("--verbose")));
        System.exit(execute(args));
    }

    /**
     * Runs the command line without exiting, for tests.
     *
     * @param args command line arguments.
     * @return the exit code.
     */
    public static int execute(final String... args)
    {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /**
     * Runs the command line with the given output streams, for tests and embedding.
     *
     * @param out  standard output.
     * @param err  standard error.
     * @param args command line arguments.
     * @return the exit code.
     */
    public static int execute(final java.io.PrintWriter out, final java.io.PrintWriter err, final String... args)
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
            err.println("settle: could not write the output (disk full, or the reader closed the pipe)");
            err.flush();
            return code == 0 ? OneLineErrors.BAD_INPUT : code;
        }
        return code;
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
