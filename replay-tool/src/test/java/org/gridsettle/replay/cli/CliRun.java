package org.gridsettle.replay.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the {@code settle} command line through picocli, with its exit code and captured output.
 *
 * @param exitCode exit code.
 * @param out      standard output.
 * @param err      standard error.
 */
record CliRun(int exitCode, String out, String err)
{
    static CliRun of(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = SettleCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
