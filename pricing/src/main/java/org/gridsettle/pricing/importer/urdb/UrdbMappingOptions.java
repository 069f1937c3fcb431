package org.gridsettle.pricing.importer.urdb;

import java.time.ZoneId;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@link UrdbTariffMapper} needs beyond the URDB rate itself: the tariff's identity in gridsettle, and the facts
 * URDB does not record (time zone, holidays, the rate a net-metering surplus is paid at).
 * <p>
 * Immutable; safe to share between threads.
 */
public final class UrdbMappingOptions
{
    private final long tariffId;
    private final int version;
    private final long effectiveFromEpochSecond;
    private final String exportToken;
    private final ZoneId zone;
    private final long[] holidayEpochDays;
    private final OptionalLong netSurplusMicrosPerKwh;

    /**
     * Options without a net-surplus rate: a rate with net metering is then refused, because URDB has no such rate
     * and gridsettle will not invent one.
     *
     * @param tariffId                 stable identifier of the tariff across versions.
     * @param version                  version number.
     * @param effectiveFromEpochSecond first instant this version prices; must lie within the rate's URDB
     *                                 {@code startdate} and {@code enddate} when it has them.
     * @param exportToken              program token export credits are minted in.
     * @param zone                     the utility's zone, which URDB does not record.
     * @param holidayEpochDays         sorted local dates priced with the weekend schedule; URDB does not record them.
     */
    public UrdbMappingOptions(
        final long tariffId,
        final int version,
        final long effectiveFromEpochSecond,
        final String exportToken,
        final ZoneId zone,
        final long[] holidayEpochDays)
    {
        this(tariffId, version, effectiveFromEpochSecond, exportToken, zone, holidayEpochDays, OptionalLong.empty());
    }

    private UrdbMappingOptions(
        final long tariffId,
        final int version,
        final long effectiveFromEpochSecond,
        final String exportToken,
        final ZoneId zone,
        final long[] holidayEpochDays,
        final OptionalLong netSurplusMicrosPerKwh)
    {
        this.tariffId = tariffId;
        this.version = version;
        this.effectiveFromEpochSecond = effectiveFromEpochSecond;
        this.exportToken = Objects.requireNonNull(exportToken, "exportToken");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.holidayEpochDays = holidayEpochDays.clone();
        this.netSurplusMicrosPerKwh = netSurplusMicrosPerKwh;
    }

    /**
     * URDB's "Net Metering" says exports offset imports but not what a billing period's net surplus is paid at; that
     * is in the utility's tariff sheet (often an avoided-cost rate), so the caller must supply it.
     *
     * @param microsPerKwh rate a billing period's net surplus is paid at, micro-units per kWh, not negative.
     * @return a copy of these options carrying the rate.
     */
    public UrdbMappingOptions withNetSurplusMicrosPerKwh(final long microsPerKwh)
    {
        if (microsPerKwh < 0)
        {
            throw new IllegalArgumentException("net surplus rate must not be negative: " + microsPerKwh);
        }
        return new UrdbMappingOptions(
            tariffId, version, effectiveFromEpochSecond, exportToken, zone, holidayEpochDays,
            OptionalLong.of(microsPerKwh));
    }

    /**
     * @return stable identifier of the tariff across versions.
     */
    public long tariffId()
    {
        return tariffId;
    }

    /**
     * @return version number.
     */
    public int version()
    {
        return version;
    }

    /**
     * @return first instant this version prices.
     */
    public long effectiveFromEpochSecond()
    {
        return effectiveFromEpochSecond;
    }

    /**
     * @return program token export credits are minted in.
     */
    public String exportToken()
    {
        return exportToken;
    }

    /**
     * @return the utility's zone.
     */
    public ZoneId zone()
    {
        return zone;
    }

    /**
     * @return a copy of the holiday dates.
     */
    public long[] holidayEpochDays()
    {
        return holidayEpochDays.clone();
    }

    /**
     * @return the net-surplus rate, micro-units per kWh, when the caller supplied one.
     */
    public OptionalLong netSurplusMicrosPerKwh()
    {
        return netSurplusMicrosPerKwh;
    }
}
