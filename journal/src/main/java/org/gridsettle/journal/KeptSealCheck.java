package org.gridsettle.journal;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Compares one journal's kept seals ({@link KeptSeal}) with the journal as a verifying read passes them: when the
 * read has taken exactly a seal's record count of data records, the seal the reader holds there is the one that was
 * printed when it was kept. A checkpoint right after those records holds the same seal, and a second close checkpoint
 * after it (an output journal whose writer's last session took no output) another, which a verify of the journal as
 * it ended there printed; so each record read while the count stays there is compared, and any of them may match.
 * <p>
 * Created by the verifying thread and then used by the one thread reading the journal; {@link #report} is called
 * after that read has been joined. Not thread-safe.
 */
final class KeptSealCheck
{
    /**
     * A writer's records are readable before they reach the disk (with PAGE_CACHE durability, until the kernel writes
     * them back): a seal kept then can outlive them, and no edit is needed for a journal to differ from it.
     */
    private static final String LOST = ", or the last of them were lost in a power failure before they reached the " +
        "disk";
    private final KeptSeal[] seals;
    /** Indexes of {@link #seals} by record count: a read passes each count once, in order. */
    private final int[] byRecords;
    private final boolean[] matched;
    /** Per seal: the first seal the journal has at its record count when that is not the kept one. */
    private final String[] found;
    /** The first of {@link #byRecords} whose count the read has not passed. */
    private int next;
    /** Data records of the journal when the read reached its end; -1 while it has not. */
    private long readTo = -1;

    private KeptSealCheck(final KeptSeal[] seals)
    {
        this.seals = seals;
        // a file of a check a month for years holds thousands: each record is compared with its count's seals only
        this.byRecords = IntStream.range(0, seals.length).boxed()
            .sorted(Comparator.comparingLong((Integer i) -> seals[i].records())).mapToInt(Integer::intValue).toArray();
        this.matched = new boolean[seals.length];
        this.found = new String[seals.length];
    }

    /**
     * @param kept   seals kept for both journals.
     * @param output true for the output journal's check, false for the input journal's.
     * @return the check of that journal's seals, which does nothing if none was kept for it.
     */
    static KeptSealCheck of(final List<KeptSeal> kept, final boolean output)
    {
        return new KeptSealCheck(kept.stream().filter((k) -> k.output() == output).toArray(KeptSeal[]::new));
    }

    /**
     * Called before the first record and after each record read, checkpoints included.
     *
     * @param reader the verifying reader, checking SHA-256 checkpoints.
     */
    void compare(final JournalReader reader)
    {
        final KeptSeal[] seals = this.seals;
        if (seals.length == 0)
        {
            return;
        }
        final long records = reader.dataRecords();
        final int[] byRecords = this.byRecords;
        while (next < byRecords.length && seals[byRecords[next]].records() < records)
        {
            next++;
        }
        for (int n = next; n < byRecords.length && seals[byRecords[n]].records() == records; n++)
        {
            final int i = byRecords[n];
            if (!matched[i])
            {
                final String seal = HexFormat.of().formatHex(reader.seal());
                if (seal.equals(seals[i].sha256()))
                {
                    matched[i] = true;
                }
                else if (found[i] == null)
                {
                    found[i] = seal;
                }
            }
        }
    }

    /**
     * @param dataRecords the journal's data records, read to its end.
     */
    void readToEnd(final long dataRecords)
    {
        readTo = dataRecords;
    }

    /**
     * @param dir      the journal, for messages.
     * @param archive  true if the journal was read as an archive.
     * @param matches  receives each seal that matched.
     * @param problems receives each seal the journal does not end its records on, and each it has too few records for.
     * @param notes    receives each seal the read did not reach, stopped by a problem before its records' end.
     */
    void report(final Path dir, final boolean archive, final List<String> matches, final List<String> problems,
        final List<String> notes)
    {
        for (int i = 0; i < seals.length; i++)
        {
            final KeptSeal kept = seals[i];
            final long records = kept.records();
            if (matched[i])
            {
                matches.add(dir + ": its first " + records + " data records end on the seal kept in " +
                    kept.source() + ", sha256:" + kept.sha256());
            }
            else if (found[i] != null)
            {
                problems.add(dir + ": data record " + records + ": the seal kept in " + kept.source() + " for the " +
                    "first " + records + " data records is sha256:" + kept.sha256() + ", but they end on sha256:" +
                    found[i] + ": one of them was changed and the journal re-sealed, or this is another journal" +
                    LOST + " and others were appended since");
            }
            else if (readTo >= 0)
            {
                // an archive ends where its writer rolled to a later day: a seal kept from the journal after that is
                // for records it never held
                problems.add(dir + ": holds " + readTo + " data records, fewer than the " + records + " the seal " +
                    "kept in " + kept.source() + " is for: records were removed from its end, or this is another " +
                    "journal" + (archive ? ", or the seal was kept from the journal after this archive was made " +
                    "(compare those settle verify --archive printed of the archive as made)" : LOST));
            }
            else
            {
                notes.add(dir + ": the seal kept in " + kept.source() + " for the first " + records + " data " +
                    "records was not compared: the read stopped at the problem above, before data record " + records);
            }
        }
    }
}
