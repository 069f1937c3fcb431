package org.gridsettle.replay.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.gridsettle.pricing.dr.DrQuote;
import org.gridsettle.pricing.money.MicroUnits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Writes the report as one JSON document with Jackson's streaming generator: per account, per day, energy (kWh
 * strings and Wh integers), postings by token and reason, closing balances, each with the output sequences it comes
 * from; then the totals. Amounts are six-decimal strings, as in {@code settle dump}. {@code verified} names the
 * records the report is of as {@code settle verify} counted and sealed them.
 * <p>
 * Not thread-safe; one report per instance ({@link AuditWriter}), its generator open from {@link #begin} to
 * {@link #end}.
 */
public final class AuditJsonWriter implements AuditWriter
{
    private final JsonGenerator json;

    /**
     * @param out destination; flushed at the end, not closed.
     */
    public AuditJsonWriter(final Writer out)
    {
        try
        {
            json = new JsonFactory().createGenerator(out);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.useDefaultPrettyPrinter();
    }

    @Override
    public void begin(final AuditReport report)
    {
        try
        {
            json.writeStartObject();
            json.writeStringField("journal", report.journal());
            json.writeObjectFieldStart("verified");
            writeVerified(json, "input", report.verifiedInput());
            writeVerified(json, "output", report.verifiedOutput());
            json.writeEndObject();
            json.writeStringField("zone", report.zone().getId());
            json.writeStringField("from", report.from() == null ? null : report.from().toString());
            json.writeStringField("to", report.to() == null ? null : report.to().toString());
            json.writeStringField("selection", report.selection());
            json.writeStringField("amounts", "change in the customer's balance: credits minus debits");
            json.writeStringField("carbonKg", report.hasCarbonPostings() ? "energy x intensity of the CARBON_* " +
                "postings: emitted by priced imports, avoided by credited exports" : AuditReport.NOT_PRICED);
            json.writeStringField("drBaseline", report.hasDemandResponsePostings() ? "per account: the baseline " +
                "and metered load of each event hour as the engine computed them (demandResponse)" :
                AuditReport.NOT_PRICED);
            json.writeArrayFieldStart("accounts");
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void accounts(final AuditReport group)
    {
        try
        {
            for (final AccountAudit account : group.accounts())
            {
                writeAccount(json, group, account);
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void end(final AuditReport report)
    {
        // closing the generator flushes it; the destination stays open (AUTO_CLOSE_TARGET is off)
        try (json)
        {
            json.writeEndArray();
            json.writeFieldName("totals");
            writeTotals(json, report.totals(null));
            json.writeEndObject();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The records of one journal the report is of, as {@code settle verify} counted and sealed them: its data records,
     * XXH64 digest and SHA-256 seal, {@code "sha256:"} and 64 hex digits as verify prints it.
     */
    private static void writeVerified(final JsonGenerator json, final String name, final VerifiedRecords verified)
        throws IOException
    {
        json.writeObjectFieldStart(name);
        json.writeNumberField("records", verified.records());
        json.writeStringField("digest", verified.digestHex());
        json.writeStringField("seal", "sha256:" + verified.seal());
        json.writeEndObject();
    }

    private static void writeAccount(final JsonGenerator json, final AuditReport report, final AccountAudit account)
        throws IOException
    {
        json.writeStartObject();
        json.writeNumberField("account", account.accountId());
        json.writeArrayFieldStart("meters");
        for (final long meter : account.meters())
        {
            json.writeNumber(meter);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("days");
        for (final DayEntry day : report.days(account).values())
        {
            json.writeStartObject();
            json.writeStringField("date", day.date().toString());
            json.writeStringField("importKwh", MicroUnits.kwhString(day.importWh()));
            json.writeNumberField("importWh", day.importWh());
            json.writeStringField("importSequences", day.importSequences().toText(", "));
            json.writeStringField("exportKwh", MicroUnits.kwhString(day.exportWh()));
            json.writeNumberField("exportWh", day.exportWh());
            json.writeStringField("exportSequences", day.exportSequences().toText(", "));
            if (report.hasCarbonPostings())
            {
                json.writeStringField("carbonEmittedKg", CarbonMass.kg(day.carbonEmittedMicrograms()));
                json.writeStringField("carbonAvoidedKg", CarbonMass.kg(day.carbonAvoidedMicrograms()));
                json.writeStringField("carbonSequences", day.carbonSequences().toText(", "));
            }
            json.writeArrayFieldStart("postings");
            for (final Map.Entry<String, NavigableMap<String, PostingCell>> token : day.postings().entrySet())
            {
                for (final Map.Entry<String, PostingCell> reason : token.getValue().entrySet())
                {
                    json.writeStartObject();
                    json.writeStringField("token", token.getKey());
                    json.writeStringField("reason", reason.getKey());
                    json.writeStringField("amount", MicroUnits.toDecimalString(reason.getValue().amount()));
                    json.writeStringField("sequences", reason.getValue().sequences().toText(", "));
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeArrayFieldStart("balances");
            for (final Map.Entry<String, Long> balance : day.closingBalances().entrySet())
            {
                final PostingCell change = day.balanceChanges().get(balance.getKey());
                json.writeStartObject();
                json.writeStringField("token", balance.getKey());
                json.writeStringField("closing", MicroUnits.toDecimalString(balance.getValue()));
                json.writeStringField("changedBy", change == null ? "" : change.sequences().toText(", "));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        writeDemandResponse(json, report.demandResponseOf(account));
        json.writeFieldName("totals");
        writeTotals(json, report.totals(account));
        json.writeEndObject();
    }

    /** The {@code DrQuote} constant's name, so that a reader of the JSON needs no table to tell a credit from none. */
    private static String statusName(final int status)
    {
        return switch (status)
        {
            case DrQuote.OK -> "OK";
            case DrQuote.INSUFFICIENT_HISTORY -> "INSUFFICIENT_HISTORY";
            case DrQuote.ACTUAL_MISSING -> "ACTUAL_MISSING";
            default -> "UNKNOWN_" + status;
        };
    }

    private static void writeDemandResponse(final JsonGenerator json, final List<DrMeterDay> days) throws IOException
    {
        json.writeArrayFieldStart("demandResponse");
        for (final DrMeterDay day : days)
        {
            json.writeStartObject();
            json.writeNumberField("eventId", day.eventId());
            json.writeNumberField("meterId", day.meterId());
            json.writeStringField("date", day.date().toString());
            json.writeNumberField("status", day.status());
            json.writeStringField("statusName", statusName(day.status()));
            json.writeNumberField("baselineDays", day.baselineDays());
            json.writeNumberField("adjustmentPpm", day.ratioPpm());
            json.writeArrayFieldStart("hours");
            for (int h = day.firstHour(); h < day.endHour(); h++)
            {
                json.writeStartObject();
                json.writeNumberField("hour", h);
                json.writeNumberField("baselineWh", day.baselineWh()[h]);
                json.writeNumberField("actualWh", day.actualWh()[h]);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("reductionWh", day.reductionWh());
            json.writeStringField("credit", MicroUnits.toDecimalString(day.creditMicros()));
            json.writeNumberField("settledBy", day.settledBy());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeTotals(
        final JsonGenerator json, final NavigableMap<String, NavigableMap<String, PostingCell>> totals)
        throws IOException
    {
        json.writeStartArray();
        for (final Map.Entry<String, NavigableMap<String, PostingCell>> token : totals.entrySet())
        {
            for (final Map.Entry<String, PostingCell> reason : token.getValue().entrySet())
            {
                json.writeStartObject();
                json.writeStringField("token", token.getKey());
                json.writeStringField("reason", reason.getKey());
                json.writeStringField("amount", MicroUnits.toDecimalString(reason.getValue().amount()));
                json.writeEndObject();
            }
        }
        json.writeEndArray();
    }
}
