package org.gridsettle.engine.snapshot;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.journal.FreeSpace;
import org.gridsettle.journal.IoReason;
import org.gridsettle.journal.chain.XxHash64;
import org.gridsettle.journal.chain.XxHash64Stream;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Snapshot files of the engine's whole state, so a restart loads the newest valid one and replays only the tail of
 * the input journal.
 * <p>
 * File {@code snapshot-<inputSequence>.gss}: magic {@code GSSNAP05}, then input sequence, output record count and
 * output chain head (three longs), the state as written by {@link SettlementLogic#writeState}, and the XXH64 (seed 0,
 * 8 bytes big-endian) of everything before it. Format {@code GSSNAP04}, without the correction window's eviction
 * watermarks, is still read; recovery then uses it only if the input journal shows that no meter can have one (each
 * meter with a full window ticked on one channel), else replays. Format {@code GSSNAP03}, whose correction-window keys
 * also lack the interval's length, and {@code GSSNAP02}, that with a SHA-256 instead, are still read the same way;
 * recovery also reads each entry's length back from the tick that caused it in the input journal, or does not use
 * the snapshot. Sections added to the end of the state by later builds (the redemption fingerprints, 2026-11-27; the
 * eviction watermarks, format 05; the APYs of the interest accruals' last days, in format 05 too; then, each opened by
 * a mark and written only when it holds something, the reading limits and the covered seconds of DR meters' hours)
 * are read only when the state goes on, so a snapshot written before them still loads; recovery does not use one
 * without the APYs once a day was accrued, since a repeat of that day is then decided by its APY, nor one without the
 * DR hours' coverage that holds a DR meter's history, which cannot tell a partly read hour from a read one. Files {@code spare-<inputSequence>.gsp}
 * beside them are old snapshots kept only to be written over by the next one ({@link #recycle}, {@link SpareFiles});
 * they are never read and may be deleted at any time the engine is stopped.
 * <p>
 * Why XXH64 and not SHA-256: the checksum detects a torn or corrupted file, nothing more. It has no key, so anyone
 * able to change a snapshot can recompute a SHA-256 as easily; the journals are what an auditor trusts, and recovery
 * compares every output it regenerates after the snapshot with the output journal. SHA-256 of a 130 MB snapshot
 * (100,000 meters) took 96 ms of the snapshot thread's CPU, XXH64 13 ms, and that CPU is taken from the two busy
 * threads of a 2-core machine.
 * <p>
 * Written to a temporary file, forced to disk (if the store was made so) and renamed, so a
 * crash never leaves a half snapshot under the real name. A snapshot whose checksum fails is skipped, saying so, and
 * an older one (or a full replay) is used instead.
 * <p>
 * A snapshot is taken in two steps: {@link #capture} on the business-logic thread, {@link #persist} on any thread
 * (the {@link SnapshotWriter}'s). Stateless; thread-safe as long as one engine owns the directory.
 */
public final class SnapshotStore
{
    /** Format 05: as 04, with the correction window's eviction watermarks in a section at the end of the state. */
    private static final byte[] MAGIC = {'G', 'S', 'S', 'N', 'A', 'P', '0', '5'};
    /** Format 04: as 03, with each correction-window key holding its interval's length; still read. */
    private static final byte[] MAGIC_LENGTHS = {'G', 'S', 'S', 'N', 'A', 'P', '0', '4'};
    /** Format 03: as 02, with an XXH64 checksum instead of SHA-256; still read. */
    private static final byte[] MAGIC_XXH64 = {'G', 'S', 'S', 'N', 'A', 'P', '0', '3'};
    /**
     * Format 02: the correction window keeps each tick's demand, SHA-256 checksum; still read (a snapshot of format 01
     * is refused, then replayed).
     */
    private static final byte[] MAGIC_SHA256 = {'G', 'S', 'S', 'N', 'A', 'P', '0', '2'};
    private static final int HEADER = 8 + 24;
    private static final int CHECKSUM_BYTES = Long.BYTES;
    private static final int SHA256_BYTES = 32;
    /** Seed of the XXH64 checksum: none. */
    private static final long SEED = 0;
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".gss";
    /** A snapshot ahead of the journals, set aside for good ({@link #setAsideAhead}). */
    private static final String AHEAD_PREFIX = "ahead-";
    /**
     * Bytes hashed and written per burst: 64 KiB takes tens of microseconds here, well under the scheduler's slice, and
     * is a whole number of XXH64 stripes, as {@link XxHash64Stream} needs.
     */
    static final int CHUNK = 64 << 10;
    /** Bytes of a snapshot mapped at a time while its checksum is checked: whole XXH64 stripes. */
    static final int VERIFY_WINDOW = 256 << 20;
    private static final Runnable NO_PAUSE = () -> { };

    private final Path dir;
    private final boolean force;
    private final SpareFiles spares;

    /**
     * A store that forces each snapshot to disk before renaming it into place.
     *
     * @param dir directory the snapshots live in; created on first write.
     */
    public SnapshotStore(final Path dir)
    {
        this(dir, true);
    }

    /**
     * @param dir   directory the snapshots live in; created on first write.
     * @param force true to force each snapshot to disk before renaming it into place, so that it survives a power
     *              loss. Worth it only if the journals survive one too ({@code Durability.SYNC_ON_BATCH}): with
     *              journals in the page cache, a snapshot that outlived their tail is ahead of them and skipped, and
     *              one torn by the power loss fails its checksum, so an older one, or a full replay, is used. The
     *              force costs 10-14 ms of CPU and 40-55 ms of waiting per 130 MB snapshot.
     */
    public SnapshotStore(final Path dir, final boolean force)
    {
        this.dir = dir;
        this.force = force;
        this.spares = new SpareFiles(dir);
    }

    /**
     * Captures the logic's state, with the snapshot header, into memory: the part of a snapshot that must run on the
     * business-logic thread while it is quiescent. {@link #persist} does the rest, on any thread.
     *
     * @param logic           the state machine, quiescent (called on its own thread).
     * @param outputRecords   output data records at this point.
     * @param outputChainHead output chain head at this point.
     * @param out             receives the bytes; reset first.
     */
    public static void capture(
        final SettlementLogic logic, final long outputRecords, final long outputChainHead, final StateOutput out)
    {
        writeHeader(logic, outputRecords, outputChainHead, out);
        try
        {
            logic.writeState(out);
        }
        catch (final IOException e)
        {
            // only writeUTF can refuse, for a name longer than 65,535 bytes
            throw new UncheckedIOException("cannot capture the engine state for a snapshot", e);
        }
    }

    private static void writeHeader(
        final SettlementLogic logic, final long outputRecords, final long outputChainHead, final StateOutput out)
    {
        out.reset();
        out.write(MAGIC);
        out.writeLong(logic.lastInputSequence());
        out.writeLong(outputRecords);
        out.writeLong(outputChainHead);
    }

    /**
     * As {@link #capture}, but leaves the largest per-meter sections to be copied as the logic goes on
     * ({@link SettlementLogic#writeStateDeferred}): the capture is complete once
     * {@link SettlementLogic#captureStep} returns true or after {@link SettlementLogic#finishCapture}.
     *
     * @param logic           the state machine, quiescent now.
     * @param outputRecords   output data records at this point.
     * @param outputChainHead output chain head at this point.
     * @param out             the capture buffer, reset first.
     * @return true if meters remain to be copied.
     */
    public static boolean captureDeferred(
        final SettlementLogic logic, final long outputRecords, final long outputChainHead, final StateOutput out)
    {
        writeHeader(logic, outputRecords, outputChainHead, out);
        try
        {
            return logic.writeStateDeferred(out);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot capture the engine state for a snapshot", e);
        }
    }

    /**
     * Writes a captured state to its snapshot file at full speed: checksum appended, forced to disk if this store
     * forces, then renamed into place.
     *
     * @param captured filled by {@link #capture}; only read.
     * @return the snapshot written.
     */
    public SnapshotInfo persist(final StateOutput captured)
    {
        return persist(captured, NO_PAUSE);
    }

    /**
     * As {@link #persist(StateOutput)}, in bursts: {@value #CHUNK} bytes are hashed and written, then
     * {@code betweenChunks} runs, and so on. Why: written in one go, a 130 MB snapshot kept a core for 115-390 ms, and
     * the scheduler gave it that core in slices of about 3 ms taken from whichever busy thread had yielded, so every
     * tick in those slices waited 3 ms. A writer that pauses between bursts gives the core back after each.
     *
     * @param captured      filled by {@link #capture}; only read.
     * @param betweenChunks run after each chunk but the last, on the calling thread.
     * @return the snapshot written.
     */
    public SnapshotInfo persist(final StateOutput captured, final Runnable betweenChunks)
    {
        return persist(captured, betweenChunks, null);
    }

    /**
     * As {@link #persist(StateOutput, Runnable)}, written over an existing file of this directory instead of a new
     * one: the file is renamed to the snapshot's temporary name first, overwritten from its start, and cut to the
     * snapshot's length, so the pages it already has in the page cache are reused (see {@link SpareFiles}).
     *
     * @param captured      filled by {@link #capture}; only read.
     * @param betweenChunks run after each chunk but the last, on the calling thread.
     * @param recycled      a spare ({@link #spare()}) to overwrite, or null for a new file.
     * @return the snapshot written.
     */
    public SnapshotInfo persist(final StateOutput captured, final Runnable betweenChunks, final Path recycled)
    {
        // a view of one chunk at a time: a capture may be larger than one DirectBuffer addresses
        final long address = captured.address();
        final long length = captured.length();
        final UnsafeBuffer bytes = new UnsafeBuffer(address, (int)Math.min(length, CHUNK));
        final long inputSequence = bytes.getLong(MAGIC.length, ByteOrder.BIG_ENDIAN);
        final long outputRecords = bytes.getLong(MAGIC.length + 8, ByteOrder.BIG_ENDIAN);
        final long outputChainHead = bytes.getLong(MAGIC.length + 16, ByteOrder.BIG_ENDIAN);
        final Path file = dir.resolve(String.format("%s%020d%s", PREFIX, inputSequence, SUFFIX));
        final XxHash64Stream checksum = new XxHash64Stream().reset(SEED);
        // the capture is native memory, not a ByteBuffer: it goes to the file a chunk at a time
        final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
        try
        {
            Files.createDirectories(dir);
            final Path tmp = dir.resolve(file.getFileName() + ".tmp");
            if (recycled != null)
            {
                moveIfThere(recycled, tmp);
            }
            // not truncated on opening: whatever the file held is written over, and its tail cut once written
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE))
            {
                long offset = 0;
                for (; length - offset > CHUNK; offset += CHUNK)
                {
                    bytes.wrap(address + offset, CHUNK);
                    checksum.update(bytes, 0, CHUNK);
                    write(channel, chunk, bytes, 0, CHUNK);
                    betweenChunks.run();
                }
                final int last = (int)(length - offset);
                bytes.wrap(address + offset, last);
                final long sum = checksum.finish(bytes, 0, last);
                write(channel, chunk, bytes, 0, last);
                writeFully(channel, ByteBuffer.allocate(CHECKSUM_BYTES).putLong(0, sum));
                channel.truncate(channel.position());
                if (force)
                {
                    channel.force(true);
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (force)
            {
                // the rename is an entry in the directory: until the directory is on disk, a power loss can undo it
                try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ))
                {
                    directory.force(true);
                }
            }
            return new SnapshotInfo(file, inputSequence, outputRecords, outputChainHead);
        }
        catch (final IOException e)
        {
            // the file system's exceptions carry a path and, apart, their reason: an operator needs the reason
            final String other = e instanceof FileSystemException fs && fs.getFile() != null &&
                !fs.getFile().equals(file.toString()) ? fs.getFile() + ": " : "";
            throw new UncheckedIOException("cannot write snapshot " + file + ": " + other + IoReason.of(e), e);
        }
        finally
        {
            BufferUtil.free(chunk);
        }
    }

    private static void moveIfThere(final Path from, final Path to) throws IOException
    {
        try
        {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final NoSuchFileException e)
        {
            // nothing to recycle after all: the snapshot goes into a new file
        }
    }

    private static void write(
        final FileChannel channel, final ByteBuffer chunk, final DirectBuffer bytes, final int offset, final int size)
        throws IOException
    {
        chunk.clear();
        bytes.getBytes(offset, chunk, size);
        chunk.flip();
        writeFully(channel, chunk);
    }

    private static void writeFully(final FileChannel channel, final ByteBuffer bytes) throws IOException
    {
        while (bytes.hasRemaining())
        {
            channel.write(bytes);
        }
    }

    /**
     * Loads a snapshot that {@link #verify} accepted into a fresh state machine.
     *
     * @param file  the snapshot.
     * @param logic a fresh state machine that receives the state.
     * @throws IOException if the state cannot be read into this logic.
     */
    public static void load(final Path file, final SettlementLogic logic) throws IOException
    {
        final long header = HEADER;
        // the state section lies between the header and the trailing checksum; its length bounds every array in it
        final long stateBytes = Files.size(file) - header - trailerBytes(file);
        try (DataInputStream in = open(file))
        {
            in.skipNBytes(header);
            // formats before 04 keep correction-window keys without the interval's length
            final byte[] magic = magic(file);
            logic.readState(new SnapshotInput(in, header, stateBytes),
                !Arrays.equals(magic, MAGIC) && !Arrays.equals(magic, MAGIC_LENGTHS));
        }
    }

    /**
     * Keeps the newest {@code keep} snapshots, turns older ones into spares for the next snapshots to overwrite, and
     * removes the temporary files of snapshots a crash interrupted. The directory is left with at most
     * {@code keep + 1} snapshots and spares in all, so one snapshot can always be written over a spare while
     * {@code keep} whole ones stay. Call only while no snapshot is being written.
     *
     * @param keep snapshots to keep.
     */
    public void recycle(final int keep)
    {
        deleteInterrupted();
        final List<Path> files = newestFirst();
        for (int i = keep; i < files.size(); i++)
        {
            spares.retire(files.get(i));
        }
        spares.trim(keep + 1, Math.min(keep, files.size()));
    }

    /**
     * Turns a snapshot that cannot be used into a spare, so that it no longer counts among the snapshots kept and
     * the next snapshot overwrites it. Call only while no snapshot is being written.
     *
     * @param snapshot a snapshot file of this directory.
     * @return the spare's path.
     * @throws UncheckedIOException if it cannot be renamed.
     */
    public Path setAside(final Path snapshot)
    {
        return spares.retire(snapshot);
    }

    /**
     * Renames a snapshot ahead of the journals (of a later state than they hold: journals restored from a backup
     * under it) to {@code ahead-<inputSequence>.gss}, which is neither a snapshot name nor a spare's: no start reads
     * it and no snapshot overwrites or deletes it. Unlike a damaged one, it cannot be rebuilt from the journals, and
     * it alone still says what the records lost with them had settled. One set aside before at the same sequence is
     * kept: periodic snapshots fall on the same sequences in every run, so a journal restored twice has two, and this
     * one becomes {@code ahead-<inputSequence>-2.gss} (or -3, ...). Call only while no snapshot is being written.
     *
     * @param snapshot a snapshot file of this directory.
     * @return the new path.
     * @throws UncheckedIOException if it cannot be renamed.
     */
    public Path setAsideAhead(final Path snapshot)
    {
        final String sequence = snapshot.getFileName().toString().replaceAll("[^0-9]", "");
        Path aside = dir.resolve(AHEAD_PREFIX + sequence + SUFFIX);
        // a rename replaces its target on POSIX, ATOMIC_MOVE or not: the first free name is taken instead
        for (int n = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); n++)
        {
            aside = dir.resolve(AHEAD_PREFIX + sequence + "-" + n + SUFFIX);
        }
        try
        {
            return Files.move(snapshot, aside, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot set aside snapshot " + snapshot + " as " + aside, e);
        }
    }

    /**
     * @return a spare for the next snapshot to be written over ({@link #persist(StateOutput, Runnable, Path)}), or
     *     null if there is none.
     */
    public Path spare()
    {
        return spares.any();
    }

    private void deleteInterrupted()
    {
        if (!Files.isDirectory(dir))
        {
            return;
        }
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path tmp : files
                .filter(p -> p.getFileName().toString().startsWith(PREFIX) && p.toString().endsWith(SUFFIX + ".tmp"))
                .toList())
            {
                Files.deleteIfExists(tmp);
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot delete an interrupted snapshot in " + dir, e);
        }
    }

    /**
     * @param failure why a snapshot could not be written.
     * @return one line naming this store's directory and the space left in it, as a full disk needs saying.
     */
    String describeFailure(final Throwable failure)
    {
        final long usable = FreeSpace.usableBytes(dir);
        return "snapshot failed in " + dir + (usable == FreeSpace.UNKNOWN ? "" :
            " (" + (usable >> 20) + " MiB free)") + ": " + failure.getMessage();
    }

    /**
     * Checks a snapshot's magic and checksum without loading it.
     *
     * @param file a snapshot file.
     * @return what it covers.
     * @throws IOException if it is not a valid snapshot, saying why.
     */
    public static SnapshotInfo verify(final Path file) throws IOException
    {
        return verify(file, VERIFY_WINDOW);
    }

    /**
     * {@link #verify(Path)} mapping a checksummed file {@code window} bytes at a time, so that a test can check a hash
     * spanning many windows on a file of kilobytes rather than the hundreds of megabytes {@link #VERIFY_WINDOW}
     * needs.
     *
     * @param file   a snapshot file.
     * @param window bytes mapped at a time: a positive multiple of {@value XxHash64Stream#STRIPE}, XXH64's stripe,
     *               since every piece hashed before the last must be whole stripes.
     * @return what it covers.
     * @throws IOException if it is not a valid snapshot, saying why.
     */
    static SnapshotInfo verify(final Path file, final int window) throws IOException
    {
        if (window <= 0 || window % XxHash64Stream.STRIPE != 0)
        {
            throw new IllegalArgumentException("verify window " + window + " is not a positive multiple of " +
                XxHash64Stream.STRIPE + " bytes");
        }
        final long size = Files.size(file);
        if (size < HEADER + CHECKSUM_BYTES)
        {
            throw new IOException("only " + size + " bytes");
        }
        final int trailer = trailerBytes(file);
        return trailer == CHECKSUM_BYTES ? verifyXxHash(file, size, window) : verifySha256(file, size);
    }

    /**
     * @return the length of the file's trailing checksum, by its format.
     * @throws IOException if it is not a snapshot of a format this build reads.
     */
    private static int trailerBytes(final Path file) throws IOException
    {
        final byte[] magic = magic(file);
        if (Arrays.equals(magic, MAGIC) || Arrays.equals(magic, MAGIC_LENGTHS) || Arrays.equals(magic, MAGIC_XXH64))
        {
            return CHECKSUM_BYTES;
        }
        if (Arrays.equals(magic, MAGIC_SHA256))
        {
            return SHA256_BYTES;
        }
        throw new IOException("not a gridsettle snapshot");
    }

    private static byte[] magic(final Path file) throws IOException
    {
        final byte[] magic = new byte[MAGIC.length];
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file)))
        {
            in.readFully(magic);
        }
        return magic;
    }

    private static SnapshotInfo verifyXxHash(final Path file, final long size, final int windowBytes)
        throws IOException
    {
        final long checked = size - CHECKSUM_BYTES;
        final XxHash64Stream checksum = new XxHash64Stream().reset(SEED);
        final UnsafeBuffer bytes = new UnsafeBuffer(0, 0);
        final long inputSequence;
        final long outputRecords;
        final long outputChainHead;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            // a window at a time, as one mapping addresses at most 2 GiB and a large fleet's snapshot is larger
            final MappedByteBuffer head = channel.map(FileChannel.MapMode.READ_ONLY, 0, HEADER);
            try
            {
                bytes.wrap(head);
                inputSequence = bytes.getLong(MAGIC.length, ByteOrder.BIG_ENDIAN);
                outputRecords = bytes.getLong(MAGIC.length + 8, ByteOrder.BIG_ENDIAN);
                outputChainHead = bytes.getLong(MAGIC.length + 16, ByteOrder.BIG_ENDIAN);
            }
            finally
            {
                IoUtil.unmap(head);
            }
            long offset = 0;
            long sum = 0;
            do
            {
                // the last window runs on past windowBytes to take in the trailer, so that it is read whole
                final boolean last = checked - offset <= windowBytes;
                final long window = last ? size - offset : windowBytes;
                final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, offset, window);
                try
                {
                    bytes.wrap(mapped);
                    if (last)
                    {
                        final int tail = (int)(checked - offset);
                        sum = checksum.finish(bytes, 0, tail);
                        if (sum != bytes.getLong(tail, ByteOrder.BIG_ENDIAN))
                        {
                            throw new IOException("checksum mismatch");
                        }
                    }
                    else
                    {
                        checksum.update(bytes, 0, windowBytes);
                    }
                }
                finally
                {
                    IoUtil.unmap(mapped);
                }
                offset += window;
            }
            while (offset < size);
        }
        return new SnapshotInfo(file, inputSequence, outputRecords, outputChainHead);
    }

    private static SnapshotInfo verifySha256(final Path file, final long size) throws IOException
    {
        if (size < HEADER + SHA256_BYTES)
        {
            throw new IOException("only " + size + " bytes");
        }
        final MessageDigest sha = sha256();
        final byte[] header = new byte[HEADER];
        final byte[] recorded = new byte[SHA256_BYTES];
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 20))
        {
            final DigestInputStream digesting = new DigestInputStream(raw, sha);
            final DataInputStream in = new DataInputStream(digesting);
            in.readFully(header);
            long remaining = size - header.length - SHA256_BYTES;
            final byte[] chunk = new byte[8192];
            while (remaining > 0)
            {
                final int n = in.read(chunk, 0, (int)Math.min(chunk.length, remaining));
                if (n < 0)
                {
                    throw new IOException("truncated");
                }
                remaining -= n;
            }
            digesting.on(false);
            in.readFully(recorded);
        }
        if (!MessageDigest.isEqual(sha.digest(), recorded))
        {
            throw new IOException("checksum mismatch");
        }
        final ByteBuffer b = ByteBuffer.wrap(header, MAGIC.length, 24);
        return new SnapshotInfo(file, b.getLong(), b.getLong(), b.getLong());
    }

    /**
     * @return snapshot files, newest (highest input sequence) first.
     */
    public List<Path> newestFirst()
    {
        final List<Path> found = named(dir, PREFIX, SUFFIX, "snapshots");
        Collections.reverse(found);
        return found;
    }

    /**
     * @param dir    a directory, which need not exist.
     * @param prefix how the names begin.
     * @param suffix how the names end.
     * @param what   what the files are, for the message if the directory cannot be listed.
     * @return the files of the directory so named, in the order of their names; a new list.
     */
    static List<Path> named(final Path dir, final String prefix, final String suffix, final String what)
    {
        if (!Files.isDirectory(dir))
        {
            return new ArrayList<>();
        }
        try (Stream<Path> files = Files.list(dir))
        {
            final List<Path> found = new ArrayList<>(files
                .filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(suffix))
                .toList());
            found.sort(Comparator.comparing((Path p) -> p.getFileName().toString()));
            return found;
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot list " + what + " in " + dir + ": " + IoReason.of(e), e);
        }
    }

    private static DataInputStream open(final Path file) throws IOException
    {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20));
    }

    private static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException e)
        {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
