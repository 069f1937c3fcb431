package org.gridsettle.replay.cli;

import picocli.CommandLine;

import java.util.Arrays;

/**
 * Turns any failure into one line on stderr and exit code 2, so that a bad file or argument never shows a stack
 * trace; {@code --verbose} on the command line restores the trace for debugging.
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler
{
    /** Exit code for bad usage or input. */
    static final int BAD_INPUT = 2;

    @Override
    public int handleExecutionException(
        final Exception ex, final CommandLine commandLine, final CommandLine.ParseResult parseResult)
    {
        final boolean verbose = Arrays.asList(parseResult.originalArgs().toArray()).contains("--verbose");
        commandLine.getErr().println("settle " + commandLine.getCommandName() + ": " + message(ex));
        if (verbose)
        {
            ex.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        return BAD_INPUT;
    }

    @Override
    public int handleParseException(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine cli = ex.getCommandLine();
        cli.getErr().println("settle " + cli.getCommandName() + ": " + ex.getMessage());
        cli.getErr().println("Try 'settle " + (cli.getParent() == null ? "" : cli.getCommandName() + " ") + "--help'.");
        cli.getErr().flush();
        return BAD_INPUT;
    }

    static String message(final Throwable ex)
    {
        Throwable t = ex;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof IllegalStateException &&
            t.getMessage().startsWith("gridsettle halted")))
        {
            t = t.getCause();
        }
        final String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replace('\n', ' ');
    }
}
