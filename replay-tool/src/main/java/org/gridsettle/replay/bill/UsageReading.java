package org.gridsettle.replay.bill;

/**
 * One interval reading of the meter being billed, as read from its usage file.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param channel         register channel.
 * @param start           interval start, epoch seconds.
 * @param seconds         interval length.
 * @param importWh        energy imported.
 * @param exportWh        energy exported.
 */
public record UsageReading(int channel, long start, int seconds, long importWh, long exportWh)
{
}
