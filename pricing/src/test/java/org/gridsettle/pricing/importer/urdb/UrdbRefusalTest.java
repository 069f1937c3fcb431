package org.gridsettle.pricing.importer.urdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Rates that read as JSON but cannot be priced faithfully: the importer must refuse them, naming exactly the fields at
 * fault and the label, in one line, and must never return a partial result. Uses synthetic documents from
 * {@link UrdbJsonFixture}.
 */
class UrdbRefusalTest
{
    private static final String SOURCE = "synthetic.json";

    private final UrdbImporter importer = new UrdbImporter();

    private UrdbImportException refusal(final UrdbJsonFixture fixture)
    {
        final UrdbImportException ex =
            catchThrowableOfType(UrdbImportException.class, () -> importer.read(SOURCE, fixture.json()));
        assertThat(ex).as("expected a refusal").isNotNull();
        assertThat(ex.getMessage()).doesNotContain("\n", "\r").startsWith(SOURCE + ": URDB tariff refused");
        assertThat(ex.source()).isEqualTo(SOURCE);
        assertThat(ex.line()).isEqualTo(-1);
        return ex;
    }

    private UrdbRate accepted(final UrdbJsonFixture fixture)
    {
        final List<UrdbRate> rates = importer.read(SOURCE, fixture.json());
        assertThat(rates).hasSize(1);
        return rates.get(0);
    }

    @Test
    void baseFixtureIsAccepted()
    {
        final UrdbRate rate = accepted(UrdbJsonFixture.touEnergyOnly());

        // 0.25 + 0.01 $/kWh -> 260000 micro-$/kWh; sell 0.05 -> 50000
        assertThat(rate.energy().orElseThrow().tier(1, 0))
            .isEqualTo(new UrdbEnergyTier(260_000L, OptionalLong.of(50_000L), OptionalLong.empty(), false));
    }

    @Test
    void jsonOfAnotherKindIsRefusedAsNotARateRatherThanARateWithAnUnknownField() throws IOException
    {
        // the real UK Carbon Intensity API response (carbon/, copied unchanged from /work/shared/data) given as a
        // tariff by mistake was refused "URDB tariff refused: label (none): data (unknown URDB field; cannot tell
        // whether it changes the price)", as if it were a rate with one odd field
        final String source = "carbon_uk_national_pt24h_2023-03-15T0101Z.json";
        final UrdbImportException ex;
        try (InputStream in = getClass().getResourceAsStream("/carbon/" + source))
        {
            ex = catchThrowableOfType(UrdbImportException.class, () -> importer.read(source, in));
        }

        assertThat(ex.getMessage()).isEqualTo(source + ": URDB tariff refused: label (none): (document root) (not " +
            "a URDB rate: none of its fields (\"data\") is one a URDB rate has, such as energyratestructure, " +
            "fixedmonthlycharge or label; expected OpenEI URDB JSON, one rate object or {\"items\": [...]})");
    }

    @Test
    void coincidentDemandIsRefusedNamingBothFieldsAndTheLabel()
    {
        final UrdbImportException ex = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("coincidentratestructure", "[[{\"rate\": 5.5}]]")
            .with("coincidentrateschedule", UrdbJsonFixture.zeros(12, 24))
            .with("coincidentrateunit", "\"kW\""));

