package org.gridsettle.pricing.importer.urdb;

import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * URDB fixed charges onto {@link TouTariff#withFixedCharges}: the first meter's charge per day or per month maps;
 * yearly, additional-meter and minimum charges are refused by field. Synthetic, hand-made rates from
 * {@link UrdbJsonFixture}.
 */
class UrdbFixedChargeMappingTest
{
    private static final ZoneId PHOENIX = ZoneId.of("America/Phoenix");
    private static final long EFFECTIVE_FROM = 1_704_067_200L; // 2024-01-01T00:00:00Z

    private final UrdbImporter importer = new UrdbImporter();

    private TouTariff map(final UrdbJsonFixture fixture)
    {
        return UrdbTariffMapper.toTouTariff(importer.read("fixed.json", fixture.json()).get(0),
            new UrdbMappingOptions(9L, 1, EFFECTIVE_FROM, "SOLAR", PHOENIX, new long[0]));
    }

    private UrdbImportException refusal(final UrdbJsonFixture fixture)
    {
        final UrdbImportException ex = catchThrowableOfType(UrdbImportException.class, () -> map(fixture));
        assertThat(ex).as("expected a refusal").isNotNull();
        return ex;
    }

    private static UrdbJsonFixture firstMeter(final String amount, final String unit)
    {
        return UrdbJsonFixture.touEnergyOnly()
            .with("fixedchargefirstmeter", amount)
            .with("fixedchargeunits", "\"" + unit + "\"");
    }

    @Test
    void aMonthlyChargeIsLeviedPerBillingPeriod()
    {
        // 7.57 $/month -> 7,570,000 micro-$ per billing period
        final TouTariff tariff = map(firstMeter("7.57", "$/month"));

        assertThat(tariff.fixedMicrosPerMonth()).isEqualTo(7_570_000L);
        assertThat(tariff.fixedMicrosPerDay()).isZero();
    }

    @Test
    void aDailyChargeIsLeviedPerDay()
    {
        // 0.329 $/day -> 329,000 micro-$ per day
        final TouTariff tariff = map(firstMeter("0.329", "$/day"));

        assertThat(tariff.fixedMicrosPerDay()).isEqualTo(329_000L);
        assertThat(tariff.fixedMicrosPerMonth()).isZero();
    }

    @Test
    void theOlderFixedMonthlyChargeFieldMapsTheSame()
    {
        final TouTariff tariff = map(UrdbJsonFixture.touEnergyOnly().with("fixedmonthlycharge", "9"));

        assertThat(tariff.fixedMicrosPerMonth()).isEqualTo(9_000_000L);
    }

    @Test
    void aYearlyChargeIsRefused()
    {
        final UrdbImportException ex = refusal(firstMeter("120", "$/year"));

        assertThat(ex.fields()).containsExactly("fixedchargefirstmeter");
        assertThat(ex.getMessage()).isEqualTo("fixed.json: URDB tariff refused: label synthetic-tou-1: " +
            "fixedchargefirstmeter (120.000000 $/year: TouTariff levies fixed charges per day or per billing " +
            "period, not per year)");
    }

    @Test
    void additionalMeterAndMinimumChargesAreRefusedByField()
    {
        final UrdbImportException ex = refusal(firstMeter("5", "$/month")
            .with("fixedchargeeaaddl", "2.5")
            .with("mincharge", "10").with("minchargeunits", "\"$/month\"")
            .with("minmonthlycharge", "10")
            .with("annualmincharge", "100"));

        assertThat(ex.fields()).containsExactly(
            "fixedchargeeaaddl", "mincharge", "minmonthlycharge", "annualmincharge");
        // fixedchargeeaaddl takes its unit from fixedchargeunits
        assertThat(ex.problems().get(0).reason())
            .isEqualTo("2.500000 $/month for each additional meter: gridsettle prices one meter per enrolment");
        assertThat(ex.problems().get(3).reason())
            .isEqualTo("100.000000 $/year minimum charge: gridsettle has no minimum-bill logic");
    }

    @Test
    void zeroChargesAreNoCharges()
    {
        final TouTariff tariff = map(firstMeter("0", "$/year")
            .with("fixedchargeeaaddl", "0")
            .with("minmonthlycharge", "0"));

        assertThat(tariff.fixedMicrosPerDay()).isZero();
        assertThat(tariff.fixedMicrosPerMonth()).isZero();
    }
}
