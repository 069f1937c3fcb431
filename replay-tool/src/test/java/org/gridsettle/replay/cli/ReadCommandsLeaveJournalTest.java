package org.gridsettle.replay.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.HAND_TARIFF;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * The commands that only read a journal leave it as they found it: every byte, every file name, every modification
 * time, under the journal directory (FORMAT.md section 12), as an auditor checking an archive copy expects. Each runs
 * on a copy of the golden journal of format version 4, which holds every record type and is checked in with its
 * cycle files trimmed of their trailing zeros.
 * <p>
 * Before Chronicle's queues were opened read-only for these commands, every one of them rewrote both
 * {@code metadata.cq4t} (Chronicle's table store, which a writable open updates), and the first open also grew each
 * trimmed cycle file and table store back to Chronicle's full size (80 MiB and 128 KiB).
 */
class ReadCommandsLeaveJournalTest
{
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {
        "verify",
        "dump",
        "dump --input --checkpoints",
        "dump --output --from 10 --limit 5",
        "dump --output --since 2026-03-02T00:00:00Z",
        "replay",
        "replay --to 20",
        "audit --format json --out OUT",
        "audit --format csv --account 1001 --out OUT",
        "rerate --tariff-id 21 --tariff TARIFF --out OUT"})
    void aReadCommandLeavesEveryFileOfTheJournalAsItWas(final String command) throws IOException, URISyntaxException
    {
        final Path journal = GoldenJournals.copy("v4", tmp);
        final Map<String, String> before = files(journal);

        final List<String> args = new ArrayList<>();
        for (final String arg : command.split(" "))
        {
            // reports are written beside the journal, never into it
            args.add(arg.equals("OUT") ? tmp.resolve("report").toString() :
                arg.equals("TARIFF") ? path(HAND_TARIFF) : arg);
        }
        args.add("--journal");
        args.add(journal.toString());
        final CliRun run = CliRun.of(args.toArray(String[]::new));

        // a command that failed early would leave the journal alone without having read it
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isNotEmpty();
        assertThat(files(journal)).isEqualTo(before);
    }

    /**
     * @return every file and directory under the journal by its relative name: a file's size, SHA-256 and
     *         modification time, a directory's modification time (which a file created and removed again changes).
     */
    static Map<String, String> files(final Path journal) throws IOException
    {
        final Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(journal))
        {
            for (final Path p : paths.toList())
            {
                final String modified = Files.getLastModifiedTime(p).toString();
                files.put(journal.relativize(p).toString(), Files.isDirectory(p) ? "directory, modified " + modified :
                    Files.size(p) + " bytes, sha256 " + sha256(p) + ", modified " + modified);
            }
        }
        assertThat(files).containsKeys("input/metadata.cq4t", "output/metadata.cq4t");
        return files;
    }

    private static String sha256(final Path file) throws IOException
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        }
        catch (final NoSuchAlgorithmException e)
        {
            throw new IllegalStateException(e);
        }
    }
}
