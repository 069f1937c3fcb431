package org.gridsettle.benchmarks.jmh;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.benchmarks.JvmFlags;
import org.gridsettle.benchmarks.RawQueues;
import org.gridsettle.benchmarks.TempDirs;
import org.gridsettle.journal.Durability;
import org.gridsettle.journal.JournalWriter;
import org.gridsettle.journal.Sealing;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One journal append: {@link JournalWriter#append} (XXH64 chain seal, SHA-256 block digest, periodic checkpoint,
 * then the Chronicle write), with the SHA-256 computed on the writer's thread or on a background sealer's, next to
 * its ceiling, a raw Chronicle Queue append of the same bytes
 * ({@code writingDocument} + {@code bytes.unsafeWrite}) to a queue configured the same way, and between the two the
 * raw append with only the XXH64 chain seal added, so the chain's share and the SHA-256 checkpoints' share of the
 * overhead are each visible. Both records the engine journals per tick are measured: the 72-byte tick and the
 * 120-byte transfer.
 * <p>
 * Each iteration writes to fresh queues in a temporary directory, removed after the iteration, so a long run does
 * not fill the disk; the directory root is removed in the trial tear-down. JMH state, one per thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JournalAppendBenchmark
{
    private static final long USD = TokenSymbol.pack("USD");

    /** Record length appended: 72 is a meter tick, 120 a transfer. */
    @Param({"72", "120"})
    public int recordLength;

    /** Where the checkpoints' SHA-256 is computed; the raw append does not depend on it. */
    @Param({"INLINE", "BACKGROUND"})
    public Sealing sealing;

    private final UnsafeBuffer record = new UnsafeBuffer(BufferUtil.allocateDirectAligned(128, 64));
    private Path root;
    private Path iterationDir;
    private int iteration;
    private JournalWriter writer;
    private ChronicleQueue raw;
    private ExcerptAppender rawAppender;
    private final HashChain chain = new HashChain();
    private long sequence;

    /**
     * Creates the temporary root and encodes the record.
     */
    @Setup(Level.Trial)
    public void setUpTrial()
    {
        JvmFlags.requirePresent(getClass().getSimpleName());
        root = TempDirs.create(null, "gridsettle-jmh-journal");
        if (recordLength == MeterTickCodec.LENGTH)
        {
            final MeterTickCodec tick = new MeterTickCodec();
            tick.wrap(record, 0);
            tick.encode(1, 42, MeterTickCodec.CHANNEL_MAIN, 1_783_000_000L, 900, 350, 0, 0);
        }
        else if (recordLength == TransferCodec.LENGTH)
        {
            final TransferCodec transfer = new TransferCodec();
            transfer.wrap(record, 0);
            transfer.encode(1, 1, 1042, 1, USD, 192_931, ReasonCode.ENERGY_CHARGE);
            transfer.explain(42, 1_783_000_000L, 350, 551_230, 9001, 1, 0, 0);
        }
        else
        {
            throw new IllegalArgumentException("recordLength must be 72 or 120: " + recordLength);
        }
    }

    /**
     * Opens a fresh journal and a fresh raw queue.
     */
    @Setup(Level.Iteration)
    public void setUpIteration()
    {
        iterationDir = root.resolve("iteration-" + iteration++);
        writer = new JournalWriter(
            iterationDir.resolve("journal"), Durability.PAGE_CACHE, JournalWriter.DEFAULT_CHECKPOINT_INTERVAL, sealing);
        raw = RawQueues.open(iterationDir.resolve("raw"));
        rawAppender = raw.createAppender();
    }

    /**
     * Closes and deletes this iteration's queues.
     */
    @TearDown(Level.Iteration)
    public void tearDownIteration()
    {
        try
        {
            rawAppender.close();
            raw.close();
            writer.close();
        }
        finally
        {
            TempDirs.delete(iterationDir);
        }
    }

    /**
     * Deletes the temporary root.
     */
    @TearDown(Level.Trial)
    public void tearDownTrial()
    {
        TempDirs.delete(root);
    }

    /**
     * @return the record's position in the journal.
     */
    @Benchmark
    public long journalWriterAppend()
    {
        RecordFlyweight.putSequence(record, 0, ++sequence);
        return writer.append(record, 0, recordLength);
    }

    /**
     * @return the sequence written.
     */
    @Benchmark
    public long rawChronicleAppend()
    {
        final long seq = ++sequence;
        RecordFlyweight.putSequence(record, 0, seq);
        writeRaw();
        return seq;
    }

    /**
     * The raw append of a record sealed into the XXH64 chain first: the writer's work without the SHA-256 block
     * digest, its checkpoints and its bookkeeping.
     *
     * @return the record's chain value.
     */
    @Benchmark
    public long chainedChronicleAppend()
    {
        RecordFlyweight.putSequence(record, 0, ++sequence);
        final long link = chain.seal(record, 0, recordLength);
        writeRaw();
        return link;
    }

    private void writeRaw()
    {
        try (DocumentContext dc = rawAppender.writingDocument())
        {
            dc.wire().bytes().unsafeWrite(record.addressOffset(), recordLength);
        }
    }
}
