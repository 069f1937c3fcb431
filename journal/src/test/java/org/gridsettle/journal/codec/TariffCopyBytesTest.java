package org.gridsettle.journal.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.pricing.tariff.DemandTiers;
import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.NegativePriceRule;
import org.gridsettle.pricing.tariff.TariffCopy;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TierTable;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TariffCopy#of} keeps every pricing rule: the TARIFF_VERSION record journals every field of a tariff, so a
 * copy under the same identity must encode to the same bytes, and one under another identity to bytes that differ
 * only in the identity's fields. A field the copy forgot (tiers, a demand schedule, carbon, oracle exports, the
 * billing-cycle day) would show as a differing byte.
 */
class TariffCopyBytesTest
{
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    private static TouTariff full(final boolean demandSchedule)
    {
        final int[] peak = new int[24];
        Arrays.fill(peak, 13, 19, 1);
        final TouTariff tariff = TouTariff.hourly(21, 4, 1_767_225_600L, "USD", "SOLAR", CHICAGO,
                List.of(new TouPeriod("off", 90_000, 30_000), new TouPeriod("on", 210_000, 70_000)), peak, new int[24])
            .withTiers(new TierTable(TierBasis.DAILY, new long[] {20_000, Long.MAX_VALUE},
                new long[][] {{90_000, 120_000}, {210_000, 240_000}},
                new long[][] {{30_000, 30_000}, {70_000, 70_000}}))
            .withFixedCharges(40_000, 12_000_000)
            .withExportRule(ExportRule.NET_BILLING, 0)
            .withBillingCycleDay(17)
            .withCarbon(60_000, 45_000, 3)
            .withOracleExport(4, NegativePriceRule.CHARGE);
        if (demandSchedule)
        {
            final byte[] schedule = new byte[36 * 24];
            for (int i = 0; i < schedule.length; i++)
            {
                schedule[i] = (byte)(i % 24 >= 8 && i % 24 < 20 ? 0 : 1);
            }
            tariff.withDemandSchedule(List.of("day", "night"), schedule);
        }
        return tariff.withDemand(3_000_000, new long[] {2_000_000, 9_000_000})
            .withDemandTiers(new DemandTiers(new long[] {40_000, Long.MAX_VALUE}, new long[] {3_000_000, 2_500_000},
                new long[][] {{2_000_000, 1_500_000}, {9_000_000, 8_000_000}}));
    }

    private static byte[] bytes(final TouTariff tariff)
    {
        final byte[] out = new byte[TariffVersionCodec.encodedLength(tariff)];
        new TariffVersionCodec().<TariffVersionCodec>wrap(new UnsafeBuffer(out), 0).encode(7, tariff);
        return out;
    }

    @Test
    void aCopyUnderTheSameIdentityJournalsTheSameBytes()
    {
        for (final boolean demandSchedule : new boolean[] {false, true})
        {
            final TouTariff read = full(demandSchedule);
            final TouTariff copy = TariffCopy.of(read, read.tariffId(), read.version(),
                read.effectiveFromEpochSecond(), read.exportToken());
            assertThat(bytes(copy)).as("demand schedule %s", demandSchedule).isEqualTo(bytes(read));
            // and a tariff with no unused period is not copied at all
            assertThat(TariffCopy.withoutUnusedPeriods(read)).isSameAs(read);
        }
    }

    @Test
    void aCopyUnderAnotherIdentityDiffersOnlyThere()
    {
        final TouTariff read = full(true);
        final TouTariff copy = TariffCopy.of(read, 1, 1, read.effectiveFromEpochSecond() + 86_400, "NEM");
        final TouTariff expected = TariffCopy.of(read, read.tariffId(), read.version(),
            read.effectiveFromEpochSecond(), read.exportToken());
        final UnsafeBuffer a = new UnsafeBuffer(bytes(copy));
        final UnsafeBuffer b = new UnsafeBuffer(bytes(expected));
        final TariffVersionCodec decoded = new TariffVersionCodec().wrap(a, 0);
        assertThat(decoded.tariffId()).isEqualTo(1);
        assertThat(decoded.version()).isEqualTo(1);
        assertThat(decoded.decode().exportToken()).isEqualTo("NEM");
        // put the identity back, and the bytes are the original's
        final TouTariff back = TariffCopy.of(decoded.decode(), read.tariffId(), read.version(),
            read.effectiveFromEpochSecond(), read.exportToken());
        assertThat(bytes(back)).isEqualTo(bytes(read));
        assertThat(a.capacity()).isEqualTo(b.capacity());
    }
}
