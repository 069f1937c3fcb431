package org.gridsettle.benchmarks.harness;

import java.util.Comparator;
import java.util.List;

/**
 * One design's throughput over several rounds. On a shared 2-core machine one stretch can be slowed by a neighbour,
 * so the report shows the median round next to the slowest and fastest. Immutable.
 *
 * @param results one result per round, in the order run.
 */
public record Rounds(List<ThroughputResult> results)
{
    /**
     * Copies the list.
     */
    public Rounds
    {
        if (results.isEmpty())
        {
            throw new IllegalArgumentException("no rounds");
        }
        results = List.copyOf(results);
    }

    /**
     * @return the round with the median rate (the lower middle one for an even count).
     */
    public ThroughputResult median()
    {
        final List<ThroughputResult> sorted =
            results.stream().sorted(Comparator.comparingDouble(ThroughputResult::perSecond)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    /**
     * @return the slowest round's rate.
     */
    public double minPerSecond()
    {
        return results.stream().mapToDouble(ThroughputResult::perSecond).min().orElseThrow();
    }

    /**
     * @return the fastest round's rate.
     */
    public double maxPerSecond()
    {
        return results.stream().mapToDouble(ThroughputResult::perSecond).max().orElseThrow();
    }
}
