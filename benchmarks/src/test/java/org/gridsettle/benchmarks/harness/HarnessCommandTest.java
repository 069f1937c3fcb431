package org.gridsettle.benchmarks.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The command line's answers to a results or scratch folder it cannot use: one line naming the folder, exit 2, and
 * no phase started (a full run's phases take minutes before the report is written).
 */
class HarnessCommandTest
{
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args)
    {
        return HarnessCommand.execute(args, tmp.resolve("root"), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errText()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aResultsFolderThatIsAFileIsOneLineAndExitTwo() throws Exception
    {
        final Path file = Files.writeString(tmp.resolve("results"), "not a folder");

        assertThat(run("--quick", "--out", file.toString())).isEqualTo(2);

        assertThat(errText()).hasLineCount(1).contains(file.toString()).contains("is a file")
            .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(file).hasContent("not a folder");
    }

    @Test
    void aResultsFolderUnderAFileIsOneLineAndExitTwo() throws Exception
    {
        final Path file = Files.writeString(tmp.resolve("results"), "not a folder");

        assertThat(run("--quick", "--out", file.resolve("run").toString())).isEqualTo(2);

        assertThat(errText()).hasLineCount(1).contains(file.resolve("run").toString()).doesNotContain("\tat ");
    }

    @Test
    void aScratchFolderThatCannotBeCreatedIsOneLineAndExitTwoNamingIt() throws Exception
    {
        final Path file = Files.writeString(tmp.resolve("scratch"), "not a folder");

        assertThat(run("--quick", "--out", tmp.resolve("results").toString(), "--work", file.toString()))
            .isEqualTo(2);

        assertThat(errText()).hasLineCount(1).contains("scratch folder").contains(file.toString())
            .doesNotContain("\tat ");
        assertThat(tmp.resolve("results")).as("a results folder the refused run created and left empty")
            .doesNotExist();
    }

    @Test
    void aFailedPhaseIsOneLineAndItsStackTraceIsKeptInTheResultsFolder() throws Exception
    {
        final HarnessConfig config = HarnessConfig.parse(new String[] {"--quick", "--out",
            tmp.resolve("results").toString()}, tmp);
        Files.createDirectories(config.outDir());

        final int code = HarnessCommand.failed(new IllegalStateException("engine halted: a reason",
            new IllegalArgumentException("the cause")), config, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(1);
        final Path trace = config.outDir().resolve(HarnessCommand.FAILURE_FILE);
        assertThat(errText().strip()).startsWith("BENCHMARK FAILED: engine halted: a reason")
            .contains(trace.toString()).doesNotContain("\tat ");
        assertThat(errText().strip()).hasLineCount(1);
        assertThat(trace).content().contains("the cause").contains("\tat ");
    }

    @Test
    void theHarnessRefusesAResultsFolderThatIsAFileBeforeAnyPhase() throws Exception
    {
        final Path file = Files.writeString(tmp.resolve("results"), "not a folder");
        final HarnessConfig config = HarnessConfig.tiny(file);

        assertThatThrownBy(() -> EndToEndHarness.run(config, new PrintStream(err, true, StandardCharsets.UTF_8)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(file.toString());

        assertThat(errText()).doesNotContain("done in");
    }
}
