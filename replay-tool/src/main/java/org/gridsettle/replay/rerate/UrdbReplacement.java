package org.gridsettle.replay.rerate;

import org.gridsettle.pricing.importer.urdb.UrdbImporter;
import org.gridsettle.pricing.importer.urdb.UrdbMappingOptions;
import org.gridsettle.pricing.importer.urdb.UrdbRate;
import org.gridsettle.pricing.importer.urdb.UrdbTariffMapper;
import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.TouTariff;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Turns a URDB rate into the replacement for each recorded version of a tariff: the rate mapped by
 * {@link UrdbTariffMapper} under the recorded version's identity (tariff id, version, effective instant), export
 * token and holidays, so that enrolments and later records still find it. The zone is the caller's when given,
 * else the recorded version's, since URDB records none. A net-metering recorded version lends its net-surplus rate,
 * which URDB does not carry, and every recorded version its billing-cycle day: the journal's period closes fall on
 * that day, and a replacement billed by calendar months would have them close its periods half-way.
 * <p>
 * Immutable; safe to share between threads.
 */
public final class UrdbReplacement implements UnaryOperator<TouTariff>
{
    private final UrdbRate rate;
    private final ZoneId zone;
    private final String fileName;

    private UrdbReplacement(final UrdbRate rate, final ZoneId zone, final String fileName)
    {
        this.rate = rate;
        this.zone = zone;
        this.fileName = fileName;
    }

    /**
     * @param file a URDB JSON file of exactly one rate.
     * @param zone the utility's zone, or null to keep each recorded version's.
     * @return the replacement.
     * @throws IllegalArgumentException if the file holds several rates or none.
     */
    public static UrdbReplacement read(final Path file, final ZoneId zone)
    {
        final List<UrdbRate> rates = new UrdbImporter().read(file);
        if (rates.size() != 1)
        {
            throw new IllegalArgumentException(file.getFileName() + ": holds " + rates.size() +
                " URDB rates; give a file of exactly one rate");
        }
        return new UrdbReplacement(rates.get(0), zone, String.valueOf(file.getFileName()));
    }

    /**
     * @return the rate's URDB end date, when it has one: it prices nothing from then on.
     */
    public Optional<Instant> endDate()
    {
        return rate.endDate();
    }

    /**
     * @return one line per value of the rate rounded half-even to a micro-unit when it was read.
     */
    public List<String> roundings()
    {
        return rate.roundings();
    }

    /**
     * @return one line per free-text comment of the rate, quoted: nothing prices them, so a person checks them.
     */
    public List<String> comments()
    {
        return rate.comments();
    }

    @Override
    public TouTariff apply(final TouTariff recorded)
    {
        // the mapper refuses it too, in its own terms ("the requested effectiveFrom"), which name no rerate option
        final Instant recordedStart = Instant.ofEpochSecond(recorded.effectiveFromEpochSecond());
        final ZoneId pricedIn = zone == null ? recorded.zone() : zone;
        // east of UTC the startdate's day, which an ingest starts the journal at, begins before the startdate itself
        final Optional<Instant> earliest = rate.earliestStartIn(pricedIn);
        if (earliest.isPresent() && recordedStart.isBefore(earliest.get()))
        {
            throw new IllegalArgumentException(fileName + ": its URDB startdate " + rate.startDate().get() +
                " is after " + recordedStart + ", where tariff " + recorded.tariffId() + " version " +
                recorded.version() + " of the journal starts: the replacement re-prices the whole journal from " +
                "there, and a rate prices nothing before it starts; give a rate in force from then; no report was " +
                "written");
        }
        UrdbMappingOptions options = new UrdbMappingOptions(recorded.tariffId(), recorded.version(),
            recorded.effectiveFromEpochSecond(), recorded.exportToken(), pricedIn,
            recorded.holidayEpochDaysCopy());
        if (recorded.exportRule() == ExportRule.NET_METERING)
        {
            options = options.withNetSurplusMicrosPerKwh(recorded.netSurplusMicrosPerKwh());
        }
        return org.gridsettle.replay.tariff.TariffDocument.supported("the replacement tariff",
            UrdbTariffMapper.toTouTariff(rate, options).withBillingCycleDay(recorded.billingCycleDay()));
    }
}
