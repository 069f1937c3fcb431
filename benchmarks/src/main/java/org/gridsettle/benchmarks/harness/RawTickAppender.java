package org.gridsettle.benchmarks.harness;

import net.openhft.chronicle.bytes.Bytes;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.gridsettle.journal.pretouch.AppendFrontier;
import org.gridsettle.journal.pretouch.IdlePretoucher;
import org.gridsettle.journal.pretouch.JournalPretoucher;
import org.gridsettle.journal.pretouch.Pretouch;
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
 * The journal I/O of one tick and nothing else: a 72-byte input record and a 120-byte output record, the bytes the
 * engine journals per tick, appended to two bare Chronicle queues configured like the journals. The ceiling for
 * throughput ({@link RawAppendCeiling}) and for latency at an offered rate ({@link OfferedRateRun#rawAppend},
 * {@link HandoffAppendLatency}).
 * <p>
 * With {@link Pretouch#THREAD}, a {@link JournalPretoucher} runs ahead of both queues as it can run ahead of the
 * engine's journals, which shows what the page faults of fresh pages cost the journal I/O at an offered rate. With
 * {@link Pretouch#IDLE}, {@link #pretouchIdle()} prepares the pages ahead when the appending thread calls it between
 * appends, as the engine's wait strategy does.
 * <p>
 * One thread at a time; it may be opened on one thread and used on another that is handed it safely.
 */
final class RawTickAppender implements AutoCloseable
{
    private final UnsafeBuffer input = new UnsafeBuffer(BufferUtil.allocateDirectAligned(128, 64));
    private final UnsafeBuffer output = new UnsafeBuffer(BufferUtil.allocateDirectAligned(128, 64));
    private final ChronicleQueue inputQueue;
    private final ChronicleQueue outputQueue;
    private final ExcerptAppender inputAppender;
    private final ExcerptAppender outputAppender;
    private final AppendFrontier inputFrontier;
    private final AppendFrontier outputFrontier;
    private final AgentRunner pretoucher;
    private final IdlePretoucher idlePretoucher;

    RawTickAppender(final Path dir)
    {
        this(dir, Pretouch.OFF);
    }

    RawTickAppender(final Path dir, final Pretouch pretouch)
    {
        new MeterTickCodec().<MeterTickCodec>wrap(input, 0)
            .encode(0, 1, MeterTickCodec.CHANNEL_MAIN, TickSource.START, TickSource.INTERVAL_SECONDS, 350, 0, 0);
        new TransferCodec().<TransferCodec>wrap(output, 0)
            .encode(0, 0, 1001, 1, TokenSymbol.pack(PeriodTable.TOKEN), 192_931, ReasonCode.ENERGY_CHARGE)
            .explain(1, TickSource.START, 350, 551_230, PeriodTable.TARIFF_ID, 1, 0, 0);
        inputQueue = RawQueues.open(dir.resolve("input"));
        outputQueue = RawQueues.open(dir.resolve("output"));
        inputAppender = inputQueue.createAppender();
        outputAppender = outputQueue.createAppender();
        // opened on one thread and, behind a hand-off, used on another: one thread at a time, as for the journals
        inputAppender.singleThreadedCheckDisabled(true);
        outputAppender.singleThreadedCheckDisabled(true);
        inputFrontier = pretouch != Pretouch.OFF ? new AppendFrontier() : null;
        outputFrontier = pretouch != Pretouch.OFF ? new AppendFrontier() : null;
        pretoucher = pretouch.usesThread() ?
            JournalPretoucher.startOnDaemonThread(
                "raw-append-pretouch", pretouch.threadIsBackstop(), inputFrontier, outputFrontier) : null;
        idlePretoucher = pretouch.usesIdleTime() ?
            new IdlePretoucher(IdlePretoucher.DEFAULT_HEADROOM, inputFrontier, outputFrontier) : null;
    }

    /**
     * Idle work for the appending thread, between appends: prepares a few pages ahead with {@link Pretouch#IDLE} or
     * {@link Pretouch#ADAPTIVE}.
     *
     * @return pages prepared; always 0 in the other modes.
     */
    int pretouchIdle()
    {
        return idlePretoucher == null ? 0 : idlePretoucher.doWork();
    }

    /**
     * @param tick zero-based tick index.
     */
    void append(final long tick)
    {
        // stamp the sequences as the engine would, so no page is written with identical bytes every time
        RecordFlyweight.putSequence(input, 0, tick + 1);
        RecordFlyweight.putSequence(output, 0, tick + 1);
        write(inputAppender, input, MeterTickCodec.LENGTH, inputFrontier);
        write(outputAppender, output, TransferCodec.LENGTH, outputFrontier);
    }

    private static void write(
        final ExcerptAppender appender, final UnsafeBuffer record, final int length, final AppendFrontier frontier)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.unsafeWrite(record.addressOffset(), length);
            if (frontier != null)
            {
                frontier.advance(appender, bytes, bytes.writePosition());
            }
        }
    }

    @Override
    public void close()
    {
        CloseHelper.close(pretoucher);
        if (idlePretoucher != null)
        {
            idlePretoucher.close();
        }
        inputAppender.close();
        outputAppender.close();
        inputQueue.close();
        outputQueue.close();
    }
}
