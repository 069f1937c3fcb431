package org.gridsettle.replay.cli;

import org.gridsettle.journal.IoReason;
import org.gridsettle.journal.KeptSeal;
import org.gridsettle.pricing.importer.GzipAwareInput;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the seals an auditor kept from earlier checks: the output of {@code settle verify}, saved as it was printed,
 * or many such outputs appended to one file (a check a month, say). Its {@code input:} and {@code output:} lines with
 * a seal are the kept seals; every other line (notes, problems, the verdict) is passed over. A line for a journal read
 * only part-way has no seal and is passed over too.
 * <p>
 * Stateless; thread-safe.
 */
final class KeptSealFile
{
    /** The summary line {@code settle verify} prints; the count in any locale's grouping of {@code %,d}. */
    private static final Pattern SEAL_LINE = Pattern.compile(
        "\\s*(input|output):\\s+([0-9]{1,3}(?:[,.'\u2019\u00a0\u202f ]?[0-9]{3})*) records, " +
        "digest [0-9a-f]{16}, seal sha256:([0-9a-f]{64})\\s*");
    private static final Pattern JOURNAL_LINE = Pattern.compile("\\s*(input|output):.*");
    private static final Pattern READ_PART_WAY = Pattern.compile(
        "\\s*(input|output):\\s+\\S+ records read, then stopped by the problem below\\s*");

    private KeptSealFile()
    {
    }

    /**
     * @param file a file of {@code settle verify} output, plain or gzipped.
     * @return its seals, in file order, each naming the file and line it was kept on.
     * @throws IllegalArgumentException naming the file and line of a journal line that is not one {@code settle
     *                                  verify} prints, or the file if it holds no seal at all.
     *                                  Also, naming the file and why, if it cannot be read.
     */
    static List<KeptSeal> read(final Path file)
    {
        final List<KeptSeal> seals = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(GzipAwareInput.open(file), StandardCharsets.UTF_8)))
        {
            int lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine())
            {
                lineNumber++;
                final Matcher seal = SEAL_LINE.matcher(line);
                if (seal.matches())
                {
                    seals.add(new KeptSeal("output".equals(seal.group(1)), records(file, lineNumber, seal.group(2)),
                        seal.group(3), file + ":" + lineNumber));
                }
                else if (JOURNAL_LINE.matcher(line).matches() && !READ_PART_WAY.matcher(line).matches())
                {
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": not a line settle verify prints " +
                        "(input:  N records, digest 16 hex digits, seal sha256:64 hex digits): " + shortened(line));
                }
            }
        }
        catch (final IOException e)
        {
            throw new IllegalArgumentException("--kept " + file + ": " + IoReason.of(e), e);
        }
        if (seals.isEmpty())
        {
            throw new IllegalArgumentException(file + ": holds no seal that settle verify printed (a line such as " +
                "\"input:  1,534,118 records, digest b19faf015a4cefc4, seal sha256:2c70...\"): keep the output of " +
                "settle verify --journal DIR");
        }
        return seals;
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
}
