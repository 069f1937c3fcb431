package org.gridsettle.benchmarks.harness;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.benchmarks.RawQueues;
import org.gridsettle.benchmarks.workload.PeriodTable;
import org.gridsettle.benchmarks.workload.TickSource;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;

import java.nio.file.Path;

/**
 * The ceiling the engine is judged against: what one thread can append to two Chronicle queues configured like the
 * journals when it does nothing else, per tick one 72-byte input record and one 120-byte output record, the same
 * bytes the engine journals. No hash chain, no checkpoints, no pricing, no hand-off.
 * <p>
 * Timed like the engine run: the warm-up share of ticks first, then the clock. Runs on the calling thread.
 */
public final class RawAppendCeiling
{
    private RawAppendCeiling()
    {
    }

    /**
     * @param config sizes.
     * @param dir    an empty scratch directory.
     * @return ticks per second; allocation of the calling thread included.
     */
    public static ThroughputResult run(final HarnessConfig config, final Path dir)
    {
        final UnsafeBuffer input = new UnsafeBuffer(BufferUtil.allocateDirectAligned(128, 64));
        final UnsafeBuffer output = new UnsafeBuffer(BufferUtil.allocateDirectAligned(128, 64));
        final MeterTickCodec tick = new MeterTickCodec();
        tick.wrap(input, 0);
        tick.encode(0, 1, MeterTickCodec.CHANNEL_MAIN, TickSource.START, TickSource.INTERVAL_SECONDS, 350, 0, 0);
        final TransferCodec transfer = new TransferCodec();
        transfer.wrap(output, 0);
        transfer.encode(0, 0, 1001, 1, TokenSymbol.pack(PeriodTable.TOKEN), 192_931, ReasonCode.ENERGY_CHARGE);
        transfer.explain(1, TickSource.START, 350, 551_230, PeriodTable.TARIFF_ID, 1, 0, 0);
        try (ChronicleQueue in = RawQueues.open(dir.resolve("input"));
            ChronicleQueue out = RawQueues.open(dir.resolve("output"));
            ExcerptAppender inAppender = in.createAppender();
            ExcerptAppender outAppender = out.createAppender())
        {
            final long warmup = config.warmupTicks();
            append(inAppender, outAppender, input, output, 0, warmup);
            final long thread = Thread.currentThread().getId();
            final long bytesBefore = ThreadAllocation.allocatedBytes(thread);
            final long start = System.nanoTime();
            append(inAppender, outAppender, input, output, warmup, config.ticks());
            final long end = System.nanoTime();
            final long bytesAfter = ThreadAllocation.allocatedBytes(thread);
            return new ThroughputResult(config.ticks() - warmup, end - start, bytesAfter - bytesBefore);
        }
    }

    private static void append(
        final ExcerptAppender inAppender,
        final ExcerptAppender outAppender,
        final UnsafeBuffer input,
        final UnsafeBuffer output,
        final long from,
        final long to)
    {
        for (long i = from; i < to; i++)
        {
            // stamp the sequences as the engine would, so no page is written with identical bytes every time
            RecordFlyweight.putSequence(input, 0, i + 1);
            RecordFlyweight.putSequence(output, 0, i + 1);
            write(inAppender, input, MeterTickCodec.LENGTH);
            write(outAppender, output, TransferCodec.LENGTH);
        }
    }

    private static void write(final ExcerptAppender appender, final UnsafeBuffer record, final int length)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().unsafeWrite(record.addressOffset(), length);
        }
    }
}
