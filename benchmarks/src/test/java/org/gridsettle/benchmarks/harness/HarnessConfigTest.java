package org.gridsettle.benchmarks.harness;

import org.gridsettle.journal.Sealing;
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
}
