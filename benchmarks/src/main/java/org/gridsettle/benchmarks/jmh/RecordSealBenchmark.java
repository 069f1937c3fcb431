package org.gridsettle.benchmarks.jmh;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.benchmarks.JvmFlags;
import org.gridsettle.journal.JournalWriter;
import org.gridsettle.journal.chain.BlockDigest;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.journal.codec.CheckpointCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What the journal's integrity costs per record on the writer's thread, without the Chronicle write and its page
 * faults, whose run-to-run spread (±20-50 ns in {@link JournalAppendBenchmark}) hides differences of a few
 * nanoseconds: the XXH64 chain seal alone, and the seal plus the SHA-256 block digest with a block sealed every
 * {@link JournalWriter#DEFAULT_CHECKPOINT_INTERVAL} records, as {@link JournalWriter#append} does them.
 * <p>
 * The record's bytes are those of a 72-byte tick or a 120-byte transfer; only their length matters to either hash.
 * JMH state, one per thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordSealBenchmark
{
    /** Record length sealed: 72 is a meter tick, 120 a transfer. */
    @Param({"72", "120"})
    public int recordLength;

    private final UnsafeBuffer record = new UnsafeBuffer(BufferUtil.allocateDirectAligned(128, 64));
    private final HashChain chain = new HashChain();
    private final BlockDigest digest = new BlockDigest();
    private final byte[] sha = new byte[CheckpointCodec.SHA_LENGTH];
    private long sequence;
    private int recordsInBlock;

    /**
     * Fills the record with a fixed pattern.
     */
    @Setup
    public void setUp()
    {
        JvmFlags.requirePresent(getClass().getSimpleName());
        for (int i = 0; i < record.capacity(); i++)
        {
            record.putByte(i, (byte)(i * 7));
        }
    }

    /**
     * @return the record's chain value.
     */
    @Benchmark
    public long chainSeal()
    {
        RecordFlyweight.putSequence(record, 0, ++sequence);
        return chain.seal(record, 0, recordLength);
    }

    /**
     * @return the record's chain value.
     */
    @Benchmark
    public long chainSealAndBlockDigest()
    {
        RecordFlyweight.putSequence(record, 0, ++sequence);
        final long link = chain.seal(record, 0, recordLength);
        digest.add(record, 0, recordLength);
        if (++recordsInBlock == JournalWriter.DEFAULT_CHECKPOINT_INTERVAL)
        {
            recordsInBlock = 0;
            digest.seal(sha);
        }
        return link;
    }
}
