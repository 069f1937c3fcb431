package org.gridsettle.replay.audit;

import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.RecordHandler;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.replay.seal.SealLine;

/**
 * The first data records of one journal that {@code settle verify} checked before an audit (or a rerate) read it: the
 * command reads those and no more, so that a writer appending meanwhile (or the live journal an {@code --archive}
 * audit was given) adds nothing the verification never checked and no printed seal covers, and it says so with the
 * seal line verify prints ({@link SealLine}).
 * <p>
 * Immutable; thread-safe.
 *
 * @param output  true for the output journal, false for the input journal.
 * @param records its data records verified (checkpoints are not data records).
 * @param digest  its XXH64 chain head after them.
 * @param seal    its SHA-256 seal after them, 64 hex digits.
 */
public record VerifiedRecords(boolean output, long records, long digest, String seal)
{
    /**
     * @param report an intact verification of a journal directory.
     * @return what it verified of the input journal.
     */
    public static VerifiedRecords input(final VerificationReport report)
    {
        return new VerifiedRecords(false, report.inputRecords(), report.inputDigest(), report.inputSeal());
    }

    /**
     * @param report an intact verification of a journal directory.
     * @return what it verified of the output journal.
     */
    public static VerifiedRecords output(final VerificationReport report)
    {
        return new VerifiedRecords(true, report.outputRecords(), report.outputDigest(), report.outputSeal());
    }

    /**
     * @return the line {@code settle verify} prints for these records, which {@code settle verify --kept} reads.
     */
    public String sealLine()
    {
        return SealLine.of(output, records, digest, seal);
    }

    /**
     * @return the digest as verify prints it, 16 hex digits.
     */
    public String digestHex()
    {
        return HashChain.toHex(digest);
    }

    /**
     * Reads these records, and no later one, then checks the read as {@link #requireReadBy} does.
     *
     * @param reader  a reader of this journal at its start, checking the chain.
     * @param handler receives each record read.
     * @throws JournalCorruptException as {@link #requireReadBy}.
     */
    public void read(final JournalReader reader, final RecordHandler handler)
    {
        reader.readDataRecords(records, handler);
        requireReadBy(reader);
    }

    /**
     * Checks that a reader stopped at these records read exactly them: as many data records, ending on the same chain
     * head. A journal cut back, or replaced, between the verification and the read would otherwise be reported on
     * as if it were the journal verified.
     *
     * @param reader a reader of this journal from its start, checking the chain, that read at most {@link #records}
     *               data records.
     * @throws JournalCorruptException naming the journal and what differs, so that the exit code is 1.
     */
    public void requireReadBy(final JournalReader reader)
    {
        if (reader.dataRecords() != records)
        {
            throw new JournalCorruptException(reader.dir() + ": holds " + reader.dataRecords() + " data records, " +
                "fewer than the " + records + " settle verify checked just before they were read: records were " +
                "removed from its end since (settle verify says more)");
        }
        if (reader.digest() != digest)
        {
            throw new JournalCorruptException(reader.dir() + ": its first " + records + " data records end on digest " +
                HashChain.toHex(reader.digest()) + ", not on the " + digestHex() + " settle verify found just before " +
                "they were read: the journal was changed or replaced since (settle verify says more)");
        }
    }
}
