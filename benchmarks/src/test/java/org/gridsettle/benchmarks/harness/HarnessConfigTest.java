package org.gridsettle.benchmarks.harness;

import org.gridsettle.journal.Sealing;
import org.gridsettle.journal.pretouch.Pretouch;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HarnessConfigTest
{
    private static final Path ROOT = Path.of("bench-results");

    @Test
    void sealsInlineUnlessToldOtherwise()
    {
        final HarnessConfig quick = HarnessConfig.parse(new String[] {"--quick"}, ROOT);
        assertThat(quick.sealing()).isEqualTo(Sealing.INLINE);
        assertThat(quick.label()).isEqualTo("quick");
    }

    @Test
    void backgroundSealingIsAChoiceTheLabelOwnsUpTo()
    {
        final HarnessConfig config = HarnessConfig.parse(new String[] {"--quick", "--sealing", "background"}, ROOT);
        assertThat(config.sealing()).isEqualTo(Sealing.BACKGROUND);
        assertThat(config.label()).isEqualTo("quick+");
        assertThat(config.ticks()).isEqualTo(HarnessConfig.quick(ROOT).ticks());
    }

    @Test
    void refusesAnUnknownSealing()
    {
        assertThatThrownBy(() -> HarnessConfig.parse(new String[] {"--sealing", "sideways"}, ROOT))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("--sealing must be inline or background: sideways");
    }

    @Test
    void measuresHeapPerMeterAtAMillionMetersInTheFullRun()
    {
        // issue #7: "Heap per enrolled meter, at 1M meters"; the quick run keeps to 100,000 to stay within minutes
        assertThat(HarnessConfig.parse(new String[0], ROOT).heapMeters()).isEqualTo(1_000_000);
        assertThat(HarnessConfig.parse(new String[] {"--quick"}, ROOT).heapMeters()).isEqualTo(100_000);
        final HarnessConfig custom = HarnessConfig.parse(new String[] {"--quick", "--heap-meters", "250,000"}, ROOT);
        assertThat(custom.heapMeters()).isEqualTo(250_000);
        assertThat(custom.meters()).isEqualTo(HarnessConfig.quick(ROOT).meters());
        assertThat(custom.label()).isEqualTo("quick+");
    }

    @Test
    void refusesAnEmptyHeapFleet()
    {
        assertThatThrownBy(() -> HarnessConfig.parse(new String[] {"--heap-meters", "0"}, ROOT))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("--heap-meters must be 1 to 16,777,216: 0");
    }

    @Test
    void enrolsInTickOrderUnlessToldToShuffle()
    {
        assertThat(HarnessConfig.parse(new String[] {"--quick"}, ROOT).shuffledEnrolment()).isFalse();
        final HarnessConfig shuffled = HarnessConfig.parse(new String[] {"--quick", "--enrol-order", "shuffled"}, ROOT);
        assertThat(shuffled.shuffledEnrolment()).isTrue();
        assertThat(shuffled.label()).isEqualTo("quick+");
        assertThatThrownBy(() -> HarnessConfig.parse(new String[] {"--enrol-order", "alphabetical"}, ROOT))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("--enrol-order must be tick or shuffled: alphabetical");
    }

    @Test
    void runsTheEngineInItsDefaultPretouchModeUnlessToldOtherwise()
    {
        // the engine's own default: pages prepared on the business-logic thread while it waits, a thread as backstop
        assertThat(HarnessConfig.parse(new String[] {"--quick"}, ROOT).pretouch()).isEqualTo(Pretouch.ADAPTIVE);
        assertThat(HarnessConfig.parse(new String[] {"--pretouch", "idle"}, ROOT).pretouch()).isEqualTo(Pretouch.IDLE);
        final HarnessConfig off = HarnessConfig.parse(new String[] {"--quick", "--pretouch", "off"}, ROOT);
        assertThat(off.pretouch()).isEqualTo(Pretouch.OFF);
        assertThat(off.label()).isEqualTo("quick+");
        assertThat(HarnessConfig.parse(new String[] {"--pretouch", "thread"}, ROOT).pretouch())
            .isEqualTo(Pretouch.THREAD);
        assertThatThrownBy(() -> HarnessConfig.parse(new String[] {"--pretouch", "on"}, ROOT))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("--pretouch must be off, idle, thread or adaptive: on");
    }

    @Test
    void refusesRateSecondsThatAreNotAFinitePositiveNumberNamingTheOption()
    {
        // NaN passed "rateSeconds <= 0" and started a full run whose offered-rate phases could never be timed
        for (final String bad : new String[] {"NaN", "Infinity", "0", "-1", "abc"})
        {
            assertThatThrownBy(() -> HarnessConfig.parse(new String[] {"--quick", "--rate-seconds", bad}, ROOT))
                .as(bad).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--rate-seconds must be").hasMessageContaining(bad);
        }
    }

    @Test
    void refusesACountBeyondItsTypeInsteadOfWrappingIt()
    {
        // 4,294,967,297 was cast to an int: 1 meter, and the run went ahead measuring heap per meter over one meter
        assertThatThrownBy(() -> HarnessConfig.parse(new String[] {"--quick", "--heap-meters", "4294967297"}, ROOT))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("--heap-meters must be 1 to 16,777,216: 4294967297");
        assertThatThrownBy(() -> HarnessConfig.parse(new String[] {"--quick", "--meters", "3000000000"}, ROOT))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("--meters must be 1 to 16,777,216: 3000000000");
        assertThatThrownBy(() -> HarnessConfig.parse(new String[] {"--quick", "--rounds", "4294967297"}, ROOT))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("--rounds must be 1 to ");
    }

    @Test
    void refusesMoreMetersThanTheEngineTakesBeforeAnyPhaseRuns()
    {
        // SettlementEngine.Builder.expectedMeters refuses more than 2^24: the run used to fail only after its
        // first ceiling phase, with a stack trace
        assertThatThrownBy(() -> HarnessConfig.parse(
            new String[] {"--quick", "--meters", "16777217", "--ticks", "20000000"}, ROOT))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("--meters must be 1 to 16,777,216: 16777217");
        assertThatThrownBy(() -> HarnessConfig.parse(new String[] {"--quick", "--heap-meters", "16777217"}, ROOT))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("--heap-meters must be 1 to 16,777,216: 16777217");
    }

    @Test
    void refusesAnOfferedRateRunLongerThanTheLatencyRecorderHoldsBeforeAnyPhaseRuns()
    {
        // LatencyRecorder keeps one intended time per tick in an array: 100M ticks/s for 30 s is 3 billion, which
        // failed only once the throughput phases were over
        assertThatThrownBy(() -> HarnessConfig.parse(
            new String[] {"--quick", "--rates", "100000000", "--rate-seconds", "30"}, ROOT))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("100,000,000 ticks/s").hasMessageContaining("--rate-seconds");
    }

    @Test
    void refusesAnOfferedRateGivenTwice()
    {
        // each rate's histogram goes to latency-<design>-<rate>.hgrm: the second run of a rate overwrote the first's
        // file while the report listed both rows
        assertThatThrownBy(() -> HarnessConfig.parse(new String[] {"--quick", "--rates", "50000,200000,50000"}, ROOT))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("rates must differ, each has its own .hgrm files: [50000, 200000, 50000]");
    }
}
