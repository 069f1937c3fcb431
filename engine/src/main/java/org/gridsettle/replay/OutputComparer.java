package org.gridsettle.replay;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.RecordHandler;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RejectionCodec;

/**
 * Compares regenerated output records, one at a time, with the recorded output journal: same bytes, same chain.
 * <p>
 * Each recorded record's chain link is verified: by the recorded reader before it is compared; in a replay, by a
 * {@link org.gridsettle.journal.BackgroundChainCheck} before the result is given out; in recovery, by the output
 * journal's writer when it opened the journal. A regenerated record whose
 * bytes before the link equal the recorded one's, after a chain that was equal up to it, would seal to the same link;
 * so instead of hashing it again the comparer takes the recorded link, and byte equality of every record is equality
 * of the whole journal and of its digest. Only a diverging record is sealed, so that {@link #digest()} still names
 * what replay produced. Remembers the first divergence. Not thread-safe.
 */
public final class OutputComparer
{
    /** Said of a difference where one side only refused a tick OUTSIDE_CORRECTION_WINDOW. */
    static final String OTHER_WINDOW = "a tick refused OUTSIDE_CORRECTION_WINDOW on one side only is what a " +
        "correction window other than the journal's writer's gives: replay and start with the writer's (settle " +
        "replay --correction-window, SettlementEngine.Builder.correctionWindow)";

    private final JournalReader recorded;
    private final HashChain chain = new HashChain();
    private final RecordHandler compareHandler = this::compareWith;
    private MutableDirectBuffer candidate;
    private int candidateOffset;
    private int candidateLength;
    private boolean matched;
    private long compared;
    private String firstDivergence;
    private boolean archive;
    private long beyondRecorded;

    /**
     * @param recorded reader positioned at the start of the recorded output journal.
     */
    public OutputComparer(final JournalReader recorded)
    {
        this.recorded = recorded;
    }

    /**
     * Compares a regenerated record with the next recorded one, and gives it the recorded chain link if they match.
     *
     * @param buffer holding the regenerated record.
     * @param offset of the record.
     * @param length whole length.
     * @return true if a recorded record existed and was byte-identical.
     */
    public boolean compareNext(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        candidate = buffer;
        candidateOffset = offset;
        candidateLength = length;
        matched = false;
        final boolean present = recorded.next(compareHandler);
        if (!present && archive)
        {
            // an archive's output journal ends where its writer moved on to the next day's file, which holds these
            beyondRecorded++;
            return true;
        }
        if (!present)
        {
            chain.seal(buffer, offset, length);
            // an engine killed before it journalled the outputs of its last inputs leaves exactly this, unsealed
            noteDivergence("the recorded output journal ends after " + compared +
                " records but replay produced more: next would be " + describe(buffer, offset) +
                (recorded.endsWithCloseCheckpoint() ? "" : "; the output journal has no close checkpoint, so the " +
                    "engine that wrote it stopped without closing (killed?) before journalling these outputs: " +
                    "start an engine on the journal to recover them, then replay"));
            return false;
        }
        compared++;
        return matched;
    }

    private void compareWith(final DirectBuffer rec, final int offset, final int length, final long position)
    {
        final int body = length - RecordFlyweight.TRAILER_LENGTH;
        matched = length == candidateLength && sameBytes(rec, offset, candidate, candidateOffset, body);
        if (matched)
        {
            // this link is verified against a head equal to ours: sealing the same bytes would give it again
            final long link = rec.getLong(offset + body, RecordFlyweight.ORDER);
            candidate.putLong(candidateOffset + body, link, RecordFlyweight.ORDER);
            chain.resume(link);
        }
        else
        {
            chain.seal(candidate, candidateOffset, candidateLength);
            if (firstDivergence == null)
            {
                // only the first is kept: the words are built once, not for every record after it
                noteDivergence("output record " + position + " differs: recorded " + describe(rec, offset) +
                    ", replay produced " + describe(candidate, candidateOffset) + "; first difference: " +
                    OutputFieldDifference.of(rec, offset, length, candidate, candidateOffset, candidateLength) +
                    (outsideWindow(rec, offset, length) != outsideWindow(candidate, candidateOffset, candidateLength) ?
                    "; " + OTHER_WINDOW : ""));
            }
        }
    }