        assertThat(ex.fields()).containsExactly("coincidentratestructure", "coincidentrateschedule");
        assertThat(ex.problems()).allSatisfy((p) -> assertThat(p.label()).isEqualTo(UrdbJsonFixture.LABEL));
        assertThat(ex.getMessage())
            .isEqualTo("synthetic.json: URDB tariff refused: label synthetic-tou-1: " +
                "coincidentratestructure (coincident demand charges are not supported); " +
                "coincidentrateschedule (coincident demand charges are not supported)");
    }

    @Test
    void everyProblemIsListedNotJustTheFirst()
    {
        final UrdbImportException ex = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("energyratestructure", "[[{\"rate\": \"0.10\", \"unit\": \"kWh\"}], [{\"rate\": 0.2, " +
                "\"unit\": \"kWh/kW\", \"max\": 5}]]")
            .with("demandrateunit", "\"hp\"")
            .with("lookbackpercent", "0.5")
            .with("lookbackrange", "6")
            .with("dgrules", "\"Feed-in Tariff\"")
            .with("energyattrs", "[{\"Voltage Discount\": \"3%\"}]")
            .with("demandratchetpercentage", "[0, 0, 0, 0, 0, 0, 0.8, 0, 0, 0, 0, 0]")
            .with("superdiscount", "0.1"));

        assertThat(ex.fields()).containsExactlyInAnyOrder(
            "energyratestructure[0][0].rate",
            "energyratestructure[1][0].unit",
            "demandrateunit",
            "lookbackpercent",
            "dgrules",
            "energyattrs",
            "demandratchetpercentage",
            "superdiscount");
        assertThat(ex.getMessage())
            .contains("energyratestructure[0][0].rate (expected a number, got string \"0.10\")")
            .contains("\"kWh/kW\" tiers scale with the customer's demand")
            .contains("demandrateunit (only kW demand is supported, got \"hp\")")
            .contains("dgrules (unknown value \"Feed-in Tariff\"")
            .contains("superdiscount (unknown URDB field");
    }

    @Test
    void nanAndOtherNonNumbersAsRatesAreRefused()
    {
        final UrdbImportException ex = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("energyratestructure", "[[{\"rate\": \"NaN\"}], [{\"rate\": true, \"adj\": null, " +
                "\"sell\": [1]}]]"));

        assertThat(ex.fields()).containsExactly(
            "energyratestructure[0][0].rate", "energyratestructure[1][0].rate", "energyratestructure[1][0].sell");
        assertThat(ex.getMessage()).contains("got string \"NaN\"", "got boolean true", "got array of 1");
    }

    @Test
    void energyTierUnitsOtherThanKwhAndKwhDailyAreRefused()
    {
        final UrdbImportException ex = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("energyratestructure", "[[{\"rate\": 0.1, \"max\": 10, \"unit\": \"kWh/kW daily\"}, " +
                "{\"rate\": 0.2, \"unit\": \"kWh\"}], [{\"rate\": 0.3, \"unit\": \"kwh\"}]]"));

        assertThat(ex.fields()).containsExactly("energyratestructure[0][0].unit", "energyratestructure[1][0].unit");
        assertThat(ex.problems().get(1).reason()).isEqualTo("unknown energy tier unit \"kwh\"");
    }

    @Test
    void kwhDailyIsAcceptedAsADailyTierBound()
    {
        final UrdbRate rate = accepted(UrdbJsonFixture.touEnergyOnly()
            .with("energyratestructure", "[[{\"rate\": 0.1, \"max\": 12.5, \"unit\": \"kWh daily\"}, " +
                "{\"rate\": 0.2, \"unit\": \"kWh daily\"}], [{\"rate\": 0.3}]]"));

        // 12.5 kWh per day -> 12 500 Wh, flagged daily
        assertThat(rate.energy().orElseThrow().tier(0, 0))
            .isEqualTo(new UrdbEnergyTier(100_000L, OptionalLong.empty(), OptionalLong.of(12_500L), true));
    }

    @Test
    void tierBoundsMustBeWholeWattHoursRisingAndQualifiedByAUnit()
    {
        final UrdbImportException ex = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("energyratestructure", "[[{\"rate\": 0.1, \"max\": 0.0005, \"unit\": \"kWh\"}, {\"rate\": 0.2}], " +
                "[{\"rate\": 0.1, \"max\": 200, \"unit\": \"kWh\"}, {\"rate\": 0.2, \"max\": 100, \"unit\": \"kWh\"}," +
                " {\"rate\": 0.3}], [{\"rate\": 0.1, \"max\": 50}, {\"rate\": 0.2}]]")
            .with("energyweekendschedule", UrdbJsonFixture.schedule(2, 0, 0, 0, 0)));

        assertThat(ex.fields()).containsExactly(
            "energyratestructure[0][0].max", "energyratestructure[1][1].max", "energyratestructure[2][0].unit");
        assertThat(ex.problems().get(0).reason()).isEqualTo("tier bound 0.0005 kWh is not a whole number of Wh");
        // in the units the file gives them: "100000 after 200000" (Wh) named bounds the file holds as 100 and 200
        assertThat(ex.problems().get(1).reason()).isEqualTo("tier bounds must rise: 100 kWh after 200 kWh");
    }

    @Test
    void fallingDemandTierBoundsAreNamedInKwAsTheFileGivesThem()
    {
        // REopt's multi-tier sample (/work/shared/data) with a tier of max 50 kW put after its max 100 kW tier: the
        // refusal named them "50000 after 100000", the watts the importer converts to, which the file holds nowhere
        final UrdbImportException ex = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("demandratestructure", "[[{\"rate\": 24.368, \"max\": 100.0, \"unit\": \"kW\"}, " +
                "{\"rate\": 20, \"max\": 50, \"unit\": \"kW\"}, {\"rate\": 17.031, \"unit\": \"kW\"}]]")
            .with("demandweekdayschedule", UrdbJsonFixture.zeros(12, 24))
            .with("demandweekendschedule", UrdbJsonFixture.zeros(12, 24)));

        assertThat(ex.fields()).containsExactly("demandratestructure[0][1].max");
        assertThat(ex.problems().get(0).reason()).isEqualTo("tier bounds must rise: 50 kW after 100 kW");
    }

    @Test
    void schedulesMustBeTwelveByTwentyFourAndNameExistingPeriods()
    {
        final UrdbImportException ex = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("energyweekdayschedule", UrdbJsonFixture.zeros(11, 24))
            .with("energyweekendschedule", UrdbJsonFixture.schedule(5, 6, 6, 17, 18)));

        assertThat(ex.fields()).containsExactly("energyweekdayschedule", "energyweekendschedule");
        assertThat(ex.problems().get(0).reason()).isEqualTo("expected 12 months, got 11");
        assertThat(ex.problems().get(1).reason())
            .isEqualTo("names period 5 at 2 entries, first at [6][17], but energyratestructure has 2 periods");

        final UrdbImportException shortRow = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("energyweekdayschedule", UrdbJsonFixture.zeros(12, 24).replaceFirst("\\[0,0,0,", "[0,0,")));
        assertThat(shortRow.fields()).containsExactly("energyweekdayschedule[0]");
        assertThat(shortRow.problems().get(0).reason()).isEqualTo("expected 24 period indexes, got array of 23");

        final UrdbImportException missing = refusal(UrdbJsonFixture.touEnergyOnly().without("energyweekendschedule"));
        assertThat(missing.fields()).containsExactly("energyweekendschedule");
    }

    @Test
    void allZeroSchedulesWithoutAStructureAreInertButOthersAreRefused()
    {
        final UrdbRate rate = accepted(UrdbJsonFixture.touEnergyOnly()
            .with("demandweekdayschedule", UrdbJsonFixture.zeros(12, 24))
            .with("flatdemandmonths", "[0,0,0,0,0,0,0,0,0,0,0,0]"));
        assertThat(rate.demand()).isEmpty();
        assertThat(rate.flatDemand()).isEmpty();

        final UrdbImportException ex = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("demandweekendschedule", UrdbJsonFixture.schedule(1, 0, 0, 0, 0)));
        assertThat(ex.fields()).containsExactly("demandweekendschedule");
    }

    @Test
    void flatDemandIsReadWithItsMonths()
    {
        final UrdbRate rate = accepted(UrdbJsonFixture.touEnergyOnly()
            .with("flatdemandstructure", "[[{\"rate\": 4.5}], [{\"rate\": 7.25, \"adj\": 0.5, \"max\": 50}, " +
                "{\"rate\": 9}]]")
            .with("flatdemandmonths", "[0,0,0,0,0,1,1,1,1,0,0,0]")
            .with("flatdemandunit", "\"kW\"")
            .with("demandwindow", "15"));

        final UrdbFlatDemand flat = rate.flatDemand().orElseThrow();
        assertThat(flat.monthPeriods()).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0);
        assertThat(flat.periodFor(java.time.Month.JUNE)).isEqualTo(1);
        // 7.25 + 0.5 $/kW -> 7 750 000 micro-$/kW up to 50 kW -> 50 000 W
        assertThat(flat.periods().get(1).get(0)).isEqualTo(new UrdbDemandTier(7_750_000L, OptionalLong.of(50_000L)));
        assertThat(rate.demandWindowMinutes()).hasValue(15);

        final UrdbImportException ex = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("flatdemandstructure", "[[{\"rate\": 4.5}]]")
            .with("flatdemandmonths", "[0,0,0,0,0,1,1,1,1,0,0]"));
        assertThat(ex.fields()).containsExactly("flatdemandmonths");
    }

    @Test
    void demandRateUnitsOtherThanKwAreRefused()
    {
        final UrdbImportException ex = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("demandratestructure", "[[{\"rate\": 10, \"unit\": \"kVA\"}]]")
            .with("demandweekdayschedule", UrdbJsonFixture.zeros(12, 24))
            .with("demandweekendschedule", UrdbJsonFixture.zeros(12, 24))
            .with("flatdemandunit", "\"hp\""));

        assertThat(ex.fields()).containsExactly("flatdemandunit", "demandratestructure[0][0].unit");
    }

    @Test
    void lookbackOfZeroPercentIsNoLookback()
    {
        final UrdbRate rate = accepted(UrdbJsonFixture.touEnergyOnly()
            .with("lookbackpercent", "0")
            .with("lookbackrange", "0")
            .with("lookbackmonths", "[false,false,false,false,false,false,false,false,false,false,false,false]"));
        assertThat(rate.energy()).isPresent();
    }

    @Test
    void fixedChargesNeedAKnownUnitAndMustAgree()
    {
        final UrdbImportException noUnit = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("fixedchargefirstmeter", "5"));
        assertThat(noUnit.fields()).containsExactly("fixedchargeunits");
        assertThat(noUnit.problems().get(0).reason())
            .isEqualTo("missing: cannot tell whether fixedchargefirstmeter 5 is per day, month or year");

        final UrdbImportException badUnit = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("fixedchargefirstmeter", "5").with("fixedchargeunits", "\"$/kWh\""));
        assertThat(badUnit.fields()).containsExactly("fixedchargeunits");

        final UrdbImportException conflict = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("fixedchargefirstmeter", "0.25").with("fixedchargeunits", "\"$/day\"")
            .with("fixedmonthlycharge", "7.57"));
        assertThat(conflict.fields()).containsExactly("fixedchargefirstmeter", "fixedmonthlycharge");

        final UrdbRate agreeing = accepted(UrdbJsonFixture.touEnergyOnly()
            .with("fixedchargefirstmeter", "7.570").with("fixedchargeunits", "\"$/month\"")
            .with("fixedmonthlycharge", "7.57").with("mincharge", "20").with("minchargeunits", "\"$/year\""));
        assertThat(agreeing.fixedChargeFirstMeter())
            .contains(new UrdbCharge("fixedchargefirstmeter", 7_570_000L, UrdbChargeUnit.PER_MONTH));
        assertThat(agreeing.minimumCharges())
            .containsExactly(new UrdbCharge("mincharge", 20_000_000L, UrdbChargeUnit.PER_YEAR));
    }

    @Test
    void rateAndAdjustmentAreSummedExactlyThenRoundedHalfEvenOnce()
    {
        final UrdbRate rate = accepted(UrdbJsonFixture.touEnergyOnly()
            .with("energyratestructure", "[[{\"rate\": 0.0000005, \"adj\": 0.0000005}], " +
                "[{\"rate\": 0.1234565}], [{\"rate\": 0.1234575}]]"));

        final UrdbTouEnergy energy = rate.energy().orElseThrow();
        // 0.0000005 + 0.0000005 = 0.000001 exactly -> 1; rounding each first would give 0 + 0
        assertThat(energy.tier(0, 0).microsPerKwh()).isEqualTo(1L);
        // 123456.5 -> 123456 (to even); 123457.5 -> 123458 (to even)
        assertThat(energy.tier(1, 0).microsPerKwh()).isEqualTo(123_456L);
        assertThat(energy.tier(2, 0).microsPerKwh()).isEqualTo(123_458L);
        assertThat(rate.roundings()).containsExactly(
            "energyratestructure[1][0]: rate+adj 0.1234565 $/kWh rounded half-even to 123456 micro-$/kWh",
            "energyratestructure[2][0]: rate+adj 0.1234575 $/kWh rounded half-even to 123458 micro-$/kWh");
    }

    @Test
    @Timeout(5)
    void hugeExponentsAreRefusedQuicklyRatherThanExpanded()
    {
        final UrdbImportException ex = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("energyratestructure", "[[{\"rate\": 1e999999999, \"adj\": 1e-999999999}], [{\"rate\": 1e400}]]"));

        assertThat(ex.fields()).containsExactly(
            "energyratestructure[0][0].rate", "energyratestructure[0][0].adj", "energyratestructure[1][0].rate");
        assertThat(ex.problems().get(0).reason()).startsWith("number 1E+999999999 is outside the supported range");
    }

    @Test
    void structuresLargerThanTheTariffModelAreRefused()
    {
        final StringBuilder periods = new StringBuilder("[");
        for (int i = 0; i < 200; i++)
        {
            periods.append(i == 0 ? "" : ",").append("[{\"rate\": 0.1}]");
        }
        final UrdbImportException ex = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("energyratestructure", periods.append(']').toString()));

        assertThat(ex.fields()).containsExactly("energyratestructure");
        assertThat(ex.problems().get(0).reason()).isEqualTo("expected 1..127 periods of tiers, got array of 200");
    }

    @Test
    void unknownTierFieldsAndMissingRatesAreRefused()
    {
        final UrdbImportException ex = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("energyratestructure", "[[{\"adj\": 0.01}], [{\"rate\": 0.2, \"discount\": 0.1}]]"));

        assertThat(ex.fields()).containsExactly("energyratestructure[0][0].rate", "energyratestructure[1][0].discount");
    }

    @Test
    void everyBadItemIsReportedWithItsOwnLabel()
    {
        final String good = UrdbJsonFixture.touEnergyOnly().with("label", "\"good\"").json();
        final String coincident = UrdbJsonFixture.touEnergyOnly().with("label", "\"bad-a\"")
            .with("coincidentratestructure", "[[{\"rate\": 1}]]").json();
        final String feedIn = UrdbJsonFixture.touEnergyOnly().with("label", "\"bad-b\"")
            .with("dgrules", "\"Feed-in Tariff\"").json();

        final UrdbImportException ex = catchThrowableOfType(UrdbImportException.class,
            () -> importer.read("page.json", "{\"items\": [" + coincident + "," + good + "," + feedIn + "]}"));

        assertThat(ex.fields()).containsExactly("items[0].coincidentratestructure", "items[2].dgrules");
        assertThat(ex.getMessage())
            .doesNotContain("\n")
            .startsWith("page.json: URDB tariff refused: label bad-a: items[0].coincidentratestructure (")
            .contains("; label bad-b: items[2].dgrules (");
    }

    @Test
    void itemsFormReturnsEveryRateInOrder()
    {
        final String first = UrdbJsonFixture.touEnergyOnly().with("label", "\"first\"").json();
        final String second = UrdbJsonFixture.touEnergyOnly().with("label", "\"second\"").json();

        final List<UrdbRate> rates = importer.read("page.json", "{\"items\": [" + first + "," + second + "]}");

        assertThat(rates).extracting(UrdbRate::labelOrEmpty).containsExactly("first", "second");
        assertThat(rates).extracting(UrdbRate::source).containsExactly("page.json items[0]", "page.json items[1]");
    }

    @Test
    void documentsThatAreNotRatesAreRefused()
    {
        final UrdbImportException array = catchThrowableOfType(UrdbImportException.class,
            () -> importer.read("array.json", "[1, 2]"));
        assertThat(array.fields()).containsExactly("(document root)");

        final UrdbImportException emptyItems = catchThrowableOfType(UrdbImportException.class,
            () -> importer.read("empty.json", "{\"items\": [], \"error\": {\"code\": \"OVER_RATE_LIMIT\"}}"));
        assertThat(emptyItems.fields()).containsExactly("error", "items");
    }

    @Test
    void hostileTextCannotBreakTheMessageLine()
    {
        final UrdbImportException ex = refusal(UrdbJsonFixture.touEnergyOnly()
            .with("label", "\"evil\\nlabel\"")
            .with("bad\\nfield", "1")
            .with("dgrules", "\"Net\\r\\nMetering\""));

        assertThat(ex.fields()).containsExactly("\"bad\\u000afield\"", "dgrules");
        assertThat(ex.getMessage()).contains("label evil label:").contains("\"Net\\u000d\\u000aMetering\"");
    }
}
