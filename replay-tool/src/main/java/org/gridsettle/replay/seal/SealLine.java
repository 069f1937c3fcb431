package org.gridsettle.replay.seal;

import org.gridsettle.journal.JournalSeal;
import org.gridsettle.journal.chain.HashChain;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The line that says where a journal ended, {@code input:  1,534,118 records, digest b19faf015a4cefc4, seal
 * sha256:2c70...}: printed by {@code settle verify} for each journal it read to the end, by {@code settle ingest}
 * and {@code settle demo} for each journal they closed, and by {@code settle audit} (and in its HTML page) and
 * {@code settle rerate} for the records their report is of; read back from a kept copy by
 * {@code settle verify --kept}. One format in one place, written the same in every locale, so that any of those
 * outputs, kept, can be given back.
 * <p>
 * Stateless; thread-safe.
 */
public final class SealLine
{
    private SealLine()
    {
    }

    /**
     * @param output  true for the output journal, false for the input journal.
     * @param records its data records.
     * @param digest  its XXH64 digest.
     * @param sha256  its seal, 64 hex digits.
     * @return the line, without a line end.
     */
    public static String of(final boolean output, final long records, final long digest, final String sha256)
    {
        return String.format(Locale.ROOT, "%s%,d records, digest %s, seal sha256:%s", output ? "output: " : "input:  ",
            records, HashChain.toHex(digest), sha256);
    }

    /**
     * @param output true for the output journal, false for the input journal.
     * @param seal   where a writer closed it.
     * @return the line, without a line end.
     */
    public static String of(final boolean output, final JournalSeal seal)
    {
        return of(output, seal.dataRecords(), seal.digest(), seal.sha256());
    }

    /**
     * Prints the seals of a journal a command closed, under a line saying what they are for, so that its output,
     * kept, is a file {@code settle verify --kept} reads. Prints nothing for a journal left unsealed (a failed write).
     *
     * @param out    where to print.
     * @param input  the input journal's seal, or null.
     * @param output the output journal's seal, or null.
     */
    public static void printToKeep(final PrintWriter out, final JournalSeal input, final JournalSeal output)
    {
        if (input != null && output != null)
        {
            out.println("seals (keep this output; settle verify --kept FILE compares them with the journal later):");
            out.println(of(false, input));
            out.println(of(true, output));
        }
    }
}
