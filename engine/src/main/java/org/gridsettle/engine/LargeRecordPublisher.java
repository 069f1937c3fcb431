package org.gridsettle.engine;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.codec.CarbonIntensityCodec;
import org.gridsettle.journal.codec.OraclePriceCodec;
import org.gridsettle.journal.codec.PricingNodeField;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.pricing.carbon.CarbonIntensitySeries;
import org.gridsettle.pricing.oracle.OraclePriceSeries;
import org.gridsettle.pricing.tariff.TouTariff;

import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/**
 * Submits the inputs too large for a ring slot's inline buffer: a tariff version, journalled whole, and series of
 * carbon intensity or oracle prices, journalled as one record per run of contiguous, equal-length intervals. Each
 * record is encoded into a buffer of its own, allocated per record (these inputs are rare and not on the hot path),
 * which the slot carries to the business-logic thread.
 * <p>
 * Threading: called on a producer thread, under the same rules as every submission ({@link SubmissionGate}); it
 * keeps no state of its own, so producers of a multi-producer engine may call it at once. A series submitted in
 * several records is admitted once for all of them, so that a close waits for the whole series.
 */
final class LargeRecordPublisher
{
    private final SubmissionGate gate;

    /**
     * @param gate the engine's submission gate.
     */
    LargeRecordPublisher(final SubmissionGate gate)
    {
        this.gate = gate;
    }

    /**
     * @param tariff the version, journalled whole.
     */
    void tariff(final TouTariff tariff)
    {
        gate.enter();
        try
        {
            final int length = TariffVersionCodec.encodedLength(tariff);
            final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(align(length), 64));
            final TariffVersionCodec codec = new TariffVersionCodec();
            codec.wrap(buffer, 0);
            codec.encode(0, tariff);
            publishLarge(buffer, length);
        }
        finally
        {
            gate.leave();
        }
    }

    /**
     * @param regionSymbol packed region code.
     * @param series       the values, missing ones marked as such.
     */
    void carbonIntensity(final long regionSymbol, final CarbonIntensitySeries series)
    {
        gate.enter();
        try
        {
            final int n = series.size();
            final long[] values = new long[n];
            final byte[] sources = new byte[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = series.mgPerKwhAt(i);
                sources[i] = series.sourceAt(i);
            }
            int from = 0;
            while (from < n)
            {
                final int to = runEnd(from, n, CarbonIntensityCodec.MAX_VALUES, series::startAt, series::secondsAt);
                final int length = CarbonIntensityCodec.lengthFor(to - from);
                final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(align(length), 64));
                final CarbonIntensityCodec codec = new CarbonIntensityCodec();
                codec.wrap(buffer, 0);
                codec.encode(0, regionSymbol, series.startAt(from), series.secondsAt(from), values, sources, from,
                    to - from);
                publishLarge(buffer, length);
                from = to;
            }
        }
        finally
        {
            gate.leave();
        }
    }

    /**
     * @param series the node's prices, micro-units per MWh.
     * @throws IllegalArgumentException if the node name is not valid ({@link PricingNodeField#problem}).
     */
    void oraclePrices(final OraclePriceSeries series)
    {
        gate.enter();
        try
        {
            PricingNodeField.requireValid(series.node());
            final int n = series.size();
            final long[] values = new long[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = series.microsPerMwhAt(i);
            }
            int from = 0;
            while (from < n)
            {
                final int to = runEnd(from, n, OraclePriceCodec.MAX_VALUES, series::startAt, series::secondsAt);
                final int length = OraclePriceCodec.lengthFor(to - from);
                final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(align(length), 64));
                new OraclePriceCodec().<OraclePriceCodec>wrap(buffer, 0)
                    .encode(0, series.node(), series.startAt(from), series.secondsAt(from), values, from, to - from);
                publishLarge(buffer, length);
                from = to;
            }
        }
        finally
        {
            gate.leave();
        }
    }

    /**
     * @return the end (exclusive) of the run of contiguous, equal-length intervals of a series that starts at
     *         {@code from}, at most {@code max} long: what one series record can hold.
     */
    private static int runEnd(
        final int from,
        final int size,
        final int max,
        final IntToLongFunction startAt,
        final IntUnaryOperator secondsAt)
    {
        int to = from + 1;
        while (to < size && to - from < max && secondsAt.applyAsInt(to) == secondsAt.applyAsInt(from) &&
            startAt.applyAsLong(to) == startAt.applyAsLong(to - 1) + secondsAt.applyAsInt(to - 1))
        {
            to++;
        }
        return to;
    }

    /** Journals a record too large for a ring slot's inline buffer; the caller has admitted the submission. */
    private void publishLarge(final UnsafeBuffer buffer, final int length)
    {
        final long seq = gate.claim();
        try
        {
            gate.slot(seq).attachLarge(buffer, length);
        }
        finally
        {
            gate.publish(seq);
        }
    }

    private static int align(final int length)
    {
        return (length + 63) & ~63;
    }
}
