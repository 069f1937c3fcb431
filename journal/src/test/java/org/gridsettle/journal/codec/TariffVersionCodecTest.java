package org.gridsettle.journal.codec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.RecordValidator;
import org.gridsettle.pricing.tariff.DemandTiers;
import org.gridsettle.pricing.tariff.ExportRateSource;
import org.gridsettle.pricing.tariff.NegativePriceRule;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TariffVersionCodecTest
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    @Provide
    Arbitrary<Integer> slotMinutes()
    {
        return Arbitraries.of(60, 30, 15, 5);
    }

    @Provide
    Arbitrary<String> zones()
    {
        // includes the longest ids in use, well under the 64-byte field
        return Arbitraries.of("America/Los_Angeles", "Australia/Lord_Howe", "Asia/Kolkata", "UTC",
            "America/Argentina/ComodRivadavia", "Europe/London");
    }

    @Provide
    Arbitrary<String> symbols()
    {
        return Arbitraries.strings().withCharRange('A', 'Z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(8);
    }

    @Provide
    Arbitrary<TouPeriod> periods()
    {
        final Arbitrary<String> names = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(32);
        final Arbitrary<Long> rates = Arbitraries.longs().between(0, Long.MAX_VALUE);
        return Combinators.combine(names, rates, rates).as(TouPeriod::new);
    }

    @Property(tries = 200)
    void roundTripsEveryField(
        @ForAll final long tariffId,
        @ForAll final int version,
        @ForAll final long effectiveFrom,
        @ForAll("symbols") final String token,
        @ForAll("symbols") final String exportToken,
        @ForAll("zones") final String zone,
        @ForAll("slotMinutes") final int slotMinutes,
        @ForAll @Size(min = 1, max = 6) final List<@From("periods") TouPeriod> periods,
        @ForAll @IntRange(max = 20) final int holidayCount,
        @ForAll final Random random,
        @ForAll @IntRange(max = 33) final int at,
        @ForAll final long sequence)
    {
        final byte[] schedule = new byte[36 * (1440 / slotMinutes)];
        for (int i = 0; i < schedule.length; i++)
        {
            schedule[i] = (byte)random.nextInt(periods.size());
        }
        final long[] holidays = new long[holidayCount];
        long day = 7_000 + random.nextInt(100);
        for (int i = 0; i < holidayCount; i++)
        {
            day += 1 + random.nextInt(400);
            holidays[i] = day;
        }
        final TouTariff tariff = new TouTariff(tariffId, version, effectiveFrom, token, exportToken,
            ZoneId.of(zone), slotMinutes, periods, schedule, holidays);

        // length by the v2 layout: 192 fixed + 48 per period + 8 per period (TOU demand) + no tiers
        // + 36 * slotsPerDay schedule + 8 per holiday + 8 trailer
        final int expectedLength = 192 + 56 * periods.size() + schedule.length + 8 * holidayCount + 8;
        assertThat(TariffVersionCodec.encodedLength(tariff)).isEqualTo(expectedLength);

        final UnsafeBuffer b = new UnsafeBuffer(new byte[at + expectedLength + 8]);
        b.setMemory(0, b.capacity(), (byte)0x5C);
        new TariffVersionCodec().<TariffVersionCodec>wrap(b, at).encode(sequence, tariff);

        assertThat(RecordValidator.problem(b, at, expectedLength)).isNull();
        assertThat(b.getShort(at, LE)).isEqualTo((short)4);
        assertThat(b.getInt(at + 4, LE)).isEqualTo(expectedLength);
        assertThat(b.getLong(at + 8, LE)).isEqualTo(sequence);
        assertThat(b.getLong(at + expectedLength - 8, LE)).isZero();
        for (int i = at + expectedLength; i < b.capacity(); i++)
        {
            assertThat(b.getByte(i)).isEqualTo((byte)0x5C);
        }
        // raw fields at their documented offsets
        assertThat(b.getLong(at + 24, LE)).isEqualTo(tariffId);
        assertThat(b.getLong(at + 32, LE)).isEqualTo(effectiveFrom);
        assertThat(b.getInt(at + 40, LE)).isEqualTo(version);
        assertThat(b.getShort(at + 44, LE) & 0xFFFF).isEqualTo(slotMinutes);
        assertThat(b.getShort(at + 46, LE) & 0xFFFF).isEqualTo(periods.size());
        assertThat(b.getInt(at + 48, LE)).isEqualTo(holidayCount);
        assertThat(b.getStringWithoutLengthAscii(at + 72, zone.length())).isEqualTo(zone);
        assertThat(b.getByte(at + 72 + zone.length())).as("zone id zero padded").isZero();
        assertThat(b.getLong(at + 192 + 32, LE)).isEqualTo(periods.get(0).importMicrosPerKwh());

        final TariffVersionCodec d = new TariffVersionCodec().wrap(b, at);
        assertThat(d.tariffId()).isEqualTo(tariffId);
        assertThat(d.version()).isEqualTo(version);
        final TouTariff back = d.decode();
        assertThat(back.tariffId()).isEqualTo(tariffId);
        assertThat(back.version()).isEqualTo(version);
        assertThat(back.effectiveFromEpochSecond()).isEqualTo(effectiveFrom);
        assertThat(back.token()).isEqualTo(token);
        assertThat(back.exportToken()).isEqualTo(exportToken);
        assertThat(back.zone()).isEqualTo(ZoneId.of(zone));
        assertThat(back.slotMinutes()).isEqualTo(slotMinutes);
        final List<TouPeriod> backPeriods = new ArrayList<>();
        for (int i = 0; i < back.periodCount(); i++)
        {
            backPeriods.add(back.period(i));
        }
        assertThat(backPeriods).isEqualTo(periods);
        assertThat(back.scheduleCopy()).isEqualTo(schedule);
        assertThat(back.holidayEpochDaysCopy()).isEqualTo(holidays);
    }

    @Property(tries = 100)
    void schemaThreeCarriesTheOracleSettingsAndSchemaTwoReadsAsTheTouExportRate(
        @ForAll @IntRange(max = TouTariff.MAX_ORACLE_CARRY) final int carry,
        @ForAll final boolean charge)
    {
        final TouTariff tariff = TouTariff.hourly(1, 1, 0, "USD", "SOLAR", ZoneId.of("UTC"),
            List.of(new TouPeriod("flat", 5, 5)), new int[24], new int[24])
            .withOracleExport(carry, charge ? NegativePriceRule.CHARGE : NegativePriceRule.ZERO_CREDIT);
        final int length = TariffVersionCodec.encodedLength(tariff);
        final UnsafeBuffer b = new UnsafeBuffer(new byte[length]);
        new TariffVersionCodec().<TariffVersionCodec>wrap(b, 0).encode(1, tariff);
        // bytes 52-55: source 1 (oracle), rule, carry as a little-endian u16; the length is schema 2's
        assertThat(b.getShort(2, LE)).isEqualTo((short)3);
        assertThat(b.getByte(52)).isEqualTo((byte)1);
        assertThat(b.getByte(53)).isEqualTo((byte)(charge ? 1 : 0));
        assertThat(b.getShort(54, LE) & 0xFFFF).isEqualTo(carry);
        assertThat(length).isEqualTo(1120);
        final TouTariff back = new TariffVersionCodec().<TariffVersionCodec>wrap(b, 0).decode();
        assertThat(back.exportRateSource()).isEqualTo(ExportRateSource.ORACLE);
        assertThat(back.oracleCarryIntervals()).isEqualTo(carry);
        assertThat(back.negativePriceRule()).isEqualTo(tariff.negativePriceRule());

        // the same bytes labelled schema 2 (where 52-55 were reserved) read as a TOU-priced tariff
        b.putShort(2, (short)2, LE);
        b.putInt(52, 0, LE);
        assertThat(RecordValidator.problem(b, 0, length)).isNull();
        assertThat(new TariffVersionCodec().<TariffVersionCodec>wrap(b, 0).decode().exportRateSource())
            .isEqualTo(ExportRateSource.TOU_SCHEDULE);
    }

    @Test
    void oracleSettingsWithoutAnOracleSourceAndUnknownOrdinalsAreRefused()
    {
        final TouTariff tariff = TouTariff.hourly(1, 1, 0, "USD", "SOLAR", ZoneId.of("UTC"),
            List.of(new TouPeriod("flat", 5, 5)), new int[24], new int[24]);
        final UnsafeBuffer b = new UnsafeBuffer(new byte[TariffVersionCodec.encodedLength(tariff)]);
        final TariffVersionCodec codec = new TariffVersionCodec().wrap(b, 0);
        codec.encode(1, tariff);
        b.putShort(54, (short)3, LE); // a carry, but the TOU source
        assertThatThrownBy(codec::decode).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not oracle-priced");
        b.putShort(54, (short)0, LE);
        b.putByte(52, (byte)2);       // no such source
        assertThatThrownBy(codec::decode).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("export rate source 2");
        b.putByte(52, (byte)1);
        b.putByte(53, (byte)7);       // no such rule
        assertThatThrownBy(codec::decode).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("negative price rule 7");
    }

    @Test
    void demandTiersAreWrittenAsSchemaFourAtTheDocumentedOffsetsAndRoundTrip()
    {
        final List<TouPeriod> two = List.of(new TouPeriod("off", 100_000, 0), new TouPeriod("on", 300_000, 0));
        final int[] hours = new int[24];
        final TouTariff plain = TouTariff.hourly(5, 1, 0, "USD", "SOLAR", ZoneId.of("UTC"), two, hours, hours);
        // up to 10 kW, up to 50 kW, then unlimited; flat 8.25 / 10.00 / 12.00 per kW; on-peak 0 / 5.00 / 6.00
        final DemandTiers demand = new DemandTiers(new long[] {10_000, 50_000, Long.MAX_VALUE},
            new long[] {8_250_000, 10_000_000, 12_000_000}, new long[][] {{0, 0, 0}, {0, 5_000_000, 6_000_000}});
        final TouTariff tiered = TouTariff.hourly(5, 1, 0, "USD", "SOLAR", ZoneId.of("UTC"), two, hours, hours)
            .withDemandTiers(demand);
        // schema 3 and its length when there are no demand tiers; 8 + 3 x 16 + 2 x 3 x 8 = 104 bytes more with them
        assertThat(TariffVersionCodec.encodedLength(tiered) - TariffVersionCodec.encodedLength(plain)).isEqualTo(104);
        final UnsafeBuffer plainBuffer = new UnsafeBuffer(new byte[TariffVersionCodec.encodedLength(plain)]);
        new TariffVersionCodec().<TariffVersionCodec>wrap(plainBuffer, 0).encode(1, plain);
        assertThat(RecordFlyweight.schemaVersionAt(plainBuffer, 0)).isEqualTo(3);

        final int length = TariffVersionCodec.encodedLength(tiered);
        final UnsafeBuffer b = new UnsafeBuffer(new byte[length]);
        new TariffVersionCodec().<TariffVersionCodec>wrap(b, 0).encode(1, tiered);
        assertThat(RecordFlyweight.schemaVersionAt(b, 0)).isEqualTo(4);
        assertThat(RecordValidator.problem(b, 0, length)).isNull();
        // the tail sits after the holidays, before the chain: counts, limits, flat rates, then per period
        final int tail = length - 8 - 104;
        assertThat(b.getInt(tail, LE)).isEqualTo(3);
        assertThat(b.getInt(tail + 4, LE)).isEqualTo(2);
        assertThat(b.getLong(tail + 8, LE)).isEqualTo(10_000);
        assertThat(b.getLong(tail + 24, LE)).isEqualTo(Long.MAX_VALUE);
        assertThat(b.getLong(tail + 32, LE)).isEqualTo(8_250_000);
        assertThat(b.getLong(tail + 56 + 3 * 8 + 8, LE)).isEqualTo(5_000_000);

        final TouTariff decoded = new TariffVersionCodec().<TariffVersionCodec>wrap(b, 0).decode();
        final DemandTiers read = decoded.demandTiers();
        assertThat(read.tierCount()).isEqualTo(3);
        assertThat(read.upToW(1)).isEqualTo(50_000);
        assertThat(read.flatRate(2)).isEqualTo(12_000_000);
        assertThat(read.periodRate(1, 2)).isEqualTo(6_000_000);
        assertThat(decoded.flatDemandMicrosPerKw()).as("tier 1's rate").isEqualTo(8_250_000);
        assertThat(decoded.hasDemandCharges()).isTrue();
    }

    /**
     * Schema 5 round trip: a demand schedule with its own periods and rates, tiered or not, over every slot width.
     * The same tariff without the demand schedule still encodes as the schema and bytes it always did.
     */
    @Property(tries = 200)
    void demandScheduleRoundTripsAsSchemaFive(
        @ForAll("slotMinutes") final int slotMinutes,
        @ForAll @Size(min = 1, max = 6) final List<@From("periods") TouPeriod> periods,
        @ForAll @IntRange(min = 1, max = 127) final int demandPeriods,
        @ForAll @IntRange(min = 0, max = 4) final int demandTierCount,
        @ForAll final boolean tierPeriodRates,
        @ForAll @IntRange(max = 5) final int holidayCount,
        @ForAll final Random random,
        @ForAll final long sequence)
    {
        final byte[] schedule = new byte[36 * (1440 / slotMinutes)];
        final byte[] demandSchedule = new byte[schedule.length];
        for (int i = 0; i < schedule.length; i++)
        {
            schedule[i] = (byte)random.nextInt(periods.size());
            demandSchedule[i] = (byte)random.nextInt(demandPeriods);
        }
        final long[] holidays = new long[holidayCount];
        for (int i = 0; i < holidayCount; i++)
        {
            holidays[i] = 20_000 + i * 7L;
        }
        final List<String> names = new ArrayList<>();
        final long[] rates = new long[demandPeriods];
        for (int d = 0; d < demandPeriods; d++)
        {
            // every third name fills the 32-byte field exactly
            final String name = "demand " + d;
            names.add(d % 3 == 0 ? (name + "-".repeat(32)).substring(0, 32) : name);
            rates[d] = random.nextInt(3) == 0 ? 0 : Math.abs(random.nextLong());
        }
        final TouTariff plain = new TouTariff(9, 2, 1_700_000_000L, "USD", "SOLAR", ZoneId.of("America/Chicago"),
            slotMinutes, periods, schedule, holidays).withFixedCharges(3_298_000, 0);
        final TouTariff tariff = new TouTariff(9, 2, 1_700_000_000L, "USD", "SOLAR", ZoneId.of("America/Chicago"),
            slotMinutes, periods, schedule, holidays).withFixedCharges(3_298_000, 0)
            .withDemandSchedule(names, demandSchedule);
        final int tiers = demandTierCount < 2 ? 0 : demandTierCount;
        if (tiers == 0)
        {
            plain.withDemand(1_000, new long[0]);
            tariff.withDemand(1_000, rates);
        }
        else
        {
            final long[] upTo = new long[tiers];
            final long[] flat = new long[tiers];
            final long[][] byPeriod = new long[tierPeriodRates ? demandPeriods : 0][tiers];
            for (int t = 0; t < tiers; t++)
            {
                upTo[t] = t == tiers - 1 ? Long.MAX_VALUE : (t + 1) * 100_000L;
                flat[t] = random.nextInt(1_000_000);
                for (final long[] periodRates : byPeriod)
                {
                    periodRates[t] = random.nextInt(30_000_000);
                }
            }
            plain.withDemandTiers(new DemandTiers(upTo, flat, new long[0][]));
            tariff.withDemandTiers(new DemandTiers(upTo, flat, byPeriod));
        }

        // 8 counts + 40 per demand period + the demand schedule + the demand tier block (8 counts at least)
        final int extra = 8 + 40 * demandPeriods + schedule.length +
            (tiers == 0 ? 8 : 8 + tiers * 16 + (tierPeriodRates ? demandPeriods : 0) * tiers * 8);
        final int plainLength = TariffVersionCodec.encodedLength(plain);
        final int length = TariffVersionCodec.encodedLength(tariff);
        assertThat(length).isEqualTo(plainLength - (tiers == 0 ? 0 : 8 + tiers * 16) + extra);
        final UnsafeBuffer plainBuffer = new UnsafeBuffer(new byte[plainLength]);
        new TariffVersionCodec().<TariffVersionCodec>wrap(plainBuffer, 0).encode(sequence, plain);
        assertThat(RecordFlyweight.schemaVersionAt(plainBuffer, 0)).as("no demand schedule: as before")
            .isEqualTo(tiers == 0 ? 3 : 4);

        final UnsafeBuffer b = new UnsafeBuffer(new byte[length]);
        new TariffVersionCodec().<TariffVersionCodec>wrap(b, 0).encode(sequence, tariff);
        assertThat(RecordFlyweight.schemaVersionAt(b, 0)).isEqualTo(5);
        assertThat(RecordValidator.problem(b, 0, length)).isNull();
        final TouTariff back = new TariffVersionCodec().<TariffVersionCodec>wrap(b, 0).decode();
        assertThat(back.hasDemandSchedule()).isTrue();
        assertThat(back.demandPeriodCount()).isEqualTo(demandPeriods);
        assertThat(back.demandScheduleCopy()).isEqualTo(demandSchedule);
        assertThat(back.scheduleCopy()).isEqualTo(schedule);
        assertThat(back.holidayEpochDaysCopy()).isEqualTo(holidays);
        assertThat(back.flatDemandMicrosPerKw()).isEqualTo(tariff.flatDemandMicrosPerKw());
        assertThat(back.fixedMicrosPerDay()).isEqualTo(3_298_000);
        for (int d = 0; d < demandPeriods; d++)
        {
            assertThat(back.demandPeriodName(d)).isEqualTo(names.get(d));
            assertThat(back.touDemandMicrosPerKw(d)).isEqualTo(tariff.touDemandMicrosPerKw(d));
        }
        if (tiers == 0)
        {
            assertThat(back.demandTiers()).isNull();
        }
        else
        {
            assertThat(back.demandTiers().tierCount()).isEqualTo(tiers);
            assertThat(back.demandTiers().periodCount()).isEqualTo(tierPeriodRates ? demandPeriods : 0);
            for (int t = 0; t < tiers; t++)
            {
                assertThat(back.demandTiers().upToW(t)).isEqualTo(tariff.demandTiers().upToW(t));
                assertThat(back.demandTiers().flatRate(t)).isEqualTo(tariff.demandTiers().flatRate(t));
                for (int d = 0; d < back.demandTiers().periodCount(); d++)
                {
                    assertThat(back.demandTiers().periodRate(d, t)).isEqualTo(tariff.demandTiers().periodRate(d, t));
                }
            }
        }
        // encoding the decoded tariff gives the same bytes
        final UnsafeBuffer again = new UnsafeBuffer(new byte[length]);
        new TariffVersionCodec().<TariffVersionCodec>wrap(again, 0).encode(sequence, back);
        assertThat(again.byteArray()).isEqualTo(b.byteArray());
    }

    @Test
    void schemaFiveLayoutAtTheDocumentedOffsetsAndItsChecks()
    {
        final List<TouPeriod> two = List.of(new TouPeriod("summer", 78_891, 0), new TouPeriod("winter", 61_731, 0));
        final int[] hours = new int[24];
        final byte[] demandSchedule = new byte[36 * 24];
        java.util.Arrays.fill(demandSchedule, (byte)1);
        java.util.Arrays.fill(demandSchedule, 0, 24, (byte)0); // January weekdays: demand period 0
        final TouTariff tariff = TouTariff.hourly(5, 1, 0, "USD", "SOLAR", ZoneId.of("UTC"), two, hours, hours)
            .withDemandSchedule(List.of("jan-weekday", "other"), demandSchedule)
            .withDemand(0, new long[] {0, 24_368_000});
        // schema 3's 192 + 2 x 56 + 864 + 8 = 1176, then 8 + 2 x 40 + 864 + 8 = 960 more
        final int length = TariffVersionCodec.encodedLength(tariff);
        assertThat(length).isEqualTo(1176 + 960);
        final UnsafeBuffer b = new UnsafeBuffer(new byte[length]);
        final TariffVersionCodec codec = new TariffVersionCodec().wrap(b, 0);
        codec.encode(1, tariff);
        assertThat(RecordFlyweight.schemaVersionAt(b, 0)).isEqualTo(5);
        // the per-energy-period TOU demand rates (after the two 48-byte periods) are zero in schema 5
        assertThat(b.getLong(192 + 96, LE)).isZero();
        assertThat(b.getLong(192 + 104, LE)).isZero();
        final int tail = 1176 - 8;
        assertThat(b.getInt(tail, LE)).isEqualTo(2);
        assertThat(b.getInt(tail + 4, LE)).isZero();
        assertThat(b.getStringWithoutLengthAscii(tail + 8, 11)).isEqualTo("jan-weekday");
        assertThat(b.getLong(tail + 8 + 32, LE)).isZero();
        assertThat(b.getStringWithoutLengthAscii(tail + 48, 5)).isEqualTo("other");
        assertThat(b.getLong(tail + 48 + 32, LE)).isEqualTo(24_368_000);
        assertThat(b.getByte(tail + 88)).isZero();
        assertThat(b.getByte(tail + 88 + 24)).as("January weekend, hour 0").isEqualTo((byte)1);
        assertThat(b.getLong(tail + 88 + 864, LE)).as("no demand tiers").isZero();

        b.putLong(192 + 104, 5, LE); // a TOU demand rate per energy period, which schema 5 would ignore
        assertThatThrownBy(codec::decode).hasMessageContaining("TOU demand rates per energy period");
        codec.encode(1, tariff);
        b.putInt(tail, 0, LE);
        assertThatThrownBy(codec::decode).hasMessageContaining("bad demand period counts: periods=0");
        codec.encode(1, tariff);
        b.putInt(tail, 1, LE); // one demand period: the tier counts are then read from inside the schedule
        assertThatThrownBy(codec::decode).hasMessageContaining("schema 5 has bad demand tier counts");
        codec.encode(1, tariff);
        b.putInt(48, 1, LE); // a holiday the record has no room for moves the whole tail 8 bytes on
        assertThatThrownBy(codec::decode).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("schema 5");
        codec.encode(1, tariff);
        b.putByte(tail + 88 + 30, (byte)2); // names demand period 2 of 2
        assertThatThrownBy(codec::decode).hasMessageContaining("demand schedule entry 30 names unknown period 2");
        codec.encode(1, tariff);
        b.putInt(tail + 88 + 864, 1, LE); // one demand tier
        assertThatThrownBy(codec::decode).hasMessageContaining("schema 5 has bad demand tier counts: tiers=1");

        // cut short where the demand block starts, or inside it, the header's length saying so: named as short
        // (tail + 8 would need its 8-byte counts and the trailer), not by counts read from beyond its end
        for (final int cut : new int[] {tail + 8, tail + 88 + 864})
        {
            codec.encode(1, tariff);
            final UnsafeBuffer shortened = new UnsafeBuffer(new byte[cut]);
            shortened.putBytes(0, b, 0, cut - 8);
            shortened.putInt(4, cut, LE);
            final TariffVersionCodec cutCodec = new TariffVersionCodec().wrap(shortened, 0);
            assertThatThrownBy(cutCodec::decode).as("cut at %d", cut)
                .hasMessageContaining("tariff record length " + cut + " but its counts need at least")
                .hasMessageContaining("cut short");
        }
    }

    @Test
    void encodedLengthByHand()
    {
        final List<TouPeriod> four = List.of(
            new TouPeriod("a", 1, 1), new TouPeriod("b", 1, 1), new TouPeriod("c", 1, 1), new TouPeriod("d", 1, 1));
        // hourly, 4 periods, no holidays: 192 + 4 * 56 + 36 * 24 + 0 + 8 = 192 + 224 + 864 + 8 = 1288
        final TouTariff hourly = TouTariff.hourly(
            1, 1, 0, "USD", "SOLAR", ZoneId.of("UTC"), four, new int[24], new int[24]);
        assertThat(TariffVersionCodec.encodedLength(hourly)).isEqualTo(1288);
        // 15-minute slots, 3 periods, 2 holidays: 192 + 3 * 56 + 36 * 96 + 16 + 8 = 192 + 168 + 3456 + 24 = 3840
        final TouTariff quarter = new TouTariff(1, 1, 0, "USD", "SOLAR", ZoneId.of("UTC"), 15, four.subList(0, 3),
            new byte[3456], new long[] {10, 20});
        assertThat(TariffVersionCodec.encodedLength(quarter)).isEqualTo(3840);
    }

    @Test
    void decodeRefusesBadCountsAndLengthsWithWhatIsWrong()
    {
        final TouTariff hourly = TouTariff.hourly(1, 1, 0, "USD", "SOLAR", ZoneId.of("UTC"),
            List.of(new TouPeriod("flat", 5, 5)), new int[24], new int[24]);
        final int length = TariffVersionCodec.encodedLength(hourly); // 192 + 56 + 864 + 8 = 1120
        assertThat(length).isEqualTo(1120);
        final UnsafeBuffer b = new UnsafeBuffer(new byte[length]);
        final TariffVersionCodec codec = new TariffVersionCodec().wrap(b, 0);
        codec.encode(1, hourly);

        b.putShort(44, (short)7, LE); // slotMinutes 7 does not divide 1440
        assertThatThrownBy(codec::decode)
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad counts").hasMessageContaining("7");

        codec.encode(1, hourly);
        b.putShort(46, (short)0, LE); // no periods
        assertThatThrownBy(codec::decode).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("periods=0");

        codec.encode(1, hourly);
        b.putInt(48, 1, LE); // claims a holiday the record has no room for: needs 1120 + 8 = 1128
        assertThatThrownBy(codec::decode)
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 1120 but its counts need 1128");

        codec.encode(1, hourly);
        b.putInt(48, -1, LE);
        assertThatThrownBy(codec::decode).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holidays");

        codec.encode(1, hourly);
        b.putByte(192 + 56, (byte)3); // first schedule entry names period 3 of 1
        assertThatThrownBy(codec::decode)
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown period 3");
    }
}
