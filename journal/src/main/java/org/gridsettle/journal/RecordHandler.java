package org.gridsettle.journal;

import org.agrona.DirectBuffer;

/**
 * Receives journal records one at a time. The buffer is only valid during the call: copy what must outlive it.
 */
@FunctionalInterface
public interface RecordHandler
{
    /**
     * @param buffer   holding the record.
     * @param offset   of the record.
     * @param length   whole record length.
     * @param position zero-based position of the record in its journal.
     */
    void onRecord(DirectBuffer buffer, int offset, int length, long position);
}
