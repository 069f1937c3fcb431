package org.gridsettle.benchmarks.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hand-off phase's consumer appends on a thread of its own: when an append fails (a full scratch disk faults as
 * an InternalError), the phase must fail with that error. It used to log it through the Disruptor's handler, which
 * ended the consumer, and then wait for ever: the producer for room in the ring, then the shutdown for the ring to
 * drain. The timeout only stops a hang from stopping the build; no speed is asserted.
 */
class HandoffAppendLatencyTest
{
    private static final HarnessConfig CONFIG = HarnessConfig.tiny(Path.of("unused"));
    private static final long RATE = 20_000;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFailingAppendFailsThePhaseInsteadOfHangingIt()
    {
        final LongConsumer failing = tick ->
        {
            if (tick >= 100)
            {
                throw new InternalError("a fault occurred in a recent unsafe memory access operation");
            }
        };

        assertThatThrownBy(() -> HandoffAppendLatency.run(CONFIG, RATE, failing, () -> 0))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("unsafe memory access")
            .hasMessageContaining("hand-off");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyTickIsRecordedWhenTheAppendsSucceed()
    {
        final LatencyResult result = HandoffAppendLatency.run(CONFIG, RATE, tick -> { }, () -> 0);

        assertThat(result.histogram().getTotalCount()).isEqualTo(OfferedRateRun.measuredTicks(CONFIG, RATE));
        assertThat(result.design()).isEqualTo("handoff-append");
    }
}
