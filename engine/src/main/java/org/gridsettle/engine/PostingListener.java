package org.gridsettle.engine;

import org.gridsettle.journal.codec.DuplicateAckCodec;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;

/**
 * A host's callback for the engine's outputs, delivered in output-journal order after each record is journalled.
 * <p>
 * Called on the business-logic thread: return quickly and do not block. The flyweights are only valid during the
 * call; copy the fields you need.
 */
public interface PostingListener
{
    /**
     * @param transfer a posted transfer.
     */
    default void onTransfer(final TransferCodec transfer)
    {
    }

    /**
     * @param rejection a rejected input.
     */
    default void onRejection(final RejectionCodec rejection)
    {
    }

    /**
     * @param ack an exact duplicate acknowledged without effect.
     */
    default void onDuplicate(final DuplicateAckCodec ack)
    {
    }
}
