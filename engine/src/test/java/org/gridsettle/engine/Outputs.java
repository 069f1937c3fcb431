package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.DuplicateAckCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The output journal of a finished engine run, decoded for assertions.
 */
final class Outputs
{
    private final List<byte[]> records;

    private Outputs(final List<byte[]> records)
    {
        this.records = records;
    }

    static Outputs of(final Path journalDir)
    {
        return new Outputs(EngineFixture.readAll(Journals.output(journalDir)));
    }

    static Outputs ofRecords(final List<byte[]> records)
    {
        return new Outputs(records);
    }

    /** @return outputs caused by one input, in order. */
    List<byte[]> causedBy(final long inputSequence)
    {
        final List<byte[]> found = new ArrayList<>();
        for (final byte[] r : records)
        {
            if (RecordFlyweight.causeSequenceAt(new UnsafeBuffer(r), 0) == inputSequence)
            {
                found.add(r);
            }
        }
        return found;
    }

    static int type(final byte[] record)
    {
        return RecordFlyweight.typeIdAt(new UnsafeBuffer(record), 0);
    }

    static TransferCodec transfer(final byte[] record)
    {
        if (type(record) != RecordType.TRANSFER.id())
        {
            throw new AssertionError("not a transfer: type " + type(record));
        }
        return new TransferCodec().wrap(new UnsafeBuffer(record), 0);
    }

    static ReasonCode rejection(final byte[] record)
    {
        if (type(record) != RecordType.REJECTION.id())
        {
            throw new AssertionError("not a rejection: type " + type(record));
        }
        final RejectionCodec r = new RejectionCodec().wrap(new UnsafeBuffer(record), 0);
        return ReasonCode.ofCode(r.reasonCode());
    }

    /** @return the subject of a rejection: what its reason is about (FORMAT.md section 5). */
    static long rejectionSubject(final byte[] record)
    {
        if (type(record) != RecordType.REJECTION.id())
        {
            throw new AssertionError("not a rejection: type " + type(record));
        }
        final RejectionCodec r = new RejectionCodec().wrap(new UnsafeBuffer(record), 0);
        return r.subject();
    }

    static boolean isDuplicateAck(final byte[] record)
    {
        return type(record) == RecordType.DUPLICATE_ACK.id() &&
            new DuplicateAckCodec().wrap(new UnsafeBuffer(record), 0).length() == DuplicateAckCodec.LENGTH;
    }

    List<byte[]> all()
    {
        return records;
    }
}
