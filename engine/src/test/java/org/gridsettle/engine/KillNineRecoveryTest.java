package org.gridsettle.engine;

import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.pretouch.Pretouch;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.replay.JournalReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a child JVM running the engine with SIGKILL at random moments, restarts it on the same journal each time,
 * and checks that the end result equals a run that was never killed: same output digest, same ledger, and journals
 * that verify. Kills land during appends, snapshots and recovery alike.
 */
class KillNineRecoveryTest
{
    private static final int KILLS = Integer.getInteger("gridsettle.kills", 20);

    @TempDir
    Path tmp;

    @Test
    void killNineAtRandomPointsLosesNothingAndDoublesNothing() throws Exception
    {
        final Path clean = tmp.resolve("clean");
        final SettlementEngine reference = SettlementEngine.builder().journalDir(clean).build().start();
        try (reference)
        {
            CrashWorker.submitFrom(reference, 0);
        }

        final Path crashed = tmp.resolve("crashed");
        final SplittableRandom random = new SplittableRandom(Long.getLong("gridsettle.seed", 20261125L));
        final List<String> log = new ArrayList<>();
        int killed = 0;
        for (int i = 0; i < KILLS; i++)
        {
            final Path childLog = tmp.resolve("child-" + i + ".log");
            // the children take the pretouch modes in turn, so kills also land while pages are prepared ahead, on a
            // thread of their own or on the business-logic thread between inputs
            final Process child = start(crashed, childLog, Pretouch.values()[i % Pretouch.values().length]);
            final long delayMs = 150 + random.nextInt(900);
            if (!child.waitFor(delayMs, TimeUnit.MILLISECONDS))
            {
                child.destroyForcibly().waitFor();
                killed++;
            }
            log.add(firstLine(childLog) + " (stopped after " + delayMs + " ms)");
        }
        // no retry: the one "Unable to claim exclusive lock" failure seen here was a table store left half-written by
        // a kill, which fails every start alike; Journals.open now sets it aside (RELIABILITY.md)
        final Path lastLog = tmp.resolve("child-last.log");
        final Process last = start(crashed, lastLog, Pretouch.IDLE);
        assertThat(last.waitFor(5, TimeUnit.MINUTES)).as("final run finishes").isTrue();
        assertThat(last.exitValue()).as(String.join("\n", log) + "\n" + Files.readString(lastLog)).isZero();

        assertThat(killed).as("kills that hit a running engine").isGreaterThanOrEqualTo(KILLS / 2);
        // cycle files a kill left half-created, which a later start set aside (FORMAT.md section 8): rare, so counted
        // for the runs logged in RELIABILITY.md
        try (var files = Files.walk(crashed))
        {
            System.out.println("cycle files set aside after kills: " +
                files.filter(p -> p.toString().endsWith(".abandoned")).map(crashed::relativize).toList());
        }
        final VerificationReport report = JournalVerifier.verify(crashed);
        assertThat(report.problems()).isEmpty();
        assertThat(report.inputRecords()).isEqualTo(CrashWorker.inputCount());
        assertThat(report.outputDigest()).as(String.join("\n", log)).isEqualTo(reference.outputDigest());
        assertThat(new JournalReplay(crashed, Long.MAX_VALUE).run().identical()).isTrue();

        final SettlementEngine reopened = SettlementEngine.builder().journalDir(crashed).build().start();
        reopened.close();
        for (int t = 0; t < reference.ledger().tokenCount(); t++)
        {
            assertThat(reopened.ledger().totalPosted(t)).isEqualTo(reference.ledger().totalPosted(t));
            assertThat(reopened.ledger().tokenSymbol(t)).isEqualTo(reference.ledger().tokenSymbol(t));
        }
    }

    private static Process start(final Path dir, final Path logFile, final Pretouch pretouch) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(System.getProperty("gridsettle.jvm.flags", "").trim().split("\\s+")));
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashWorker.class.getName());
        command.add(dir.toString());
        command.add(pretouch.name());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    }

    private static String firstLine(final Path logFile) throws IOException
    {
        final String text = Files.exists(logFile) ? Files.readString(logFile).strip() : "";
        final int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
