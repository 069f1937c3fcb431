package org.gridsettle.benchmarks.harness;

import org.gridsettle.engine.PostingListener;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;

/**
 * Turns the engine's output callbacks into latency samples. The engine calls listeners right after the output record
 * is appended to the output journal, so {@code System.nanoTime()} here is the moment the output was journalled. A
 * transfer's cause sequence is the input sequence of its tick; ticks follow the set-up inputs in submission order,
 * so {@code cause - firstTickSequence} is the tick index.
 * <p>
 * Called on the engine's business-logic thread; allocation-free.
 */
public final class EngineLatencyListener implements PostingListener
{
    private final LatencyRecorder recorder;
    private final long firstTickSequence;
    private long rejections;

    /**
     * @param recorder          receives the samples.
     * @param firstTickSequence input sequence of tick 0.
     */
    public EngineLatencyListener(final LatencyRecorder recorder, final long firstTickSequence)
    {
        this.recorder = recorder;
        this.firstTickSequence = firstTickSequence;
    }

    @Override
    public void onTransfer(final TransferCodec transfer)
    {
        recorder.done(transfer.causeSequence() - firstTickSequence, System.nanoTime());
    }

    @Override
    public void onRejection(final RejectionCodec rejection)
    {
        rejections++;
    }

    /**
     * @return rejections seen; read after the engine closed. Must be zero for the benchmark stream.
     */
    public long rejections()
    {
        return rejections;
    }
}
