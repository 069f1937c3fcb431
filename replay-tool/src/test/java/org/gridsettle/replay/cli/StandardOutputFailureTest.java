package org.gridsettle.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard output that fails under a command, as {@code settle.jar}'s own entry point watches it: a reader that
 * closed the pipe ({@code settle dump | head}) is no error, a full disk is exit 4 as for any file the command could
 * not write, and any other failure is named.
 */
final class StandardOutputFailureTest
{
    @TempDir
    Path tmp;

    @Test
    void aReaderThatClosesThePipeIsNoError() throws Exception
    {
        // the golden v1 journal dumps 23 lines (DumpGoldenJournalTest): the reader goes after the first 300 chars
        final Path journal = GoldenJournals.copy("v1", tmp);
        final FailingAfter head = new FailingAfter(300, "Broken pipe");
        final StringWriter err = new StringWriter();

        final int code = run(head, err, "dump", "--journal", journal.toString());

        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
        // the dump stopped writing once the reader had gone (the record in hand and the final flush may still try),
        // instead of rendering the other 20-odd lines into the void
        assertThat(head.refusedWrites).isBetween(1, 3);
    }

    @Test
    void aFullDiskUnderStandardOutputIsExit4SayingSo() throws Exception
    {
        final Path journal = GoldenJournals.copy("v1", tmp);
        final StringWriter err = new StringWriter();

        final int code = run(new FailingAfter(300, "No space left on device"), err,
            "dump", "--journal", journal.toString());

        assertThat(code).isEqualTo(4);
        assertThat(err.toString().lines()).containsExactly(
            "settle: could not write the output: no space left on the device");
    }

    @Test
    void anyOtherFailureIsNamedWithTheFileSystemsReason()
    {
        final StringWriter err = new StringWriter();

        final int code = run(new FailingAfter(0, "Input/output error"), err, "--help");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("settle: could not write the output: Input/output error");
    }

    private static int run(final Writer stdout, final StringWriter err, final String... args)
    {
        final WatchedOutput watched = new WatchedOutput(stdout);
        return SettleCommand.execute(new PrintWriter(watched, true), watched, new PrintWriter(err, true), args);
    }

    /**
     * Takes a number of chars, then fails every write with the given reason, as a pipe or a disk does.
     */
    private static final class FailingAfter extends Writer
    {
        private final String reason;
        private int room;
        private int refusedWrites;

        FailingAfter(final int room, final String reason)
        {
            this.room = room;
            this.reason = reason;
        }

        @Override
        public void write(final char[] buffer, final int offset, final int length) throws IOException
        {
            if (length > room)
            {
                refusedWrites++;
                room = 0;
                throw new IOException(reason);
            }
            room -= length;
        }

        @Override
        public void flush()
        {
        }

        @Override
        public void close()
        {
        }
    }
}
