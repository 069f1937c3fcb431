package org.gridsettle.pricing.importer.gridsettle;

import org.gridsettle.pricing.importer.GzipAwareInput;
import org.gridsettle.pricing.importer.ImportException;
import org.gridsettle.pricing.importer.Utf8Only;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads gridsettle's own tariff format, {@code "format": "gridsettle-tariff/1"}: hand-writable JSON covering
 * everything {@link TouTariff} supports (periods, seasonal day-type schedules with sub-hourly windows, holidays,
 * tiers, fixed and demand charges, export rule, billing-cycle day). The format is documented in
 * {@code pricing/README.md}.
 * <p>
 * Rates and limits are decimal strings converted exactly to micro-units and Wh; a value that would need rounding is
 * refused. Unknown fields are refused. Every problem is an {@link ImportException} with the file name, the JSON path
 * with line and column, and what was expected; reading stops at the first one.
 * <p>
 * Thread-safe: the parser factory is shared and each call builds its own state. No network access: input is a file
 * or a string the caller supplies.
 */
public final class GridsettleTariffReader
{
    /** Value of the top-level {@code "format"} field; also how the command line tells this format from URDB. */
    public static final String FORMAT = "gridsettle-tariff/1";

    private static final List<String> ROOT_FIELDS = List.of("format", "id", "version", "description",
        "effective_from", "zone", "currency", "export_token", "periods", "schedule", "holidays", "tiers",
        "fixed_charges", "export_rule", "demand", "carbon", "billing_cycle_day");
    private static final List<String> PERIOD_FIELDS = List.of("name", "import", "export");

    private final LocatedJsonParser parser = new LocatedJsonParser();

    /**
     * @param file a tariff file, UTF-8, plain or gzipped.
     * @return the tariff, ready to publish.
     * @throws IOException     if the file cannot be read.
     * @throws ImportException if the content is not a valid tariff, naming the file, JSON path and line.
     */
    public TouTariff read(final Path file) throws IOException
    {
        final String source = String.valueOf(file.getFileName());
        final byte[] bytes;
        // read at most one byte past the limit: a gzipped file is only as long as its content once gunzipped
        try (InputStream in = GzipAwareInput.open(file))
        {
            bytes = in.readNBytes((int) LocatedJsonParser.MAX_DOCUMENT_LENGTH + 1);
        }
        if (bytes.length > LocatedJsonParser.MAX_DOCUMENT_LENGTH)
        {
            throw new ImportException(source, "(document)", "expected a tariff file of at most " +
                LocatedJsonParser.MAX_DOCUMENT_LENGTH + " bytes, found more");
        }
        final String encoding = Utf8Only.refusal(bytes, bytes.length);
        if (encoding != null)
        {
            throw new ImportException(source, "(document)", encoding);
        }
        final String json;
        try
        {
            json = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        }
        catch (final CharacterCodingException ex)
        {
            throw new ImportException(source, "(document)", "expected UTF-8 text: " + ex.getMessage(), ex);
        }
        return read(source, json);
    }

