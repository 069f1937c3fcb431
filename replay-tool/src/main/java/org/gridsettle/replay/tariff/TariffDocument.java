package org.gridsettle.replay.tariff;

import org.gridsettle.replay.ingest.IoErrorText;
import org.gridsettle.pricing.importer.gridsettle.GridsettleTariffReader;
import org.gridsettle.pricing.importer.urdb.UrdbImporter;
import org.gridsettle.pricing.importer.urdb.UrdbRate;
import org.gridsettle.pricing.importer.urdb.UrdbTariffMapper;
import org.gridsettle.engine.logic.TariffSupport;
import org.gridsettle.pricing.tariff.TariffCopy;
import org.gridsettle.pricing.tariff.TouTariff;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A tariff file read and checked, not yet turned into a {@link TouTariff}: the instant it takes effect from depends
 * on the job (a bill starts at its first day, an ingest at its first reading), and the mapping checks that instant
 * against the rate's own start and end dates.
 * <p>
 * URDB records no time zone and no holiday calendar, so the caller supplies the zone and, if the utility's rate has
 * them, the holidays ({@link #withHolidays}), which are priced with the weekend schedule; without them every date is
 * priced by its weekday or weekend schedule. A gridsettle tariff ({@link GridsettleTariffReader}) carries
 * its own zone, holidays, charges and effective date; the caller's zone must then agree with the file's, and the job
 * may not start before the file's effective date.
 * <p>
 * Immutable; safe to share between threads.
 */
public final class TariffDocument
{
    /** Tariff id every tariff loaded by the command line is journalled under. */
    public static final long TARIFF_ID = 1;
    /** Version every tariff loaded by the command line is journalled as. */
    public static final int VERSION = 1;
    /** Token a URDB rate's export credits are minted in when the command line names none: URDB records none. */
    public static final String URDB_EXPORT_TOKEN = "SOLAR";

    private final Path file;
    /** The URDB rate, or null for a gridsettle tariff. */
    private final UrdbRate rate;
    /** The gridsettle tariff as read, or null for a URDB rate. */
    private final TouTariff gridsettle;
    /** A URDB rate's holidays, local dates as epoch days, ascending. */
    private final long[] holidays;

    private TariffDocument(final Path file, final UrdbRate rate, final TouTariff gridsettle, final long[] holidays)
    {
        this.file = file;
        this.rate = rate;
        this.gridsettle = gridsettle;
        this.holidays = holidays;
    }

    /**
     * The utility's holidays for a URDB rate, which URDB does not record: each is priced with the weekend schedule,
     * as the engine prices a holiday of a gridsettle tariff.
     *
     * @param dates local dates in the tariff's zone, any order; repeats count once.
     * @return a document whose tariff has these holidays.
     * @throws IllegalArgumentException for a gridsettle tariff, which carries its own holidays.
     */
    public TariffDocument withHolidays(final java.util.Collection<java.time.LocalDate> dates)
    {
        if (dates.isEmpty())
        {
            return this;
        }
        if (gridsettle != null)
        {
            throw new IllegalArgumentException("--holidays: " + file.getFileName() + " is a gridsettle tariff, " +
                "which carries its own holidays (its \"holidays\" field)");
        }
        return new TariffDocument(file, rate, null,
            dates.stream().mapToLong(java.time.LocalDate::toEpochDay).distinct().sorted().toArray());
    }

    /**
     * Reads a tariff file.
     *
     * @param file   the file.
     * @param format its format, or null to detect it from the content.
     * @return the document.
     * @throws IllegalArgumentException for an unknown format, an unreadable file, or a file of several rates.
     * @throws org.gridsettle.pricing.importer.urdb.UrdbImportException when the URDB rate cannot be read faithfully.
     * @throws org.gridsettle.pricing.importer.ImportException when the gridsettle tariff is not valid.
     */
    public static TariffDocument read(final Path file, final TariffFormat format)
    {
        final TariffFormat chosen = format == null ? TariffFormat.detect(file) : format;
        if (chosen == TariffFormat.GRIDSETTLE)
        {
            try
            {
                return new TariffDocument(file, null, new GridsettleTariffReader().read(file), new long[0]);
            }
            catch (final IOException ex)
            {
                throw new IllegalArgumentException(file.getFileName() + ": cannot read the tariff file: " +
                    IoErrorText.of(ex), ex);
            }
        }
        final List<UrdbRate> rates = new UrdbImporter().read(file);
        if (rates.size() != 1)
        {
            throw new IllegalArgumentException(file.getFileName() + ": holds " + rates.size() +
                " URDB rates; give a file of exactly one rate");
        }
        return new TariffDocument(file, rates.get(0), null, new long[0]);
    }

    /**
     * Maps the rate onto the engine's tariff model.
     *
     * @param effectiveFrom first instant the tariff prices, epoch seconds.
     * @param exportToken   token export credits are posted in.
     * @param zone          the utility's zone; for a gridsettle tariff it must be the file's own.
     * @return tariff {@link #TARIFF_ID}, version {@link #VERSION}.
     * @throws IllegalArgumentException when a gridsettle tariff's zone differs from {@code zone} or it takes effect
     *                                  after {@code effectiveFrom}, or the engine cannot settle the tariff.
     * @throws org.gridsettle.pricing.importer.urdb.UrdbImportException when the rate needs more than a time-of-use
     *                                                                 energy tariff (tiers, demand, fixed charges).
     */
    public TouTariff toTariff(final long effectiveFrom, final String exportToken, final ZoneId zone)
    {
        Objects.requireNonNull(zone, "zone");
        final TouTariff tariff = gridsettle != null ?
            GridsettleCopy.of(file, gridsettle, TARIFF_ID, VERSION, effectiveFrom, exportToken, zone) :
            UrdbTariffMapper.toTouTariff(rate, TARIFF_ID, VERSION, effectiveFrom, exportToken, zone, holidays.clone());
        return supported(file.getFileName().toString(), tariff);
    }

    /**
     * @param name   the tariff's file, for the message.
     * @param tariff a mapped tariff.
     * @return the tariff, if the engine can settle it; else, if dropping the periods and demand periods its schedules
     *     never name makes it one the engine can settle (more than six listed, at most six used, as URDB rates
     *     sometimes list), that copy ({@link TariffCopy#withoutUnusedPeriods}: the same amounts, the periods kept
     *     keep their names).
     * @throws IllegalArgumentException naming what the engine cannot settle, before anything is journalled: the
     *                                  engine would reject the version, and then every enrolment and reading on it.
     */
    public static TouTariff supported(final String name, final TouTariff tariff)
    {
        final String why = TariffSupport.whyUnsupported(tariff);
        if (why == null)
        {
            return tariff;
        }
        final TouTariff used = TariffCopy.withoutUnusedPeriods(tariff);
        if (used != tariff && TariffSupport.whyUnsupported(used) == null)
        {
            return used;
        }
        throw new IllegalArgumentException(name + ": the engine cannot settle this tariff faithfully: " + why +
            (used == tariff ? "" : " (its schedules use " + used.periodCount() + " TOU and " +
            used.demandPeriodCount() + " demand periods)"));
    }

    /**
     * @return the file the tariff was read from.
     */
    public Path file()
    {
        return file;
    }

    /**
     * @return the tariff's own zone: a gridsettle tariff names one, a URDB rate does not.
     */
    public Optional<ZoneId> ownZone()
    {
        return gridsettle != null ? Optional.of(gridsettle.zone()) : Optional.empty();
    }

    /**
     * @return the rate's URDB end date, when it has one: the rate no longer applies from then on.
     */
    public Optional<Instant> endDate()
    {
        return gridsettle != null ? Optional.empty() : rate.endDate();
    }

    /**
     * @return the rate's URDB start date, when it has one.
     */
    public Optional<Instant> startDate()
    {
        if (gridsettle != null)
        {
            return Optional.of(Instant.ofEpochSecond(gridsettle.effectiveFromEpochSecond()));
        }
        return rate.startDate();
    }

    /**
     * @param zone the tariff's zone.
     * @return where a new journal's tariff and enrolments start, when the file says: a gridsettle tariff's
     *         effective_from; a URDB rate's startdate as the local midnight in {@code zone} that starts the day it
     *         names ({@link UrdbRate#startsPricingIn}), the first day the rate prices whole. URDB records no zone and
     *         stores its dates as instants at 00:00 UTC (FPL RS-1's 2015-06-01 is 1433116800, 2015-06-01T00:00:00Z,
     *         20:00 on May 31 in Florida, 02:00 on June 1 in Berlin): taken as it is, the startdate put the last hours
     *         of the day before in the rate's first billing period west of UTC, which closed with a whole month's
     *         fixed charge for them, and moved on to the next local midnight it lost the day it names east of UTC.
     *         Only a new journal takes this start: an appended one keeps the start its TARIFF_VERSION records.
     */
    public Optional<Instant> pricesFrom(final ZoneId zone)
    {
        if (gridsettle != null)
        {
            return startDate();
        }
        return rate.startsPricingIn(zone);
    }

    /**
     * @param zone the tariff's zone.
     * @return the earliest instant a reading, a bill's range or a journalled tariff start may begin at under the
     *         tariff, when the file says: a gridsettle tariff's effective_from; for a URDB rate the earlier of its
     *         startdate and {@link #pricesFrom} ({@link UrdbRate#earliestStartIn}), so that in Berlin a reading at
     *         2015-06-01T00:30+02:00 is not before a rate whose startdate is 2015-06-01, and a journal started at the
     *         startdate itself, as ingest once did west of UTC, still maps.
     */
    public Optional<Instant> earliestStart(final ZoneId zone)
    {
        if (gridsettle != null)
        {
            return startDate();
        }
        return rate.earliestStartIn(zone);
    }

    /**
     * @param instant any instant.
     * @param zone    a zone.
     * @return the first local midnight in {@code zone} at or after {@code instant} (the start of the first local day
     *         that holds no time before it).
     */
    public static Instant firstMidnightFrom(final Instant instant, final ZoneId zone)
    {
        final LocalDate day = LocalDate.ofInstant(instant, zone);
        final Instant midnight = day.atStartOfDay(zone).toInstant();
        return midnight.isBefore(instant) ? day.plusDays(1).atStartOfDay(zone).toInstant() : midnight;
    }

    /**
     * @return what the tariff's file calls its {@link #startDate()}, for messages.
     */
    public String startDateName()
    {
        return gridsettle != null ? "effective_from" : "URDB startdate";
    }

    /**
     * @return the local day of the month the tariff's billing periods start: a gridsettle tariff's own, 1 (calendar
     * months) for a URDB rate, which the mapping bills by calendar month.
     */
    public int billingCycleDay()
    {
        return gridsettle != null ? gridsettle.billingCycleDay() : 1;
    }

    /**
     * @return the minutes a URDB rate averages demand over ({@code demandwindow}) when it charges demand; empty for a
     * gridsettle tariff, whose demand is each reading's average over its own interval, and for a rate without demand
     * charges or without a window.
     */
    public OptionalInt demandWindowMinutes()
    {
        return rate != null && (rate.demand().isPresent() || rate.flatDemand().isPresent()) ?
            rate.demandWindowMinutes() : OptionalInt.empty();
    }

    /**
     * @return token import charges are posted in.
     */
    public String importToken()
    {
        return gridsettle != null ? gridsettle.token() : UrdbTariffMapper.TOKEN;
    }

    /**
     * @return token export credits are minted in when the command line names none: a gridsettle tariff's own
     *         {@code export_token}, {@link #URDB_EXPORT_TOKEN} for a URDB rate.
     */
    public String exportToken()
    {
        return gridsettle != null ? gridsettle.exportToken() : URDB_EXPORT_TOKEN;
    }

    /**
     * @return one line per value of a URDB rate rounded half-even to a micro-unit when it was read; none for a
     * gridsettle tariff, whose reader refuses such a value.
     */
    public List<String> roundings()
    {
        return rate != null ? rate.roundings() : List.of();
    }

    /**
     * @return one line per free-text comment of a URDB rate, quoted: nothing prices them, so a person checks them;
     * none for a gridsettle tariff, whose description is the analyst's own.
     */
    public List<String> comments()
    {
        return rate != null ? rate.comments() : List.of();
    }

    /**
     * @return one line naming the rate, for reports.
     */
    public String describe()
    {
        if (gridsettle != null)
        {
            return oneLine("gridsettle " + file.getFileName() + " tariff " + gridsettle.tariffId() + " version " +
                gridsettle.version() + " (" + gridsettle.zone() + ")");
        }
        final StringBuilder sb = new StringBuilder("urdb ").append(file.getFileName());
        rate.name().ifPresent((name) -> sb.append(" \"").append(name).append('"'));
        rate.label().ifPresent((label) -> sb.append(" label ").append(label));
        rate.utility().ifPresent((utility) -> sb.append(" (").append(utility).append(')'));
        if (holidays.length > 0)
        {
            sb.append(", ").append(holidays.length).append(holidays.length == 1 ? " holiday" : " holidays");
        }
        return oneLine(sb.toString());
    }

    // Names come from the document; a line break in one must not split or spoof a report line.
    private static String oneLine(final String text)
    {
        final StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        return sb.toString();
    }
}
