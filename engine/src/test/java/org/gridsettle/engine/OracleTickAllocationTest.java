package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.OraclePriceCodec;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.NegativePriceRule;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tick path of a meter whose exports earn the oracle price and whose hours are netted allocates nothing in
 * steady state: the price lookup, the carry-forward and the hour's netting (closed by the next hour's tick) run on
 * primitive arrays. Measured with the thread's allocated-bytes counter, not a timing, after warm-up.
 */
class OracleTickAllocationTest
{
    @Test
    void oraclePricedHourlyNettedTicksAllocateNothingInSteadyState()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final SettlementLogic logic = new SettlementLogic((b, o, l) ->
        {
        });
        final TouTariff tariff = EngineFixture.tariff().withExportRule(ExportRule.NET_BILLING_HOURLY, 0)
            .withOracleExport(2, NegativePriceRule.ZERO_CREDIT);
        final int ticks = 5_500;
        // 5-minute prices over the whole run, every 7th missing (carried), every 5th negative
        final int prices = ticks * 3 + 12;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OraclePriceCodec.lengthFor(OraclePriceCodec.MAX_VALUES)]);
        new TariffVersionCodec().<TariffVersionCodec>wrap(buffer, 0).encode(1, tariff);
        logic.apply(buffer, 0, TariffVersionCodec.encodedLength(tariff));
        new AccountRegistrationCodec().<AccountRegistrationCodec>wrap(buffer, 0).encode(2, 1001);
        logic.apply(buffer, 0, AccountRegistrationCodec.LENGTH);
        new MeterEnrolmentCodec().<MeterEnrolmentCodec>wrap(buffer, 0).encode(3, 1, 1001, EngineFixture.TARIFF,
            EngineFixture.START, 0, 0, "TH_NP15_GEN-APND");
        logic.apply(buffer, 0, MeterEnrolmentCodec.LENGTH);
        long sequence = 3;
        final long[] values = new long[prices];
        for (int i = 0; i < prices; i++)
        {
            values[i] = i % 7 == 6 ? OraclePriceCodec.MISSING : i % 5 == 4 ? -5_000_000 : 20_000_000 + i;
        }
        for (int from = 0; from < prices; from += OraclePriceCodec.MAX_VALUES)
        {
            final int count = Math.min(OraclePriceCodec.MAX_VALUES, prices - from);
            new OraclePriceCodec().<OraclePriceCodec>wrap(buffer, 0).encode(++sequence, "TH_NP15_GEN-APND",
                EngineFixture.START + from * 300L, 300, values, from, count);
            logic.apply(buffer, 0, OraclePriceCodec.lengthFor(count));
        }

        final MeterTickCodec tick = new MeterTickCodec().wrap(buffer, 0);
        final int warmUp = 4_000;
        long before = 0;
        for (int i = 0; i < ticks; i++)
        {
            if (i == warmUp)
            {
                before = threads.getCurrentThreadAllocatedBytes();
            }
            // every tick imports and exports, so every hour has something to net
            tick.encode(++sequence, 1, 0, EngineFixture.START + i * 900L, 900, 100 + i % 300, 50 + i % 200, 0);
            logic.apply(buffer, 0, MeterTickCodec.LENGTH);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(logic.ticksPriced()).as("every tick priced").isEqualTo(ticks);
        assertThat(logic.transfers()).as("credits and netting adjustments were posted").isGreaterThan(2L * ticks);
        // the slack is for what the JVM itself may charge to the thread
        assertThat(allocated).as("bytes allocated by %d ticks", ticks - warmUp).isLessThan(1_024);
    }
}
