package org.gridsettle.pricing.importer.gridsettle;

import org.gridsettle.pricing.tariff.TouTariff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Test helpers: the example tariffs of src/test/resources/tariffs and local times in a tariff's zone.
 */
final class GridsettleExamples
{
    private GridsettleExamples()
    {
    }

    static Path example(final String fileName)
    {
        try
        {
            return Path.of(GridsettleExamples.class.getResource("/tariffs/" + fileName).toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static TouTariff read(final String fileName)
    {
        try
        {
            return new GridsettleTariffReader().read(example(fileName));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return the instant of an unambiguous local date-time, "2024-01-03T16:15".
     */
    static long local(final String localDateTime, final ZoneId zone)
    {
        return LocalDateTime.parse(localDateTime).atZone(zone).toEpochSecond();
    }

    static String periodAt(final TouTariff tariff, final long epochSecond)
    {
        return tariff.period(tariff.periodIndexAt(epochSecond)).name();
    }
}
