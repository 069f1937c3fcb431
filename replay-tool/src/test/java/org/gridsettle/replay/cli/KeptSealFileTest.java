package org.gridsettle.replay.cli;

import org.gridsettle.journal.KeptSeal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeptSealFileTest
{
    private static final String IN_SEAL = "2c7052dd64e7270d5fbb76a66ef83db1133f9997f2b2d0be234e2ba4faf7ae7f";
    private static final String OUT_SEAL = "1f8535b71a4697c1d3b0c2e9ed7207067af468aa7bcdc91e26d1a76f6da329ce";

    @TempDir
    Path tmp;

    // the demo journal's settle verify output of 2026-11-29, as printed
    @Test
    void readsTheSealsOfSettleVerifysOutputAndPassesOverEverythingElse() throws IOException
    {
        final Path file = write("kept.txt",
            "input:  1,534,118 records, digest b19faf015a4cefc4, seal sha256:" + IN_SEAL + "\n" +
            "output: 3,083,125 records, digest ec20d1b7ce8192d8, seal sha256:" + OUT_SEAL + "\n" +
            "note: demo-data/journal/input: something accepted\n" +
            "verify: intact\n");

        assertThat(KeptSealFile.read(file)).containsExactly(
            new KeptSeal(false, 1_534_118, IN_SEAL, file + ":1"),
            new KeptSeal(true, 3_083_125, OUT_SEAL, file + ":2"));
    }

    // builds before 2026-11-29 printed the count in the machine's locale: 1.534.118 in German, 1 534 118 in French
    @Test
    void readsCountsGroupedInAnyLocale() throws IOException
    {
        final Path file = write("kept.txt",
            "input:  1.534.118 records, digest b19faf015a4cefc4, seal sha256:" + IN_SEAL + "\n" +
            "output: 3\u202f083\u202f125 records, digest ec20d1b7ce8192d8, seal sha256:" + OUT_SEAL + "\r\n" +
            "input:  12 records, digest b19faf015a4cefc4, seal sha256:" + IN_SEAL + "\n");

        assertThat(KeptSealFile.read(file)).extracting(KeptSeal::records).containsExactly(1_534_118L, 3_083_125L, 12L);
    }

    @Test
    void readsAGzippedFileAndMonthsOfChecksAppendedToOne() throws IOException
    {
        final Path file = tmp.resolve("kept.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file)))
        {
            for (int month = 1; month <= 3; month++)
            {
                out.write(("input:  " + month * 1000 + " records, digest b19faf015a4cefc4, seal sha256:" + IN_SEAL +
                    "\nverify: intact\n").getBytes(StandardCharsets.UTF_8));
            }
        }

        assertThat(KeptSealFile.read(file)).extracting(KeptSeal::source)
            .containsExactly(file + ":1", file + ":3", file + ":5");
    }

    // Was a review finding: a file saved by a Windows editor begins with a UTF-8 byte order mark, and two such files
    // appended have one before a later line too; the lines after a mark were passed over as not verify's, so the
    // input journal's seal was silently not compared and the verdict said "1 of 1 kept seals match"
    @Test
    void readsLinesAfterAUtf8ByteOrderMark() throws IOException
    {
        final String bom = "\uFEFF";
        final Path file = write("kept.txt",
            bom + "input:  1,534,118 records, digest b19faf015a4cefc4, seal sha256:" + IN_SEAL + "\r\n" +
            "verify: intact\r\n" +
            bom + "output: 3,083,125 records, digest ec20d1b7ce8192d8, seal sha256:" + OUT_SEAL + "\r\n");

        assertThat(KeptSealFile.read(file)).containsExactly(
            new KeptSeal(false, 1_534_118, IN_SEAL, file + ":1"),
            new KeptSeal(true, 3_083_125, OUT_SEAL, file + ":3"));
    }

    // Windows PowerShell 5's ">" writes UTF-16 with a byte order mark: read as UTF-8 it held "no seal"
    @Test
    void readsAFileSavedAsUtf16() throws IOException
    {
        final String text = "\uFEFFinput:  1,534,118 records, digest b19faf015a4cefc4, seal sha256:" + IN_SEAL +
            "\r\nverify: intact\r\n";
        final Path little = Files.write(tmp.resolve("le.txt"), text.getBytes(StandardCharsets.UTF_16LE));
        final Path big = Files.write(tmp.resolve("be.txt"), text.getBytes(StandardCharsets.UTF_16BE));

        assertThat(KeptSealFile.read(little)).containsExactly(new KeptSeal(false, 1_534_118, IN_SEAL, little + ":1"));
        assertThat(KeptSealFile.read(big)).containsExactly(new KeptSeal(false, 1_534_118, IN_SEAL, big + ":1"));
    }

    // a seal that is not read must not be passed over as if it were one of the other lines: the verdict would count
    // fewer kept seals than the auditor gave, and say they all match
    @Test
    void aSealOnALineThatIsNoSealLineIsRefusedByLine() throws IOException
    {
        // the journal's name glued to what comes before it: not verify's line after a log's prefix
        final String line = "[nightly]input:  1,534,118 records, digest b19faf015a4cefc4, seal sha256:" + IN_SEAL;
        final Path file = write("kept.txt", "output: 3,083,125 records, digest ec20d1b7ce8192d8, seal sha256:" +
            OUT_SEAL + "\n" + line + "\n");

        assertThatThrownBy(() -> KeptSealFile.read(file)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage(file + ":2: not a line settle verify prints (input:  N records, digest 16 hex digits, seal " +
                "sha256:64 hex digits): " + line);
    }

    // a nightly ingest's output is often kept through a logger, each line after its timestamp
    @Test
    void readsSealLinesAfterALogsPrefix() throws IOException
    {
        final Path file = write("ingest.log",
            "2026-11-01T03:00:07+0000 journal: /var/lib/gridsettle (new)\n" +
            "2026-11-01T03:12:44+0000 input:  1,534,118 records, digest b19faf015a4cefc4, seal sha256:" + IN_SEAL +
            "\n" +
            "Nov 01 03:12:44 settle-host settle[4181]: output: 3,083,125 records, digest ec20d1b7ce8192d8, seal " +
            "sha256:" + OUT_SEAL + "\n");

        assertThat(KeptSealFile.read(file)).containsExactly(
            new KeptSeal(false, 1_534_118, IN_SEAL, file + ":2"),
            new KeptSeal(true, 3_083_125, OUT_SEAL, file + ":3"));
    }

    // Was a review finding: the log's prefix a seal line may follow was anything, another seal line included, so an
    // ingest's output joined into one line (echo $(settle ingest ...) in a cron script) gave the output journal's
    // seal alone, and the input journal's went uncompared beside it ("1 of 1 kept seals match")
    @Test
    void twoSealLinesJoinedIntoOneAreRefusedByLine() throws IOException
    {
        final String line = "digest: output ec20d1b7ce8192d8  input b19faf015a4cefc4 seals (keep this output; settle " +
            "verify --kept FILE compares them with the journal later): input:  1,534,118 records, digest " +
            "b19faf015a4cefc4, seal sha256:" + IN_SEAL + " output: 3,083,125 records, digest ec20d1b7ce8192d8, seal " +
            "sha256:" + OUT_SEAL;
        final Path file = write("cron.log", line + "\n");

        assertThatThrownBy(() -> KeptSealFile.read(file)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith(file + ":1: not a line settle verify prints (input:  N records, digest 16 hex " +
                "digits, seal sha256:64 hex digits): digest: output ");
    }

    // Was a review finding: a seal line cut short was refused at the start of a line and passed over after a log's
    // prefix, so a kept log missing one seal said every other one matched
    @Test
    void aSealLineCutShortAfterALogsPrefixIsRefusedByLine() throws IOException
    {
        final String cut = "2026-11-01T03:12:44+0000 input:  1,534,118 records, digest b19faf015a4cefc4, seal sha2";
        final Path file = write("ingest.log", cut + "\n" +
            "2026-11-01T03:12:44+0000 output: 3,083,125 records, digest ec20d1b7ce8192d8, seal sha256:" + OUT_SEAL +
            "\n");

        assertThatThrownBy(() -> KeptSealFile.read(file)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage(file + ":1: not a line settle verify prints (input:  N records, digest 16 hex digits, seal " +
                "sha256:64 hex digits): " + cut);
    }

    // Was a review finding: a file without line ends (a disk image given by mistake, 2 GB of zeros) was read as one
    // line, which cannot be held: "out of memory ... give the JVM more" after half a minute, naming neither the file
    // nor the option. A line is looked at only as far as a seal line could reach
    @Test
    void aLineLongerThanAnyStringIsPassedOver() throws IOException
    {
        final String seal = "input:  12 records, digest b19faf015a4cefc4, seal sha256:" + IN_SEAL + "\n";
        final Reader endless = new Reader()
        {
            private final char[] chunk = "x".repeat(1 << 16).toCharArray();
            private long left = Integer.MAX_VALUE + 1L;
            private int sealAt;

            @Override
            public int read(final char[] into, final int offset, final int length)
            {
                if (left > 0)
                {
                    final int n = (int)Math.min(Math.min(length, chunk.length), left);
                    System.arraycopy(chunk, 0, into, offset, n);
                    left -= n;
                    return n;
                }
                if (sealAt == 0)
                {
                    into[offset] = '\n';
                    sealAt++;
                    return 1;
                }
                if (sealAt > seal.length())
                {
                    return -1;
                }
                final int n = Math.min(length, seal.length() - sealAt + 1);
                seal.getChars(sealAt - 1, sealAt - 1 + n, into, offset);
                sealAt += n;
                return n;
            }

            @Override
            public void close()
            {
            }
        };

        assertThat(KeptSealFile.read(Path.of("endless.txt"), endless))
            .containsExactly(new KeptSeal(false, 12, IN_SEAL, "endless.txt:2"));
    }

    @Test
    void aJournalLineThatIsNotOneVerifyPrintsIsRefusedByLine() throws IOException
    {
        // one hex digit of the seal lost in copying
        final Path file = write("kept.txt", "verify: intact\n" +
            "input:  1,534,118 records, digest b19faf015a4cefc4, seal sha256:" + IN_SEAL.substring(1) + "\n");

        assertThatThrownBy(() -> KeptSealFile.read(file)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage(file + ":2: not a line settle verify prints (input:  N records, digest 16 hex digits, seal " +
                "sha256:64 hex digits): input:  1,534,118 records, digest b19faf015a4cefc4, seal sha256:" +
                IN_SEAL.substring(1));
    }

    @Test
    void aFileWithoutASealIsRefused() throws IOException
    {
        // a journal read part-way has no seal to keep
        final Path file = write("kept.txt", "input:  0 records read, then stopped by the problem below\n" +
            "FAIL demo-data/journal/input: record 0 (sequence 1): hash chain broken\nverify: 1 problem(s)\n");

        assertThatThrownBy(() -> KeptSealFile.read(file)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith(file + ": holds no seal that settle verify printed");
    }

    @Test
    void aCountNoJournalCouldHoldIsRefusedByLine() throws IOException
    {
        final Path file = write("kept.txt",
            "input:  99,999,999,999,999,999,999 records, digest b19faf015a4cefc4, seal sha256:" + IN_SEAL + "\n");

        assertThatThrownBy(() -> KeptSealFile.read(file)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage(file + ":1: record count 99,999,999,999,999,999,999 is larger than any journal holds");
    }

    @Test
    void aMissingFileIsOneLineNamingIt()
    {
        final Path file = tmp.resolve("nowhere.txt");

        assertThatThrownBy(() -> KeptSealFile.read(file)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("--kept " + file + ": no such file or directory");
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }
}
