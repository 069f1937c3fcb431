package org.gridsettle.engine.logic;

import org.gridsettle.engine.snapshot.StateIo;
import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import org.agrona.collections.Long2LongHashMap;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.pricing.tariff.TouTariff;

/**
 * Applies calendar events, the only way time passes for the state machine. End of day posts each enrolled meter's
 * daily fixed charge; period close posts the monthly fixed charge and closes the period, after which ticks for it are
 * accepted only as corrections.
 * <p>
 * Meters are charged in enrolment order (dense index order), never in hash-map order, so the output is the same on
 * every run. A calendar event for an instant already passed is acknowledged as a duplicate: retries post nothing.
 * Owned by the business-logic thread. Not thread-safe.
 */
final class CalendarProcessor
{
    private static final int CALENDAR = RecordType.CALENDAR.id();

    private final MeterRegistry meters;
    private final TariffBook tariffs;
    private final Postings postings;
    private final Long2LongHashMap closedUntil = new Long2LongHashMap(Long.MIN_VALUE);
    private final Long2LongHashMap lastEndOfDay = new Long2LongHashMap(Long.MIN_VALUE);

    CalendarProcessor(final MeterRegistry meters, final TariffBook tariffs, final Postings postings)
    {
        this.meters = meters;
        this.tariffs = tariffs;
        this.postings = postings;
    }

    /**
     * @param tariffId a tariff.
     * @return the end of its last closed billing period, or {@link Long#MIN_VALUE}.
     */
    long closedUntil(final long tariffId)
    {
        return closedUntil.get(tariffId);
    }

    void apply(final long sequence, final CalendarCodec event)
    {
        final long tariffId = event.tariffId();
        final long at = event.at();
        final int kind = event.kind();
        final TouTariff tariff = tariffs.inForce(tariffId, at - 1);
        if (tariff == null)
        {
            postings.reject(sequence, ReasonCode.UNKNOWN_TARIFF, CALENDAR, tariffId);
            return;
        }
        final Long2LongHashMap last = kind == CalendarCodec.END_OF_DAY ? lastEndOfDay :
            kind == CalendarCodec.PERIOD_CLOSE ? closedUntil : null;
        if (last == null)
        {
            postings.reject(sequence, ReasonCode.MALFORMED, CALENDAR, kind);
            return;
        }
        if (at <= last.get(tariffId))
        {
            postings.acknowledgeDuplicate(sequence, tariffId, at);
            return;
        }
        last.put(tariffId, at);
        final long charge = kind == CalendarCodec.END_OF_DAY ? tariff.fixedMicrosPerDay() : tariff.fixedMicrosPerMonth();
        if (charge > 0)
        {
            postFixedCharges(sequence, tariff, at, charge);
        }
    }

    private void postFixedCharges(final long sequence, final TouTariff tariff, final long at, final long charge)
    {
        final long tariffId = tariff.tariffId();
        for (int m = 0, n = meters.meterCount(); m < n; m++)
        {
            if (meters.tariffOf(m) == tariffId && meters.enrolledFrom(m) < at)
            {
                postings.transfer(sequence, meters.accountOf(m), SystemAccounts.REVENUE, tariff.tokenSymbol(), charge,
                    ReasonCode.FIXED_CHARGE)
                    .explain(meters.meterIdAt(m), at, 0, charge, tariffId, tariff.version(), 0, 0);
                postings.emitTransfer();
            }
        }
    }

    void writeState(final DataOutput out) throws IOException
    {
        StateIo.writeMap(out, closedUntil);
        StateIo.writeMap(out, lastEndOfDay);
    }

    void readState(final DataInput in) throws IOException
    {
        StateIo.readMap(in, closedUntil);
        StateIo.readMap(in, lastEndOfDay);
    }
}
