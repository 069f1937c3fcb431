package org.gridsettle.replay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A report stopped by Ctrl-C or a {@code kill} while it is written leaves neither a report nor its temporary file
 * beside {@code --out}. An audit written in account groups reads the journal once per group while it writes, so it is
 * being written for most of its run, not for the moment it took when it was built first.
 */
class ReportFileSignalTest
{
    @TempDir
    Path tmp;

    @Test
    void aReportStoppedBySigtermWhileWrittenLeavesNoTemporaryFile()
    {
        final Path out = tmp.resolve("audit.html");
        final List<String> left = assertTimeoutPreemptively(Duration.ofSeconds(120), () ->
        {
            final Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), ReportFileSignalTest.class.getName(),
                out.toString()).redirectErrorStream(true).start();
            try (BufferedReader said = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8)))
            {
                assertThat(said.readLine()).isEqualTo("writing");
                assertThat(names()).as("the report's temporary file, while it is written").hasSize(1);
                // SIGTERM, as kill and a stopping service manager send
                writer.destroy();
                writer.waitFor();
            }
            return names();
        });

        assertThat(left).isEmpty();
    }

    private List<String> names() throws java.io.IOException
    {
        try (Stream<Path> files = Files.list(tmp))
        {
            return files.map((f) -> f.getFileName().toString()).toList();
        }
    }

    /**
     * The process the test stops: writes part of a report, says so, and waits for its signal.
     *
     * @param args the report file.
     */
    public static void main(final String[] args)
    {
        new ReportFile(Path.of(args[0])).write((writer) ->
        {
            writer.print("<!DOCTYPE html>");
            writer.flush();
            System.out.println("writing");
            System.out.flush();
            while (true)
            {
                LockSupport.park();
            }
        });
    }
}
