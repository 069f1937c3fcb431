package org.gridsettle.pricing.oracle;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OraclePriceSeriesTest
{
    private static final long T0 = 1_678_755_600L; // 2023-03-14T01:00Z

    @Test
    void indexAtTreatsStartAsInclusiveAndEndAsExclusiveAndKeepsNegativePrices()
    {
        final OraclePriceSeries series = OraclePriceSeries.of(
            "HB_WEST", new long[]{ T0, T0 + 900, T0 + 2700 }, new int[]{ 900, 900, 900 },
            new long[]{ 45_670, -12_500, 0 });

        assertThat(series.indexAt(T0 - 1)).isEqualTo(-1);
        assertThat(series.indexAt(T0)).isEqualTo(0);
        assertThat(series.indexAt(T0 + 899)).isEqualTo(0);
        assertThat(series.indexAt(T0 + 900)).isEqualTo(1);
        assertThat(series.microsPerMwhAt(1)).isEqualTo(-12_500);
        assertThat(series.indexAt(T0 + 1800)).isEqualTo(-1); // gap
        assertThat(series.indexAt(T0 + 2700)).isEqualTo(2);
        assertThat(series.indexAt(T0 + 3600)).isEqualTo(-1);
    }
}
