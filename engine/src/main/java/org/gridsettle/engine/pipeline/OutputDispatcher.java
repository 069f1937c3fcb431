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
            for (final PostingListener l : ls)
            {
                l.onTransfer(transfer);
            }
        }
        else if (type == RecordType.REJECTION.id())
        {
            rejection.wrap(buffer, offset);
            for (final PostingListener l : ls)
            {
                l.onRejection(rejection);
            }
        }
        else if (type == RecordType.DUPLICATE_ACK.id())
        {
            duplicate.wrap(buffer, offset);
            for (final PostingListener l : ls)
            {
                l.onDuplicate(duplicate);
            }
        }
    }
}
