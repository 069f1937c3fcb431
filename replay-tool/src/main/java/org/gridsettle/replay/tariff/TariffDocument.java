package org.gridsettle.replay.tariff;

import org.gridsettle.pricing.importer.urdb.UrdbImporter;
import org.gridsettle.pricing.importer.urdb.UrdbRate;
import org.gridsettle.pricing.importer.urdb.UrdbTariffMapper;
import org.gridsettle.pricing.tariff.TouTariff;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tariff file read and checked, not yet turned into a {@link TouTariff}: the instant it takes effect from depends
 * on the job (a bill starts at its first day, an ingest at its first reading), and the mapping checks that instant
 * against the rate's own start and end dates.
 * <p>
 * URDB records no time zone and no holiday calendar, so the caller supplies the zone and holidays are left empty
 * (holidays are priced as ordinary weekdays or weekends).
 * <p>
 * Immutable; safe to share between threads.
 */
public final class TariffDocument
{
    /** Tariff id every tariff loaded by the command line is journalled under. */
    public static final long TARIFF_ID = 1;
    /** Version every tariff loaded by the command line is journalled as. */
    public static final int VERSION = 1;

    private final Path file;
    private final UrdbRate rate;

    private TariffDocument(final Path file, final UrdbRate rate)
    {
        this.file = file;
        this.rate = rate;
    }

    /**
     * Reads a tariff file.
     *
     * @param file   the file.
     * @param format its format, or null to detect it from the content.
     * @return the document.
     * @throws IllegalArgumentException for a format with no reader, an unknown format, or a file of several rates.
     * @throws org.gridsettle.pricing.importer.urdb.UrdbImportException when the URDB rate cannot be read faithfully.
     */
    public static TariffDocument read(final Path file, final TariffFormat format)
    {
        final TariffFormat chosen = format == null ? TariffFormat.detect(file) : format;
        if (chosen == TariffFormat.GRIDSETTLE)
        {
            throw new IllegalArgumentException("--tariff-format gridsettle: gridsettle's own tariff format has no " +
                "reader yet; only urdb (OpenEI URDB JSON) can be read today");
        }
        final List<UrdbRate> rates = new UrdbImporter().read(file);
        if (rates.size() != 1)
        {
            throw new IllegalArgumentException(file.getFileName() + ": holds " + rates.size() +
                " URDB rates; give a file of exactly one rate");
        }
        return new TariffDocument(file, rates.get(0));
    }

    /**
     * Maps the rate onto the engine's tariff model.
     *
     * @param effectiveFrom first instant the tariff prices, epoch seconds.
     * @param exportToken   token export credits are posted in.
     * @param zone          the utility's zone.
     * @return tariff {@link #TARIFF_ID}, version {@link #VERSION}.
     * @throws org.gridsettle.pricing.importer.urdb.UrdbImportException when the rate needs more than a time-of-use
     *                                                                 energy tariff (tiers, demand, fixed charges).
     */
    public TouTariff toTariff(final long effectiveFrom, final String exportToken, final ZoneId zone)
    {
        Objects.requireNonNull(zone, "zone");
        return UrdbTariffMapper.toTouTariff(rate, TARIFF_ID, VERSION, effectiveFrom, exportToken, zone, new long[0]);
    }

    /**
     * @return the rate's URDB start date, when it has one.
     */
    public Optional<Instant> startDate()
    {
        return rate.startDate();
    }

    /**
     * @return token import charges are posted in.
     */
    public String importToken()
    {
        return UrdbTariffMapper.TOKEN;
    }

    /**
     * @return one line naming the rate, for reports.
     */
    public String describe()
    {
        final StringBuilder sb = new StringBuilder("urdb ").append(file.getFileName());
        rate.name().ifPresent((name) -> sb.append(" \"").append(name).append('"'));
        rate.label().ifPresent((label) -> sb.append(" label ").append(label));
        rate.utility().ifPresent((utility) -> sb.append(" (").append(utility).append(')'));
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
