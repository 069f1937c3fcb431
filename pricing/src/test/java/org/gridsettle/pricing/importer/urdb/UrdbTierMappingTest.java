package org.gridsettle.pricing.importer.urdb;

import org.gridsettle.pricing.tariff.PriceQuote;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TierTable;
import org.gridsettle.pricing.tariff.TouPricer;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * URDB block (tier) energy rates onto {@link TierTable}: shared limits map, on a monthly or daily basis; unequal
 * limits, missing tiers, mixed bases, too many tiers and tiered periods sharing a counter window are refused by field.
 * Synthetic, hand-made rates from {@link UrdbJsonFixture}.
 */
class UrdbTierMappingTest
{
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final long EFFECTIVE_FROM = 1_704_067_200L; // 2024-01-01T00:00:00Z
    /** Period 1 on June..September weekdays, all day; period 0 at every other time, weekends included. */
    private static final String SUMMER_WEEKDAYS = UrdbJsonFixture.schedule(1, 5, 8, 0, 23);
    private static final String ALL_ZERO = UrdbJsonFixture.zeros(12, 24);

    private final UrdbImporter importer = new UrdbImporter();

    private TouTariff map(final UrdbJsonFixture fixture)
    {
        return UrdbTariffMapper.toTouTariff(importer.read("tiers.json", fixture.json()).get(0),
            new UrdbMappingOptions(3L, 1, EFFECTIVE_FROM, "SOLAR", CHICAGO, new long[0]));
    }

    private UrdbImportException refusal(final UrdbJsonFixture fixture)
    {
        final UrdbImportException ex = catchThrowableOfType(UrdbImportException.class, () -> map(fixture));
        assertThat(ex).as("expected a refusal").isNotNull();
        return ex;
    }

    private static UrdbJsonFixture energy(final String structure, final String weekday, final String weekend)
    {
        return UrdbJsonFixture.touEnergyOnly()
            .with("energyratestructure", structure)
            .with("energyweekdayschedule", weekday)
            .with("energyweekendschedule", weekend);
    }

    @Test
    void dailyLimitsMapWithADailyBasisWhenEachDayHasOnePeriod()
    {
        // Each day is all period 0 or all period 1, so a day's counter and the period's daily counter are the same.
        final TouTariff tariff = map(energy(
            "[[{\"rate\": 0.1, \"max\": 12.5, \"unit\": \"kWh daily\"}, {\"rate\": 0.2, \"unit\": \"kWh daily\"}], " +
            "[{\"rate\": 0.15, \"sell\": 0.04, \"max\": 12.5, \"unit\": \"kWh daily\"}, {\"rate\": 0.35, \"sell\": 0.04}]]",
            SUMMER_WEEKDAYS, ALL_ZERO));

        final TierTable tiers = tariff.tiers();
        assertThat(tiers.basis()).isEqualTo(TierBasis.DAILY);
        // 12.5 kWh -> 12,500 Wh
        assertThat(tiers.upToWh(0)).isEqualTo(12_500L);
        assertThat(tiers.upToWh(1)).isEqualTo(Long.MAX_VALUE);
        assertThat(tiers.importRate(0, 0)).isEqualTo(100_000L);
        assertThat(tiers.importRate(0, 1)).isEqualTo(200_000L);
        assertThat(tiers.importRate(1, 0)).isEqualTo(150_000L);
        assertThat(tiers.importRate(1, 1)).isEqualTo(350_000L);
        assertThat(tiers.exportRate(1, 1)).isEqualTo(40_000L);
        // a summer weekday of 20 kWh: 12,500 Wh x 150,000 / 1,000 = 1,875,000 and 7,500 Wh x 350,000 / 1,000 =
        // 2,625,000; total 4,500,000 micro-$
        assertThat(TouPricer.tieredCharge(tariff, 1, 20_000L)).isEqualTo(4_500_000L);
    }

    @Test
    void monthlyLimitsOverSeveralPeriodsCountThemTogether()
    {
        // June..September have period 1 on weekdays and period 0 at weekends: URDB's monthly limit counts both
        // together, so the tiers are counted over all periods of the billing period
        final TouTariff tariff = map(energy(
            "[[{\"rate\": 0.1, \"max\": 350, \"unit\": \"kWh\"}, {\"rate\": 0.2}], " +
            "[{\"rate\": 0.15, \"max\": 350, \"unit\": \"kWh\"}, {\"rate\": 0.35}]]",
            SUMMER_WEEKDAYS, ALL_ZERO));

        assertThat(tariff.tiers().basis()).isEqualTo(TierBasis.BILLING_PERIOD_ALL_PERIODS);
        assertThat(tariff.tiers().upToWh(0)).isEqualTo(350_000L);
        // a weekday tick of 100 kWh when the month (weekends included) has reached 300 kWh: 50 kWh at 0.15 and
        // 50 kWh at 0.35 = 7,500,000 + 17,500,000 micro-$
        final PriceQuote quote = new PriceQuote();
        TouPricer.priceInPeriod(tariff, 1, 100_000L, 0L, 300_000L, quote);
        assertThat(quote.importAmount).isEqualTo(25_000_000L);
    }

