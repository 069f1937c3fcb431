package org.gridsettle.engine;

import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.replay.JournalReplay;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same input journal gives byte-identical outputs on another JDK (DESIGN.md: JDK 17 and JDK 25). A journal is
 * written here, in-process on the build JDK, from a simulation workload (every input type, both tariff zones, a
 * second tariff version, daily-compounded interest computed with BigDecimal) plus ticks across the 23-hour
 * 2026-03-08 in Los Angeles; then {@link ReplayDigestMain} replays it in a child JVM of the other JDK, with the same
 * class path and the same JVM flags, and its replay digest must equal the digest recorded here.
 * <p>
 * The other JDK is {@code /usr/lib/jvm/temurin-25-jdk-amd64} unless {@code -Dgridsettle.otherJdk=<JDK home or java
 * executable>} names another. If it is not installed the test is skipped (reported as skipped, with the reason).
 */
class CrossJdkDeterminismTest
{
    private static final String DEFAULT_OTHER_JDK = "/usr/lib/jvm/temurin-25-jdk-amd64";

    @TempDir
    Path tmp;

    @Test
    void aJournalWrittenOnThisJdkReplaysToTheSameDigestOnTheOtherJdk() throws Exception
    {
        final Path java = otherJava();
        Assumptions.assumeTrue(Files.isExecutable(java), "SKIPPED: no other JDK at " + java +
            " (install one or pass -Dgridsettle.otherJdk=/path/to/jdk); cross-JDK determinism was NOT checked");

        final Path dir = tmp.resolve("journal");
        final List<SimulationDriver.Op> ops = new ArrayList<>(SimulationDriver.generate(1_7_25L, 2_000));
        ops.addAll(acrossTheSpringForwardDay());
        final SimulationDriver.Outcome recorded = SimulationDriver.run(dir, ops, false, 0, "cross-JDK journal");
        assertThat(new JournalReplay(dir, Long.MAX_VALUE).run().replayDigest()).as("in-process replay")
            .isEqualTo(recorded.outputDigest());

        final List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(Arrays.asList(System.getProperty("gridsettle.jvm.flags", "").trim().split("\\s+")));
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ReplayDigestMain.class.getName());
        command.add(dir.toString());
        final Path log = tmp.resolve("child.log");
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
            .start();
        assertThat(child.waitFor(10, TimeUnit.MINUTES)).as("child JVM finished (hang guard)").isTrue();
        final String out = Files.readString(log);
        System.out.println("this JDK " + System.getProperty("java.version") + ", recorded output digest " +
            HashChain.toHex(recorded.outputDigest()) + "; child " + java + ":\n" + out);

        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).as("the child ran the other JDK")
            .doesNotContain("java.version " + System.getProperty("java.version") + " ")
            .contains("replay digest: " + HashChain.toHex(recorded.outputDigest()))
            .contains("identical");
        assertThat(recorded.counters().outputs()).as("a journal worth comparing").isGreaterThan(1_000);
    }

    private static Path otherJava()
    {
        final Path given = Path.of(System.getProperty("gridsettle.otherJdk", DEFAULT_OTHER_JDK));
        return Files.isDirectory(given) ? given.resolve("bin").resolve("java") : given;
    }

    /** Meters 1-3 every 15 minutes from 2026-03-07 22:00 to 2026-03-09 02:00 Los Angeles time, with day ends. */
    private static List<SimulationDriver.Op> acrossTheSpringForwardDay() throws IOException
    {
        final List<SimulationDriver.Op> ops = new ArrayList<>();
        final long from = ZonedDateTime.of(2026, 3, 7, 22, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();
        final long to = ZonedDateTime.of(2026, 3, 9, 2, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();
        for (long t = from; t < to; t += 900)
        {
            for (int m = 1; m <= 3; m++)
            {
                ops.add(new SimulationDriver.Tick(m, 0, t, 900, 50 + (t / 900 + m) % 400, m == 2 ? 30 : 0, false));
            }
        }
        for (int day = 8; day <= 9; day++)
        {
            final long midnight = ZonedDateTime.of(2026, 3, day, 0, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();
            ops.add(new SimulationDriver.Calendar(CalendarCodec.END_OF_DAY, midnight, SimulationDriver.TARIFF_LA));
            ops.add(new SimulationDriver.Interest(9_000 + day, SimulationDriver.SOLAR, 425, midnight / 86_400));
        }
        return ops;
    }
}
