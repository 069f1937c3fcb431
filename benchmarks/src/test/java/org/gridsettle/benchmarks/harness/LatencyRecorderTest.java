package org.gridsettle.benchmarks.harness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorder measures from each tick's intended send time, so a stall is charged to every tick scheduled during
 * it (coordinated omission corrected); warm-up ticks are not recorded; latencies beyond the histogram's range are
 * counted, not silently clamped.
 */
class LatencyRecorderTest
{
    private static final long MICRO = 1_000L;

    @Test
    void latencyRunsFromTheIntendedSendTimeSoAStallCountsAgainstEveryTickItDelayed()
    {
        // ticks due every 10 µs; the consumer stalls until 1,000 µs, then finishes each tick at once
        final LatencyRecorder recorder = new LatencyRecorder(5, 0);
        for (int tick = 0; tick < 5; tick++)
        {
            recorder.intended(tick, tick * 10 * MICRO);
        }
        for (int tick = 0; tick < 5; tick++)
        {
            recorder.done(tick, 1_000 * MICRO);
        }

        assertThat(recorder.histogram().getTotalCount()).isEqualTo(5);
        // 1,000 - 0 = 1,000 µs for the first tick, 1,000 - 40 = 960 µs for the last, not 0 µs after the stall
        assertThat(recorder.histogram().getMaxValue() / MICRO).isBetween(999L, 1_001L);
        assertThat(recorder.histogram().getMinValue() / MICRO).isBetween(959L, 961L);
        assertThat(recorder.completed()).isEqualTo(5);
        assertThat(recorder.clamped()).isZero();
    }

    @Test
    void warmUpTicksCompleteButAreNotRecorded()
    {
        final LatencyRecorder recorder = new LatencyRecorder(4, 2);
        for (int tick = 0; tick < 4; tick++)
        {
            recorder.intended(tick, 0);
            recorder.done(tick, (tick + 1) * MICRO);
        }

        assertThat(recorder.completed()).isEqualTo(4);
        assertThat(recorder.histogram().getTotalCount()).isEqualTo(2);
        assertThat(recorder.histogram().getMinValue() / MICRO).isEqualTo(3);
    }

    @Test
    void aLatencyBeyondTheTrackableRangeIsCounted()
    {
        final LatencyRecorder recorder = new LatencyRecorder(2, 0);
        recorder.intended(0, 0);
        recorder.intended(1, 0);
        recorder.done(0, MICRO);
        recorder.done(1, LatencyRecorder.HIGHEST_TRACKABLE_NANOS + 1);

        assertThat(recorder.clamped()).isEqualTo(1);
        assertThat(recorder.histogram().getTotalCount()).isEqualTo(2);
    }
}