    @Test
    void dailyLimitsAreRefusedWhenPeriodsShareADay()
    {
        // The fixture's own schedule: period 1 only from 16:00 to 20:59 on June..September weekdays.
        final UrdbImportException ex = refusal(UrdbJsonFixture.touEnergyOnly().with("energyratestructure",
            "[[{\"rate\": 0.1, \"max\": 10, \"unit\": \"kWh daily\"}, {\"rate\": 0.2}], " +
            "[{\"rate\": 0.15, \"max\": 10, \"unit\": \"kWh daily\"}, {\"rate\": 0.35}]]"));

        assertThat(ex.fields()).containsExactly("energyratestructure");
        assertThat(ex.problems().get(0).reason())
            .startsWith("tiered, with more than one period in a day of [JUNE, JULY, AUGUST, SEPTEMBER]: ");
    }

    @Test
    void aHigherTierSellRateIsRefusedWhereExportsAreCreditedAtTheSellRate()
    {
        // tiers count imports; every export is credited at its period's tier-1 sell. Before, tier 2's sell 0.09 was
        // mapped into the tier table and never paid: exports of the period earned 0.03 whatever the tier.
        final String structure = "[[{\"rate\": 0.1, \"sell\": 0.03, \"max\": 200, \"unit\": \"kWh\"}, " +
            "{\"rate\": 0.2, \"sell\": 0.09}]]";

        final UrdbImportException ex = refusal(energy(structure, ALL_ZERO, ALL_ZERO));

        assertThat(ex.fields()).containsExactly("energyratestructure[0][1].sell");
        assertThat(ex.problems().get(0).reason()).isEqualTo("sell 0.090000 $/kWh where tier 1 sells at 0.030000 " +
            "$/kWh: tiers count imports, and every export is credited at its period's tier-1 sell rate");
        // net metering credits exports at retail and trues them up against imports: the sell rates play no part
        final TouTariff netMetered = UrdbTariffMapper.toTouTariff(importer.read("tiers.json",
            energy(structure, ALL_ZERO, ALL_ZERO).with("dgrules", "\"Net Metering\"").json()).get(0),
            new UrdbMappingOptions(3L, 1, EFFECTIVE_FROM, "SOLAR", CHICAGO, new long[0])
                .withNetSurplusMicrosPerKwh(25_000L));
        assertThat(netMetered.tiers().importRate(0, 1)).isEqualTo(200_000L);
    }

    @Test
    void aSellRateMissingFromOneTierIsNamedAsMissingNotAsAZeroTheFileDoesNotHold()
    {
        // tier 2 carries no "sell" field at all: the refusal said "sell 0.000000 $/kWh", a value the file does not
        // hold, so an analyst searching the file for it found nothing
        final UrdbImportException missingAbove = refusal(energy("[[{\"rate\": 0.1, \"sell\": 0.03, \"max\": 200, " +
            "\"unit\": \"kWh\"}, {\"rate\": 0.2}]]", ALL_ZERO, ALL_ZERO));
        final UrdbImportException missingBelow = refusal(energy("[[{\"rate\": 0.1, \"max\": 200, " +
            "\"unit\": \"kWh\"}, {\"rate\": 0.2, \"sell\": 0.03}]]", ALL_ZERO, ALL_ZERO));

        assertThat(missingAbove.fields()).containsExactly("energyratestructure[0][1].sell");
        assertThat(missingAbove.problems().get(0).reason()).isEqualTo("missing (no sell, so 0 $/kWh) where tier 1 " +
            "sells at 0.030000 $/kWh: tiers count imports, and every export is credited at its period's tier-1 sell " +
            "rate");
        assertThat(missingBelow.fields()).containsExactly("energyratestructure[0][1].sell");
        assertThat(missingBelow.problems().get(0).reason()).isEqualTo("sell 0.030000 $/kWh where tier 1 has no " +
            "sell (so 0 $/kWh): tiers count imports, and every export is credited at its period's tier-1 sell rate");
    }

