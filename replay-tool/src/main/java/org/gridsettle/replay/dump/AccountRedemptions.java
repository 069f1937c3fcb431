package org.gridsettle.replay.dump;

import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RedemptionCodec;

import java.nio.file.Path;

/**
 * Finds the input sequences of one account's redemptions, so that a dump of the account's outputs also shows the
 * refusals of its redemptions whose subject is not the account (MALFORMED and CONFLICTING_DUPLICATE name the request
 * id, journal/FORMAT.md section 5): the answer to whether a request was refused, and why, is the customer's too.
 * <p>
 * One verified pass over the input journal. Not thread-safe.
 */
public final class AccountRedemptions
{
    private AccountRedemptions()
    {
    }

    /**
     * @param inputQueue the input journal's queue directory.
     * @param accountId  the account.
     * @return the input sequences of its redemption requests.
     * @throws org.gridsettle.journal.JournalCorruptException at an input record that fails verification.
     */
    public static LongHashSet of(final Path inputQueue, final long accountId)
    {
        final LongHashSet sequences = new LongHashSet();
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        final RedemptionCodec redemption = new RedemptionCodec();
        try (JournalReader reader = JournalReader.readOnly(inputQueue))
        {
            while (reader.next((buffer, offset, length, position) ->
            {
                if (RecordFlyweight.typeIdAt(buffer, offset) == RecordType.REDEMPTION.id())
                {
                    view.wrap(buffer, offset, length);
                    if (redemption.<RedemptionCodec>wrap(view, 0).accountId() == accountId)
                    {
                        sequences.add(RecordFlyweight.sequenceAt(buffer, offset));
                    }
                }
            }))
            {
                // the handler collects
            }
        }
        return sequences;
    }
}
