package org.gridsettle.engine;

/**
 * What an engine has done since its journal was created.
 * <p>
 * Threading: immutable, safe to share; {@link SettlementEngine#counters()} makes one, valid after close.
 *
 * @param inputs      input records journalled.
 * @param outputs     output records journalled.
 * @param ticksPriced ticks accepted and priced.
 * @param transfers   transfers posted.
 * @param rejections  inputs rejected.
 */
public record EngineCounters(long inputs, long outputs, long ticksPriced, long transfers, long rejections)
{
}
