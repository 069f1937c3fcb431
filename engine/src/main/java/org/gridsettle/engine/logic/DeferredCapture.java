package org.gridsettle.engine.logic;

import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.snapshot.IncrementalCopy;
import org.gridsettle.engine.snapshot.StateOutput;


/**
 * The part of a snapshot capture that does not stop the business-logic thread: the correction window (its eviction
 * watermarks, in a section at the capture's end, included) and the billing accumulators, about 85% of a capture's
 * time (at 100,000 meters, warm: 14 and 9 ms of 27), the meter registry's columns, and, through
 * {@link Ledger#writeStateDeferred}, the ledger's balances. The per-meter sections are fixed-size, so their bytes have
 * known places when the capture starts: it claims them, and each meter's bytes are copied either a few meters at a time between inputs ({@link #step}) or, copy-on-write, just before an input changes
 * that meter ({@link #beforeChange}). Either way every meter is copied as it was when the capture started, and the
 * bytes are those a capture that stopped the thread would have written.
 * <p>
 * That holds only if nothing changes those structures without {@link #beforeChange} first: a tick changes only
 * its own meter's window and accumulator entries and never a registry field, and the engine finishes a pending
 * capture ({@link #finish}) before any input that is not a tick, since a calendar close or an enrolment may change any
 * meter's. The ledger guards its own balances the same way, before each posting. A tick also changes state that is
 * not deferred (DR history, hourly netting, daily tier totals): those sections are written whole when the capture
 * starts, so what the tick changes afterwards is not in the capture either.
 * <p>
 * Threading: the business-logic thread only, or the thread that closes the engine after that one has stopped.
 */
final class DeferredCapture extends IncrementalCopy
{
    private final Ledger ledger;
    private final MeterRegistry registry;
    private final TickWindow window;
    private final BillingAccumulators billing;
    private StateOutput out;
    private long registryBase;
    private long windowBase;
    private long billingBase;
    private long watermarkBase;
    private int meterCount;

    DeferredCapture(
        final Ledger ledger, final MeterRegistry registry, final TickWindow window, final BillingAccumulators billing)
    {
        this.ledger = ledger;
        this.registry = registry;
        this.window = window;
        this.billing = billing;
    }

    /**
     * @param meterCount meters enrolled now.
     * @return whether the window's and the accumulators' sections can be written a meter at a time; if not, the
     *     caller writes every section whole.
     */
    boolean deferrable(final int meterCount)
    {
        return !pending() && window.sectionBytes(meterCount) >= 0 && window.watermarkSectionBytes(meterCount) >= 0 &&
            billing.sectionBytes(meterCount) >= 0;
    }

    /**
     * Claims the window's and the accumulators' sections in the capture and writes their counts; the meters' bytes
     * follow, with their registry columns, claimed already ({@link MeterRegistry#writeSectionHead}). Call only if
     * {@link #deferrable} said so.
     *
     * @param out          the capture, written up to where the window's section goes.
     * @param meterCount   meters enrolled now.
     * @param registryBase where the registry's columns were claimed.
     */
    void begin(final StateOutput out, final int meterCount, final long registryBase)
    {
        this.registryBase = registryBase;
        windowBase = out.claim(window.sectionBytes(meterCount));
        window.writeSectionHead(out, windowBase, meterCount);
        billingBase = out.claim(billing.sectionBytes(meterCount));
        billing.writeSectionHead(out, billingBase, meterCount);
        this.meterCount = meterCount;
        this.out = out;
        start(meterCount);
    }

    /**
     * Claims the section of the window's eviction watermarks, at the end of the capture, and writes its count. Call
     * right after the sections that follow the accumulators are written, before anything is copied: no input runs
     * between {@link #begin} and this, so no meter is copied before its watermark has a place.
     *
     * @param out the capture, written up to its end.
     */
    void claimWatermarks(final StateOutput out)
    {
        watermarkBase = out.claim(window.watermarkSectionBytes(meterCount));
        window.writeWatermarkHead(out, watermarkBase, meterCount);
    }

    /**
     * @return whether meters or ledger accounts remain to be copied.
     */
    boolean pending()
    {
        return copying() || ledger.capturePending();
    }

    /**
     * Copies up to {@code meters} more meters that have not been copied yet, and as many of the ledger's accounts.
     *
     * @param meters how many at most.
     * @return true if the capture is complete.
     */
    boolean step(final int meters)
    {
        final boolean balancesCopied = ledger.captureStep(meters);
        return copyNext(meters) && balancesCopied;
    }

    /**
     * Copies every meter and account not copied yet.
     */
    void finish()
    {
        step(Integer.MAX_VALUE);
    }

    @Override
    protected void copy(final int meter)
    {
        registry.writeSectionMeter(out, registryBase, meterCount, meter);
        window.writeSectionMeter(out, windowBase, meterCount, meter);
        billing.writeSectionMeter(out, billingBase, meterCount, meter);
        window.writeWatermarkMeter(out, watermarkBase, meter);
    }
}
