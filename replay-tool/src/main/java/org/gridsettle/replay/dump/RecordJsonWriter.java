package org.gridsettle.replay.dump;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.CarbonIntensityCodec;
import org.gridsettle.pricing.carbon.CarbonIntensitySeries;
import org.gridsettle.pricing.carbon.IntensitySource;
import org.gridsettle.journal.codec.CheckpointCodec;
import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.journal.codec.DrEventWithdrawalCodec;
import org.gridsettle.journal.codec.DuplicateAckCodec;
import org.gridsettle.journal.codec.InterestAccrualCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.OraclePriceCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RedemptionCodec;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.tariff.TouTariff;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Writes one journal record as one line of JSON: the common header ({@code journal}, {@code position}, {@code type},
 * {@code schemaVersion}, {@code length}, {@code sequence}, {@code cause} for outputs), every field of the record by
 * its name in {@code journal/FORMAT.md}, and the {@code chain} trailer. Values are rendered by {@link JsonFields}.
 * <p>
 * The record must already have passed the journal reader's checks (known type and version, consistent length), so
 * the flyweights can read it at their fixed offsets. One reusable flyweight per type: no allocation per record
 * beyond the JSON text, except for tariff versions, which are decoded whole. Not thread-safe: one per generator.
 */
public final class RecordJsonWriter
{
    private final JsonGenerator json;
    private final JsonFields fields;
    private final TariffJsonWriter tariffWriter;
    private final UnsafeBuffer record = new UnsafeBuffer(0, 0);
    private final MeterTickCodec tick = new MeterTickCodec();
    private final AccountRegistrationCodec account = new AccountRegistrationCodec();
    private final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec();
    private final TariffVersionCodec tariff = new TariffVersionCodec();
    private final RedemptionCodec redemption = new RedemptionCodec();
    private final InterestAccrualCodec interest = new InterestAccrualCodec();
    private final CalendarCodec calendar = new CalendarCodec();
    private final CarbonIntensityCodec carbon = new CarbonIntensityCodec();
    private final OraclePriceCodec oracle = new OraclePriceCodec();
    private final DrEventCodec drEvent = new DrEventCodec();
    private final DrEventWithdrawalCodec drWithdrawal = new DrEventWithdrawalCodec();
    private final TransferCodec transfer = new TransferCodec();
    private final RejectionCodec rejection = new RejectionCodec();
    private final DuplicateAckCodec duplicate = new DuplicateAckCodec();
    private final CheckpointCodec checkpoint = new CheckpointCodec();
    private final byte[] sha256 = new byte[CheckpointCodec.SHA_LENGTH];
    private RedemptionInputs redemptions;

    /**
     * @param json where the lines go; each record is one root-level object followed by a newline.
     */
    public RecordJsonWriter(final JsonGenerator json)
    {
        this.json = json;
        this.fields = new JsonFields(json);
        this.tariffWriter = new TariffJsonWriter(fields);
    }

    /**
     * @param inputs the input journal's redemption requests: a REDEMPTION transfer, and a refusal of a redemption,
     *               then also show the {@code requestId} of the request that caused it (an acknowledgement of one
     *               shows it as its {@code key}).
     * @return this.
     */
    public RecordJsonWriter redemptions(final RedemptionInputs inputs)
    {
        this.redemptions = inputs;
        return this;
    }

    /**
     * Opens a generator that writes one compact JSON object per line and leaves the writer open when closed.
     *
     * @param out where the lines go.
     * @return the generator.
     * @throws IOException if the generator cannot be created.
     */
    public static JsonGenerator jsonLines(final Writer out) throws IOException
    {
        // never close the caller's writer, and never complete a half-written object on close: a line that is
        // there is a whole record
        final JsonFactory factory = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .build();
        final JsonGenerator json = factory.createGenerator(out);
        json.setPrettyPrinter(new MinimalPrettyPrinter(""));
        return json;
    }