    /**
     * @param source short name of the input for messages, usually the file name.
     * @param json   the document.
     * @return the tariff, ready to publish.
     * @throws ImportException if the content is not a valid tariff, naming the source, JSON path and line.
     */
    public TouTariff read(final String source, final String json)
    {
        // a leading byte-order mark is legal in a UTF-8 file but not in JSON
        final String text = !json.isEmpty() && json.charAt(0) == '\uFEFF' ? json.substring(1) : json;
        final LocatedNode rootNode = parser.parse(source, text);
        final Fields root = new Fields(source, rootNode, ROOT_FIELDS);
        final LocatedNode formatNode = root.required("format", "\"" + FORMAT + "\"");
        if (!FORMAT.equals(root.stringOf(formatNode, "\"" + FORMAT + "\"")))
        {
            throw root.error(formatNode, "expected \"" + FORMAT + "\", the only version of the format, found " +
                formatNode.describe());
        }
        final LocatedNode description = root.optional("description");
        if (description != null)
        {
            root.stringOf(description, "a description string");
        }
        final long id = root.integerOf(root.required("id", "the tariff id, an integer"), 0, Long.MAX_VALUE,
            "the tariff id");
        final int version = (int)root.integerOf(root.required("version", "the version, an integer from 1"), 1,
            Integer.MAX_VALUE, "the version");
        final ZoneId zone = zone(root);
        final long effectiveFrom = effectiveFrom(root, zone);
        final String currency = token(root, "currency", "the currency token charges are posted in, such as \"USD\"");
        final String exportToken = token(root, "export_token",
            "the token export credits are posted in, such as \"SOLAR\" or the currency");

        final List<TouPeriod> periods = periods(root);
        final List<String> names = new ArrayList<>();
        periods.forEach((p) -> names.add(p.name()));
        final PeriodNames periodNames = new PeriodNames(source, names);
        final ScheduleCompiler schedule = new ScheduleCompiler(source, periodNames);
        schedule.compile(root.required("schedule", "a schedule of seasons, day types and time windows"));
        final LocatedNode demand = root.optional("demand");
        final ChargeReader.DemandSchedule demandSchedule =
            demand == null ? null : ChargeReader.demandSchedule(source, demand);
        // both schedules share one slot width: the finest their boundaries need
        final int slotMinutes = demandSchedule == null ? schedule.slotMinutes() :
            ScheduleCompiler.sharedSlotMinutes(schedule.slotMinutes(), demandSchedule.schedule().slotMinutes());

        final TouTariff tariff = new TouTariff(id, version, effectiveFrom, currency, exportToken, zone,
            slotMinutes, periods, schedule.table(slotMinutes), holidays(root));
        if (demandSchedule != null)
        {
            tariff.withDemandSchedule(demandSchedule.names().names(), demandSchedule.schedule().table(slotMinutes));
        }
        final LocatedNode tiers = root.optional("tiers");
        if (tiers != null)
        {
            tariff.withTiers(TierReader.read(source, tiers, periodNames, periods));
        }
        final LocatedNode fixed = root.optional("fixed_charges");
        if (fixed != null)
        {
            ChargeReader.fixedCharges(source, fixed, tariff);
        }
        final LocatedNode exportRule = root.optional("export_rule");
        if (exportRule != null)
        {
            ChargeReader.exportRule(source, exportRule, tariff);
        }
        if (demand != null)
        {
            ChargeReader.demand(source, demand, demandSchedule == null ? periodNames : demandSchedule.names(), tariff);
        }
        final LocatedNode carbon = root.optional("carbon");
        if (carbon != null)
        {
            ChargeReader.carbon(source, carbon, tariff);
        }
        tariff.withBillingCycleDay((int)root.integer("billing_cycle_day", 1, 28, 1, "the billing-cycle day"));
        return tariff;
    }

    private static ZoneId zone(final Fields root)
    {
        final LocatedNode node = root.required("zone", "an IANA time zone such as \"America/Los_Angeles\"");
        final String text = root.stringOf(node, "an IANA time zone such as \"America/Los_Angeles\"");
        try
        {
            final ZoneId zone = ZoneId.of(text);
            if (zone instanceof ZoneOffset || !text.contains("/"))
            {
                // a fixed offset ignores daylight saving, which is rarely what a utility's tariff means
                throw root.error(node, "expected an IANA region zone such as \"America/Los_Angeles\", found the " +
                    "fixed offset " + ImportException.quote(text));
            }
            return zone;
        }
        catch (final DateTimeException ex)
        {
            throw root.error(node, "expected an IANA time zone such as \"America/Los_Angeles\", found " +
                ImportException.quote(text));
        }
    }