    @Test
    void unequalLimitsAreRefusedNamingTheBound()
    {
        final UrdbImportException ex = refusal(energy(
            "[[{\"rate\": 0.1, \"max\": 200, \"unit\": \"kWh\"}, {\"rate\": 0.2}], " +
            "[{\"rate\": 0.1, \"max\": 250.5, \"unit\": \"kWh\"}, {\"rate\": 0.2}]]",
            SUMMER_WEEKDAYS, SUMMER_WEEKDAYS));

        assertThat(ex.fields()).containsExactly("energyratestructure[1][0].max");
        assertThat(ex.problems().get(0).reason()).isEqualTo("250.500 kWh where energyratestructure[0][0].max is " +
            "200 kWh: TierTable needs the same tier limits in every period");
    }

    @Test
    void aPeriodWithFewerTiersKeepsItsUnlimitedLastRateForTheHigherTiers()
    {
        // period 0 has one unlimited tier at 0.1: URDB charges it for all of that period's energy, whichever tier
        // the month has reached, so its rate fills tier 2 as well
        final TouTariff tariff = map(energy(
            "[[{\"rate\": 0.1}], [{\"rate\": 0.1, \"max\": 200, \"unit\": \"kWh\"}, {\"rate\": 0.2}]]",
            SUMMER_WEEKDAYS, SUMMER_WEEKDAYS));

        assertThat(tariff.tiers().tierCount()).isEqualTo(2);
        assertThat(tariff.tiers().importRate(0, 0)).isEqualTo(100_000L);
        assertThat(tariff.tiers().importRate(0, 1)).isEqualTo(100_000L);
        assertThat(tariff.tiers().importRate(1, 1)).isEqualTo(200_000L);
    }

    @Test
    void aPeriodWithFewerTiersAndAnotherLimitIsRefused()
    {
        final UrdbImportException ex = refusal(energy(
            "[[{\"rate\": 0.1, \"max\": 100, \"unit\": \"kWh\"}, {\"rate\": 0.3}], " +
            "[{\"rate\": 0.1, \"max\": 200, \"unit\": \"kWh\"}, {\"rate\": 0.2, \"max\": 300, \"unit\": \"kWh\"}, " +
            "{\"rate\": 0.25}]]",
            SUMMER_WEEKDAYS, SUMMER_WEEKDAYS));

        assertThat(ex.fields()).containsExactly("energyratestructure[0][0].max");
        assertThat(ex.problems().get(0).reason()).isEqualTo("100 kWh where energyratestructure[1][0].max is " +
            "200 kWh: TierTable needs the same tier limits in every period");
    }

    @Test
    void dailyAndMonthlyLimitsInDifferentPeriodsAreRefused()
    {
        final UrdbImportException ex = refusal(energy(
            "[[{\"rate\": 0.1, \"max\": 200, \"unit\": \"kWh\"}, {\"rate\": 0.2}], " +
            "[{\"rate\": 0.1, \"max\": 200, \"unit\": \"kWh daily\"}, {\"rate\": 0.2}]]",
            SUMMER_WEEKDAYS, SUMMER_WEEKDAYS));

        assertThat(ex.fields()).containsExactly("energyratestructure[1][0].unit");
        assertThat(ex.problems().get(0).reason()).isEqualTo("\"kWh daily\" where energyratestructure[0][0].unit is " +
            "\"kWh\": TierTable counts every period over the same basis, month or day");
    }

    @Test
    void moreTiersThanTierTableHoldsAreRefused()
    {
        final StringBuilder tiers = new StringBuilder("[[");
        for (int t = 1; t <= 8; t++)
        {
            tiers.append("{\"rate\": 0.1, \"max\": ").append(t * 100).append(", \"unit\": \"kWh\"}, ");
        }
        final UrdbImportException ex = refusal(energy(
            tiers.append("{\"rate\": 0.2}]]").toString(), ALL_ZERO, ALL_ZERO));

        assertThat(ex.fields()).containsExactly("energyratestructure[0]");
        assertThat(ex.problems().get(0).reason()).isEqualTo("9 tiers; TierTable holds at most 8");
    }

    @Test
    void aBoundedLastTierIsRefused()
    {
        final UrdbImportException ex = refusal(energy(
            "[[{\"rate\": 0.1, \"max\": 200, \"unit\": \"kWh\"}, {\"rate\": 0.2, \"max\": 900, \"unit\": \"kWh\"}]]",
            ALL_ZERO, ALL_ZERO));

        assertThat(ex.fields()).containsExactly("energyratestructure[0][1].max");
        assertThat(ex.problems().get(0).reason()).isEqualTo("the last tier is bounded at 900 kWh and URDB does not " +
            "say what is charged beyond it; TierTable's last tier is unlimited");
    }
}
