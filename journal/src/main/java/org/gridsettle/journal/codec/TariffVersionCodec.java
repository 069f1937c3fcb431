package org.gridsettle.journal.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.DemandTiers;
import org.gridsettle.pricing.tariff.ExportRateSource;
import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.NegativePriceRule;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TierTable;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Codec for {@link RecordType#TARIFF_VERSION}: the whole definition of a tariff version, so that the input journal
 * alone is enough to replay. Writes schema version 3, 4 for a tariff with demand tiers, or 5 for a tariff with a
 * demand schedule of its own (tiered or not); reads versions 1 to 5.
 * <pre>
 *  24 i64 tariffId
 *  32 i64 effectiveFrom       epoch seconds
 *  40 i32 version
 *  44 u16 slotMinutes
 *  46 u16 periodCount         P
 *  48 i32 holidayCount        H
 *  52 u8  exportRateSource    version 3: {@link ExportRateSource} ordinal (reserved, zero, before)
 *  53 u8  negativePriceRule   version 3: {@link NegativePriceRule} ordinal
 *  54 u16 oracleCarry         version 3: intervals a missing oracle price is carried forward; 0 = reject the tick
 *  56 i64 token               packed symbol of import charges
 *  64 i64 exportToken         packed symbol of export credits
 *  72 [64] zone id, ASCII, zero padded
 * 136 i64 fixedPerDay         micro-units per meter per day
 * 144 i64 fixedPerMonth       micro-units per meter per billing period
 *     --- version 2 and later ---
 * 152 u8  exportRule          {@link ExportRule} ordinal
 * 153 u8  tierBasis           {@link TierBasis} ordinal
 * 154 u8  tierCount           T, 0 = no tier table
 * 155 u8  billingCycleDay     1..28
 * 156 i32 carbonCarry         intervals a missing carbon intensity is carried forward; 0 = reject the tick
 * 160 i64 netSurplus          micro-units per kWh
 * 168 i64 flatDemand          micro-units per kW
 * 176 i64 carbonAdder         micro-units per kg CO2 on imports
 * 184 i64 carbonCredit        micro-units of CARBON per kg CO2 avoided by exports
 *     ---
 * P x { [32] name ASCII zero padded, i64 importRate, i64 exportRate }      (at 152 in v1, 192 in v2 and v3)
 *     --- version 2 and later ---
 * P x i64 TOU demand rate, micro-units per kW (version 5: zero; the rates are per demand period, below)
 * T x i64 tier upper limit Wh, then P x T x { i64 importRate, i64 exportRate }
 *     ---
 * 12 x 3 x (1440 / slotMinutes) u8 period indexes (month, day type, slot)
 * H x i64 holiday epoch days
 *     --- version 4 only ---
 * i32 demand tier count D (2..8), i32 demand tier periods P' (0 or P)
 * D x i64 demand tier upper limit W (the last Long.MAX_VALUE), D x i64 flat demand rate per tier
 * P' x D x i64 TOU demand rate per period and tier, micro-units per kW
 *     --- version 5 only ---
 * i32 demand period count DP (1..127), i32 reserved (zero)
 * DP x { [32] name ASCII zero padded, i64 TOU demand rate (tier 1's with demand tiers), micro-units per kW }
 * 12 x 3 x (1440 / slotMinutes) u8 demand period indexes (month, day type, slot), as the schedule
 * i32 demand tier count D (0 = none, else 2..8), i32 demand tier periods P' (0 or DP)
 * D x i64 demand tier upper limit W, D x i64 flat demand rate per tier, P' x D x i64 rate per demand period and tier
 *     ---
 * i64 chain
 * </pre>
 * Tariffs change rarely, so decoding builds a {@link TouTariff} object; this is not on the per-tick path.
 * Not thread-safe.
 */
public final class TariffVersionCodec extends RecordFlyweight
{
    private static final int TARIFF = 24;
    private static final int EFFECTIVE = 32;
    private static final int VERSION = 40;
    private static final int SLOT = 44;
    private static final int PERIODS = 46;
    private static final int HOLIDAYS = 48;
    private static final int RATE_SOURCE = 52;
    private static final int NEGATIVE_RULE = 53;
    private static final int ORACLE_CARRY = 54;
    private static final int TOKEN = 56;
    private static final int EXPORT_TOKEN = 64;
    private static final int ZONE = 72;
    private static final int ZONE_LENGTH = 64;
    private static final int FIXED_DAY = 136;
    private static final int FIXED_MONTH = 144;
    private static final int V1_PERIOD_TABLE = 152;
    private static final int EXPORT_RULE = 152;
    private static final int TIER_BASIS = 153;
    private static final int TIER_COUNT = 154;
    private static final int CYCLE_DAY = 155;
    private static final int NET_SURPLUS = 160;
    private static final int FLAT_DEMAND = 168;
    private static final int CARBON_CARRY = 156;
    private static final int CARBON_ADDER = 176;
    private static final int CARBON_CREDIT = 184;
    private static final int V2_PERIOD_TABLE = 192;
    private static final int PERIOD_NAME_LENGTH = 32;
    private static final int PERIOD_ENTRY = PERIOD_NAME_LENGTH + 16;
    private static final int PERIOD_DEMAND_ENTRY = PERIOD_NAME_LENGTH + 8;

    /**
     * @return the instant the tariff version takes effect, epoch seconds; read without decoding the whole tariff.
     */
    public long effectiveFrom()
    {
        return buffer.getLong(offset + EFFECTIVE, ORDER);
    }

    @Override
    public RecordType type()
    {
        return RecordType.TARIFF_VERSION;
    }

    /**
     * @param tariff a tariff.
     * @return the record length its encoding needs.
     */
    public static int encodedLength(final TouTariff tariff)
    {
        final int periods = tariff.periodCount();
        final int tiers = tariff.tiers() == null ? 0 : tariff.tierCount();
        return V2_PERIOD_TABLE + periods * PERIOD_ENTRY + periods * 8 + tiers * 8 + periods * tiers * 16 +
            36 * (1440 / tariff.slotMinutes()) + tariff.holidayCount() * 8 +
            (tariff.hasDemandSchedule() ? demandScheduleLength(tariff) : demandTierLength(tariff.demandTiers())) +
            TRAILER_LENGTH;
    }

    private static int demandTierLength(final DemandTiers tiers)
    {
        return tiers == null ? 0 : 8 + tiers.tierCount() * 16 + tiers.periodCount() * tiers.tierCount() * 8;
    }

    /** Schema 5's tail: counts, named demand periods with their rates, the demand schedule, the demand tier block. */
    private static int demandScheduleLength(final TouTariff tariff)
    {
        final DemandTiers tiers = tariff.demandTiers();
        return 8 + tariff.demandPeriodCount() * PERIOD_DEMAND_ENTRY + tariff.scheduleLength() +
            (tiers == null ? 8 : demandTierLength(tiers));
    }

    private static int schemaOf(final TouTariff tariff)
    {
        // each later schema only adds what such a tariff needs: any other is written as before
        return tariff.hasDemandSchedule() ? 5 : tariff.demandTiers() != null ? 4 : 3;
    }

    /**
     * Encodes a tariff at the wrapped position; the buffer must have {@link #encodedLength} bytes free.
     *
     * @param sequence engine sequence, or 0 until assigned.
     * @param tariff   the tariff version.
     * @return this.
     */
    public TariffVersionCodec encode(final long sequence, final TouTariff tariff)
    {
        final int length = encodedLength(tariff);
        writeHeader(sequence, 0L, length);
        final MutableDirectBuffer b = buffer;
        final DemandTiers demandTiers = tariff.demandTiers();
        final int schema = schemaOf(tariff);
        b.putShort(offset + VERSION_OFFSET, (short)schema, ORDER);
        final int periods = tariff.periodCount();
        final TierTable tiers = tariff.tiers();
        final int tierCount = tiers == null ? 0 : tiers.tierCount();
        b.putLong(offset + TARIFF, tariff.tariffId(), ORDER);
        b.putLong(offset + EFFECTIVE, tariff.effectiveFromEpochSecond(), ORDER);
        b.putInt(offset + VERSION, tariff.version(), ORDER);
        b.putShort(offset + SLOT, (short)tariff.slotMinutes(), ORDER);
        b.putShort(offset + PERIODS, (short)periods, ORDER);
        final int holidays = tariff.holidayCount();
        b.putInt(offset + HOLIDAYS, holidays, ORDER);
        b.putByte(offset + RATE_SOURCE, (byte)tariff.exportRateSource().ordinal());
        b.putByte(offset + NEGATIVE_RULE, (byte)tariff.negativePriceRule().ordinal());
        b.putShort(offset + ORACLE_CARRY, (short)tariff.oracleCarryIntervals(), ORDER);
        b.putLong(offset + TOKEN, TokenSymbol.pack(tariff.token()), ORDER);
        b.putLong(offset + EXPORT_TOKEN, TokenSymbol.pack(tariff.exportToken()), ORDER);
        putAscii(offset + ZONE, ZONE_LENGTH, tariff.zone().getId());
        b.putLong(offset + FIXED_DAY, tariff.fixedMicrosPerDay(), ORDER);
        b.putLong(offset + FIXED_MONTH, tariff.fixedMicrosPerMonth(), ORDER);
        b.putByte(offset + EXPORT_RULE, (byte)tariff.exportRule().ordinal());
        b.putByte(offset + TIER_BASIS, (byte)(tiers == null ? 0 : tiers.basis().ordinal()));
        b.putByte(offset + TIER_COUNT, (byte)tierCount);
        b.putByte(offset + CYCLE_DAY, (byte)tariff.billingCycleDay());
        b.putInt(offset + CARBON_CARRY, tariff.carbonCarryIntervals(), ORDER);
        b.putLong(offset + CARBON_ADDER, tariff.carbonAdderMicrosPerKg(), ORDER);
        b.putLong(offset + CARBON_CREDIT, tariff.carbonCreditMicrosPerKg(), ORDER);
        b.putLong(offset + NET_SURPLUS, tariff.netSurplusMicrosPerKwh(), ORDER);
        b.putLong(offset + FLAT_DEMAND, tariff.flatDemandMicrosPerKw(), ORDER);
        int pos = offset + V2_PERIOD_TABLE;
        for (int i = 0; i < periods; i++)
        {
            final TouPeriod p = tariff.period(i);
            putAscii(pos, PERIOD_NAME_LENGTH, p.name());
            b.putLong(pos + PERIOD_NAME_LENGTH, p.importMicrosPerKwh(), ORDER);
            b.putLong(pos + PERIOD_NAME_LENGTH + 8, p.exportMicrosPerKwh(), ORDER);
            pos += PERIOD_ENTRY;
        }
        for (int i = 0; i < periods; i++)
        {
            // schema 5 keeps the TOU demand rates per demand period, in its tail
            b.putLong(pos, schema == 5 ? 0 : tariff.touDemandMicrosPerKw(i), ORDER);
            pos += 8;
        }
        for (int t = 0; t < tierCount; t++)
        {
            b.putLong(pos, tiers.upToWh(t), ORDER);
            pos += 8;
        }
        for (int p = 0; p < periods; p++)
        {
            for (int t = 0; t < tierCount; t++)
            {
                b.putLong(pos, tiers.importRate(p, t), ORDER);
                b.putLong(pos + 8, tiers.exportRate(p, t), ORDER);
                pos += 16;
            }
        }
        // read in place rather than through the tariff's copying accessors: encoding allocates nothing
        tariff.copyScheduleTo(b, pos);
        pos += tariff.scheduleLength();
        for (int i = 0; i < holidays; i++)
        {
            b.putLong(pos, tariff.holidayEpochDay(i), ORDER);
            pos += 8;
        }
        if (schema == 5)
        {
            final int demandPeriods = tariff.demandPeriodCount();
            b.putInt(pos, demandPeriods, ORDER);
            b.putInt(pos + 4, 0, ORDER);
            pos += 8;
            for (int d = 0; d < demandPeriods; d++)
            {
                putAscii(pos, PERIOD_NAME_LENGTH, tariff.demandPeriodName(d));
                b.putLong(pos + PERIOD_NAME_LENGTH, tariff.touDemandMicrosPerKw(d), ORDER);
                pos += PERIOD_DEMAND_ENTRY;
            }
            tariff.copyDemandScheduleTo(b, pos);
            pos += tariff.scheduleLength();
            if (demandTiers == null)
            {
                b.putLong(pos, 0L, ORDER);
            }
        }
        if (demandTiers != null)
        {
            final int count = demandTiers.tierCount();
            b.putInt(pos, count, ORDER);
            b.putInt(pos + 4, demandTiers.periodCount(), ORDER);
            pos += 8;
            for (int t = 0; t < count; t++)
            {
                b.putLong(pos, demandTiers.upToW(t), ORDER);
                b.putLong(pos + count * 8, demandTiers.flatRate(t), ORDER);
                pos += 8;
            }
            pos += count * 8;
            for (int p = 0; p < demandTiers.periodCount(); p++)
            {
                for (int t = 0; t < count; t++)
                {
                    b.putLong(pos, demandTiers.periodRate(p, t), ORDER);
                    pos += 8;
                }
            }
        }
        return this;
    }

    /** @return tariff id. */
    public long tariffId()
    {
        return buffer.getLong(offset + TARIFF, ORDER);
    }

    /** @return version number. */
    public int version()
    {
        return buffer.getInt(offset + VERSION, ORDER);
    }

    /**
     * Decodes the wrapped record into a tariff, validating every field.
     *
     * @return the tariff.
     * @throws IllegalArgumentException if the record is malformed, with what is wrong.
     */
    public TouTariff decode()
    {
        final DirectBuffer b = buffer;
        final int schema = schemaVersionAt(b, offset);
        final int length = length();
        final int slotMinutes = b.getShort(offset + SLOT, ORDER) & 0xFFFF;
        final int periodCount = b.getShort(offset + PERIODS, ORDER) & 0xFFFF;
        final int holidayCount = b.getInt(offset + HOLIDAYS, ORDER);
        final int tierCount = schema >= 2 ? b.getByte(offset + TIER_COUNT) & 0xFF : 0;
        if (slotMinutes == 0 || 1440 % slotMinutes != 0 || periodCount == 0 || periodCount > 127 ||
            holidayCount < 0 || holidayCount > 10_000 || tierCount > TierTable.MAX_TIERS)
        {
            throw new IllegalArgumentException("tariff record has bad counts: slotMinutes=" + slotMinutes +
                " periods=" + periodCount + " holidays=" + holidayCount + " tiers=" + tierCount);
        }
        final int scheduleLength = 36 * (1440 / slotMinutes);
        final int periodTable = schema >= 2 ? V2_PERIOD_TABLE : V1_PERIOD_TABLE;
        final int v2Extra = schema >= 2 ? periodCount * 8 + tierCount * 8 + periodCount * tierCount * 16 : 0;
        final int tailAt = periodTable + periodCount * PERIOD_ENTRY + v2Extra + scheduleLength + holidayCount * 8;
        // a record cut short before the block that holds the next counts is named as short, not by counts read
        // from whatever lies there
        if (schema >= 4)
        {
            requireLength(length, tailAt + 8 + TRAILER_LENGTH);
        }
        // schema 5 has its demand periods and schedule first, then the demand tier block schema 4 has at tailAt
        final int demandPeriods = schema >= 5 ? b.getInt(offset + tailAt, ORDER) : 0;
        if (schema >= 5 && (demandPeriods < 1 || demandPeriods > TouTariff.MAX_PERIODS ||
            b.getInt(offset + tailAt + 4, ORDER) != 0))
        {
            throw new IllegalArgumentException("tariff record of schema 5 has bad demand period counts: periods=" +
                demandPeriods);
        }
        final int tiersAt = schema >= 5 ? tailAt + 8 + demandPeriods * PERIOD_DEMAND_ENTRY + scheduleLength : tailAt;
        if (schema >= 5)
        {
            requireLength(length, tiersAt + 8 + TRAILER_LENGTH);
        }
        final int demandTierCount = schema >= 4 ? b.getInt(offset + tiersAt, ORDER) : 0;
        final int demandTierPeriods = schema >= 4 ? b.getInt(offset + tiersAt + 4, ORDER) : 0;
        final int tierPeriodsNeeded = schema >= 5 ? demandPeriods : periodCount;
        final boolean noTiersAllowed = schema >= 5 && demandTierCount == 0 && demandTierPeriods == 0;
        if (schema >= 4 && !noTiersAllowed && (demandTierCount < 2 || demandTierCount > DemandTiers.MAX_TIERS ||
            (demandTierPeriods != 0 && demandTierPeriods != tierPeriodsNeeded)))
        {
            throw new IllegalArgumentException("tariff record of schema " + schema + " has bad demand tier counts: " +
                "tiers=" + demandTierCount + " periods=" + demandTierPeriods);
        }
        final int demandTail = (tiersAt - tailAt) +
            (schema >= 4 ? 8 + demandTierCount * 16 + demandTierPeriods * demandTierCount * 8 : 0);
        final int expected = tailAt + demandTail + TRAILER_LENGTH;
        if (expected != length)
        {
            throw new IllegalArgumentException("tariff record length " + length + " but its counts need " + expected);
        }
        final List<TouPeriod> periods = new ArrayList<>(periodCount);
        int pos = offset + periodTable;
        for (int i = 0; i < periodCount; i++)
        {
            periods.add(new TouPeriod(getAscii(pos, PERIOD_NAME_LENGTH),
                b.getLong(pos + PERIOD_NAME_LENGTH, ORDER), b.getLong(pos + PERIOD_NAME_LENGTH + 8, ORDER)));
            pos += PERIOD_ENTRY;
        }
        final long[] touDemand = new long[schema >= 2 ? periodCount : 0];
        for (int i = 0; i < touDemand.length; i++)
        {
            touDemand[i] = b.getLong(pos, ORDER);
            pos += 8;
        }
        TierTable tiers = null;
        if (tierCount > 0)
        {
            final long[] upTo = new long[tierCount];
            for (int t = 0; t < tierCount; t++)
            {
                upTo[t] = b.getLong(pos, ORDER);
                pos += 8;
            }
            final long[][] imports = new long[periodCount][tierCount];
            final long[][] exports = new long[periodCount][tierCount];
            for (int p = 0; p < periodCount; p++)
            {
                for (int t = 0; t < tierCount; t++)
                {
                    imports[p][t] = b.getLong(pos, ORDER);
                    exports[p][t] = b.getLong(pos + 8, ORDER);
                    pos += 16;
                }
            }
            tiers = new TierTable(TierBasis.of(checkedOrdinal(b.getByte(offset + TIER_BASIS), TierBasis.values().length,
                "tier basis")), upTo, imports, exports);
        }
        final byte[] schedule = new byte[scheduleLength];
        b.getBytes(pos, schedule);
        pos += scheduleLength;
        final long[] holidays = new long[holidayCount];
        for (int i = 0; i < holidayCount; i++)
        {
            holidays[i] = b.getLong(pos, ORDER);
            pos += 8;
        }
        final List<String> demandNames = new ArrayList<>(demandPeriods);
        final long[] demandRates = new long[demandPeriods];
        final byte[] demandSchedule = new byte[schema >= 5 ? scheduleLength : 0];
        if (schema >= 5)
        {
            if (!allZero(touDemand))
            {
                // a schema-5 record keeps its TOU demand rates per demand period: rates here would be ignored
                throw new IllegalArgumentException("tariff record of schema 5 has TOU demand rates per energy period");
            }
            pos += 8;
            for (int d = 0; d < demandPeriods; d++)
            {
                demandNames.add(getAscii(pos, PERIOD_NAME_LENGTH));
                demandRates[d] = b.getLong(pos + PERIOD_NAME_LENGTH, ORDER);
                pos += PERIOD_DEMAND_ENTRY;
            }
            b.getBytes(pos, demandSchedule);
            pos += scheduleLength;
        }
        DemandTiers demandTiers = null;
        if (schema >= 4 && demandTierCount > 0)
        {
            pos += 8;
            final long[] upTo = new long[demandTierCount];
            final long[] flat = new long[demandTierCount];
            for (int t = 0; t < demandTierCount; t++)
            {
                upTo[t] = b.getLong(pos, ORDER);
                flat[t] = b.getLong(pos + demandTierCount * 8, ORDER);
                pos += 8;
            }
            pos += demandTierCount * 8;
            final long[][] byPeriod = new long[demandTierPeriods][demandTierCount];
            for (int p = 0; p < demandTierPeriods; p++)
            {
                for (int t = 0; t < demandTierCount; t++)
                {
                    byPeriod[p][t] = b.getLong(pos, ORDER);
                    pos += 8;
                }
            }
            demandTiers = new DemandTiers(upTo, flat, byPeriod);
        }
        final TouTariff tariff = new TouTariff(
            tariffId(),
            version(),
            b.getLong(offset + EFFECTIVE, ORDER),
            TokenSymbol.unpack(b.getLong(offset + TOKEN, ORDER)),
            TokenSymbol.unpack(b.getLong(offset + EXPORT_TOKEN, ORDER)),
            zone(getAscii(offset + ZONE, ZONE_LENGTH)),
            slotMinutes,
            periods,
            schedule,
            holidays).withFixedCharges(b.getLong(offset + FIXED_DAY, ORDER), b.getLong(offset + FIXED_MONTH, ORDER));
        if (schema >= 5)
        {
            // before the rates, which are then one per demand period
            tariff.withDemandSchedule(demandNames, demandSchedule);
        }
        final long[] touRates = schema >= 5 ? demandRates : touDemand;
        if (schema >= 2)
        {
            tariff.withExportRule(ExportRule.of(checkedOrdinal(b.getByte(offset + EXPORT_RULE),
                ExportRule.values().length, "export rule")), b.getLong(offset + NET_SURPLUS, ORDER))
                .withDemand(b.getLong(offset + FLAT_DEMAND, ORDER), allZero(touRates) ? new long[0] : touRates)
                .withBillingCycleDay(b.getByte(offset + CYCLE_DAY) & 0xFF)
                .withCarbon(b.getLong(offset + CARBON_ADDER, ORDER), b.getLong(offset + CARBON_CREDIT, ORDER),
                    b.getInt(offset + CARBON_CARRY, ORDER));
            if (tiers != null)
            {
                tariff.withTiers(tiers);
            }
            if (demandTiers != null)
            {
                tariff.withDemandTiers(demandTiers);
            }
        }
        if (schema >= 3 && ExportRateSource.of(b.getByte(offset + RATE_SOURCE) & 0xFF) == ExportRateSource.ORACLE)
        {
            tariff.withOracleExport(b.getShort(offset + ORACLE_CARRY, ORDER) & 0xFFFF,
                NegativePriceRule.of(b.getByte(offset + NEGATIVE_RULE) & 0xFF));
        }
        else if (schema >= 3 && (b.getByte(offset + NEGATIVE_RULE) != 0 || b.getShort(offset + ORACLE_CARRY, ORDER) != 0))
        {
            // oracle settings on a tariff that does not use the oracle would be silently ignored: refuse them
            throw new IllegalArgumentException("tariff record has oracle settings but exports are not oracle-priced");
        }
        return tariff;
    }

    private static ZoneId zone(final String id)
    {
        try
        {
            return ZoneId.of(id);
        }
        catch (final java.time.DateTimeException e)
        {
            // an id this JDK's tz database does not know is a malformed record here, like any other bad field
            throw new IllegalArgumentException("tariff record names zone '" + id + "', unknown to this JDK", e);
        }
    }

    private static int checkedOrdinal(final byte value, final int count, final String what)
    {
        final int ordinal = value & 0xFF;
        if (ordinal >= count)
        {
            throw new IllegalArgumentException("tariff record has unknown " + what + " " + ordinal);
        }
        return ordinal;
    }

    private static void requireLength(final int length, final int atLeast)
    {
        if (length < atLeast)
        {
            throw new IllegalArgumentException("tariff record length " + length + " but its counts need at least " +
                atLeast + " (cut short?)");
        }
    }

    private static boolean allZero(final long[] values)
    {
        for (final long v : values)
        {
            if (v != 0)
            {
                return false;
            }
        }
        return true;
    }

    private void putAscii(final int at, final int width, final String text)
    {
        if (isAscii(text))
        {
            // the common case, char by char: the same bytes as getBytes, without allocating them
            if (text.length() > width)
            {
                throw new IllegalArgumentException("'" + text + "' longer than " + width + " bytes");
            }
            buffer.setMemory(at, width, (byte)0);
            putAsciiChars(buffer, at, text);
            return;
        }
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > width)
        {
            throw new IllegalArgumentException("'" + text + "' longer than " + width + " bytes");
        }
        buffer.setMemory(at, width, (byte)0);
        buffer.putBytes(at, bytes);
    }

    private static boolean isAscii(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (text.charAt(i) >= 0x80)
            {
                return false;
            }
        }
        return true;
    }

    private String getAscii(final int at, final int width)
    {
        int len = 0;
        while (len < width && buffer.getByte(at + len) != 0)
        {
            len++;
        }
        final byte[] bytes = new byte[len];
        buffer.getBytes(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
