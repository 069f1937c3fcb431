package org.gridsettle.replay.ingest;

import org.gridsettle.pricing.carbon.CarbonCsvImporter;
import org.gridsettle.pricing.carbon.CarbonIntensitySeries;
import org.gridsettle.pricing.carbon.UkCarbonIntensityJsonImporter;
import org.gridsettle.pricing.importer.GzipAwareInput;
import org.gridsettle.pricing.importer.ImportException;
import org.gridsettle.pricing.money.TokenSymbol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The grid carbon-intensity files of an ingest, read whole before anything is journalled: a UK Carbon Intensity API
 * response (JSON, recognised by its first non-blank character {@code {}) or gridsettle's carbon CSV
 * ({@code region,interval_start,interval_seconds,mg_per_kwh|g_per_kwh}), either plain or gzipped.
 * <p>
 * The API response names no region, so {@code --carbon-region} names it; a CSV names its own. The meters of the
 * ingest are enrolled on {@code --carbon-region}, or on the files' one region when they have exactly one.
 * <p>
 * Not thread-safe; built and read on the command's thread.
 */
public final class CarbonFiles
{
    private final List<CarbonIntensitySeries> series;
    private final List<String> sources;
    private final String enrolmentRegion;

    private CarbonFiles(
        final List<CarbonIntensitySeries> series, final List<String> sources, final String enrolmentRegion)
    {
        this.series = List.copyOf(series);
        this.sources = List.copyOf(sources);
        this.enrolmentRegion = enrolmentRegion;
    }

    /** No carbon data: meters are enrolled on no region. */
    public static final CarbonFiles NONE = new CarbonFiles(List.of(), List.of(), null);

    /**
     * @param files  carbon files, in the order given.
     * @param region the region meters are enrolled on, and the name of API responses' series; null when not given.
     * @return the series of every file.
     * @throws ImportException          when a file's content is invalid, naming the file and place.
     * @throws IllegalArgumentException when the region is missing, unusable or not among the files' regions.
     */
    public static CarbonFiles read(final List<Path> files, final String region)
    {
        if (files.isEmpty())
        {
            if (region != null)
            {
                throw new IllegalArgumentException("--carbon-region " + region + " needs --carbon FILE");
            }
            return NONE;
        }
        if (region != null)
        {
            // the region is journalled packed in 8 bytes; a longer name is refused here, not after reading
            TokenSymbol.pack(region);
        }
        final List<CarbonIntensitySeries> series = new ArrayList<>();
        final List<String> sources = new ArrayList<>();
        for (final Path file : files)
        {
            for (final CarbonIntensitySeries s : readOne(file, region))
            {
                series.add(s);
                sources.add(String.valueOf(file.getFileName()));
            }
        }
        final TreeSet<String> regions = new TreeSet<>();
        series.forEach(s -> regions.add(s.region()));
        final String enrolOn = region != null ? region : onlyRegion(regions);
        if (!regions.contains(enrolOn))
        {
            throw new IllegalArgumentException("--carbon-region " + enrolOn + " is not in the carbon files, which " +
                "cover " + regions);
        }
        for (final String r : regions)
        {
            TokenSymbol.pack(r);
        }
        return new CarbonFiles(series, sources, enrolOn);
    }

    private static String onlyRegion(final TreeSet<String> regions)
    {
        if (regions.size() != 1)
        {
            throw new IllegalArgumentException("the carbon files cover regions " + regions + ": give --carbon-region " +
                "to say which one the meters are in");
        }
        return regions.first();
    }

    private static List<CarbonIntensitySeries> readOne(final Path file, final String region)
    {
        try
        {
            if (isJson(file))
            {
                if (region == null)
                {
                    // read first under a stand-in region, which only names the series: JSON that is no API response
                    // (a tariff given here by mistake) is refused as such, not asked for a region it would not use
                    new UkCarbonIntensityJsonImporter().importFile(file, "GB");
                    throw new IllegalArgumentException(file.getFileName() + ": a Carbon Intensity API response names " +
                        "no region: give --carbon-region, for example GB");
                }
                return List.of(requireAValue(file, new UkCarbonIntensityJsonImporter().importFile(file, region)));
            }
            return List.copyOf(new CarbonCsvImporter().importFile(file).values());
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * An API response whose every interval has neither an actual nor a forecast intensity holds nothing to price
     * with: published, it would change nothing (a missing interval counts as absent, MissingIntensityPolicy), and
     * every reading it was given for would be rejected CARBON_INTENSITY_MISSING with nothing saying why.
     */
    private static CarbonIntensitySeries requireAValue(final Path file, final CarbonIntensitySeries series)
    {
        for (int i = 0; i < series.size(); i++)
        {
            if (!series.isMissingAt(i))
            {
                return series;
            }
        }
        throw new ImportException(String.valueOf(file.getFileName()), "data", "expected at least one interval with " +
            "an actual or forecast intensity, found " + series.size() + (series.size() == 1 ? " interval" :
            " intervals") + " with neither (both null): nothing to price carbon with");
    }

    private static boolean isJson(final Path file) throws IOException
    {
        try (InputStream in = GzipAwareInput.open(file))
        {
            int b;
            while ((b = in.read()) != -1)
            {
                if (!Character.isWhitespace(b) && b != 0xEF && b != 0xBB && b != 0xBF)
                {
                    return b == '{';
                }
            }
            return false;
        }
    }

    /**
     * @return every series, in file order and, within a CSV, region order.
     */
    public List<CarbonIntensitySeries> series()
    {
        return series;
    }

    /**
     * @param index index into {@link #series()}.
     * @return the name of the file that series was read from.
     */
    public String source(final int index)
    {
        return sources.get(index);
    }

    /**
     * @return the packed region meters are enrolled on, or 0 for none.
     */
    public long enrolmentRegionSymbol()
    {
        return enrolmentRegion == null ? 0 : TokenSymbol.pack(enrolmentRegion);
    }

    /**
     * @return the region meters are enrolled on, or null.
     */
    public String enrolmentRegion()
    {
        return enrolmentRegion;
    }

    /**
     * @return intervals across every series.
     */
    public long intervals()
    {
        long total = 0;
        for (final CarbonIntensitySeries s : series)
        {
            total += s.size();
        }
        return total;
    }
}
