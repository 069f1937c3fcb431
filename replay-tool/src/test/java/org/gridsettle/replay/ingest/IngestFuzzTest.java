package org.gridsettle.replay.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz targets (Jazzer) for the meter-data readers. Arbitrary bytes may only be refused with a
 * {@link MeterDataException} whose message is one line naming the file; whatever is delivered must keep the
 * {@link MeterDataSink} contract: interval length positive, channel 0 to 255, a meter id that is neither empty, nor
 * formula-looking (CSV), nor holds control characters (CSV), every bad record one line with a location, and the
 * returned count equal to the readings delivered. Jazzer's sanitizers also watch for file and network access, which
 * an XML external entity would cause.
 * <p>
 * Green Button input is written to a temporary file first, since the reader takes a path (plain or gzipped).
 * Without {@code JAZZER_FUZZ} this runs the regression corpus in
 * {@code src/test/resources/org/gridsettle/replay/ingest/IngestFuzzTestInputs/<method>/}.
 */
class IngestFuzzTest
{
    private static Path file;

    @BeforeAll
    static void createFile() throws IOException
    {
        file = Files.createTempFile("gridsettle-fuzz", ".xml");
    }

    @AfterAll
    static void deleteFile() throws IOException
    {
        Files.deleteIfExists(file);
    }

    @FuzzTest(maxDuration = "3m")
    void greenButtonXml(final byte[] data)
    {
        try
        {
            Files.write(file, data);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        final CheckingSink sink = new CheckingSink(false);
        try
        {
            final long delivered = new GreenButtonReader().read(file, sink);
            sink.checkCount(delivered);
        }
        catch (final MeterDataException expected)
        {
            checkOneLine(expected.getMessage(), String.valueOf(file.getFileName()));
        }
    }

    @FuzzTest(maxDuration = "3m")
    void meterCsv(final byte[] data)
    {
        final CheckingSink sink = new CheckingSink(true);
        try
        {
            final long delivered = new MeterCsvReader().read(new ByteArrayInputStream(data), "fuzz.csv", sink);
            sink.checkCount(delivered);
        }
        catch (final MeterDataException expected)
        {
            checkOneLine(expected.getMessage(), "fuzz.csv");
        }
    }

    private static void checkOneLine(final String message, final String source)
    {
        if (message == null || !message.startsWith(source + ": ") || message.indexOf('\n') >= 0 ||
            message.indexOf('\r') >= 0)
        {
            throw new AssertionError("a refusal must be one line starting with the source: " + message);
        }
    }

    /** Checks every delivery against the {@link MeterDataSink} contract as it arrives. */
    private static final class CheckingSink implements MeterDataSink
    {
        private final boolean csv;
        private long readings;

        CheckingSink(final boolean csv)
        {
            this.csv = csv;
        }

        @Override
        public void onReading(
            final String meterId,
            final int channel,
            final long intervalStartEpochSecond,
            final int intervalSeconds,
            final long importWh,
            final long exportWh)
        {
            readings++;
            if (intervalSeconds <= 0 || channel < 0 || channel > 255 || meterId == null || meterId.isEmpty())
            {
                throw new AssertionError("delivered a reading breaking the sink contract: meter '" + meterId +
                    "' channel " + channel + " seconds " + intervalSeconds);
            }
            if (csv)
            {
                final char first = meterId.charAt(0);
                if (first == '=' || first == '+' || first == '-' || first == '@' ||
                    meterId.chars().anyMatch(Character::isISOControl))
                {
                    throw new AssertionError("delivered a formula-looking or control-character meter id: " +
                        meterId);
                }
            }
        }

        @Override
        public void onBadRecord(final String source, final String location, final String problem)
        {
            if (source == null || location == null || location.isEmpty() || problem == null ||
                problem.isEmpty() || problem.indexOf('\n') >= 0 || problem.indexOf('\r') >= 0)
            {
                throw new AssertionError("a bad record must name its place and be one line: " + source + " / " +
                    location + " / " + problem);
            }
        }

        void checkCount(final long delivered)
        {
            if (delivered != readings)
            {
                throw new AssertionError("returned " + delivered + " but delivered " + readings);
            }
        }
    }
}
