package org.gridsettle.replay.cli;

import org.gridsettle.replay.ingest.UsageFormat;
import org.gridsettle.replay.tariff.TariffDocument;
import org.gridsettle.replay.tariff.TariffFormat;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses the option values that ingest and bill share, and notes what their tariff's import rounded. Values are
 * taken as strings and parsed here, rather than by picocli's converters, so that a bad value is one line naming the
 * option and what it accepts, with exit code 2, like every other bad input.
 * <p>
 * Stateless; safe from any thread.
 */
final class OptionValues
{
    /** Zone of a URDB rate when --zone is not given: URDB records none, and most of its rates are Californian. */
    static final String URDB_DEFAULT_ZONE = "America/Los_Angeles";

    private OptionValues()
    {
    }

    /**
     * Refuses an input given as a pipe, a socket or a device ({@code /dev/stdin}, a shell's {@code <(zcat ...)}):
     * the readers read each input file more than once (its first bytes to tell its format, a Green Button feed twice
     * for its links), and from a pipe a second read starts where the first stopped, so the file would be misread and
     * the error, if any, would name the wrong problem. A file that does not exist, or a directory, is left to the
     * readers, whose messages name it.
     *
     * @param option the option, e.g. {@code --usage}.
     * @param files  the files it names.
     * @throws IllegalArgumentException naming the option and the first such file.
     */
    static void requireRegularFiles(final String option, final List<Path> files)
    {
        for (final Path file : files)
        {
            if (Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file))
            {
                throw new IllegalArgumentException(option + " " + file + ": not a regular file (a pipe, socket or " +
                    "device); settle reads each input file more than once, so save it to a file and give that");
            }
        }
    }

    /**
     * Prints on stderr a note for each line the importer left for a person about a URDB rate: a value rounded
     * half-even to a micro-unit (what is priced is then not the file's figure to the letter, and whoever reads the
     * run's log must see by how much), or a free-text comment nothing prices.
     *
     * @param err     standard error.
     * @param command the command, e.g. {@code settle ingest}.
     * @param file    the tariff file.
     * @param lines   the importer's lines, one per note.
     */
    static void notes(final PrintWriter err, final String command, final Path file, final List<String> lines)
    {
        for (final String line : lines)
        {
            err.println(command + ": note: " + file.getFileName() + ": " + line);
        }
        err.flush();
    }

    /**
     * @param value option value, or null when not given.
     * @return the format, or null to detect it.
     */
    static TariffFormat tariffFormat(final String value)
    {
        if (value == null)
        {
            return null;
        }
        for (final TariffFormat f : TariffFormat.values())
        {
            if (f.cliName().equals(value.toLowerCase(Locale.ROOT)))
            {
                return f;
            }
        }
        throw new IllegalArgumentException("--tariff-format " + value + ": expected urdb or gridsettle");
    }

    /**
     * @param value option value, or null when not given.
     * @return the format, or null to detect it.
     */
    static UsageFormat usageFormat(final String value)
    {
        if (value == null)
        {
            return null;
        }
        for (final UsageFormat f : UsageFormat.values())
        {
            if (f.cliName().equals(value.toLowerCase(Locale.ROOT)))
            {
                return f;
            }
        }
        throw new IllegalArgumentException("--usage-format " + value + ": expected greenbutton or csv");
    }

    /**
     * @param value    the {@code --zone} option, or null when not given.
     * @param document the tariff.
     * @return the zone given, else the tariff's own, else {@link #URDB_DEFAULT_ZONE} for a URDB rate, which has none
     *         ({@link #zoneAssumed} then says so).
     */
    static ZoneId zone(final String value, final TariffDocument document)
    {
        if (value != null)
        {
            return zone(value);
        }
        return document.ownZone().orElse(ZoneId.of(URDB_DEFAULT_ZONE));
    }

    /**
     * When neither {@code --zone} nor the file names the tariff's zone, {@link #zone(String, TariffDocument)} assumes
     * one, and a wrong assumption moves every time-of-use period and local day by hours without any other sign (a
     * Florida rate priced in Los Angeles time), so the assumption must be said, with the option that sets it. URDB
     * records only the utility's name and EIA id, and neither makes the zone certain (a utility can serve two:
     * Florida Power &amp; Light has served the Central-time panhandle since it absorbed Gulf Power), so none is
     * inferred from them.
     *
     * @param value    the {@code --zone} option, or null when not given.
     * @param document the tariff.
     * @return the warning, without the command's prefix, when the zone was assumed.
     */
    static Optional<String> zoneAssumed(final String value, final TariffDocument document)
    {
        if (value != null || document.ownZone().isPresent())
        {
            return Optional.empty();
        }
        return Optional.of(document.file().getFileName() + ": URDB records no time zone, so its time-of-use " +
            "periods and local days are priced in " + URDB_DEFAULT_ZONE + "; give the utility's zone with --zone " +
            "(e.g. --zone America/New_York) if that is not it");
    }

    /**
     * @param value option value.
     * @return the zone.
     */
    static ZoneId zone(final String value)
    {
        try
        {
            return ZoneId.of(value);
        }
        catch (final DateTimeException ex)
        {
            throw new IllegalArgumentException("--zone " + value + ": not a time zone id; expected a region such " +
                "as America/Los_Angeles");
        }
    }

    /**
     * @param option option name, for the message.
     * @param value  option value.
     * @return the date.
     */
    /**
     * @param values the {@code --holidays} dates, YYYY-MM-DD each (picocli splits the commas).
     * @return the dates.
     * @throws IllegalArgumentException naming the first value that is not a date.
     */
    static java.util.List<LocalDate> holidays(final java.util.List<String> values)
    {
        return values.stream().map((v) -> date("--holidays", v.strip())).toList();
    }

    /**
     * @param hours {@code --zero-run-hours}: the shortest run of zero readings warned about, or 0 for no check.
     * @throws IllegalArgumentException for a negative number.
     */
    static void zeroRunHours(final int hours)
    {
        if (hours < 0)
        {
            throw new IllegalArgumentException("--zero-run-hours " + hours + ": expected a number of hours from 1, " +
                "or 0 to turn the check off");
        }
    }

    static LocalDate date(final String option, final String value)
    {
        try
        {
            return LocalDate.parse(value);
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException(option + " " + value + ": not a date; expected YYYY-MM-DD");
        }
    }

    /**
     * @param option option name, for the message.
     * @param value  an ISO-8601 instant with an offset ({@code 2026-03-02T08:00:00Z}, {@code ...-08:00}) or a date,
     *               taken as its UTC midnight.
     * @return epoch seconds.
     */
    static long instant(final String option, final String value)
    {
        try
        {
            if (value.length() == 10)
            {
                return LocalDate.parse(value).toEpochDay() * 86_400L;
            }
            return OffsetDateTime.parse(value).toEpochSecond();
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException(option + " " + value + ": not a time; expected ISO-8601 such as " +
                "2026-03-02T00:00:00Z, or a date YYYY-MM-DD (UTC midnight)");
        }
    }
}
