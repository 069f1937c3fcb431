package org.gridsettle.benchmarks.conventional;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one JSON object per posting, one per line, through a {@link BufferedWriter}: the conventional design's
 * output journal. Built with a {@link StringBuilder} rather than a JSON library so the comparison is not lost to a
 * mapper's reflection.
 * <p>
 * Worker thread only; not thread-safe.
 */
public final class JsonLineWriter implements AutoCloseable
{
    private final BufferedWriter writer;
    private final StringBuilder line = new StringBuilder(256);

    /**
     * @param file created or truncated.
     */
    public JsonLineWriter(final Path file)
    {
        try
        {
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param cause         tick index that caused the posting.
     * @param meterId       meter.
     * @param intervalStart epoch seconds.
     * @param debit         account debited.
     * @param credit        account credited.
     * @param token         token symbol.
     * @param energyWh      energy priced.
     * @param rate          rate per kWh applied.
     * @param period        period name.
     * @param amount        amount posted.
     */
    public void write(
        final long cause,
        final long meterId,
        final long intervalStart,
        final long debit,
        final long credit,
        final String token,
        final long energyWh,
        final BigDecimal rate,
        final String period,
        final BigDecimal amount)
    {
        line.setLength(0);
        line.append("{\"cause\":").append(cause)
            .append(",\"meter\":").append(meterId)
            .append(",\"start\":").append(intervalStart)
            .append(",\"debit\":").append(debit)
            .append(",\"credit\":").append(credit)
            .append(",\"token\":\"").append(token)
            .append("\",\"energyWh\":").append(energyWh)
            .append(",\"rate\":\"").append(rate.toPlainString())
            .append("\",\"period\":\"").append(period)
            .append("\",\"amount\":\"").append(amount.toPlainString())
            .append("\"}\n");
        try
        {
            writer.append(line);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close()
    {
        try
        {
            writer.close();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }
}
