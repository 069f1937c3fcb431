package org.gridsettle.benchmarks.harness;

import org.HdrHistogram.Histogram;

/**
 * One design at one offered rate: the rate it was offered, the rate it achieved over the measured window, and the
 * corrected latency histogram in nanoseconds. Treat the histogram as read-only.
 *
 * @param design       "engine" or "conventional".
 * @param offeredRate  ticks per second the schedule asked for.
 * @param achievedRate ticks per second completed over the measured window.
 * @param histogram    latency from intended send to output written, nanoseconds.
 */
public record LatencyResult(String design, long offeredRate, double achievedRate, Histogram histogram)
{
    /**
     * @param percentile 0..100.
     * @return latency at that percentile, microseconds.
     */
    public double micros(final double percentile)
    {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /**
     * @return the largest latency, microseconds.
     */
    public double maxMicros()
    {
        return histogram.getMaxValue() / 1000.0;
    }
}
