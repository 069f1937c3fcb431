package org.gridsettle.replay.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A year of hourly kW values (8,760 of them) read from a one-column CSV on the classpath, used to shape the
 * synthetic demo fleet from real NREL SAM load and PV data.
 * <p>
 * Immutable after loading; thread-safe.
 */
public final class HourlyProfile
{
    /** Hours in a non-leap year. */
    public static final int HOURS = 8760;

    private final double[] kw;

    private HourlyProfile(final double[] kw)
    {
        this.kw = kw;
    }

    /**
     * @param resource classpath resource name.
     * @return the profile.
     */
    public static HourlyProfile load(final String resource)
    {
        try (InputStream in = HourlyProfile.class.getResourceAsStream(resource))
        {
            if (in == null)
            {
                throw new IllegalStateException("missing demo resource " + resource);
            }
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            final double[] values = new double[HOURS];
            int n = 0;
            String line;
            while ((line = reader.readLine()) != null && n < HOURS)
            {
                final String cell = line.replace("\uFEFF", "").trim();
                if (!cell.isEmpty())
                {
                    values[n++] = Math.max(0.0, Double.parseDouble(cell));
                }
            }
            if (n != HOURS)
            {
                throw new IllegalStateException(resource + " has " + n + " hourly values, expected " + HOURS);
            }
            return new HourlyProfile(values);
        }
        catch (final IOException e)
        {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param hourOfYear 0..8759, wrapped if outside.
     * @return kW in that hour.
     */
    public double kw(final int hourOfYear)
    {
        return kw[Math.floorMod(hourOfYear, HOURS)];
    }
}
