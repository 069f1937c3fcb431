package org.gridsettle.replay.tariff;

import org.gridsettle.pricing.tariff.TariffCopy;
import org.gridsettle.pricing.tariff.TouTariff;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Re-issues a gridsettle tariff read from a file under the id, version, start and export token the command line
 * journals every tariff with, keeping every pricing rule of the file (zone, schedule, demand schedule, holidays,
 * tiers, charges, export rule, billing-cycle day) unchanged.
 * <p>
 * Stateless and thread-safe.
 */
final class GridsettleCopy
{
    private GridsettleCopy()
    {
    }

    static TouTariff of(
        final Path file,
        final TouTariff read,
        final long tariffId,
        final int version,
        final long effectiveFrom,
        final String exportToken,
        final ZoneId zone)
    {
        if (!read.zone().equals(zone))
        {
            // the job's dates are local midnights in --zone; a tariff in another zone would close periods elsewhere
            throw new IllegalArgumentException(file.getFileName() + ": the tariff's zone is " + read.zone() +
                " but the job's is " + zone + "; give --zone " + read.zone());
        }
        if (effectiveFrom < read.effectiveFromEpochSecond())
        {
            throw new IllegalArgumentException(file.getFileName() + ": the tariff takes effect at " +
                Instant.ofEpochSecond(read.effectiveFromEpochSecond()) + ", after the first instant to price, " +
                Instant.ofEpochSecond(effectiveFrom));
        }
        return TariffCopy.of(read, tariffId, version, effectiveFrom, exportToken);
    }
}
