package org.gridsettle.benchmarks.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run stopped by a kill or Ctrl-C removes its scratch folder, as a failed one does: killed runs left gigabytes of
 * journals under {@code bench-results/<timestamp>/work} (2.2 GB from a full run stopped in its first round). The next
 * phase, or the closing snapshot of the phase in progress, could make the folder again after the shutdown hook had
 * removed it (1 run of this test in 3 under a full build's load), so the run now stops between phases and the hook
 * waits for it. The timeout only stops a hang from stopping the build.
 */
class StoppedRunTest
{
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aKilledRunLeavesNoJournalsAndNoReport() throws Exception
    {
        final Path out = tmp.resolve("results");
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // this JVM carries gridsettle.jvm.flags, which the harness checks for
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> !a.startsWith("-javaagent") && !a.startsWith("-agentlib")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EndToEndHarness.class.getName(),
            "--quick", "--out", out.toString()));
        final Process harness = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(harness.getInputStream(), StandardCharsets.UTF_8)))
        {
            // stopped once the first round's ceiling is done and its engine journal is being written
            String line;
            while ((line = lines.readLine()) != null && !line.contains("done in"))
            {
                assertThat(line).doesNotContain("BENCHMARK FAILED");
            }
            assertThat(line).as("the first phase ended").isNotNull();
            // SIGTERM, as kill and a shell's Ctrl-C do; through its handle, since Process.destroy would also close
            // our end of its output, which says how it stopped
            harness.toHandle().destroy();
            final StringBuilder rest = new StringBuilder();
            while ((line = lines.readLine()) != null)
            {
                rest.append(line).append('\n');
            }
            assertThat(rest.toString()).contains("stopped: scratch folder").contains("removed, no report written")
                .doesNotContain("\tat ").doesNotContain("BENCHMARK FAILED");
        }

        assertThat(harness.waitFor()).isEqualTo(143);
        assertThat(out.resolve("work")).doesNotExist();
        assertThat(out.resolve("results.md")).doesNotExist();
    }
}
