package org.gridsettle.benchmarks.harness;

/**
 * Retained heap per enrolled meter (its account registration included) in each design. Immutable.
 *
 * @param meters                    meters enrolled.
 * @param engineBytesPerMeter       the engine's primitive maps and arrays, correction window included.
 * @param windowBytesPerMeter       the part of {@code engineBytesPerMeter} that is the correction window, which the
 *                                  sizing target leaves out because its size is the operator's choice.
 * @param conventionalBytesPerMeter boxed {@code HashMap}/{@code HashSet} with one object per enrolment.
 */
public record HeapResult(
    int meters, double engineBytesPerMeter, double windowBytesPerMeter, double conventionalBytesPerMeter)
{
    /**
     * @return the engine's heap per meter without its correction window.
     */
    public double engineBytesExcludingWindow()
    {
        return engineBytesPerMeter - windowBytesPerMeter;
    }
}
