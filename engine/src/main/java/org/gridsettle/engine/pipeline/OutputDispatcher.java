package org.gridsettle.engine.pipeline;

import org.agrona.MutableDirectBuffer;
import org.gridsettle.engine.PostingListener;
import org.gridsettle.engine.logic.OutputSink;
import org.gridsettle.journal.JournalWriter;
import org.gridsettle.journal.codec.DuplicateAckCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;

/**
 * The engine's {@link OutputSink}: appends each output to the output journal, then hands it to the host's listeners
 * through pre-allocated flyweights.
 * <p>
 * Every listener is given each journalled output, even after one of them has thrown for it: the record is in the
 * journal, so no restart gives it again, and a listener after the failing one would never see it. The first
 * listener's failure is thrown once all have been called (the others' are added to it as suppressed), and halts
 * the engine.
 * <p>
 * Business-logic thread only.
 */
final class OutputDispatcher implements OutputSink
{
    private final JournalWriter output;
    private final PostingListener[] listeners;
    private final TransferCodec transfer = new TransferCodec();
    private final RejectionCodec rejection = new RejectionCodec();
    private final DuplicateAckCodec duplicate = new DuplicateAckCodec();

    OutputDispatcher(final JournalWriter output, final PostingListener[] listeners)
    {
        this.output = output;
        this.listeners = listeners;
    }

    @Override
    public void onOutput(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        output.append(buffer, offset, length);
        final PostingListener[] ls = listeners;
        if (ls.length == 0)
        {
            return;
        }
        final int type = RecordFlyweight.typeIdAt(buffer, offset);
        if (type == RecordType.TRANSFER.id())
        {
            transfer.wrap(buffer, offset);
        }
        else if (type == RecordType.REJECTION.id())
        {
            rejection.wrap(buffer, offset);
        }
        else if (type == RecordType.DUPLICATE_ACK.id())
        {
            duplicate.wrap(buffer, offset);
        }
        else
        {
            return;
        }
        Throwable failed = null;
        for (final PostingListener l : ls)
        {
            try
            {
                deliver(l, type);
            }
            catch (final RuntimeException | Error e)
            {
                failed = first(failed, e);
            }
        }
        throwIfFailed(failed);
    }

    private void deliver(final PostingListener listener, final int type)
    {
        if (type == RecordType.TRANSFER.id())
        {
            listener.onTransfer(transfer);
        }
        else if (type == RecordType.REJECTION.id())
        {
            listener.onRejection(rejection);
        }
        else
        {
            listener.onDuplicate(duplicate);
        }
    }

    private static Throwable first(final Throwable earlier, final Throwable e)
    {
        if (earlier == null)
        {
            return e;
        }
        if (earlier != e)
        {
            earlier.addSuppressed(e);
        }
        return earlier;
    }

    /** Throws what a listener threw: only unchecked throwables are caught, so it is one of the two. */
    private static void throwIfFailed(final Throwable failed)
    {
        if (failed instanceof RuntimeException runtime)
        {
            throw runtime;
        }
        if (failed instanceof Error error)
        {
            throw error;
        }
    }
}
