package org.gridsettle.pricing.importer.gridsettle;

import org.gridsettle.pricing.importer.ImportException;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The {@code "periods"} and {@code "schedule"} of a gridsettle tariff's {@code "demand"}: time-of-use demand by a
 * schedule of its own, whose periods the per-period rates name. Energy here is on-peak 16:00-21:00 on weekdays; the
 * demand schedule is "day" 08:00-18:15 on weekdays, so its 15-minute boundary makes both tables 15-minute ones.
 */
class GridsettleDemandScheduleTest
{
    private static final String TARIFF = GridsettleDemandTiersTest.TARIFF;
    private static final String DEMAND_SCHEDULE = "\"periods\": [\"day\", \"other\"], \"schedule\": " +
        "{\"default_period\": \"other\", \"seasons\": [{\"months\": [1,2,3,4,5,6,7,8,9,10,11,12], " +
        "\"weekday\": {\"windows\": [{\"from\": \"08:00\", \"to\": \"18:15\", \"period\": \"day\"}]}, " +
        "\"weekend\": {}}]}";

    private static long local(final int day, final int hour, final int minute)
    {
        // January 2024: the 8th is a Monday, the 13th a Saturday
        return LocalDateTime.of(2024, 1, day, hour, minute).toEpochSecond(ZoneOffset.UTC);
    }

    @Test
    void demandPeriodsAndScheduleAreReadAndItsRatesNameThem()
    {
        final TouTariff tariff = read("{" + DEMAND_SCHEDULE + ", \"flat_per_kw\": \"1.5\", " +
            "\"per_period_per_kw\": {\"day\": \"12.50\"}}");

        assertThat(tariff.slotMinutes()).as("the demand schedule's 18:15 sets the shared slot width").isEqualTo(15);
        assertThat(tariff.hasDemandSchedule()).isTrue();
        assertThat(tariff.demandPeriodName(0)).isEqualTo("day");
        assertThat(tariff.touDemandMicrosPerKw(0)).isEqualTo(12_500_000L);
        assertThat(tariff.touDemandMicrosPerKw(1)).as("other is not listed: no charge of its own").isZero();
        assertThat(tariff.flatDemandMicrosPerKw()).isEqualTo(1_500_000L);
        // Monday 18:00: demand day (to 18:15), energy on-peak; 18:15 demand other; 16:00 on-peak and day
        assertThat(tariff.demandPeriodIndexAtLocal(local(8, 18, 0))).isZero();
        assertThat(tariff.demandPeriodIndexAtLocal(local(8, 18, 15))).isEqualTo(1);
        assertThat(tariff.periodIndexAtLocal(local(8, 18, 15))).isEqualTo(1);
        assertThat(tariff.periodIndexAtLocal(local(8, 15, 45))).isZero();
        assertThat(tariff.demandPeriodIndexAtLocal(local(8, 15, 45))).isZero();
        // Saturday 10:00: demand other, energy off-peak
        assertThat(tariff.demandPeriodIndexAtLocal(local(13, 10, 0))).isEqualTo(1);
    }

    @Test
    void tieredDemandRatesNameTheDemandPeriods()
    {
        final TouTariff tariff = read("{" + DEMAND_SCHEDULE + ", \"tiers\": {\"limits_kw\": [\"100\"], " +
            "\"per_period_per_kw\": {\"other\": [\"24.368\", \"17.031\"]}}}");

        assertThat(tariff.demandTiers().periodCount()).isEqualTo(2);
        assertThat(tariff.demandTiers().periodRate(1, 1)).isEqualTo(17_031_000L);
        assertThat(tariff.demandTiers().periodRate(0, 0)).isZero();
    }

    @Test
    void aDemandScheduleWithoutPeriodsRatesNamingEnergyPeriodsAndBadNamesAreRefused()
    {
        assertThat(refusal("{\"periods\": [\"day\"]}"))
            .contains("expected \"periods\" and \"schedule\" together");
        assertThat(refusal("{" + DEMAND_SCHEDULE + ", \"per_period_per_kw\": {\"on-peak\": \"3\"}}"))
            .contains("on-peak");
        assertThat(refusal("{\"periods\": [\"day\", \"day\"], " + DEMAND_SCHEDULE.substring(
            DEMAND_SCHEDULE.indexOf("\"schedule\"")) + "}")).contains("expected a unique demand period name");
        assertThat(refusal("{" + DEMAND_SCHEDULE.replace("\"period\": \"day\"", "\"period\": \"night\"") + "}"))
            .contains("expected the name of a period defined in \"demand.periods\", one of [day, other]");
    }

    @Test
    void withoutADemandScheduleTheSlotWidthAndRatesAreAsBefore()
    {
        final TouTariff tariff = read("{\"per_period_per_kw\": {\"on-peak\": \"3\"}}");
        assertThat(tariff.hasDemandSchedule()).isFalse();
        assertThat(tariff.slotMinutes()).isEqualTo(60);
        assertThat(tariff.touDemandMicrosPerKw(1)).isEqualTo(3_000_000L);
    }

    private static TouTariff read(final String demand)
    {
        return new GridsettleTariffReader().read("t.json", TARIFF.replace("DEMAND", demand));
    }

    private static String refusal(final String demand)
    {
        final ImportException ex = catchThrowableOfType(ImportException.class, () -> read(demand));
        assertThat(ex).as("expected a refusal of %s", demand).isNotNull();
        return ex.getMessage();
    }
}
