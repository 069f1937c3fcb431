package org.gridsettle.pricing.importer.urdb;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.gridsettle.pricing.money.MicroUnits;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Properties of the decimal to integer conversions, checked through the whole importer so that no step can slip a
 * binary floating-point value in: six-decimal rates import exactly, seven-decimal rates round half-even as
 * {@link MicroUnits#divideHalfEven(long, long)} does, and tier bounds are exact or refused.
 */
class UrdbNumberPropertyTest
{
    private static final long MAX_MICROS = 999_999_999_999_999L; // 12 integer digits, the read range

    private final UrdbImporter importer = new UrdbImporter();

    private UrdbEnergyTier onlyTier(final String tierJson)
    {
        final String json = UrdbJsonFixture.touEnergyOnly()
            .with("energyratestructure", "[[" + tierJson + "]]")
            .with("energyweekdayschedule", UrdbJsonFixture.zeros(12, 24))
            .json();
        return importer.read("property.json", json).get(0).energy().orElseThrow().tier(0, 0);
    }

    @Property(tries = 300)
    void sixDecimalRatesAndAdjustmentsImportExactly(
        @ForAll @LongRange(min = -MAX_MICROS / 2, max = MAX_MICROS / 2) final long rateMicros,
        @ForAll @LongRange(min = -MAX_MICROS / 2, max = MAX_MICROS / 2) final long adjMicros)
    {
        final String rate = BigDecimal.valueOf(rateMicros, 6).toString();
        final String adj = BigDecimal.valueOf(adjMicros, 6).toString();

        final UrdbEnergyTier tier = onlyTier("{\"rate\": " + rate + ", \"adj\": " + adj + "}");

        assertThat(tier.microsPerKwh()).isEqualTo(rateMicros + adjMicros);
    }

    @Property(tries = 300)
    void sevenDecimalRatesRoundHalfEvenOnce(
        @ForAll @LongRange(min = -9_999_999_999L, max = 9_999_999_999L) final long tenthMicros)
    {
        final String rate = BigDecimal.valueOf(tenthMicros, 7).toPlainString();

        final UrdbEnergyTier tier = onlyTier("{\"rate\": " + rate + "}");

        assertThat(tier.microsPerKwh()).isEqualTo(MicroUnits.divideHalfEven(tenthMicros, 10));
    }

    @Property(tries = 200)
    void tierBoundsAreExactWattHoursOrRefused(
        @ForAll @LongRange(min = 1, max = 999_999_999_999L) final long tenthWh)
    {
        final String maxKwh = BigDecimal.valueOf(tenthWh, 4).toPlainString();
        final String tiers = "{\"rate\": 0.1, \"max\": " + maxKwh + ", \"unit\": \"kWh\"}, {\"rate\": 0.2}";
        final String json = UrdbJsonFixture.touEnergyOnly()
            .with("energyratestructure", "[[" + tiers + "]]")
            .with("energyweekdayschedule", UrdbJsonFixture.zeros(12, 24))
            .json();

        if (tenthWh % 10 == 0)
        {
            final UrdbEnergyTier tier = importer.read("property.json", json).get(0).energy().orElseThrow().tier(0, 0);
            assertThat(tier.maxWh()).hasValue(tenthWh / 10);
        }
        else
        {
            final UrdbImportException ex =
                catchThrowableOfType(UrdbImportException.class, () -> importer.read("property.json", json));
            assertThat(ex.fields()).containsExactly("energyratestructure[0][0].max");
        }
    }
}