    private static long effectiveFrom(final Fields root, final ZoneId zone)
    {
        final String expected = "an instant with offset such as \"2024-01-01T00:00:00-08:00\", or a local " +
            "date-time or date in the tariff's zone such as \"2024-01-01T00:00\" or \"2024-01-01\"";
        final LocatedNode node = root.required("effective_from", expected);
        final String text = root.stringOf(node, expected);
        try
        {
            return OffsetDateTime.parse(text).toEpochSecond();
        }
        catch (final DateTimeException notAnInstant)
        {
            // fall through: a local date-time or date in the tariff's zone
        }
        final LocalDateTime local;
        try
        {
            local = text.contains("T") ? LocalDateTime.parse(text) : LocalDate.parse(text).atStartOfDay();
        }
        catch (final DateTimeException ex)
        {
            throw root.error(node, "expected " + expected + ", found " + node.describe());
        }
        final List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.size() != 1)
        {
            // a DST gap or overlap: guessing would move the start by an hour
            throw root.error(node, "expected a local time that occurs exactly once in " + zone + "; " + text +
                (offsets.isEmpty() ? " is skipped" : " occurs twice") + " by a daylight-saving change: give an offset");
        }
        return local.toEpochSecond(offsets.get(0));
    }

    private static String token(final Fields root, final String name, final String expected)
    {
        final LocatedNode node = root.required(name, expected);
        final String text = root.stringOf(node, expected);
        try
        {
            TokenSymbol.pack(text);
            return text;
        }
        catch (final IllegalArgumentException ex)
        {
            throw root.error(node, "expected " + expected + ": 1..8 characters A-Z and 0-9, found " +
                node.describe());
        }
    }

    private static List<TouPeriod> periods(final Fields root)
    {
        final LocatedNode periodsNode = root.required("periods", "a list of periods {\"name\", \"import\", \"export\"}");
        final List<LocatedNode> list = root.array(periodsNode, "periods {\"name\", \"import\", \"export\"}");
        if (list.isEmpty() || list.size() > 127)
        {
            throw root.error(periodsNode, "expected 1..127 periods, found " + list.size());
        }
        final List<TouPeriod> periods = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        for (final LocatedNode node : list)
        {
            final Fields period = new Fields(root.source(), node, PERIOD_FIELDS);
            final LocatedNode nameNode = period.required("name", "a period name such as \"peak\"");
            final String name = period.stringOf(nameNode, "a period name of 1..32 characters");
            // the journal holds names as ASCII: an accent would be journalled, and billed, as '?'
            if (name.length() > 32 || !TouPeriod.isPrintableAscii(name) || !seen.add(name))
            {
                throw period.error(nameNode, "expected a unique period name of 1..32 printable ASCII characters, " +
                    "found " + nameNode.describe());
            }
            final long importRate = ExactDecimal.micros(root.source(),
                period.required("import", "an import rate in currency per kWh such as \"0.3620\""),
                "an import rate in currency per kWh");
            final long exportRate = period.micros("export", 0, "an export rate in currency per kWh");
            periods.add(new TouPeriod(name, importRate, exportRate));
        }
        return periods;
    }

    private static long[] holidays(final Fields root)
    {
        final LocatedNode node = root.optional("holidays");
        if (node == null)
        {
            return new long[0];
        }
        final List<LocatedNode> list = root.array(node, "local dates \"YYYY-MM-DD\"");
        final long[] days = new long[list.size()];
        for (int i = 0; i < days.length; i++)
        {
            final LocatedNode date = list.get(i);
            try
            {
                days[i] = LocalDate.parse(root.stringOf(date, "a local date \"YYYY-MM-DD\"")).toEpochDay();
            }
            catch (final DateTimeException ex)
            {
                throw root.error(date, "expected a local date \"YYYY-MM-DD\", found " + date.describe());
            }
            for (int j = 0; j < i; j++)
            {
                if (days[j] == days[i])
                {
                    throw root.error(date, "expected each holiday once; " + date.text() + " is also at " +
                        list.get(j).location());
                }
            }
        }
        // order in the file is the analyst's choice; the model wants them sorted for binary search
        Arrays.sort(days);
        return days;
    }
}
