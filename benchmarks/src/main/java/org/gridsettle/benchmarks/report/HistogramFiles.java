package org.gridsettle.benchmarks.report;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.OutputStream;
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
     */
    public static void write(final Path file, final Histogram histogram)
    {
        try (OutputStream out = Files.newOutputStream(file);
            PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8))
        {
            histogram.outputPercentileDistribution(print, NANOS_PER_MICRO);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }
}
