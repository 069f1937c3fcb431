package org.gridsettle.journal;

import java.util.List;

/**
 * What {@link JournalVerifier} found about a journal directory.
 *
 * @param inputRecords  input data records verified: all of them, or those before the problem that stopped the read.
 * @param outputRecords output data records verified, likewise.
 * @param inputDigest   chain head of the input journal.
 * @param outputDigest  chain head of the output journal.
 * @param inputSeal     the input journal's SHA-256 seal ({@link JournalReader#seal()}), 64 hex digits, or empty if the
 *                      journal could not be read to its end.
 * @param outputSeal    the output journal's, likewise.
 * @param problems      everything wrong, each naming the journal and the place; empty when intact.
 * @param notes         what was accepted only because the directory was verified as an archive (an end that a whole
 *                      journal must not have), each naming the journal; empty otherwise.
 */
public record VerificationReport(
    long inputRecords,
    long outputRecords,
    long inputDigest,
    long outputDigest,
    String inputSeal,
    String outputSeal,
    List<String> problems,
    List<String> notes)
{
    /**
     * @return true if both journals are intact and consistent with each other.
     */
    public boolean intact()
    {
        return problems.isEmpty();
    }
}
