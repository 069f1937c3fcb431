package org.gridsettle.replay.ingest;

import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.RecordHandler;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;

import java.nio.file.Path;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * The account and tariff each engine meter of an existing journal is enrolled on, so that an ingest that appends can
 * refuse an enrolment file whose rows number a meter as another. The engine's meter id is the row's position in the
 * enrolment file, and the journal keeps no other name for a meter: with a row removed or the rows reordered, a
 * meter's enrolment onto its own account is rejected (the number is already settled on another's) and its readings
 * are then settled to the customer of the meter whose number it took.
 * <p>
 * Fed the input journal's records in one pass ({@link RecordHandler}), keeping the latest enrolment of each meter
 * that the output journal shows applied and not rejected. Not thread-safe: one pass, then read.
 */
final class JournalledEnrolments implements RecordHandler
{
    private static final long NONE = Long.MIN_VALUE;

    private final LongPredicate applied;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec();
    private final Long2LongHashMap accounts = new Long2LongHashMap(NONE);
    private final Long2LongHashMap tariffs = new Long2LongHashMap(NONE);

    /**
     * @param applied true for an input sequence the output journal shows applied and not rejected.
     */
    JournalledEnrolments(final LongPredicate applied)
    {
        this.applied = applied;
    }

    @Override
    public void onRecord(final DirectBuffer buffer, final int offset, final int length, final long position)
    {
        if (RecordFlyweight.typeIdAt(buffer, offset) != RecordType.METER_ENROLMENT.id() ||
            !applied.test(RecordFlyweight.sequenceAt(buffer, offset)))
        {
            return;
        }
        view.wrap(buffer, offset, length);
        enrolment.wrap(view, 0);
        accounts.put(enrolment.meterId(), enrolment.accountId());
        tariffs.put(enrolment.meterId(), enrolment.tariffId());
    }

    /**
     * Refuses enrolment rows that give a journalled meter's number to a meter of another account or tariff.
     *
     * @param rows       this run's enrolments.
     * @param tariffId   the tariff this run enrols them on.
     * @param journalDir the journal, for the message.
     * @throws IllegalArgumentException naming the first such row.
     */
    void refuseRenumbered(final List<Enrolment> rows, final long tariffId, final Path journalDir)
    {
        for (final Enrolment row : rows)
        {
            final long account = accounts.get(row.meterId());
            final long tariff = tariffs.get(row.meterId());
            if (account == NONE || account == row.accountId() && tariff == tariffId)
            {
                continue;
            }
            final String row1 = "enrolment row " + row.meterId() + " (" + DisplayText.quote(row.usageMeterId()) +
                ", account " + row.accountId() + ") would be the engine's meter " + row.meterId() + ", which " +
                journalDir + " holds enrolled ";
            if (tariff != tariffId)
            {
                // a journal another program wrote: its meter would be priced by a tariff this run does not give
                throw new IllegalArgumentException(row1 + "on tariff " + tariff + " (account " + account + "), not " +
                    "on the tariff " + tariffId + " settle ingest enrols its meters on: its readings would be priced " +
                    "by that tariff; settle ingest appends only to a journal whose meters it enrolled; nothing was " +
                    "journalled");
            }
            throw new IllegalArgumentException(row1 + "on account " + account + ": the engine numbers meters by " +
                "their row, so appending needs the rows of the earlier enrolment file in the same order, with new " +
                "meters after them (a meter cannot move to another account by ingest); nothing was journalled");
        }
    }
}