    /**
     * Compares eight bytes at a time: byte by byte, the comparison was a fifth of a replay's time.
     */
    static boolean sameBytes(
        final DirectBuffer a, final int aOffset, final DirectBuffer b, final int bOffset, final int length)
    {
        final int words = length & ~7;
        for (int i = 0; i < words; i += 8)
        {
            if (a.getLong(aOffset + i) != b.getLong(bOffset + i))
            {
                return false;
            }
        }
        for (int i = words; i < length; i++)
        {
            if (a.getByte(aOffset + i) != b.getByte(bOffset + i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Moves past recorded records a snapshot already covers, and continues this comparer's chain from theirs.
     *
     * @param records      data records to skip.
     * @param expectedHead the chain head the snapshot recorded after them.
     * @return true if the recorded journal had that many records ending at that chain head.
     */
    public boolean skip(final long records, final long expectedHead)
    {
        if (records > 0)
        {
            // output sequences number the data records from 1, so the first record after the snapshot is found by
            // binary search, and the reader's chain resumes from the link the snapshot must name
            // and a journal with fewer records ends at another chain head
            recorded.seekToSequence(records + 1);
        }
        compared += records;
        chain.resume(recorded.digest());
        return recorded.digest() == expectedHead;
    }

    /**
     * Compares as for an archive of closed cycle files (FORMAT.md section 12): the recorded output journal may end
     * before the regenerated one, the outputs of the archive's last inputs being in a later cycle file; those are
     * counted, not compared. A recorded record that differs, or one left over, is still a divergence.
     *
     * @return this.
     */
    public OutputComparer archive()
    {
        archive = true;
        return this;
    }

    /**
     * @return regenerated records after the recorded journal's end, when comparing {@link #archive() as an archive}.
     */
    public long beyondRecorded()
    {
        return beyondRecorded;
    }

    /**
     * Checks whether the recorded journal holds records beyond those compared, which a full replay must not leave.
     *
     * @return true if the recorded journal has no further record.
     */
    public boolean recordedExhausted()
    {
        return !recorded.next((b, o, l, p) ->
            noteDivergence("the recorded output journal has extra record " + p + ": " + describe(b, o)));
    }

    private void noteDivergence(final String what)
    {
        if (firstDivergence == null)
        {
            firstDivergence = what;
        }
    }

    /**
     * @return true for a REJECTION OUTSIDE_CORRECTION_WINDOW: the outcome that depends on the engine's correction
     *     window, which the journal does not record. Called once, at the first divergence.
     */
    private static boolean outsideWindow(final DirectBuffer buffer, final int offset, final int length)
    {
        if (RecordFlyweight.typeIdAt(buffer, offset) != RecordType.REJECTION.id() || length < RejectionCodec.LENGTH)
        {
            return false;
        }
        final RejectionCodec rejection = new RejectionCodec();
        rejection.wrap(new UnsafeBuffer(buffer, offset, length), 0);
        return rejection.reasonCode() == ReasonCode.OUTSIDE_CORRECTION_WINDOW.code();
    }

    static String describe(final DirectBuffer buffer, final int offset)
    {
        final RecordType type = RecordType.ofId(RecordFlyweight.typeIdAt(buffer, offset));
        return (type == null ? "type " + RecordFlyweight.typeIdAt(buffer, offset) : type.name()) +
            " sequence " + RecordFlyweight.sequenceAt(buffer, offset) +
            " caused by input " + RecordFlyweight.causeSequenceAt(buffer, offset);
    }

    /**
     * @return number of records compared.
     */
    public long compared()
    {
        return compared;
    }

    /**
     * @return digest of the regenerated records.
     */
    public long digest()
    {
        return chain.head();
    }

    /**
     * @return the first divergence found, or null if none.
     */
    public String firstDivergence()
    {
        return firstDivergence;
    }
}
