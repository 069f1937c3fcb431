package org.gridsettle.benchmarks.report;

import org.HdrHistogram.Histogram;
import org.gridsettle.journal.IoReason;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a nanosecond histogram as an HdrHistogram percentile distribution ({@code .hgrm}) in microseconds, the
 * format HdrHistogram's plotter and most latency tooling read.
 * <p>
 * Stateless and thread-safe.
 */
public final class HistogramFiles
{
    private static final double NANOS_PER_MICRO = 1000.0;

    private HistogramFiles()
    {
    }

    /**
     * @param file      destination, replaced.
     * @param histogram values in nanoseconds.
     * @throws UncheckedIOException naming the file, if it cannot be written whole (a full disk among others).
     */
    public static void write(final Path file, final Histogram histogram)
    {
        // HdrHistogram writes only to a PrintStream, which swallows I/O errors: a full disk left an empty file and
        // no error. The distribution is a few KB, so it is rendered in memory and written with Files.write, which
        // reports them.
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (PrintStream print = new PrintStream(bytes, false, StandardCharsets.UTF_8))
        {
            histogram.outputPercentileDistribution(print, NANOS_PER_MICRO);
        }
        try
        {
            Files.write(file, bytes.toByteArray());
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("could not write " + file + ": " + IoReason.of(e), e);
        }
    }
}
