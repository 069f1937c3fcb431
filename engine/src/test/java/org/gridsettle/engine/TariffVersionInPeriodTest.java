package org.gridsettle.engine;

import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TierTable;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new tariff version taking effect inside a billing period. The period close used to true up and charge demand
 * only when the version in force at the period's end had priced every tick, so a mid-month rate change dropped the
 * month's demand charges entirely (found in review: 0 instead of 70.00).
 */
class TariffVersionInPeriodTest
{
    private static final long T = EngineFixture.START; // Monday 2026-03-02 00:00 Los Angeles
    private static final long MID = ZonedDateTime.of(2026, 3, 16, 0, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();
    private static final long APRIL = ZonedDateTime.of(2026, 4, 1, 0, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();
    private static final long H = 3_600;

    @TempDir
    Path dir;

    private static TouTariff flat(final int version, final long from, final long importRate)
    {
        return TouTariff.hourly(51, version, from, "USD", "SOLAR", EngineFixture.ZONE,
            List.of(new TouPeriod("flat", importRate, 0)), new int[24], new int[24]);
    }

    private static long charged(final Outputs out, final ReasonCode reason)
    {
        long net = 0;
        for (final byte[] r : out.all())
        {
            if (Outputs.type(r) == RecordType.TRANSFER.id())
            {
                final TransferCodec t = Outputs.transfer(r);
                if (t.reasonCode() == reason.code())
                {
                    net += t.debitAccount() == 1001 ? t.amount() : -t.amount();
                }
            }
        }
        return net;
    }

    @Test
    void aPeriodPricedByTwoVersionsIsChargedItsPeakAtTheRatesInForceAtItsEnd()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(flat(1, T, 100_000).withDemand(10_000_000, new long[0]));   // 10.00 per kW
            engine.publishTariff(flat(2, MID, 120_000).withDemand(12_000_000, new long[0])); // 12.00 per kW
            engine.registerAccount(1001);
            engine.enrolMeter(1, 1001, 51, T);
            engine.submitTick(1, 0, T + 10 * H, 3_600, 5_000, 0);    // Mar 2, v1: 5 kW
            engine.submitTick(1, 0, MID + 10 * H, 3_600, 7_000, 0);  // Mar 16, v2: 7 kW
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 51);
        }
        final Outputs out = Outputs.of(dir);
        // by hand: energy 5 kWh x 0.10 + 7 kWh x 0.12 = 1.34; demand: the month's peak 7 kW x 12.00 = 84.00
        assertThat(charged(out, ReasonCode.ENERGY_CHARGE)).isEqualTo(1_340_000L);
        assertThat(charged(out, ReasonCode.DEMAND_CHARGE)).isEqualTo(84_000_000L);
    }

    @Test
    void aPeriodWhoseTicksOneVersionPricedIsClosedByThatVersionThoughALaterOneIsInForce()
    {
        final TierTable tiers = new TierTable(TierBasis.BILLING_PERIOD, new long[] {10_000, Long.MAX_VALUE},
            new long[][] {{100_000, 200_000}}, new long[1][2]);
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(flat(1, T, 100_000).withTiers(tiers).withDemand(10_000_000, new long[0]));
            engine.publishTariff(flat(2, MID, 120_000).withDemand(12_000_000, new long[0]));
            engine.registerAccount(1001);
            engine.enrolMeter(1, 1001, 51, T);
            engine.submitTick(1, 0, T + 10 * H, 3_600, 8_000, 0);        // Mar 2: 8 kW, 8 kWh
            engine.submitTick(1, 0, T + 86_400 + 10 * H, 3_600, 6_000, 0); // Mar 3: 6 kWh, the month at 14 kWh
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 51);
        }
        final Outputs out = Outputs.of(dir);
        // by hand, all at v1 (v2's 0.12 and 12.00 never apply): 10 kWh x 0.10 + 4 kWh x 0.20 = 1.80;
        // demand 8 kW x 10.00 = 80.00
        assertThat(charged(out, ReasonCode.ENERGY_CHARGE) + charged(out, ReasonCode.TRUE_UP)).isEqualTo(1_800_000L);
        assertThat(charged(out, ReasonCode.DEMAND_CHARGE)).isEqualTo(80_000_000L);
    }

    @Test
    void aRejectedTickDoesNotMarkItsPeriodAsPricedByTwoVersions()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(flat(1, T, 100_000).withDemand(10_000_000, new long[0]));   // 10.00 per kW
            engine.publishTariff(flat(2, MID, 120_000).withDemand(12_000_000, new long[0])); // 12.00 per kW
            engine.registerAccount(1001);
            engine.enrolMeter(1, 1001, 51, T);
            engine.submitTick(1, 0, T + 10 * H, 3_600, 8_000, 0);                  // 5: Mar 2, v1: 8 kW
            engine.submitTick(1, 0, MID + 10 * H, 3_600, Long.MAX_VALUE / 2, 0);   // 6: v2, rejected
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 51);
        }
        final Outputs out = Outputs.of(dir);
        assertThat(out.causedBy(6)).hasSize(1);
        assertThat(Outputs.type(out.causedBy(6).get(0))).isEqualTo(RecordType.REJECTION.id());
        // v1 priced every accepted tick: 8 kW x 10.00 = 80.00; were the period taken as priced by v1 and v2, its
        // peak would be charged at v2's 12.00
        assertThat(charged(out, ReasonCode.DEMAND_CHARGE)).isEqualTo(80_000_000L);
    }
}
