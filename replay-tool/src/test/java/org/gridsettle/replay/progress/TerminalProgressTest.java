package org.gridsettle.replay.progress;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalProgressTest
{
    private final ByteArrayOutputStream drawn = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(drawn, true, StandardCharsets.UTF_8);

    @Test
    void longWorkDrawsTaskCountRateAndUnit()
    {
        // the work "began" a minute ago, so it is past the two-second threshold whatever the machine's speed
        final long began = System.nanoTime() - TimeUnit.SECONDS.toNanos(60);
        try (TerminalProgress progress = TerminalProgress.on("replay", "inputs", out, began))
        {
            progress.progress(16_384, 100_000);
            progress.progress(32_768, 100_000);
            assertThat(progress.shown()).isTrue();
        }
        final String text = drawn.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("replay").contains("32768/100000").contains("inputs/s");
    }

    @Test
    void bytesAreShownInTheUnitGivenAndTheLastCallDrawsTheWholeBar()
    {
        final long began = System.nanoTime() - TimeUnit.SECONDS.toNanos(60);
        try (TerminalProgress progress = TerminalProgress.on("ingest: read", "MiB", 1 << 20, out, began))
        {
            progress.progress(5L << 20, 10L << 20);
            progress.progress(10L << 20, 10L << 20);
        }
        final String text = drawn.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("ingest: read").contains("10/10 MiB").contains("100%").contains("MiB/s");
    }

    @Test
    void aBarForAStreamThatIsNotATerminalDrawsNothingHoweverLongTheWork()
    {
        final long began = System.nanoTime() - TimeUnit.SECONDS.toNanos(60);
        try (TerminalProgress progress = TerminalProgress.on("ingest: read", "MiB", 1 << 20, null, began))
        {
            progress.progress(5L << 20, 10L << 20);
            assertThat(progress.shown()).isFalse();
        }
        assertThat(drawn.size()).isZero();
    }

    @Test
    void workThatHasNotRunTwoSecondsDrawsNothing()
    {
        // a start in the future keeps the elapsed time under the threshold without depending on the clock's pace
        final long began = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
        try (TerminalProgress progress = TerminalProgress.on("verify", "records", out, began))
        {
            progress.progress(16_384, 1_000_000);
            assertThat(progress.shown()).isFalse();
        }
        assertThat(drawn.size()).isZero();
    }

    @Test
    void workAlreadyFinishedWhenFirstReportedDrawsNothing()
    {
        final long began = System.nanoTime() - TimeUnit.SECONDS.toNanos(60);
        try (TerminalProgress progress = TerminalProgress.on("replay", "inputs", out, began))
        {
            progress.progress(500, 500);
            assertThat(progress.shown()).isFalse();
        }
        assertThat(drawn.size()).isZero();
    }

    @Test
    void notATerminalUnderTheTestRunnerSoNothingIsDrawn()
    {
        // Surefire's forked JVM writes standard error into a pipe to Maven: the bar must stay quiet there, as it
        // must in CI logs and redirected runs
        assertThat(StderrTerminal.isTerminal()).isFalse();
        try (TerminalProgress progress = TerminalProgress.forStderr("replay", "inputs"))
        {
            progress.progress(1, 2);
            assertThat(progress.shown()).isFalse();
        }
    }

    @Test
    void terminalDevicesAreRecognisedAndFilesAndPipesAreNot()
    {
        assertThat(StderrTerminal.isTerminalDevice("/dev/pts/3")).isTrue();
        assertThat(StderrTerminal.isTerminalDevice("/dev/tty1")).isTrue();
        assertThat(StderrTerminal.isTerminalDevice("pipe:[123456]")).isFalse();
        assertThat(StderrTerminal.isTerminalDevice("/tmp/settle.log")).isFalse();
        assertThat(StderrTerminal.isTerminalDevice("/dev/null")).isFalse();
    }
}
