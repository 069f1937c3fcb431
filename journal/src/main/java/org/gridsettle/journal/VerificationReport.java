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
 *                      journal must not have), or because a writer holds a journal and is appending to it, each
 *                      naming the journal; and each read before the last, when a writer appended while a read that
 *                      found problems ran ({@link JournalVerifier#verify(java.nio.file.Path, ProgressListener,
 *                      boolean)}), with what it found; and each kept seal the read stopped before reaching;
 *                      empty otherwise.
 * @param keptSeals     each seal kept from an earlier check ({@link KeptSeal}) that the journal's records still end
 *                      on, naming the journal, the record count and where it was kept; empty when none was given.
 * @param beingWritten  true if a journal ended without a close checkpoint while its writer held it: every record
 *                      read was checked, and its end is checked once the writer has closed it.
 */
public record VerificationReport(
    long inputRecords,
    long outputRecords,
    long inputDigest,
    long outputDigest,
    String inputSeal,
    String outputSeal,
    List<String> problems,
    List<String> notes,
    List<String> keptSeals,
    boolean beingWritten)
{
    /**
     * @return true if both journals are intact and consistent with each other.
     */
    public boolean intact()
    {
        return problems.isEmpty();
    }
}
