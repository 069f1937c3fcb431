package org.gridsettle.replay.cli;

import org.gridsettle.engine.SettlementEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code settle} with a {@code java.io.tmpdir} it cannot use ({@link TempDirectoryCheck}): one line and exit 2 before
 * anything runs, where before Chronicle created {@code ./tmp} in the directory settle was run from. The command line
 * is run in a JVM of its own, since Chronicle's {@code OS} class reads the setting once per JVM.
 */
class TempDirectoryCheckTest
{
    @TempDir
    Path tmp;

    @Test
    void aTmpdirThatIsNotAWritableDirectoryIsNamed() throws IOException
    {
        assertThat(TempDirectoryCheck.problem(tmp.toString())).isNull();
        assertThat(TempDirectoryCheck.problem(tmp.resolve("missing").toString()))
            .startsWith("java.io.tmpdir " + tmp.resolve("missing") + " does not exist (set with -Djava.io.tmpdir");
        final Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThat(TempDirectoryCheck.problem(file.toString())).contains(" is not a directory (");
        assertThat(TempDirectoryCheck.problem(null)).startsWith("java.io.tmpdir is not set");
        assertThat(TempDirectoryCheck.problem("")).startsWith("java.io.tmpdir is not set");
    }

    @Test
    void aRelativeTmpdirIsNamedWithWhereItIsAndALinkWithWhereItLeads() throws IOException
    {
        // relative to the working directory, which the user may not have had in mind
        final String relative = "no-such-tmp-" + ProcessHandle.current().pid();
        assertThat(TempDirectoryCheck.problem(relative)).startsWith("java.io.tmpdir " + relative + " (" +
            Path.of(relative).toAbsolutePath() + ") does not exist (");

        // a link that leads nowhere: the link is there, its target is what is missing
        final Path link = Files.createSymbolicLink(tmp.resolve("tmp-link"), tmp.resolve("gone"));
        assertThat(TempDirectoryCheck.problem(link.toString()))
            .startsWith("java.io.tmpdir " + link + " (a link to " + tmp.resolve("gone") + ") does not exist (");
        assertThat(TempDirectoryCheck.problem(Files.createSymbolicLink(tmp.resolve("good-link"), tmp).toString()))
            .isNull();
    }

    @Test
    void onlyACommandLineThatAsksForHelpOrTheVersionIsLeftUnchecked()
    {
        assertThat(TempDirectoryCheck.needed()).as("no arguments: the usage").isFalse();
        assertThat(TempDirectoryCheck.needed("help", "verify")).isFalse();
        assertThat(TempDirectoryCheck.needed("--version")).isFalse();
        assertThat(TempDirectoryCheck.needed("verify", "--journal", "j", "-h")).isFalse();
        assertThat(TempDirectoryCheck.needed("verify", "--journal", "j")).isTrue();
        assertThat(TempDirectoryCheck.needed("dump", "--", "--help")).as("after --, a parameter").isTrue();
        assertThat(TempDirectoryCheck.needed("verify", "--journal", "help")).isTrue();
    }

    @Test
    void settleRunWithAMissingTmpdirSaysSoInOneLineAndLeavesNoTmpDirectoryWhereItRan() throws Exception
    {
        // a journal to verify, so that without the check Chronicle is loaded and makes ./tmp where settle ran
        final Path journal = tmp.resolve("journal");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).build().start())
        {
            engine.registerAccount(1001);
        }
        final Path workingDir = Files.createDirectory(tmp.resolve("where-settle-ran"));
        final Path missing = tmp.resolve("no-such-tmp");
        final Process settle = settle(workingDir, missing, "verify", "--journal", journal.toString());
        final String said = output(settle);

        assertThat(settle.waitFor()).as(said).isEqualTo(2);
        assertThat(said.lines().toList()).singleElement().asString()
            .isEqualTo("settle: java.io.tmpdir " + missing + " does not exist (set with -Djava.io.tmpdir in " +
                "SETTLE_JAVA_OPTS?): give a writable directory, or Chronicle Queue creates ./tmp in the working " +
                "directory instead; nothing was done");
        try (var left = Files.list(workingDir))
        {
            assertThat(left.toList()).as("what settle left where it ran").isEqualTo(List.of());
        }
    }

    @Test
    void theVersionIsGivenWhateverTheTmpdir() throws Exception
    {
        final Path workingDir = Files.createDirectory(tmp.resolve("where-settle-ran"));
        final Process settle = settle(workingDir, tmp.resolve("no-such-tmp"), "--version");
        final String said = output(settle);

        assertThat(settle.waitFor()).as(said).isZero();
        assertThat(said).startsWith("settle ");
        try (var left = Files.list(workingDir))
        {
            assertThat(left.toList()).as("what settle left where it ran").isEqualTo(List.of());
        }
    }

    /**
     * @return {@code settle ARGS} started in a JVM of its own, in {@code workingDir}, with {@code tmpdir} as its
     *     {@code java.io.tmpdir}.
     */
    private static Process settle(final Path workingDir, final Path tmpdir, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.io.tmpdir=" + tmpdir));
        // the opens and exports Chronicle needs, as this JVM was given them
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter((a) -> a.startsWith("--add-") || a.startsWith("-Dchronicle.")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SettleCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
    }

    /**
     * @return all the process wrote; a hang guard, not a timing: a process that never ends is ended.
     */
    private static String output(final Process settle)
    {
        try
        {
            return assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> new String(settle.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (final AssertionError e)
        {
            // not after a read that ended: the process may not have exited yet, and its exit code is asserted
            settle.destroyForcibly();
            throw e;
        }
    }
}
