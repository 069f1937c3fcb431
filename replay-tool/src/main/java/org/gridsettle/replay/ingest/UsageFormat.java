package org.gridsettle.replay.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The meter-data file formats the command line reads, how to tell them apart, and which reader reads each.
 * <p>
 * Detection looks at content first, because exports are often renamed: after gunzipping (by magic bytes), a file
 * whose first character is {@code <} is Green Button XML and one whose first line starts with {@code meter_id} is a
 * meter CSV. Only when the content says neither does a {@code .xml} or {@code .xml.gz} name decide, so that the
 * Green Button reader can say what is wrong with the XML.
 * <p>
 * Stateless; safe from any thread.
 */
public enum UsageFormat
{
    /** Green Button (NAESB ESPI) Atom feed, plain or gzipped. */
    GREENBUTTON,
    /** Meter CSV {@code meter_id,interval_start,interval_seconds,import_wh,export_wh[,channel]}, plain or gzipped. */
    CSV;

    private static final int SNIFF_BYTES = 4096;
    private static final String EXPECTED = "Green Button XML or a meter CSV";

    /**
     * @return the name used on the command line.
     */
    public String cliName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a file in this format.
     *
     * @param file the file.
     * @param sink receives readings and bad records, on this thread, in file order.
     * @return number of readings delivered.
     * @throws MeterDataException when the file cannot be read at all.
     */
    public long read(final Path file, final MeterDataSink sink)
    {
        return read(file, sink, ReadProgress.NONE);
    }

    /**
     * As {@link #read(Path, MeterDataSink)}, counting the file's bytes as they are read.
     */
    long read(final Path file, final MeterDataSink sink, final ReadProgress progress)
    {
        return this == GREENBUTTON ?
            new GreenButtonReader().read(file, sink, progress) : new MeterCsvReader().read(file, sink, progress);
    }

    /**
     * @return how many times this format's reader reads a file through: a Green Button feed twice (its UsagePoints and
     *         ReadingTypes first, since an IntervalBlock may come before the ReadingType it needs), a CSV once.
     */
    int readPasses()
    {
        return this == GREENBUTTON ? 2 : 1;
    }

    /**
     * Tells the format of a meter-data file from its content.
     *
     * @param file the file.
     * @return its format.
     * @throws MeterDataException when the file is empty, unreadable, or recognisably neither format.
     */
    public static UsageFormat detect(final Path file)
    {
        final String source = String.valueOf(file.getFileName());
        final String head;
        final boolean gzipped;
        // the reader checks a gzipped file's data whole before it parses it; a look at the head needs no check
        try (TrackedInputStream in = MeterFileInput.openUnchecked(file, source, EXPECTED))
        {
            gzipped = in.gzipped();
            head = new String(in.readNBytes(SNIFF_BYTES), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new MeterDataException(source, "start of file", "cannot read " + EXPECTED + ": " +
                IoErrorText.of(ex), ex);
        }
        final String text = head.startsWith("\uFEFF") ? head.substring(1) : head;
        final String trimmed = text.stripLeading();
        if (trimmed.startsWith("<"))
        {
            return GREENBUTTON;
        }
        if (text.toLowerCase(Locale.ROOT).startsWith("meter_id"))
        {
            return CSV;
        }
        if (gzipped)
        {
            // a head the damage garbled would be refused as of no known format, which sends its author the wrong way
            MeterFileInput.checkGzipData(file, source, EXPECTED);
        }
        final String name = source.toLowerCase(Locale.ROOT);
        if (name.endsWith(".xml") || name.endsWith(".xml.gz"))
        {
            return GREENBUTTON;
        }
        throw new MeterDataException(source, "start of file", "cannot tell the format: not XML (Green Button) and " +
            "no meter CSV header meter_id,interval_start,...; give --usage-format greenbutton or csv");
    }
}
