package org.gridsettle.pricing.importer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The row checks both interval series importers apply as rows arrive; the order messages are read through
 * {@link IntervalSeriesCsvTest} and the carbon and oracle importer tests.
 */
class IntervalSeriesRowsTest
{
    @Test
    void keepsEveryRowInOrderPastTheFirstGrowth()
    {
        final IntervalSeriesRows rows = new IntervalSeriesRows("f", "node N1");
        for (int i = 0; i < 200; i++)
        {
            assertThat(rows.add(i * 60L, 60, -i, "line " + (i + 2))).isEqualTo(i);
        }

        assertThat(rows.size()).isEqualTo(200);
        assertThat(rows.starts()).hasSize(200).endsWith(199 * 60L);
        assertThat(rows.seconds()).hasSize(200).containsOnly(60);
        assertThat(rows.values()).hasSize(200).startsWith(0, -1).endsWith(-199);
    }

    @Test
    void aRefusedRowLeavesTheRowsAsTheyWere()
    {
        final IntervalSeriesRows rows = new IntervalSeriesRows("f", "region GB");
        rows.add(0, 60, 1, "data[0].from");

        assertThatThrownBy(() -> rows.add(60, 0, 2, "data[1].from"))
            .isInstanceOf(ImportException.class)
            .hasMessage("f: data[1].from: expected an interval of at least 1 second, found 0 seconds");
        // a 5-minute interval given in milliseconds
        assertThatThrownBy(() -> rows.add(60, 300_000, 2, "data[1].from"))
            .isInstanceOf(ImportException.class)
            .hasMessage("f: data[1].from: expected an interval of at most a day (86400 seconds), found 300000 " +
                "seconds (milliseconds taken for seconds?)");
        assertThatThrownBy(() -> rows.add(30, 60, 2, "data[1].from"))
            .hasMessage("f: data[1].from: expected a start at or after 60 (end of the interval of region GB at " +
                "data[0].from), found an overlap starting at 30");
        assertThatThrownBy(() -> rows.add(Long.MAX_VALUE - 10, 60, 2, "data[1].from"))
            .hasMessage("f: data[1].from: expected an interval whose end fits in epoch seconds");

        rows.add(60, 60, 3, "data[1].from");
        assertThat(rows.starts()).containsExactly(0, 60);
        assertThat(rows.values()).containsExactly(1, 3);
    }
}
