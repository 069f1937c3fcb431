package org.gridsettle.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * benchmarks/README.md gives commands to run without the script: run as written, they must measure what the script
 * measures. The heap per meter depends on the heap's size (G1 sizes its regions by it, and the figure includes
 * their rounding): without the script's fixed 2 GiB heap the same code printed 1,243.3 B/meter against 1,056.1.
 */
class BenchmarksReadmeTest
{
    private static Path moduleDir()
    {
        // the module directory when Maven runs the tests; the repository root from some IDEs
        final Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("run")) ? here : here.resolve("benchmarks");
    }

    @Test
    void everyCommandWithoutTheScriptGivesTheJvmTheScriptsDefaultOptions() throws IOException
    {
        final String script = Files.readString(moduleDir().resolve("run"));
        final Matcher defaults = Pattern.compile("\\$\\{BENCH_JAVA_OPTS:-([^}]+)}").matcher(script);
        assertThat(defaults.find()).as("benchmarks/run has default JVM options").isTrue();
        final String options = defaults.group(1);

        final List<String> commands = Files.readAllLines(moduleDir().resolve("README.md")).stream()
            .filter(line -> line.strip().startsWith("java $(cat benchmarks/target/bench.jvmflags)")).toList();

        assertThat(commands).as("commands without the script").hasSizeGreaterThanOrEqualTo(2)
            .allSatisfy(line -> assertThat(line).contains(options));
    }
}
