package org.gridsettle.replay.cli;

import org.gridsettle.journal.IoReason;
import org.gridsettle.journal.KeptSeal;
import org.gridsettle.pricing.importer.GzipAwareInput;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the seals an auditor kept from earlier checks: the output of {@code settle verify}, saved as it was printed,
 * or many such outputs appended to one file (a check a month, say), in UTF-8 or, with a byte order mark, UTF-16. Its
 * {@code input:} and {@code output:} lines with a seal are the kept seals; every other line (notes, problems, the
 * verdict) is passed over. A line for a journal read only part-way has no seal and is passed over too. A seal line
 * may follow anything that holds no seal, then a space, on its line, as a log's timestamp does (cron piped through
 * {@code ts}, journald, syslog): an ingest run nightly is often kept that way. A seal on any other line (two seal lines
 * joined into one among them) is refused rather than passed over: a seal not compared would go unnoticed beside those
 * that match.
 * <p>
 * Stateless; thread-safe.
 */
final class KeptSealFile
{
    /**
     * The summary line {@code settle verify} prints, after a log's prefix if any; the count in any locale's grouping
     * of {@code %,d}.
     */
    private static final Pattern SEAL_LINE = Pattern.compile(
        "(?:.*\\s)?(input|output):\\s+([0-9]{1,3}(?:[,.'\u2019\u00a0\u202f ]?[0-9]{3})*) records, " +
        "digest [0-9a-f]{16}, seal sha256:([0-9a-f]{64})\\s*");
    /**
     * A line verify prints for a journal, at the line's start or after a log's prefix: one that is not read as a seal
     * line (cut short, say) is refused, not passed over as one of the other lines.
     */
    private static final Pattern JOURNAL_LINE =
        Pattern.compile("\\s*(input|output):.*|.*\\s(input|output):\\s+\\S+ records, digest.*");
    /** A seal as verify prints it, anywhere in a line: one that is not read as a seal line is refused. */
    private static final Pattern ANY_SEAL = Pattern.compile(".*\\bseal sha256:.*");
    private static final String BYTE_ORDER_MARK = "\uFEFF";
    /** Characters of a line looked at: a seal line has about 160, and a longer line is no seal line. */
    private static final int LONGEST_LINE = 4096;
    private static final Pattern READ_PART_WAY = Pattern.compile(
        "\\s*(input|output):\\s+\\S+ records read, then stopped by the problem below\\s*");

    private KeptSealFile()
    {
    }

    /**
     * @param file a file of {@code settle verify} output, plain or gzipped.
     * @return its seals, in file order, each naming the file and line it was kept on.
     * @throws IllegalArgumentException naming the file and line of a journal line, or a line holding a seal, that is
     *                                  not one {@code settle verify} prints, or the file if it holds no seal at all.
     *                                  Also, naming the file and why, if it cannot be read.
     */
    static List<KeptSeal> read(final Path file)
    {
        try (BufferedInputStream bytes = GzipAwareInput.open(file))
        {
            return read(file, text(bytes));
        }
        catch (final IOException e)
        {
            throw new IllegalArgumentException("--kept " + file + ": " + IoReason.of(e), e);
        }
    }

    /**
     * @param file for messages.
     * @param text the file's text.
     * @return its seals, as {@link #read(Path)}.
     * @throws IOException if the text cannot be read.
     */
    static List<KeptSeal> read(final Path file, final Reader text) throws IOException
    {
        final List<KeptSeal> seals = new ArrayList<>();
        final Lines lines = new Lines(text);
        int lineNumber = 0;
        for (String read = lines.next(); read != null; read = lines.next())
        {
            lineNumber++;
            // a Windows editor saves a file with a byte order mark, and files appended keep theirs
            final String line = read.startsWith(BYTE_ORDER_MARK) ? read.substring(1) : read;
            final Matcher seal = SEAL_LINE.matcher(line);
            // a log's prefix holds no seal: one that does is lines joined into one (echo $(settle ingest ...)), whose
            // last seal alone would be read, and the others go uncompared
            if (seal.matches() && !ANY_SEAL.matcher(line.substring(0, seal.start(1))).matches())
            {
                seals.add(new KeptSeal("output".equals(seal.group(1)), records(file, lineNumber, seal.group(2)),
                    seal.group(3), file + ":" + lineNumber));
            }
            else if ((JOURNAL_LINE.matcher(line).matches() || ANY_SEAL.matcher(line).matches()) &&
                !READ_PART_WAY.matcher(line).matches())
            {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": not a line settle verify prints " +
                    "(input:  N records, digest 16 hex digits, seal sha256:64 hex digits): " + shortened(line));
            }
        }
        if (seals.isEmpty())
        {
            throw new IllegalArgumentException(file + ": holds no seal that settle verify printed (a line such as " +
                "\"input:  1,534,118 records, digest b19faf015a4cefc4, seal sha256:2c70...\"): keep the output of " +
                "settle verify --journal DIR");
        }
        return seals;
    }

    /**
     * Windows PowerShell 5's {@code >} saves a command's output as UTF-16 with a byte order mark; everything else
     * that saves verify's output writes UTF-8.
     */
    private static Reader text(final BufferedInputStream bytes) throws IOException
    {
        bytes.mark(2);
        final int first = bytes.read();
        final int second = bytes.read();
        bytes.reset();
        final boolean utf16 = first == 0xFF && second == 0xFE || first == 0xFE && second == 0xFF;
        // the UTF-16 decoder takes its byte order from the mark, and drops it
        return new InputStreamReader(bytes, utf16 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8);
    }

    private static long records(final Path file, final int lineNumber, final String grouped)
    {
        final String digits = grouped.replaceAll("[^0-9]", "");
        try
        {
            return Long.parseLong(digits);
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": record count " + grouped +
                " is larger than any journal holds", e);
        }
    }

    private static String shortened(final String line)
    {
        final String stripped = line.strip();
        return stripped.length() <= 200 ? stripped : stripped.substring(0, 197) + "...";
    }

    /**
     * The lines of a text as {@link BufferedReader#readLine()} splits them ({@code \n}, {@code \r\n} or {@code \r}),
     * each cut to its first {@link #LONGEST_LINE} characters: a seal line is about 160, and a file without line ends
     * (a disk image given by mistake) is otherwise one line longer than a string can hold. Not thread-safe.
     */
    private static final class Lines
    {
        private final Reader in;
        private final char[] buffer = new char[8192];
        private final StringBuilder line = new StringBuilder();
        private int at;
        private int end;
        private boolean afterReturn;

        Lines(final Reader in)
        {
            this.in = in;
        }

        /** @return the next line, cut, without its line end; null at the end of the text. */
        String next() throws IOException
        {
            line.setLength(0);
            boolean any = false;
            while (true)
            {
                if (at == end)
                {
                    end = Math.max(0, in.read(buffer, 0, buffer.length));
                    at = 0;
                    if (end == 0)
                    {
                        return any ? line.toString() : null;
                    }
                }
                final char c = buffer[at++];
                if (afterReturn)
                {
                    afterReturn = false;
                    if (c == '\n')
                    {
                        continue;
                    }
                }
                if (c == '\n' || c == '\r')
                {
                    afterReturn = c == '\r';
                    return line.toString();
                }
                any = true;
                if (line.length() < LONGEST_LINE)
                {
                    line.append(c);
                }
            }
        }
    }
}
