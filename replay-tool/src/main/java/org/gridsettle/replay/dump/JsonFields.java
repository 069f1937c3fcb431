package org.gridsettle.replay.dump;

import com.fasterxml.jackson.core.JsonGenerator;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.pricing.money.MicroUnits;
import org.gridsettle.pricing.money.TokenSymbol;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes journal field values as JSON in the one rendering every dump uses, so that a person and {@code jq} read
 * the same thing everywhere: amounts and rates as decimal strings with six places (strings, because a JSON number
 * would be parsed as a binary double by most readers and lose the exact micro-unit), energies as kWh strings with
 * three places beside the raw watt-hours, instants as ISO-8601 UTC (as their number where no ISO-8601 date can show
 * them, as a refused input's may be), tokens as their symbol, digests as hex.
 * <p>
 * A thin layer over a Jackson {@link JsonGenerator}, which escapes strings; its {@link IOException}s pass through to
 * the caller, which owns the output. Not thread-safe: one per generator.
 */
public final class JsonFields
{
    private final JsonGenerator json;

    /**
     * @param json the generator written to.
     */
    public JsonFields(final JsonGenerator json)
    {
        this.json = json;
    }

    /**
     * @param name   field name.
     * @param micros an amount in micro-units of a token.
     * @throws IOException if the output cannot be written.
     */
    public void amount(final String name, final long micros) throws IOException
    {
        text(name, MicroUnits.toDecimalString(micros));
    }

    /**
     * @param name         field name.
     * @param microsPerKwh a rate in micro-units of a token per kWh.
     * @throws IOException if the output cannot be written.
     */
    public void rate(final String name, final long microsPerKwh) throws IOException
    {
        text(name, MicroUnits.toDecimalString(microsPerKwh));
    }

    /**
     * Writes an energy twice: {@code <prefix>Kwh} as a kWh string and {@code <prefix>Wh} as the journalled integer.
     *
     * @param prefix    field name prefix, for example {@code "import"}.
     * @param wattHours energy in Wh.
     * @throws IOException if the output cannot be written.
     */
    public void energy(final String prefix, final long wattHours) throws IOException
    {
        text(prefix + "Kwh", MicroUnits.kwhString(wattHours));
        number(prefix + "Wh", wattHours);
    }

    /**
     * Writes a power twice: {@code <prefix>Kw} as a kW string of three places and {@code <prefix>W} as the journalled
     * integer.
     *
     * @param prefix field name prefix, for example {@code "demand"}.
     * @param watts  a power in W.
     * @throws IOException if the output cannot be written.
     */
    public void power(final String prefix, final long watts) throws IOException
    {
        // 1 kW = 1,000 W as 1 kWh = 1,000 Wh: the same three places
        text(prefix + "Kw", MicroUnits.kwhString(watts));
        number(prefix + "W", watts);
    }

    /**
     * @param name        field name.
     * @param epochSecond an instant in seconds since 1970-01-01T00:00Z.
     * @throws IOException if the output cannot be written.
     */
    public void time(final String name, final long epochSecond) throws IOException
    {
        // an input is journalled before the engine judges it, so a field may hold any long; one past the years an
        // ISO-8601 instant can show (about a billion either way) is written as its number, and the record still dumps
        if (epochSecond < Instant.MIN.getEpochSecond() || epochSecond > Instant.MAX.getEpochSecond())
        {
            number(name, epochSecond);
        }
        else
        {
            text(name, Instant.ofEpochSecond(epochSecond).toString());
        }
    }

    /**
     * @param name     field name.
     * @param epochDay days since 1970-01-01.
     * @throws IOException if the output cannot be written.
     */
    public void date(final String name, final long epochDay) throws IOException
    {
        if (isoDate(epochDay))
        {
            text(name, LocalDate.ofEpochDay(epochDay).toString());
        }
        else
        {
            number(name, epochDay);
        }
    }

    /**
     * @param epochDay days since 1970-01-01.
     * @return true if an ISO-8601 date can show it; the others are dumped as their number, as {@link #date} does.
     */
    public static boolean isoDate(final long epochDay)
    {
        return epochDay >= LocalDate.MIN.toEpochDay() && epochDay <= LocalDate.MAX.toEpochDay();
    }

    /**
     * @param name   field name.
     * @param packed a packed token symbol.
     * @throws IOException if the output cannot be written.
     */
    public void token(final String name, final long packed) throws IOException
    {
        text(name, TokenSymbol.unpack(packed));
    }

    /**
     * @param name  field name.
     * @param value a 64-bit digest, written as 16 lower-case hex digits.
     * @throws IOException if the output cannot be written.
     */
    public void hex64(final String name, final long value) throws IOException
    {
        text(name, HashChain.toHex(value));
    }

    /**
     * @param name  field name.
     * @param bytes written as lower-case hex.
     * @throws IOException if the output cannot be written.
     */
    public void hex(final String name, final byte[] bytes) throws IOException
    {
        final StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (final byte b : bytes)
        {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        text(name, sb.toString());
    }

    /**
     * @param name  field name.
     * @param value a whole number.
     * @throws IOException if the output cannot be written.
     */
    public void number(final String name, final long value) throws IOException
    {
        json.writeNumberField(name, value);
    }

    /**
     * @param name  field name.
     * @param value a flag.
     * @throws IOException if the output cannot be written.
     */
    public void bool(final String name, final boolean value) throws IOException
    {
        json.writeBooleanField(name, value);
    }

    /**
     * @param name  field name.
     * @param value any text; the generator escapes it.
     * @throws IOException if the output cannot be written.
     */
    public void text(final String name, final String value) throws IOException
    {
        json.writeStringField(name, value);
    }

    /**
     * @return the generator, for nested objects and arrays.
     */
    public JsonGenerator generator()
    {
        return json;
    }
}
