package org.gridsettle.benchmarks.jmh;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.benchmarks.JvmFlags;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Encoding then decoding one record with the journal's flyweights over a 64-byte-aligned direct
 * {@link UnsafeBuffer}: the 72-byte {@link MeterTickCodec} and the 120-byte {@link TransferCodec}. Next to each, the
 * ceiling for the same number of bytes: a plain buffer-to-buffer copy of the record and one read back.
 * <p>
 * Runs with the build's JVM flags, so Agrona bounds checks are on, as in production. JMH state, one per thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark
{
    private static final long USD = TokenSymbol.pack("USD");

    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(256, 64));
    private final UnsafeBuffer source = new UnsafeBuffer(BufferUtil.allocateDirectAligned(256, 64));
    private final MeterTickCodec tickEncoder = new MeterTickCodec();
    private final MeterTickCodec tickDecoder = new MeterTickCodec();
    private final TransferCodec transferEncoder = new TransferCodec();
    private final TransferCodec transferDecoder = new TransferCodec();
    private long counter;

    /**
     * Wraps the flyweights and fills the copy source.
     */
    @Setup
    public void setUp()
    {
        JvmFlags.requirePresent(getClass().getSimpleName());
        tickEncoder.wrap(buffer, 0);
        tickDecoder.wrap(buffer, 0);
        transferEncoder.wrap(buffer, 0);
        transferDecoder.wrap(buffer, 0);
        for (int i = 0; i < 256; i++)
        {
            source.putByte(i, (byte)i);
        }
    }

    /**
     * @return a sum of the decoded fields.
     */
    @Benchmark
    public long tickEncodeDecode()
    {
        final long n = ++counter;
        tickEncoder.encode(n, n & 0xFFFF, MeterTickCodec.CHANNEL_MAIN, 1_783_000_000L + n * 900, 900, n & 0x3FF,
            0, 0);
        return tickDecoder.sequence() + tickDecoder.meterId() + tickDecoder.intervalStart() +
            tickDecoder.intervalSeconds() + tickDecoder.importWh() + tickDecoder.exportWh() + tickDecoder.channel() +
            tickDecoder.flags();
    }

    /**
     * @return a sum of the decoded fields.
     */
    @Benchmark
    public long transferEncodeDecode()
    {
        final long n = ++counter;
        transferEncoder.encode(n, n, 1000 + (n & 0xFFFF), 1, USD, n & 0xFFFFF, ReasonCode.ENERGY_CHARGE);
        transferEncoder.explain(n & 0xFFFF, 1_783_000_000L + n * 900, n & 0x3FF, 551_230, 9001, 1, 0, 0);
        return transferDecoder.sequence() + transferDecoder.causeSequence() + transferDecoder.debitAccount() +
            transferDecoder.creditAccount() + transferDecoder.amount() + transferDecoder.token() +
            transferDecoder.reasonCode() + transferDecoder.meterId() + transferDecoder.intervalStart() +
            transferDecoder.energyWh() + transferDecoder.rate() + transferDecoder.tariffId() +
            transferDecoder.tariffVersion() + transferDecoder.period() + transferDecoder.tier();
    }

    /**
     * @return one word of the copied tick.
     */
    @Benchmark
    public long tickCopyCeiling()
    {
        source.putLong(8, ++counter);
        buffer.putBytes(0, source, 0, MeterTickCodec.LENGTH);
        return buffer.getLong(8);
    }

    /**
     * @return one word of the copied transfer.
     */
    @Benchmark
    public long transferCopyCeiling()
    {
        source.putLong(8, ++counter);
        buffer.putBytes(0, source, 0, TransferCodec.LENGTH);
        return buffer.getLong(8);
    }
}
