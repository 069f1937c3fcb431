package org.gridsettle.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerState;
import net.openhft.chronicle.queue.impl.single.NotReachedException;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.chain.BlockDigest;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.journal.codec.CheckpointCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Streams the records of one journal in order, checking each record's structure, its place in the XXH64 chain and,
 * at every checkpoint, the SHA-256 seal over the block before it. A record that fails any check stops the read with
 * a {@link JournalCorruptException} naming the journal, the record position and the sequence: a corrupt journal is
 * never read past silently. So does an end of reading short of the documents Chronicle counts in the journal (records
 * hidden behind an altered header, wiped, or in cycle files after one that ends without its end-of-cycle marker): a
 * journal is never cut short silently either.
 * <p>
 * Checkpoint records are verified and then skipped, unless {@link #includeCheckpoints(boolean)} asks for them.
 * Records are handed out as a view on the memory-mapped file: no copy, no allocation per record.
 * Not thread-safe: one reader per thread.
 */
public final class JournalReader implements AutoCloseable
{
    /** A Java class name and its colon, as Chronicle's messages chain them ({@code java.io.IOException: }). */
    private static final Pattern JAVA_NAMES =
        Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)*[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?::\\s*)?");

    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final HashChain chain = new HashChain();
    private final BlockDigest blockDigest = new BlockDigest();
    private final CheckpointCodec checkpoint = new CheckpointCodec();
    private final byte[] computed = new byte[CheckpointCodec.SHA_LENGTH];
    private final byte[] recorded = new byte[CheckpointCodec.SHA_LENGTH];
    /** The SHA-256 of the last checkpoint read. */
    private final byte[] lastCheckpointSha = new byte[CheckpointCodec.SHA_LENGTH];
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final Path dir;
    private boolean includeCheckpoints;
    private boolean checkSha = true;
    private boolean checkChain = true;
    /** Set when reading stopped short of Chronicle's end once; a second stop there is an altered header. */
    private boolean recheckedEnd;
    /** The tailer's state where reading last stopped, before {@link #hidesDocuments} moved it to look further. */
    private TailerState endState = TailerState.UNINITIALISED;
    /** The index reading last stopped at, the next document's. */
    private long endIndex;
    private long position;
    /** Cycle of the last record read, to tell a chain broken where a cycle file begins; none before the first. */
    private int previousCycle = NO_CYCLE;
    /** Said of a journal whose first cycle files were removed, found at its first record ({@link #startRemoved}). */
    private String startRemoved = "";
    /** The cycle of the first record read. */
    private int firstCycle = NO_CYCLE;
    private long lastSequence;
    private long dataRecords;
    private int lastCheckpointKind = -1;
    /** The data records of the SHA-256 block being read, and the first one's position and sequence. */
    private long blockRecords;
    private long blockFirstPosition;
    private long blockFirstSequence;
    private long lastBoundRecords;
    private long lastBoundChain;
    /**
     * Which records the queue may hold, from its directory's name: an {@code input} queue only input types, an
     * {@code output} queue only output types (checkpoints in both), so that queues swapped or copied into each
     * other's place are named as such rather than read as the other journal. Another name (a test's queue) may hold
     * any.
     */
    private final int role;
    private static final int ANY_ROLE = 0;
    private static final int INPUT_ROLE = 1;
    private static final int OUTPUT_ROLE = 2;
    private static final int NO_CYCLE = Integer.MIN_VALUE;
    private ProgressListener progress = ProgressListener.NONE;
    private long progressBefore;
    private long progressTotal = -1;

    /**
     * Opens a journal as its writer's process does, for readers in the process that holds, or is about to take, its
     * {@link WriterLock} (an engine's recovery, a writer finding where the journal ends): Chronicle may rewrite
     * {@code metadata.cq4t}, rebuild it or set a half-written one aside, and grow a trimmed cycle file back to its full
     * size. Everything else reads through {@link #readOnly}.
     *
     * @param dir queue directory, which must exist.
     */
    public JournalReader(final Path dir)
    {
        this(dir, false);
    }

    /**
     * Opens a journal for a reader that leaves it exactly as it found it, every byte and every file name (FORMAT.md
     * section 12): {@code settle verify}, {@code dump}, {@code replay}, {@code audit}, {@code rerate}. It follows a
     * journal a live writer is appending to, as any reader does. A table store ({@code metadata.cq4t}) that Chronicle
     * cannot use read-only, left half-written by a killed process or older than the cycle files, is refused with a
     * {@link JournalCorruptException} naming it, rather than rewritten.
     *
     * @param dir queue directory, which must exist.
     * @return the reader, positioned at the journal's first record.
     */
    public static JournalReader readOnly(final Path dir)
    {
        return new JournalReader(dir, true);
    }

    private JournalReader(final Path dir, final boolean readOnly)
    {
        if (!Files.isDirectory(dir))
        {
            throw new JournalCorruptException("no journal at " + dir);
        }
        this.dir = dir;
        final Path name = dir.getFileName();
        this.role = name == null ? ANY_ROLE : name.toString().equals(Journals.INPUT) ? INPUT_ROLE :
            name.toString().equals(Journals.OUTPUT) ? OUTPUT_ROLE : ANY_ROLE;
        this.queue = readOnly ? Journals.openReadOnly(dir) : Journals.open(dir);
        try
        {
            this.tailer = queue.createTailer();
        }
        catch (final RuntimeException e)
        {
            queue.close();
            // Chronicle reads each cycle file's header and index here, and words a damaged one in its own terms: a
            // chain of class names ("IORuntimeException: net.openhft...UTFDataFormatRuntimeException: 64"), of which
            // only the last words say anything, and those only to a Chronicle developer
            throw new JournalCorruptException(dir + ": cannot read the cycle files' header or index, which is " +
                "damaged" + chronicleWords(e) + ": restore the journal from a copy");
        }
        tailer.singleThreadedCheckDisabled(true);
    }

    /**
     * Chronicle words a damaged cycle file in its own terms: a chain of class names ("IORuntimeException:
     * net.openhft...UTFDataFormatRuntimeException: 64"), or a message followed by a hex dump of many lines, of which
     * only the first words say anything, and those only to a Chronicle developer. Kept as a hint, on one line.
     *
     * @param e Chronicle's failure.
     * @return {@code " (Chronicle's reader stopped at: ...)"}, or empty when it said nothing else.
     */
    static String chronicleWords(final RuntimeException e)
    {
        String detail = JAVA_NAMES.matcher(firstLine(e.getMessage())).replaceAll("").strip();
        // "expecting index2index, was , bytes: 000000c0  24 80 00 bf ...": the bytes are the dump's first line
        final int bytes = detail.indexOf(", bytes: ");
        detail = bytes < 0 ? detail : detail.substring(0, bytes);
        return detail.isEmpty() ? "" : " (Chronicle's reader stopped at: " + detail + ")";
    }

    private static String firstLine(final String message)
    {
        if (message == null)
        {
            return "";
        }
        final int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /**
     * @param include true to hand checkpoint records to handlers too (for dumps and verification reports).
     * @return this.
     */
    public JournalReader includeCheckpoints(final boolean include)
    {
        this.includeCheckpoints = include;
        return this;
    }

    /**
     * Skips the SHA-256 checkpoint comparison (the XXH64 chain and record structure are still checked). For replay,
     * whose job is determinism and which is usually preceded by {@code settle verify}; roughly halves its cost.
     *
     * @param check false to skip SHA-256 checkpoints.
     * @return this.
     */
    public JournalReader checkpointVerification(final boolean check)
    {
        this.checkSha = check;
        return this;
    }

    /**
     * Takes each record's XXH64 link on trust instead of recomputing it, so that the hashing can run on another
     * thread: {@link BackgroundChainCheck} reads the same journal and verifies every link the trusting reader passed.
     * Whatever this reader hands out stands only once that check has confirmed it. Record structure and checkpoint
     * counts are still checked here.
     *
     * @param check false to take links on trust.
     * @return this.
     */
    public JournalReader chainVerification(final boolean check)
    {
        this.checkChain = check;
        return this;
    }

    /**
     * Reports reading to a progress display every {@link ProgressListener#EVERY} records, as
     * {@code before + records read} out of {@code total}.
     *
     * @param listener told of the progress.
     * @param before   records a longer task had done before this reader started.
     * @param total    records the whole task expects, or -1.
     * @return this.
     */
    public JournalReader progress(final ProgressListener listener, final long before, final long total)
    {
        this.progress = listener;
        this.progressBefore = before;
        this.progressTotal = total;
        return this;
    }

    /**
     * The number of records in the journal, checkpoints included, from Chronicle's index: what a progress display
     * needs as its total without a pass over the data. It is an estimate for that purpose only, never a count an
     * integrity check relies on ({@link #dataRecords()} is).
     *
     * @return records indexed, or -1 when the index cannot say (for example a damaged cycle file).
     */
    public long indexedRecords()
    {
        try
        {
            return ((SingleChronicleQueue)queue).entryCount();
        }
        catch (final RuntimeException e)
        {
            return -1;
        }
    }

    /**
     * Positions the reader at the first record whose sequence is {@code sequence} or later (a checkpoint counts by
     * the last sequence it covers), found by binary search over Chronicle's index rather than by reading everything
     * before it. Must be called before the first {@link #next}.
     * <p>
     * The records skipped are not checked: the XXH64 chain resumes from the link stored in the data record just
     * before the target, so every record from the target on is still checked against its predecessor, and SHA-256
     * checkpoints are no longer compared, because their blocks began before the target. Whole-journal integrity is
     * {@link JournalVerifier}'s job ({@code settle verify}).
     *
     * @param sequence the first sequence wanted; 0 or 1 reads from the start.
     * @return this; at the end of the journal, with {@link #digest()} the whole journal's, if no record has a sequence
     *         that high.
     * @throws IllegalStateException if records were already read.
     */
    public JournalReader seekToSequence(final long sequence)
    {
        if (position != 0)
        {
            throw new IllegalStateException("seek before reading: " + position + " records already read");
        }
        if (sequence <= 1)
        {
            return this;
        }
        final SequenceSeek.Target target;
        try (SequenceSeek seek = new SequenceSeek((SingleChronicleQueue)queue))
        {
            target = seek.find(sequence);
        }
        checkSha = false;
        if (target.index() == SequenceSeek.END)
        {
            tailer.toEnd();
        }
        else
        {
            tailer.moveToIndex(target.index());
        }
        chain.resume(target.chainBefore());
        position = target.recordsBefore();
        return this;
    }

    /**
     * Reads records until the journal's first {@code limit} data records have been read, or its end. A checkpoint is
     * read only on the way to the data record after it, so stopping at the count reads no record past the last one
     * counted: a command that reads exactly the records a verification counted reads none a writer appended since.
     *
     * @param limit   the data records to have read from the journal's start; {@link Long#MAX_VALUE} for all.
     * @param handler receives each data record read (and each checkpoint, if {@link #includeCheckpoints}).
     * @return the data records read from the journal's start ({@link #dataRecords()}): fewer than {@code limit} if the
     *         journal ended first.
     * @throws JournalCorruptException if a record is malformed or breaks the chain or a checkpoint.
     */
    public long readDataRecords(final long limit, final RecordHandler handler)
    {
        while (dataRecords < limit && next(handler))
        {
            // the handler takes each record
        }
        return dataRecords;
    }

    /**
     * Reads the next record if there is one.
     *
     * @param handler receives the record.
     * @return true if a record was handed to the handler, false at the end of the journal.
     * @throws JournalCorruptException if the record is malformed or breaks the chain or a checkpoint.
     */
    public boolean next(final RecordHandler handler)
    {
        while (true)
        {
            try (DocumentContext dc = readingDocument())
            {
                if (!dc.isPresent())
                {
                    endState = tailer.state();
                    endIndex = tailer.index();
                    if (!hidesDocuments())
                    {
                        recheckedEnd = false;
                        return false;
                    }
                    if (!recheckedEnd)
                    {
                        // a writer appending while this reader reads: its record is readable by now
                        recheckedEnd = true;
                        continue;
                    }
                    throw hiddenDocuments();
                }
                recheckedEnd = false;
                final Bytes<?> bytes = dc.wire().bytes();
                final int length = (int)bytes.readRemaining();
                view.wrap(bytes.addressForRead(bytes.readPosition()), length);
                final boolean isCheckpoint = verify(length);
                final long at = position++;
                if ((position & (ProgressListener.EVERY - 1)) == 0)
                {
                    progress.progress(progressBefore + position, progressTotal);
                }
                if (!isCheckpoint || includeCheckpoints)
                {
                    handler.onRecord(view, 0, length, at);
                    return true;
                }
            }
        }
    }

    /**
     * Whether reading stopped short of the documents Chronicle counts in the journal, as it does at a document whose
     * header reads as unwritten (zero) or as still being written (bit 31 set) while written documents follow it.
     * Chronicle 2026.4 leaves every header after a cycle file's first at zero until its document is complete, and
     * counts a document (the write position and sequence in the cycle file's header) only once it is complete, so
     * a record torn by a kill is not counted and ends the journal. A header zeroed or marked later hides every
     * record after it from every reader, and a writer would append after them, where no reader finds its records
     * either (FORMAT.md section 8).
     */
    private boolean hidesDocuments()
    {
        // the queue's own end, from its cycle files' headers, through this reader's tailer: Chronicle's entryCount and
        // lastIndex each create a tailer, and every tailer a queue ever creates stays in a static set of Chronicle's
        // whose every later addition walks it, so a check per end of reading made long-lived processes slow down
        final long stopped = endIndex;
        final long end;
        try
        {
            end = tailer.toEnd().index();
        }
        catch (final NotReachedException e)
        {
            // the one state CycleFileCheck lets through in which Chronicle finds no end: the newest cycle file's first
            // header left half-written by a writer killed as it created the file, with nothing written after it; its
            // count fails the same way, and there is nothing in it to hide
            return false;
        }
        catch (final RuntimeException e)
        {
            throw new JournalCorruptException(dir + ": ends at record " + position + " (after sequence " +
                lastSequence + "), but Chronicle cannot find the end of its cycle files, which are damaged" +
                chronicleWords(e));
        }
        if (end == stopped)
        {
            return false;
        }
        // back to where reading stopped, to read what a writer appended meanwhile, or to fail there
        final boolean moved;
        try
        {
            moved = tailer.moveToIndex(stopped);
        }
        catch (final RuntimeException e)
        {
            // its index, which it searches here, is damaged (a header of its index2index altered, say)
            throw new JournalCorruptException(dir + ": ends at record " + position + " (after sequence " +
                lastSequence + "), but Chronicle cannot search the index of its cycle files, which is damaged" +
                chronicleWords(e) + ": restore the journal from a copy");
        }
        if (!moved)
        {
            throw hiddenDocuments();
        }
        return true;
    }

    private long documentsCounted()
    {
        try
        {
            return ((SingleChronicleQueue)queue).entryCount();
        }
        catch (final RuntimeException e)
        {
            throw new JournalCorruptException(dir + ": ends at record " + position + " (after sequence " +
                lastSequence + "), but Chronicle cannot count the documents of its cycle files, which are damaged" +
                chronicleWords(e));
        }
    }

    private JournalCorruptException hiddenDocuments()
    {
        final RollCycle rollCycle = queue.rollCycle();
        final long next = endIndex;
        final String at = dir + ": record " + position + " (after sequence " + lastSequence + "): reading stops at " +
            "document " + rollCycle.toSequenceNumber(next) + " of " + Journals.cycleFileName(rollCycle.toCycle(next));
        final String counted = "Chronicle counts " + documentsCounted() + " documents (records and checkpoints) in " +
            "the journal";
        if (rollCycle.toCycle(next) < ((SingleChronicleQueue)queue).lastCycle())
        {
            // a reader goes on to the next cycle file only past the end-of-cycle marker
            return new JournalCorruptException(at + ", whose header reads as unwritten or still being written, or " +
                "where the file ends without the end-of-cycle marker a writer leaves when it moves on to a later " +
                "file, yet later cycle files follow and " + counted + ": a header was altered, or the file was " +
                "replaced or cut, hiding the records from here on; restore the cycle files from a copy");
        }
        return new JournalCorruptException(at + ", whose header reads as unwritten or still being written, yet " +
            counted + ": the records from here on were wiped (or, written with PAGE_CACHE durability, lost in a " +
            "power failure), or this header was altered to hide them from readers; restore the cycle file from a " +
            "copy");
    }

    private DocumentContext readingDocument()
    {
        try
        {
            return tailer.readingDocument();
        }
        catch (final RuntimeException e)
        {
            // Chronicle fails in its own ways on a damaged cycle file; name the place in our terms
            throw new JournalCorruptException(dir + ": cannot read record " + position + " (after sequence " +
                lastSequence + "): the cycle file is damaged" + chronicleWords(e));
        }
    }

    private boolean verify(final int length)
    {
        final String problem = RecordValidator.problem(view, 0, length);
        if (problem != null)
        {
            throw corrupt(problem);
        }
        final int typeId = RecordFlyweight.typeIdAt(view, 0);
        final boolean isCheckpoint = typeId == RecordType.CHECKPOINT.id();
        if (!isCheckpoint && role != ANY_ROLE && (role == INPUT_ROLE) != RecordType.ofId(typeId).isInput())
        {
            throw corrupt(RecordType.ofId(typeId) + " is an " + (role == INPUT_ROLE ? "output" : "input") +
                " record in the " + (role == INPUT_ROLE ? "input" : "output") + " journal: input/ and output/ were " +
                "swapped or mixed up; put each queue back under its own name");
        }
        if (previousCycle == NO_CYCLE)
        {
            firstCycle = tailer.cycle();
            startRemoved = position == 0 ? startRemoved(isCheckpoint) : "";
        }
        if (!checkChain)
        {
            if (!isCheckpoint)
            {
                chain.resume(view.getLong(length - RecordFlyweight.TRAILER_LENGTH, RecordFlyweight.ORDER));
            }
        }
        else if (!(isCheckpoint ? chain.verifyAside(view, 0, length) : chain.verify(view, 0, length)))
        {
            throw corrupt("hash chain broken: this record or one before it was altered, removed or reordered" +
                (previousCycle != NO_CYCLE && tailer.cycle() != previousCycle ? "; it is the first record of " +
                    Journals.cycleFileName(tailer.cycle()) + ": the cycle file before it may have been removed, " +
                    "swapped or replaced" : "") + (position == 0 ? startRemoved : ""));
        }
        previousCycle = tailer.cycle();
        if (!isCheckpoint)
        {
            dataRecords++;
            if (checkSha)
            {
                blockDigest.add(view, 0, length);
            }
            lastSequence = RecordFlyweight.sequenceAt(view, 0);
            if (blockRecords++ == 0)
            {
                blockFirstPosition = position;
                blockFirstSequence = lastSequence;
            }
            lastCheckpointKind = -1;
            return false;
        }
        checkpoint.wrap(view, 0);
        if (checkpoint.recordsCovered() != position)
        {
            throw corrupt("checkpoint covers " + checkpoint.recordsCovered() + " records but follows " + position +
                (startRemoved.isEmpty() ? missingBefore(checkpoint.recordsCovered() - position) : startRemoved));
        }
        if (checkSha)
        {
            checkpoint.sha256(recorded);
            blockDigest.seal(computed);
            if (!BlockDigest.same(recorded, computed))
            {
                // with the chain intact up to here, one of the block's records was altered and the XXH64 values
                // recomputed after it, or the checkpoint was
                throw corrupt(blockRecords == 0 ?
                    "SHA-256 checkpoint does not match its block, which is empty (no record since the previous " +
                    "checkpoint): the checkpoint was altered" :
                    "SHA-256 checkpoint does not match its block, records " + blockFirstPosition + " to " +
                    (position - 1) + " (sequences " + blockFirstSequence + " to " + lastSequence + "): one of them " +
                    "was altered and the chain values after it recomputed, or the checkpoint was altered");
            }
        }
        checkpoint.sha256(lastCheckpointSha);
        blockRecords = 0;
        lastCheckpointKind = checkpoint.kind();
        lastBoundRecords = checkpoint.boundRecords();
        lastBoundChain = checkpoint.boundChain();
        return true;
    }

    /**
     * @return for the first record read from the start of a journal, a clause saying that the cycle files before it
     *     were removed when the record shows records before it (a data record numbered above 1, a checkpoint after
     *     records), else "": a chain break or a checkpoint count there says nothing an operator can act on.
     */
    private String startRemoved(final boolean isCheckpoint)
    {
        if (isCheckpoint)
        {
            checkpoint.wrap(view, 0);
        }
        final long before = isCheckpoint ? checkpoint.recordsCovered() : RecordFlyweight.sequenceAt(view, 0) - 1;
        if (before <= 0)
        {
            return "";
        }
        final String file = Journals.cycleFileName(tailer.cycle());
        return "; the first cycle file, " + file + ", does not begin the journal (its first record is " +
            (isCheckpoint ? "a checkpoint after " + before + " records" : "numbered " + (before + 1)) + ", not " +
            (isCheckpoint ? "0" : "1") + "): the cycle files before it were removed, and a journal is all of its " +
            "cycle files from the first (FORMAT.md section 12): put them back";
    }

    /**
     * @param missing records a checkpoint counts before it that were not read.
     * @return for a checkpoint in a later cycle file than the first read, a clause saying a cycle file before it may
     *     have been removed, else "": a reader taking the chain on trust meets the gap only at the next checkpoint.
     */
    private String missingBefore(final long missing)
    {
        if (missing <= 0 || tailer.cycle() == firstCycle)
        {
            return "";
        }
        return "; " + missing + (missing == 1 ? " record before it is" : " records before it are") + " missing: a " +
            "cycle file before " + Journals.cycleFileName(tailer.cycle()) + " may have been removed (settle verify " +
            "names the first record after the gap)";
    }

    private JournalCorruptException corrupt(final String problem)
    {
        final long sequence = view.capacity() >= RecordFlyweight.HEADER_LENGTH ?
            RecordFlyweight.sequenceAt(view, 0) : -1;
        return new JournalCorruptException(
            dir + ": record " + position + " (sequence " + sequence + "): " + problem);
    }

    /**
     * Reads to the end, verifying everything.
     *
     * @return this, positioned at the end.
     */
    public JournalReader verifyToEnd()
    {
        final RecordHandler ignore = (b, o, l, p) ->
        {
        };
        while (next(ignore))
        {
            // verification happens in next()
        }
        return this;
    }

    /**
     * @return chain head after the last data record read: the journal's digest so far.
     */
    public long digest()
    {
        return chain.head();
    }

    /**
     * @return number of records read so far, checkpoints included.
     */
    public long position()
    {
        return position;
    }

    /**
     * @return number of records read so far, checkpoints excluded.
     */
    public long dataRecords()
    {
        return dataRecords;
    }

    /**
     * @return sequence of the last non-checkpoint record read.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * Whether the journal's last cycle file ends with Chronicle's end-of-cycle marker. Chronicle writes it into a cycle
     * file only as its writer begins the next day's file, just before creating that file, so at the end of a journal
     * it means the files after this one were removed (or the writer was killed between the two steps). Meaningful once
     * {@link #next} has returned false.
     *
     * @return true if reading ended at an end-of-cycle marker with no later cycle file to go on to.
     */
    public boolean endsWithEndOfCycleMarker()
    {
        return endState == TailerState.END_OF_CYCLE;
    }

    /**
     * @return at the end of a journal whose last cycle file ends with an end-of-cycle marker
     *         ({@link #endsWithEndOfCycleMarker()}), what that says, naming the file; otherwise null.
     */
    public String removedCycleFilesProblem()
    {
        if (!endsWithEndOfCycleMarker())
        {
            return null;
        }
        // a journal cut back to an earlier day's close checkpoint is otherwise whole and consistent
        return dir + ": the last cycle file, " + cycleFileName() + ", ends with Chronicle's end-of-cycle marker, " +
            "which a writer adds only as it begins a later day's cycle file, and there is none: the cycle files " +
            "after it were removed" + (endsWithCloseCheckpoint() ? "" : ", or the writer was killed as it began the " +
            "next one (an engine restarted on the journal adds it)");
    }

    /**
     * @return the name of the cycle file the reader is in ({@code 20261125F.cq4}): at the end, the journal's last.
     */
    public String cycleFileName()
    {
        return Journals.cycleFileName(tailer.cycle());
    }

    /**
     * The SHA-256 that commits to every data record read so far, and through them to every byte of them: the last
     * checkpoint's if the last record read was one, otherwise the one a checkpoint written after the last record
     * would hold (what the next writer's close checkpoint holds, if it appends nothing). Unlike the XXH64
     * {@link #digest()}, which anyone can make a changed journal keep by choosing 8 bytes of its last record, it
     * authenticates the journal to whoever kept it from an earlier check (FORMAT.md section 7).
     *
     * @return the seal, 32 bytes.
     * @throws IllegalStateException if {@link #checkpointVerification} or {@link #seekToSequence} turned the SHA-256
     *                               off.
     */
    public byte[] seal()
    {
        if (!checkSha)
        {
            throw new IllegalStateException("no seal: SHA-256 checkpoints were not checked");
        }
        final byte[] seal = new byte[CheckpointCodec.SHA_LENGTH];
        if (lastCheckpointKind >= 0)
        {
            System.arraycopy(lastCheckpointSha, 0, seal, 0, seal.length);
        }
        else
        {
            blockDigest.peek(seal);
        }
        return seal;
    }

    /**
     * @return true if the last record read was a close checkpoint: the journal was closed cleanly there.
     */
    public boolean endsWithCloseCheckpoint()
    {
        return lastCheckpointKind == CheckpointCodec.KIND_CLOSE;
    }

    /**
     * @return what the close checkpoint the journal ends with binds: the input journal's data record count for an
     *         output journal, 0 for an input journal; meaningful only when {@link #endsWithCloseCheckpoint()}.
     */
    public long closeBoundRecords()
    {
        return lastBoundRecords;
    }

    /**
     * @return the input journal's chain head that the close checkpoint the journal ends with binds, as
     *         {@link #closeBoundRecords()}.
     */
    public long closeBoundChain()
    {
        return lastBoundChain;
    }

    /**
     * @return the in-progress SHA-256 block state, for a writer resuming this journal.
     */
    BlockDigest blockDigest()
    {
        return blockDigest;
    }

    /**
     * @return the directory read.
     */
    public Path dir()
    {
        return dir;
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
    }
}
