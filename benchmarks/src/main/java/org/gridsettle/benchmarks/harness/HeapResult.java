package org.gridsettle.benchmarks.harness;

/**
 * Retained heap per enrolled meter (its account registration included) in each design. Immutable.
 *
 * @param meters                    meters enrolled.
 * @param engineBytesPerMeter       the engine's primitive maps and arrays.
 * @param conventionalBytesPerMeter boxed {@code HashMap}/{@code HashSet} with one object per enrolment.
 */
public record HeapResult(int meters, double engineBytesPerMeter, double conventionalBytesPerMeter)
{
}