    /**
     * @param type a record type.
     * @return its name in a dump: the enum name in lower case, for example {@code "transfer"}.
     */
    public static String typeName(final RecordType type)
    {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Writes a record as one JSON line.
     *
     * @param journal  {@code "input"} or {@code "output"}.
     * @param buffer   holding the record.
     * @param offset   of the record.
     * @param length   whole record length.
     * @param position zero-based position of the record in its journal, checkpoints counted.
     * @throws IOException              if the output cannot be written.
     * @throws IllegalArgumentException if the record's type is unknown to this build.
     */
    public void write(
        final String journal, final DirectBuffer buffer, final int offset, final int length, final long position)
        throws IOException
    {
        record.wrap(buffer, offset, length);
        final int typeId = RecordFlyweight.typeIdAt(record, 0);
        final RecordType type = RecordType.ofId(typeId);
        if (type == null)
        {
            throw new IllegalArgumentException("record " + position + " has unknown type " + typeId);
        }
        json.writeStartObject();
        fields.text("journal", journal);
        fields.number("position", position);
        fields.text("type", typeName(type));
        fields.number("schemaVersion", RecordFlyweight.schemaVersionAt(record, 0));
        fields.number("length", length);
        fields.number("sequence", RecordFlyweight.sequenceAt(record, 0));
        if (!type.isInput())
        {
            fields.number("cause", RecordFlyweight.causeSequenceAt(record, 0));
        }
        body(type);
        fields.hex64("chain", record.getLong(length - RecordFlyweight.TRAILER_LENGTH, RecordFlyweight.ORDER));
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void body(final RecordType type) throws IOException
    {
        switch (type)
        {
            case METER_TICK -> meterTick();
            case ACCOUNT_REGISTRATION -> accountRegistration();
            case METER_ENROLMENT -> meterEnrolment();
            case TARIFF_VERSION -> tariffVersion();
            case REDEMPTION -> redemption();
            case INTEREST_ACCRUAL -> interestAccrual();
            case CALENDAR -> calendar();
            case CARBON_INTENSITY -> carbonIntensity();
            case ORACLE_PRICE -> oraclePrice();
            case DR_EVENT -> drEvent();
            case DR_EVENT_WITHDRAWAL -> drEventWithdrawal();
            case TRANSFER -> transfer();
            case REJECTION -> rejection();
            case DUPLICATE_ACK -> duplicateAck();
            case CHECKPOINT -> checkpoint();
            default -> throw new IllegalArgumentException("no JSON layout for " + type);
        }
    }

    private void meterTick() throws IOException
    {
        tick.wrap(record, 0);
        fields.number("meterId", tick.meterId());
        fields.number("channel", tick.channel());
        fields.time("intervalStart", tick.intervalStart());
        fields.number("intervalSeconds", tick.intervalSeconds());
        fields.energy("import", tick.importWh());
        fields.energy("export", tick.exportWh());
        fields.number("flags", tick.flags());
        fields.bool("correction", (tick.flags() & MeterTickCodec.FLAG_CORRECTION) != 0);
    }

    private void accountRegistration() throws IOException
    {
        account.wrap(record, 0);
        fields.number("accountId", account.accountId());
    }

    private void meterEnrolment() throws IOException
    {
        enrolment.wrap(record, 0);
        fields.number("meterId", enrolment.meterId());
        fields.number("accountId", enrolment.accountId());
        fields.number("tariffId", enrolment.tariffId());
        fields.time("effectiveFrom", enrolment.effectiveFrom());
        fields.number("programs", enrolment.programs());
        fields.bool("netMetering", (enrolment.programs() & MeterEnrolmentCodec.PROGRAM_NET_METERING) != 0);
        fields.bool("demandResponse", (enrolment.programs() & MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE) != 0);
        if (enrolment.carbonRegion() == 0)
        {
            json.writeNullField("carbonRegion");
        }
        else
        {
            fields.token("carbonRegion", enrolment.carbonRegion());
        }
        // schema 1 records have no node field, so their lines stay as they were; schema 2 says null for none
        if (enrolment.hasPricingNode() && enrolment.pricingNodeWellFormed())
        {
            fields.text("pricingNode", enrolment.pricingNode());
        }
        else if (RecordFlyweight.schemaVersionAt(record, 0) >= 2)
        {
            json.writeNullField("pricingNode");
        }
        // only schema 3 has limits, and an enrolment without them is still written as schema 2: its line is unchanged
        if (RecordFlyweight.schemaVersionAt(record, 0) >= 3)
        {
            fields.number("importLimitW", enrolment.importLimitW());
            fields.number("exportLimitW", enrolment.exportLimitW());
        }
    }

    private void tariffVersion() throws IOException
    {
        tariff.wrap(record, 0);
        final TouTariff decoded;
        try
        {
            decoded = tariff.decode();
        }
        catch (final RuntimeException e)
        {
            // the engine rejects such a record as MALFORMED; show what identifies it and why it does not decode
            fields.number("tariffId", tariff.tariffId());
            fields.number("version", tariff.version());
            fields.text("malformed", String.valueOf(e.getMessage()));
            return;
        }
        tariffWriter.write(decoded);
    }

    private void redemption() throws IOException
    {
        redemption.wrap(record, 0);
        fields.number("requestId", redemption.requestId());
        fields.number("accountId", redemption.accountId());
        fields.token("token", redemption.token());
        fields.amount("amount", redemption.amount());
    }

    private void interestAccrual() throws IOException
    {
        interest.wrap(record, 0);
        fields.number("requestId", interest.requestId());
        fields.token("token", interest.token());
        fields.number("apyBps", interest.apyBps());
        fields.number("epochDay", interest.epochDay());
        fields.date("day", interest.epochDay());
    }

    private void calendar() throws IOException
    {
        calendar.wrap(record, 0);
        fields.text("kind", calendarKind(calendar.kind()));
        fields.time("at", calendar.at());
        fields.number("tariffId", calendar.tariffId());
    }

    private void carbonIntensity() throws IOException
    {
        carbon.wrap(record, 0);
        fields.token("region", carbon.region());
        fields.time("start", carbon.start());
        fields.number("intervalSeconds", carbon.intervalSeconds());
        final JsonGenerator json = fields.generator();
        json.writeArrayFieldStart("values");
        for (int i = 0; i < carbon.count(); i++)
        {
            json.writeStartObject();
            final long mg = carbon.mgPerKwh(i);
            if (mg == CarbonIntensitySeries.MISSING)
            {
                json.writeNullField("mgPerKwh");
            }
            else
            {
                json.writeNumberField("mgPerKwh", mg);
            }
            json.writeStringField("source", IntensitySource.name(carbon.source(i)));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void oraclePrice() throws IOException
    {
        oracle.wrap(record, 0);
        if (!oracle.consistent())
        {
            // the engine rejects such a record as MALFORMED; its count cannot be trusted to walk the values
            fields.text("malformed", "count, length, interval or node field inconsistent");
            return;
        }
        fields.text("node", oracle.node());
        fields.time("start", oracle.start());
        fields.number("intervalSeconds", oracle.intervalSeconds());
        final JsonGenerator json = fields.generator();
        json.writeArrayFieldStart("pricesPerMwh");
        for (int i = 0; i < oracle.count(); i++)
        {
            final long price = oracle.microsPerMwh(i);
            if (price == OraclePriceCodec.MISSING)
            {
                json.writeNull();
            }
            else
            {
                json.writeString(org.gridsettle.pricing.money.MicroUnits.toDecimalString(price));
            }
        }
        json.writeEndArray();
    }

    private void drEvent() throws IOException
    {
        drEvent.wrap(record, 0);
        fields.number("eventId", drEvent.eventId());
        fields.token("programToken", drEvent.programToken());
        fields.number("tariffId", drEvent.tariffId());
        fields.time("start", drEvent.start());
        fields.time("end", drEvent.end());
        fields.rate("incentive", drEvent.incentive());
        fields.energy("declaredPerHour", drEvent.declaredWhPerHour());
        fields.text("baselineMethod", baselineMethodName(drEvent.baselineMethod()));
        // only schemas 2 and 3 have it, and an event published without one is still written as schema 1: its line is
        // unchanged
        if (RecordFlyweight.schemaVersionAt(record, 0) >= 2)
        {
            fields.number("modificationNumber", drEvent.modificationNumber());
        }
        // schema 3 is schema 2's layout with another meaning: a modification that replaces the pending event
        if (drEvent.modification())
        {
            fields.bool("modification", true);
        }
    }

    private void drEventWithdrawal() throws IOException
    {
        drWithdrawal.wrap(record, 0);
        fields.number("eventId", drWithdrawal.eventId());
        fields.number("tariffId", drWithdrawal.tariffId());
        if (drWithdrawal.modificationNumber() != DrEventCodec.UNKNOWN_MODIFICATION)
        {
            fields.number("modificationNumber", drWithdrawal.modificationNumber());
        }
    }

    private void transfer() throws IOException
    {
        transfer.wrap(record, 0);
        final ReasonCode reason = ReasonCode.ofCode(transfer.reasonCode());
        fields.number("debitAccount", transfer.debitAccount());
        fields.number("creditAccount", transfer.creditAccount());
        fields.amount("amount", transfer.amount());
        fields.token("token", transfer.token());
        fields.text("reason", reasonName(transfer.reasonCode()));
        if (reason == ReasonCode.REDEMPTION)
        {
            // the transfer's explanation fields are zeros: the request id, a payment's reference, is its cause's
            requestIdOfCause();
        }
        fields.number("meterId", transfer.meterId());
        fields.time("intervalStart", transfer.intervalStart());
        if (reason == ReasonCode.INTEREST)
        {
            // an interest posting explains itself with the balance it was paid on (micro-units, in the energy
            // field) and the APY in basis points (in the rate field): render them as what they are
            fields.amount("balance", transfer.energyWh());
            fields.number("apyBps", transfer.rate());
        }
        else if (reason == ReasonCode.HOURLY_NETTING)
        {
            // an hour's netting: the energy field is the hour's offset, the rate field the side's provisional total
            fields.energy("offset", transfer.energyWh());
            fields.amount("provisionalTotal", transfer.rate());
        }
        else if (reason == ReasonCode.DEMAND_CHARGE)
        {
            // a demand charge: the energy field is the peak (or its part in a tier) in W, the rate per kW
            fields.power("demand", transfer.energyWh());
            fields.rate("ratePerKw", transfer.rate());
        }
        else if (transfer.tier() == TransferCodec.TIER_ORACLE_RATE &&
            (reason == ReasonCode.EXPORT_CREDIT || reason == ReasonCode.EXPORT_CHARGE))
        {
            // an oracle-priced export: the rate field is the oracle price per MWh, not a rate per kWh
            fields.energy("energy", transfer.energyWh());
            fields.amount("pricePerMwh", transfer.rate());
        }
        else
        {
            fields.energy("energy", transfer.energyWh());
            fields.rate("rate", transfer.rate());
        }
        fields.number("tariffId", transfer.tariffId());
        fields.number("tariffVersion", transfer.tariffVersion());
        fields.number("period", transfer.period());
        fields.number("tier", transfer.tier());
        if (reason == ReasonCode.DR_INCENTIVE)
        {
            // a DR posting explains its baseline in the period (method) and tier (baseline days) fields; the energy
            // is the reduction and the rate the incentive
            fields.text("baselineMethod", baselineMethodName(transfer.period()));
            fields.number("baselineDays", transfer.tier());
        }
        fields.number("reverses", transfer.reverses());
    }

    private void requestIdOfCause() throws IOException
    {
        final long cause = RecordFlyweight.causeSequenceAt(record, 0);
        if (redemptions != null && redemptions.isRedemption(cause))
        {
            fields.number("requestId", redemptions.requestIdOf(cause));
        }
    }

    private void rejection() throws IOException
    {
        rejection.wrap(record, 0);
        fields.text("reason", reasonName(rejection.reasonCode()));
        final RecordType inputType = RecordType.ofId(rejection.inputType());
        fields.text("inputType", inputType == null ? "unknown(" + rejection.inputType() + ")" : typeName(inputType));
        if (inputType == RecordType.REDEMPTION)
        {
            requestIdOfCause();
        }
        fields.number("subject", rejection.subject());
    }

    private void duplicateAck() throws IOException
    {
        // what subject and key mean depends on the type of the input at "cause" (see FORMAT.md), which the output
        // journal does not record: print them raw rather than guess
        duplicate.wrap(record, 0);
        fields.number("subject", duplicate.meterId());
        fields.number("key", duplicate.intervalStart());
    }

    private void checkpoint() throws IOException
    {
        checkpoint.wrap(record, 0);
        fields.number("recordsCovered", checkpoint.recordsCovered());
        fields.number("lastSequence", checkpoint.lastSequence());
        fields.text("kind", checkpoint.kind() == CheckpointCodec.KIND_CLOSE ? "close" :
            checkpoint.kind() == CheckpointCodec.KIND_PERIODIC ? "periodic" : "unknown(" + checkpoint.kind() + ")");
        checkpoint.sha256(sha256);
        fields.hex("sha256", sha256);
        fields.number("boundRecords", checkpoint.boundRecords());
        fields.hex64("boundChain", checkpoint.boundChain());
    }

    private static String calendarKind(final int kind)
    {
        if (kind == CalendarCodec.END_OF_DAY)
        {
            return "end_of_day";
        }
        if (kind == CalendarCodec.PERIOD_CLOSE)
        {
            return "period_close";
        }
        return "unknown(" + kind + ")";
    }

    private static String baselineMethodName(final int code)
    {
        final BaselineMethod method = BaselineMethod.ofCode(code);
        return method == null ? "unknown(" + code + ")" : method.name();
    }

    private static String reasonName(final int code)
    {
        final ReasonCode reason = ReasonCode.ofCode(code);
        return reason == null ? "unknown(" + code + ")" : reason.name();
    }
}
