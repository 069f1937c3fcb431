package org.gridsettle.engine;

import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.carbon.CarbonIntensitySeries;
import org.gridsettle.pricing.carbon.IntensitySource;
import org.gridsettle.pricing.carbon.UkCarbonIntensityJsonImporter;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CarbonPricingTest
{
    private static final long GB = TokenSymbol.pack("GB");
    private static final long T = EngineFixture.START;
    private static final long M = CarbonIntensitySeries.MISSING;

    @TempDir
    Path dir;

    @Test
    void importsPayAnAdderExportsEarnCarbonAndAMissingIntensityIsCarriedOrRejected()
    {
        // $50/t = 0.05 per kg = 50,000 µ/kg on imports; 40,000 µ/kg of CARBON for exports; carry at most 2 intervals
        final TouTariff tariff = EngineFixture.tariff().withCarbon(50_000, 40_000, 2);
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start();
        try (engine)
        {
            engine.publishTariff(tariff);                                                  // 1
            engine.registerAccount(1001);                                                  // 2
            engine.registerAccount(1002);                                                  // 3
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, T, 0, GB);                    // 4
            engine.enrolMeter(2, 1002, EngineFixture.TARIFF, T, 0, 0);                     // 5: no carbon region
            // half-hourly: 200 g/kWh, then three missing values, then 150 g/kWh
            engine.publishCarbonIntensity(GB, series(T, 1800, 200_000, M, M, M, 150_000)); // 6
            engine.submitTick(1, 0, T, 900, 1_000, 0);                                     // 7
            engine.submitTick(1, 0, T + 1800, 900, 0, 500);                                // 8: carried (1 interval)
            engine.submitTick(1, 0, T + 3600, 900, 100, 0);                                // 9: carried (2 intervals)
            engine.submitTick(1, 0, T + 5400, 900, 100, 0);                                // 10: 3 intervals: missing
            engine.submitTick(1, 0, T + 7200, 900, 2_000, 0);                              // 11
            engine.submitTick(2, 0, T, 900, 1_000, 0);                                     // 12: no carbon pricing
        }
        final Outputs out = Outputs.of(dir);
        // 1 kWh x 200 g = 0.2 kg x 0.05 = 0.01 = 10,000 µ; the rate field carries the intensity in mg/kWh
        final TransferCodec adder = Outputs.transfer(out.causedBy(7).get(1));
        assertThat(adder.reasonCode()).isEqualTo(ReasonCode.CARBON_ADDER.code());
        assertThat(adder.amount()).isEqualTo(10_000);
        assertThat(adder.rate()).isEqualTo(200_000);
        assertThat(adder.creditAccount()).isEqualTo(SystemAccounts.CARBON_FUND);
        // 0.5 kWh x 200 g (carried) = 0.1 kg x 0.04 = 4,000 µ CARBON, minted from the issuance account
        final TransferCodec credit = Outputs.transfer(out.causedBy(8).get(1));
        assertThat(credit.reasonCode()).isEqualTo(ReasonCode.CARBON_CREDIT.code());
        assertThat(credit.amount()).isEqualTo(4_000);
        assertThat(credit.token()).isEqualTo(TokenSymbol.pack("CARBON"));
        assertThat(credit.debitAccount()).isEqualTo(SystemAccounts.ISSUANCE);
        // 0.1 kWh x 200 g = 0.02 kg x 0.05 = 1,000 µ
        assertThat(Outputs.transfer(out.causedBy(9).get(1)).amount()).isEqualTo(1_000);
        assertThat(Outputs.rejection(out.causedBy(10).get(0))).isEqualTo(ReasonCode.CARBON_INTENSITY_MISSING);
        // 2 kWh x 150 g = 0.3 kg x 0.05 = 15,000 µ
        assertThat(Outputs.transfer(out.causedBy(11).get(1)).amount()).isEqualTo(15_000);
        assertThat(out.causedBy(12)).hasSize(1);
    }

    @Test
    void theRealUkIntensitySeriesPricesATick() throws Exception
    {
        // carbon_uk_national_pt24h_2023-03-15T0101Z.json (shared/data; NESO Carbon Intensity API via
        // nmpowell/carbon-intensity-forecast-tracking): the first half hour, 2023-03-14T01:00Z, has actual 81 g/kWh
        final CarbonIntensitySeries uk;
        try (InputStream in = getClass().getResourceAsStream("/carbon/carbon_uk_national_pt24h_2023-03-15T0101Z.json"))
        {
            uk = new UkCarbonIntensityJsonImporter().parse(in, "uk.json", "GB");
        }
        final long firstHalfHour = Instant.parse("2023-03-14T01:00:00Z").getEpochSecond();
        final int[] hours = new int[24];
        final TouTariff tariff = TouTariff.hourly(31, 1, firstHalfHour, "GBP", "SOLAR", ZoneOffset.UTC,
            List.of(new TouPeriod("flat", 300_000, 0)), hours, hours).withCarbon(80_000, 0, 0);
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(tariff);                                  // 1
            engine.registerAccount(1001);                                  // 2
            engine.enrolMeter(7, 1001, 31, firstHalfHour, 0, GB);          // 3
            engine.publishCarbonIntensity(GB, uk);                         // 4: 48 contiguous half hours
            engine.submitTick(7, 0, firstHalfHour, 1800, 2_500, 0);        // 5
        }
        // 2.5 kWh x 81 g = 0.2025 kg x 0.08 = 0.0162 = 16,200 µ
        final TransferCodec adder = Outputs.transfer(Outputs.of(dir).causedBy(5).get(1));
        assertThat(adder.rate()).isEqualTo(81_000);
        assertThat(adder.amount()).isEqualTo(16_200);
    }

    @Test
    void aSeriesStartingOutsideTheCoveredYearsIsMalformedAndDoesNotBlockTheRealOne()
    {
        // epoch milliseconds taken for seconds put the series in the year 58,000: no tick can be priced there, and
        // accepted it would refuse every later real series of the region ALREADY_EXISTS, since values only grow
        // forward
        final TouTariff tariff = EngineFixture.tariff().withCarbon(50_000, 0, 0);
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(tariff);                                                  // 1
            engine.registerAccount(1001);                                                  // 2
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, T, 0, GB);                    // 3
            engine.publishCarbonIntensity(GB, series(T * 1_000, 1800, 200_000));           // 4
            engine.publishCarbonIntensity(GB, series(631_152_000L - 200_000, 1800, 1));    // 5: 1989-12-29
            engine.publishCarbonIntensity(GB, series(T, 1800, 200_000));                   // 6
            engine.submitTick(1, 0, T, 900, 1_000, 0);                                     // 7
        }
        final Outputs out = Outputs.of(dir);
        for (final long malformed : new long[] {4, 5})
        {
            assertThat(out.causedBy(malformed)).as("input %d", malformed).hasSize(1);
            assertThat(Outputs.rejection(out.causedBy(malformed).get(0))).isEqualTo(ReasonCode.MALFORMED);
            assertThat(Outputs.rejectionSubject(out.causedBy(malformed).get(0))).isEqualTo(GB);
        }
        assertThat(out.causedBy(6)).isEmpty();
        // 1 kWh x 200 g = 0.2 kg x 0.05 = 10,000 µ, as in the first test
        assertThat(Outputs.transfer(out.causedBy(7).get(1)).amount()).isEqualTo(10_000);
    }

    @Test
    void aSeriesOfIntervalsLongerThanADayIsMalformedAndDoesNotBlockTheRealOne()
    {
        // half-hourly values with the length in milliseconds: 1,800,000 s, so 2 values would hold the region's
        // intensities 41 days ahead and refuse the real series ALREADY_EXISTS (values only grow forward)
        final TouTariff tariff = EngineFixture.tariff().withCarbon(50_000, 0, 0);
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(tariff);                                                  // 1
            engine.registerAccount(1001);                                                  // 2
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, T, 0, GB);                    // 3
            engine.publishCarbonIntensity(GB, series(T, 1_800_000, 200_000, 300_000));     // 4
            engine.publishCarbonIntensity(GB, series(T - 86_400, 86_400, 1));              // 5: a day is not too long
            engine.publishCarbonIntensity(GB, series(T, 1800, 200_000));                   // 6
            engine.submitTick(1, 0, T, 900, 1_000, 0);                                     // 7
        }
        final Outputs out = Outputs.of(dir);
        assertThat(out.causedBy(4)).hasSize(1);
        assertThat(Outputs.rejection(out.causedBy(4).get(0))).isEqualTo(ReasonCode.MALFORMED);
        assertThat(Outputs.rejectionSubject(out.causedBy(4).get(0))).isEqualTo(GB);
        assertThat(out.causedBy(5)).isEmpty();
        assertThat(out.causedBy(6)).isEmpty();
        // 1 kWh x 200 g = 0.2 kg x 0.05 = 10,000 µ, as in the first test
        assertThat(Outputs.transfer(out.causedBy(7).get(1)).amount()).isEqualTo(10_000);
    }

    private static CarbonIntensitySeries series(final long start, final int seconds, final long... values)
    {
        final long[] starts = new long[values.length];
        final int[] lengths = new int[values.length];
        final byte[] sources = new byte[values.length];
        for (int i = 0; i < values.length; i++)
        {
            starts[i] = start + (long)i * seconds;
            lengths[i] = seconds;
            sources[i] = values[i] == M ? IntensitySource.MISSING : IntensitySource.ACTUAL;
        }
        return CarbonIntensitySeries.of("GB", starts, lengths, values, sources);
    }
}
