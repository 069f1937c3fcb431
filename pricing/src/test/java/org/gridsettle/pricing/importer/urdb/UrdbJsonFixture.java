package org.gridsettle.pricing.importer.urdb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds synthetic URDB rate documents for tests, field by field, as raw JSON text so that tests control exactly
 * which characters the importer sees (numbers are never formatted through a double).
 * <p>
 * The base rate is untiered time-of-use energy only: period 0 at 0.10 $/kWh, period 1 (June to September weekdays,
 * 16:00 to 21:00) at 0.25 + 0.01 $/kWh with a 0.05 $/kWh sell rate. Not thread-safe.
 */
final class UrdbJsonFixture
{
    static final String LABEL = "synthetic-tou-1";

    private final Map<String, String> fields = new LinkedHashMap<>();

    private UrdbJsonFixture()
    {
    }

    static UrdbJsonFixture touEnergyOnly()
    {
        final UrdbJsonFixture fixture = new UrdbJsonFixture();
        fixture.fields.put("label", "\"" + LABEL + "\"");
        fixture.fields.put("name", "\"Synthetic TOU\"");
        fixture.fields.put("utility", "\"Test Utility\"");
        fixture.fields.put("energyratestructure",
            "[[{\"rate\": 0.10, \"unit\": \"kWh\"}], " +
            "[{\"rate\": 0.25, \"adj\": 0.01, \"sell\": 0.05, \"unit\": \"kWh\"}]]");
        fixture.fields.put("energyweekdayschedule", schedule(1, 5, 8, 16, 20));
        fixture.fields.put("energyweekendschedule", schedule(0, 0, 0, 0, 0));
        return fixture;
    }

    /**
     * @return a 12 x 24 schedule of zeros, with {@code period} in months {@code fromMonth..toMonth} (0-based) and
     * hours {@code fromHour..toHour}, inclusive.
     */
    static String schedule(
        final int period, final int fromMonth, final int toMonth, final int fromHour, final int toHour)
    {
        final StringBuilder sb = new StringBuilder("[");
        for (int month = 0; month < 12; month++)
        {
            sb.append(month == 0 ? "[" : ", [");
            for (int hour = 0; hour < 24; hour++)
            {
                final boolean on = month >= fromMonth && month <= toMonth && hour >= fromHour && hour <= toHour;
                sb.append(hour == 0 ? "" : ",").append(on ? period : 0);
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    /**
     * @return a schedule of {@code months} rows of {@code hours} zeros.
     */
    static String zeros(final int months, final int hours)
    {
        final StringBuilder sb = new StringBuilder("[");
        for (int month = 0; month < months; month++)
        {
            sb.append(month == 0 ? "[" : ", [");
            for (int hour = 0; hour < hours; hour++)
            {
                sb.append(hour == 0 ? "0" : ",0");
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    UrdbJsonFixture with(final String field, final String rawJson)
    {
        fields.put(field, rawJson);
        return this;
    }

    UrdbJsonFixture without(final String field)
    {
        fields.remove(field);
        return this;
    }

    String json()
    {
        final StringBuilder sb = new StringBuilder("{\n");
        fields.forEach((name, value) -> sb.append(sb.length() > 2 ? ",\n" : "").append("  \"").append(name)
            .append("\": ").append(value));
        return sb.append("\n}\n").toString();
    }
}
