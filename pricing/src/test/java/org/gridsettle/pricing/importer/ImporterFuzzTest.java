package org.gridsettle.pricing.importer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gridsettle.pricing.carbon.CarbonCsvImporter;
import org.gridsettle.pricing.carbon.UkCarbonIntensityJsonImporter;
import org.gridsettle.pricing.importer.urdb.UrdbImportException;
import org.gridsettle.pricing.importer.urdb.UrdbImporter;
import org.gridsettle.pricing.oracle.OraclePriceCsvImporter;

import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz targets (Jazzer) for every pricing importer: arbitrary bytes may only ever be refused with the importer's
 * documented exception ({@link UrdbImportException} for URDB, {@link ImportException} for the others), and the
 * refusal must be one line that names the source. Anything else (a runtime exception, an error, an unlocated
 * IOException from an in-memory stream, a hang caught by Jazzer's timeout) is a finding.
 * <p>
 * CSV bytes are read twice: through a strict UTF-8 decoder, as {@code importFile} does, so invalid UTF-8 must be
 * refused, and through a lenient one, as a host passing its own Reader might.
 * <p>
 * Without {@code JAZZER_FUZZ} this runs the regression corpus in
 * {@code src/test/resources/org/gridsettle/pricing/importer/ImporterFuzzTestInputs/<method>/}; with it, one target
 * is fuzzed (see RELIABILITY.md).
 */
class ImporterFuzzTest
{
    @FuzzTest(maxDuration = "3m")
    void urdbJson(final byte[] data)
    {
        final UrdbImporter importer = new UrdbImporter();
        try
        {
            importer.read("fuzz.json", new ByteArrayInputStream(data));
        }
        catch (final UrdbImportException expected)
        {
            checkOneLine(expected.getMessage(), "fuzz.json");
        }
        catch (final NumberFormatException knownFinding)
        {
            tolerateExponentOverflow(knownFinding);
        }
        try
        {
            importer.read("fuzz.json", new String(data, StandardCharsets.UTF_8));
        }
        catch (final UrdbImportException expected)
        {
            checkOneLine(expected.getMessage(), "fuzz.json");
        }
        catch (final NumberFormatException knownFinding)
        {
            tolerateExponentOverflow(knownFinding);
        }
    }

    /**
     * Found by this target: see ImporterHostileInputTest.aUrdbNumberWithAnExponentBeyondAnIntIsALocatedRefusal. Only
     * that exact failure is let through, so fuzzing can look past it.
     */
    private static void tolerateExponentOverflow(final NumberFormatException e)
    {
        if (!String.valueOf(e.getMessage()).contains("Exponent overflow"))
        {
            throw e;
        }
    }

    @FuzzTest(maxDuration = "3m")
    void ukCarbonIntensityJson(final byte[] data) throws IOException
    {
        try
        {
            new UkCarbonIntensityJsonImporter(1_000).parse(new ByteArrayInputStream(data), "fuzz.json", "GB");
        }
        catch (final ImportException expected)
        {
            checkOneLine(expected.getMessage(), "fuzz.json");
        }
        catch (final CharConversionException knownFinding)
        {
            // found by this target: see ImporterHostileInputTest.utf32JsonWithAnImpossibleCodePointIsALocated...
        }
    }

    @FuzzTest(maxDuration = "3m")
    void carbonCsv(final byte[] data) throws IOException
    {
        final CarbonCsvImporter importer = new CarbonCsvImporter(1_000);
        csvBothWays(data, importer::parse);
    }

    @FuzzTest(maxDuration = "3m")
    void oraclePriceCsv(final byte[] data) throws IOException
    {
        final OraclePriceCsvImporter importer = new OraclePriceCsvImporter(1_000);
        csvBothWays(data, importer::parse);
    }

    /** A CSV importer's parse of a reader, named for its messages. */
    @FunctionalInterface
    private interface CsvParse
    {
        Object parse(Reader reader, String source) throws IOException;
    }

    /**
     * Parses the bytes as strict UTF-8 and as leniently decoded text: either way the importer returns or refuses with
     * one located line.
     */
    private static void csvBothWays(final byte[] data, final CsvParse parse) throws IOException
    {
        try
        {
            parse.parse(strict(data), "fuzz.csv");
        }
        catch (final ImportException expected)
        {
            checkOneLine(expected.getMessage(), "fuzz.csv");
        }
        try
        {
            parse.parse(new StringReader(new String(data, StandardCharsets.UTF_8)), "fuzz.csv");
        }
        catch (final ImportException expected)
        {
            checkOneLine(expected.getMessage(), "fuzz.csv");
        }
    }

    private static Reader strict(final byte[] data)
    {
        return new InputStreamReader(new ByteArrayInputStream(data), StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static void checkOneLine(final String message, final String source)
    {
        if (message == null || !message.startsWith(source + ":") || message.indexOf('\n') >= 0 ||
            message.indexOf('\r') >= 0)
        {
            throw new AssertionError("a refusal must be one line starting with the source: " + message);
        }
    }
}
