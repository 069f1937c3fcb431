package org.gridsettle.engine;

import org.gridsettle.journal.codec.DuplicateAckCodec;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;

/**
 * A host's callback for the engine's outputs, delivered in output-journal order after each record is journalled.
 * Journalled is not yet durable: under {@link org.gridsettle.journal.Durability#SYNC_ON_BATCH} the record is forced
 * to the device at the end of its batch, after this call, and is as durable as the durability promises once
 * {@link SettlementEngine#appliedSequence()} reaches its cause sequence. A host that acts on an output in a way it
 * cannot take back (a payout) waits for that.
 * <p>
 * Threading: called on the business-logic thread, and during {@link SettlementEngine#start()} on the thread that
 * calls it, for the outputs recovery appends (those a crash lost after their input was journalled). Return quickly
 * and do not block: every input waits. Do not wait on the engine from here: {@code queryBalance(..).get()}
 * would wait for an answer only this thread gives, and {@link SettlementEngine#close()}, and a submission that finds
 * the ring full, would wait for this thread too; each throws {@link IllegalStateException} instead. A listener may
 * submit only to an engine built with {@link SettlementEngine.Builder#multiProducer multiProducer(true)}: on a
 * single-producer engine this thread would be a second producer, and during {@code start()} the engine is not
 * running yet: there the submission throws {@link IllegalStateException} with nothing submitted. The flyweights
 * are only valid during the call; copy the fields you need.
 * <p>
 * Failure: a listener that throws halts the engine, as any failure on the business-logic thread does.
 * {@link SettlementEngine#fatalError()} returns what it threw, submissions and {@link SettlementEngine#close()}
 * throw {@link IllegalStateException}, and the input's outputs after the one the listener was given are not
 * journalled. The record it was given is journalled and is not given again, so the other listeners are still given
 * it: a restart on the same journal directory appends the input's missing outputs and gives only those to the
 * listeners. Catch what a listener must survive.
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
