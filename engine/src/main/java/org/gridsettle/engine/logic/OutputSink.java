package org.gridsettle.engine.logic;

import org.agrona.MutableDirectBuffer;

/**
 * Where the state machine's outputs go: the output journal in the engine, a comparer in replay and recovery.
 * Called on the business-logic thread; the record is only valid during the call.
 */
@FunctionalInterface
public interface OutputSink
{
    /**
     * @param buffer a direct buffer holding one encoded output record, not yet sealed.
     * @param offset of the record.
     * @param length whole record length.
     */
    void onOutput(MutableDirectBuffer buffer, int offset, int length);
}
