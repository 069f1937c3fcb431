package org.gridsettle.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paced producer of every latency row charges a stall to each tick that was due during it (coordinated
 * omission corrected), not only to the tick that was held up: LatencyRecorderTest checks the recorder given intended
 * times, this checks that pace() gives it the schedule's times rather than the moments it managed to send. Only
 * lower bounds that the stall itself guarantees are asserted.
 */
class OfferedRateRunTest
{
    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void aStallCountsAgainstEveryTickDueDuringIt()
    {
        // 1,000 ticks/s: tick k is due k ms after the start; submitting tick 0 takes 50 ms, so tick k (k < 20),
        // sent only after the stall, waited at least 50 - k ms from when it was due
        final LatencyRecorder recorder = new LatencyRecorder(20, 0);
        OfferedRateRun.pace(1_000, 20, 0, recorder, tick ->
        {
            if (tick == 0)
            {
                final long until = System.nanoTime() + 50 * MILLI;
                while (System.nanoTime() < until)
                {
                    LockSupport.parkNanos(until - System.nanoTime());
                }
            }
            recorder.done(tick, System.nanoTime());
        });

        assertThat(recorder.histogram().getTotalCount()).isEqualTo(20);
        // the smallest latency is the last tick's, at least 50 - 19 ms; sent when sent, it would be about zero
        assertThat(recorder.histogram().getMinValue()).isGreaterThanOrEqualTo(30 * MILLI);
    }
}
