package org.gridsettle.replay.ingest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A meter-data file and the format it is read as.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param path   the file.
 * @param format its format.
 */
public record UsageFile(Path path, UsageFormat format)
{
    /**
     * Checks the fields.
     */
    public UsageFile
    {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
    }

    /**
     * @param path   a file.
     * @param format its format, or null to detect it from the content.
     * @return the file with its format.
     * @throws MeterDataException when the format is not given and cannot be detected.
     */
    public static UsageFile of(final Path path, final UsageFormat format)
    {
        return new UsageFile(path, format == null ? UsageFormat.detect(path) : format);
    }

    /**
     * @return the file name, as used in messages.
     */
    public String name()
    {
        return String.valueOf(path.getFileName());
    }

    /**
     * @param sink receives readings and bad records.
     * @return readings delivered.
     * @throws MeterDataException when the file cannot be read at all.
     */
    public long read(final MeterDataSink sink)
    {
        return format.read(path, sink);
    }

    /**
     * @param sink     receives readings and bad records.
     * @param progress counts the file's bytes as they are read.
     * @return readings delivered.
     * @throws MeterDataException when the file cannot be read at all.
     */
    long read(final MeterDataSink sink, final ReadProgress progress)
    {
        return format.read(path, sink, progress);
    }

    /**
     * @param name   a usage file's name.
     * @param format the format it was read as.
     * @return that it holds no meter reading and, for a file read without a fault, what it most likely is: the wrong
     *         file of a download (a Green Button UsagePoint or ReadingType alone), or a CSV of a header alone.
     */
    public static String noReading(final String name, final UsageFormat format)
    {
        return name + ": holds no meter reading" + (format == UsageFormat.GREENBUTTON ?
            " (no IntervalBlock: a Green Button resource such as a UsagePoint or ReadingType alone?)" :
            " (a header and no rows)");
    }
}
