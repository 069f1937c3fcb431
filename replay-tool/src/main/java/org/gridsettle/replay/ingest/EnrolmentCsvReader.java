package org.gridsettle.replay.ingest;

import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.PricingNodeField;
import org.gridsettle.pricing.importer.CsvBlanks;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an enrolment CSV with the header {@code meter_id,account_id} and the optional columns {@code programs}, then
 * {@code pricing_node}, then {@code import_limit_kw} and {@code export_limit_kw}, one meter per row.
 * <p>
 * Rules:
 * <ul>
 *   <li>{@code meter_id} is the meter's id exactly as the usage files name it (a CSV {@code meter_id}, or a Green
 *       Button UsagePoint id). The engine identifies meters by number, so each row's meter is given the number of
 *       its position among the rows, starting at 1: the same file always gives the same numbers.</li>
 *   <li>{@code account_id} is a whole number of at least {@value SystemAccounts#FIRST_CUSTOMER_ACCOUNT}, in the
 *       digits 0-9; several meters may bill to one account.</li>
 *   <li>{@code programs} is empty, or program names separated by {@code ;}: {@code net_metering},
 *       {@code demand_response}.</li>
 *   <li>{@code pricing_node} is empty (no node) or the oracle pricing node the meter's exports are priced at when
 *       its tariff takes export rates from the price oracle, such as {@code TH_NP15_GEN-APND}: 1 to 32 printable
 *       ASCII characters, no comma or quote.</li>
 *   <li>{@code import_limit_kw} and {@code export_limit_kw} are empty (no limit) or the highest average power a
 *       reading of the meter may show, in kW as a plain decimal with at most 3 decimals (whole watts): the
 *       service's capacity for imports, the inverter's nameplate for exports. The engine refuses a reading above
 *       one as READING_ABOVE_LIMIT instead of pricing it.</li>
 * </ul>
 * Unlike a usage file, an enrolment file has no row that can be skipped: a meter enrolled on the wrong account bills
 * the wrong customer. So any bad row, a repeated meter id or a file without rows throws {@link MeterDataException}
 * naming the line. Blank lines are skipped.
 * <p>
 * Stateless: one instance may read several files, from several threads at once.
 */
public final class EnrolmentCsvReader
{
    private static final String HEADER =
        "meter_id,account_id[,programs[,pricing_node[,import_limit_kw[,export_limit_kw]]]]";
    private static final String EXPECTED = "an enrolment CSV with header " + HEADER;
    private static final String[] COLUMNS =
        { "meter_id", "account_id", "programs", "pricing_node", "import_limit_kw", "export_limit_kw" };
    private static final BigDecimal MAX_LIMIT_KW = BigDecimal.valueOf(Integer.MAX_VALUE, 3);

    /**
     * @param file the enrolment file, plain or gzipped.
     * @return the enrolments in file order, numbered from 1.
     * @throws MeterDataException when the file cannot be read or any row is bad; the message is one line.
     */
    public List<Enrolment> read(final Path file)
    {
        final String source = String.valueOf(file.getFileName());
        try (InputStream in = MeterFileInput.open(file, source, EXPECTED))
        {
            return read(in, source);
        }
        catch (final IOException ex)
        {
            throw new MeterDataException(source, "on close", "cannot read " + EXPECTED + ": " + IoErrorText.of(ex), ex);
        }
    }

    private static List<Enrolment> read(final InputStream in, final String source) throws IOException
    {
        final CsvLineSource lines = new CsvLineSource(in);
        final List<String> fields = new ArrayList<>(COLUMNS.length);
        final int columnCount = readHeader(lines, source, fields);
        final List<Enrolment> enrolments = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        while (lines.next())
        {
            final String location = "line " + lines.lineNumber();
            if (null != lines.problem())
            {
                throw new MeterDataException(source, location, lines.problem());
            }
            if (lines.text().isBlank())
            {
                continue;
            }
            final String splitProblem = CsvFieldSplitter.split(lines.text(), fields);
            if (null != splitProblem)
            {
                throw new MeterDataException(source, location, splitProblem);
            }
            if (fields.size() != columnCount)
            {
                throw new MeterDataException(source, location,
                    "expected " + columnCount + " fields as in the header, found " + fields.size());
            }
            final String meterId = meterId(CsvBlanks.trim(fields.get(0)), source, location);
            if (!seen.add(meterId))
            {
                throw new MeterDataException(source, location, "meter_id " + DisplayText.quote(meterId) +
                    " is enrolled twice; one meter bills to one account");
            }
            final long accountId = accountId(CsvBlanks.trim(fields.get(1)), source, location);
            final long programs = columnCount >= 3 ? programs(fields.get(2), source, location) : 0;
            final String node = columnCount >= 4 ? pricingNode(CsvBlanks.trim(fields.get(3)), source, location) : null;
            final int importLimitW = columnCount >= 5 ? limitW(COLUMNS[4], fields.get(4), source, location) : 0;
            final int exportLimitW = columnCount >= 6 ? limitW(COLUMNS[5], fields.get(5), source, location) : 0;
            enrolments.add(new Enrolment(meterId, enrolments.size() + 1, accountId, programs, node, importLimitW,
                exportLimitW));
        }
        if (enrolments.isEmpty())
        {
            throw new MeterDataException(source, "line " + lines.lineNumber(), "no meters enrolled, expected " +
                EXPECTED + " and at least one row");
        }
        return List.copyOf(enrolments);
    }

    private static int readHeader(final CsvLineSource lines, final String source, final List<String> fields)
        throws IOException
    {
        if (!lines.next())
        {
            throw new MeterDataException(source, "line 1", "empty file, expected " + EXPECTED);
        }
        final String header = lines.text();
        if (null == lines.problem() && null == CsvFieldSplitter.split(header, fields))
        {
            final String problem = CsvHeaderCheck.problem(header, fields, COLUMNS, 2, HEADER,
                EnrolmentCsvReader::usageFileNote);
            if (null == problem)
            {
                return fields.size();
            }
            throw new MeterDataException(source, "line 1", problem);
        }
        throw new MeterDataException(source, "line 1", "header " +
            (header == null ? "unreadable" : DisplayText.quote(header)) + ", expected " + HEADER);
    }

    /**
     * @return for a usage file's second column where the account's is expected, that --meters and --usage were
     *         swapped; else nothing.
     */
    private static String usageFileNote(final int index, final String column)
    {
        return index == 1 && "interval_start".equals(column) ? ": this is a meter usage CSV, which --usage takes; " +
            "--meters takes the enrolment CSV " + HEADER : "";
    }

    private static String meterId(final String meterId, final String source, final String location)
    {
        if (meterId.isEmpty())
        {
            throw new MeterDataException(source, location, "meter_id is empty");
        }
        for (int i = 0; i < meterId.length(); i++)
        {
            if (Character.isISOControl(meterId.charAt(i)))
            {
                throw new MeterDataException(source, location,
                    "meter_id " + DisplayText.quote(meterId) + " holds a control character");
            }
        }
        return meterId;
    }

    private static long accountId(final String text, final String source, final String location)
    {
        final long accountId;
        try
        {
            accountId = PlainNumbers.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new MeterDataException(source, location, "account_id " + DisplayText.quote(text) +
                " is not a whole number" + PlainNumbers.otherDigitsNote(text));
        }
        // the engine would reject a lower id too, but only after the meters' readings were journalled against it
        if (accountId < SystemAccounts.FIRST_CUSTOMER_ACCOUNT || accountId > (Long.MAX_VALUE >> 4))
        {
            throw new MeterDataException(source, location, "account_id " + accountId + " is outside the customer " +
                "range; customer accounts start at " + SystemAccounts.FIRST_CUSTOMER_ACCOUNT);
        }
        return accountId;
    }

    private static String pricingNode(final String text, final String source, final String location)
    {
        if (text.isEmpty())
        {
            return null;
        }
        final String problem = PricingNodeField.problem(text);
        if (problem != null)
        {
            throw new MeterDataException(source, location, "pricing_node " + DisplayText.quote(text) + ": " + problem);
        }
        return text;
    }

    /**
     * @return the limit in whole watts, or 0 for an empty field.
     */
    private static int limitW(final String column, final String field, final String source, final String location)
    {
        final String text = CsvBlanks.trim(field);
        if (text.isEmpty())
        {
            return 0;
        }
        final BigDecimal kw;
        try
        {
            kw = PlainNumbers.parseDecimal(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new MeterDataException(source, location, column + " " + DisplayText.quote(text) +
                " is not a number of kW (digits with an optional decimal point, such as 7.6)");
        }
        if (kw.signum() <= 0)
        {
            throw new MeterDataException(source, location, column + " " + DisplayText.quote(text) +
                " is not above 0; leave it empty for no limit");
        }
        // compared in kW, before the point moves to watts, so that the int conversion below cannot fail
        if (kw.compareTo(MAX_LIMIT_KW) > 0)
        {
            throw new MeterDataException(source, location, column + " " + DisplayText.quote(text) +
                " is above the largest limit, 2147483.647 kW");
        }
        final BigDecimal watts = kw.movePointRight(3);
        if (watts.stripTrailingZeros().scale() > 0)
        {
            throw new MeterDataException(source, location, column + " " + DisplayText.quote(text) +
                " has more than 3 decimals; the limit is kept in whole watts");
        }
        return watts.intValueExact();
    }

    private static long programs(final String text, final String source, final String location)
    {
        long programs = 0;
        for (final String part : text.split(";", -1))
        {
            final String name = CsvBlanks.trim(part).toLowerCase(Locale.ROOT);
            if (name.isEmpty())
            {
                continue;
            }
            switch (name)
            {
                case "net_metering" -> programs |= MeterEnrolmentCodec.PROGRAM_NET_METERING;
                case "demand_response" -> programs |= MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE;
                default -> throw new MeterDataException(source, location, "program " + DisplayText.quote(name) +
                    " is unknown, expected net_metering or demand_response separated by ;");
            }
        }
        return programs;
    }
}
