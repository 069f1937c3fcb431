package org.gridsettle.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.CarbonIntensityCodec;
import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.journal.codec.InterestAccrualCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.OraclePriceCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.journal.codec.TransferCodec;

/**
 * The time a record is about, as opposed to when it was journalled: a tick's or a transfer's interval start, a
 * calendar event's instant, a tariff version's or an enrolment's effective-from, the day an interest accrual is for,
 * the first interval of a carbon or oracle-price series, a demand-response event's start. A duplicate
 * acknowledgement is about its cause's time, which only the input journal holds: its key is an interval start for a
 * tick but a request id for a redemption, so it is never read as a time ({@link CauseEventTime}). Journals are in
 * arrival order, and a late correction or a back-dated tariff puts event times out of order, so a reader by event
 * time filters the whole stream rather than seeking.
 * <p>
 * Records that are about no time (account registration, redemption and its transfer, DR event withdrawal,
 * rejection, checkpoint) have none. Allocation free; not thread-safe: one per reader.
 */
public final class EventTime
{
    /** What {@link #of} returns for a record that is about no time. */
    public static final long NONE = Long.MIN_VALUE;

    private static final long SECONDS_PER_DAY = 86_400;
    private final MeterTickCodec tick = new MeterTickCodec();
    private final TransferCodec transfer = new TransferCodec();
    private final CalendarCodec calendar = new CalendarCodec();
    private final TariffVersionCodec tariff = new TariffVersionCodec();
    private final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec();
    private final InterestAccrualCodec interest = new InterestAccrualCodec();
    private final CarbonIntensityCodec carbon = new CarbonIntensityCodec();
    private final DrEventCodec drEvent = new DrEventCodec();
    private final OraclePriceCodec oracle = new OraclePriceCodec();
    private final CauseEventTime causes;

    /** For input records, or output records without their causes: a duplicate acknowledgement is about no time. */
    public EventTime()
    {
        this(CauseEventTime.NONE);
    }

    /**
     * @param causes the event times of the inputs that output records were caused by, for duplicate
     *               acknowledgements.
     */
    public EventTime(final CauseEventTime causes)
    {
        this.causes = causes;
    }

    /**
     * @param buffer holding a verified record.
     * @param offset of the record.
     * @return its event time, epoch seconds, or {@link #NONE}.
     */
    public long of(final DirectBuffer buffer, final int offset)
    {
        final RecordType type = RecordType.ofId(RecordFlyweight.typeIdAt(buffer, offset));
        if (type == null)
        {
            return NONE;
        }
        final MutableDirectBuffer b = (MutableDirectBuffer)buffer;
        switch (type)
        {
            case METER_TICK:
                return tick.<MeterTickCodec>wrap(b, offset).intervalStart();
            case TRANSFER:
                transfer.wrap(b, offset);
                // a redemption is about no time: its explanation fields are all 0, not an interval at the epoch
                return transfer.reasonCode() == ReasonCode.REDEMPTION.code() ? NONE : transfer.intervalStart();
            case CALENDAR:
                return calendar.<CalendarCodec>wrap(b, offset).at();
            case TARIFF_VERSION:
                return tariff.<TariffVersionCodec>wrap(b, offset).effectiveFrom();
            case METER_ENROLMENT:
                return enrolment.<MeterEnrolmentCodec>wrap(b, offset).effectiveFrom();
            case INTEREST_ACCRUAL:
                return interest.<InterestAccrualCodec>wrap(b, offset).epochDay() * SECONDS_PER_DAY;
            case CARBON_INTENSITY:
                return carbon.<CarbonIntensityCodec>wrap(b, offset).start();
            case DUPLICATE_ACK:
                return causes.eventTimeOf(RecordFlyweight.causeSequenceAt(b, offset));
            case DR_EVENT:
                return drEvent.<DrEventCodec>wrap(b, offset).start();
            case ORACLE_PRICE:
                return oracle.<OraclePriceCodec>wrap(b, offset).start();
            default:
                return NONE;
        }
    }
}
