package org.gridsettle.journal.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.TouTariff;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Codec for {@link RecordType#TARIFF_VERSION}: the whole definition of a time-of-use tariff version, so that the
 * input journal alone is enough to replay.
 * <pre>
 *  24 i64 tariffId
 *  32 i64 effectiveFrom       epoch seconds
 *  40 i32 version
 *  44 u16 slotMinutes
 *  46 u16 periodCount         P
 *  48 i32 holidayCount        H
 *  52 i32 reserved
 *  56 i64 token               packed symbol of import charges
 *  64 i64 exportToken         packed symbol of export credits
 *  72 [64] zone id, ASCII, zero padded
 * 136 i64 fixedPerDay         micro-units per meter per day
 * 144 i64 fixedPerMonth       micro-units per meter per billing period
 * 152 P x { [32] name ASCII zero padded, i64 importRate, i64 exportRate }
 *     12 x 3 x (1440 / slotMinutes) u8 period indexes (month, day type, slot)
 *     H x i64 holiday epoch days
 *     i64 chain
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
    private static final int TOKEN = 56;
    private static final int EXPORT_TOKEN = 64;
    private static final int ZONE = 72;
    private static final int ZONE_LENGTH = 64;
    private static final int FIXED_DAY = 136;
    private static final int FIXED_MONTH = 144;
    private static final int PERIOD_TABLE = 152;
    private static final int PERIOD_NAME_LENGTH = 32;
    private static final int PERIOD_ENTRY = PERIOD_NAME_LENGTH + 16;

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
        return PERIOD_TABLE + tariff.periodCount() * PERIOD_ENTRY + 36 * (1440 / tariff.slotMinutes()) +
            tariff.holidayEpochDaysCopy().length * 8 + TRAILER_LENGTH;
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
        b.putLong(offset + TARIFF, tariff.tariffId(), ORDER);
        b.putLong(offset + EFFECTIVE, tariff.effectiveFromEpochSecond(), ORDER);
        b.putInt(offset + VERSION, tariff.version(), ORDER);
        b.putShort(offset + SLOT, (short)tariff.slotMinutes(), ORDER);
        b.putShort(offset + PERIODS, (short)tariff.periodCount(), ORDER);
        final long[] holidays = tariff.holidayEpochDaysCopy();
        b.putInt(offset + HOLIDAYS, holidays.length, ORDER);
        b.putInt(offset + 52, 0, ORDER);
        b.putLong(offset + TOKEN, TokenSymbol.pack(tariff.token()), ORDER);
        b.putLong(offset + EXPORT_TOKEN, TokenSymbol.pack(tariff.exportToken()), ORDER);
        putAscii(offset + ZONE, ZONE_LENGTH, tariff.zone().getId());
        b.putLong(offset + FIXED_DAY, tariff.fixedMicrosPerDay(), ORDER);
        b.putLong(offset + FIXED_MONTH, tariff.fixedMicrosPerMonth(), ORDER);
        int pos = offset + PERIOD_TABLE;
        for (int i = 0; i < tariff.periodCount(); i++)
        {
            final TouPeriod p = tariff.period(i);
            putAscii(pos, PERIOD_NAME_LENGTH, p.name());
            b.putLong(pos + PERIOD_NAME_LENGTH, p.importMicrosPerKwh(), ORDER);
            b.putLong(pos + PERIOD_NAME_LENGTH + 8, p.exportMicrosPerKwh(), ORDER);
            pos += PERIOD_ENTRY;
        }
        final byte[] schedule = tariff.scheduleCopy();
        b.putBytes(pos, schedule);
        pos += schedule.length;
        for (final long day : holidays)
        {
            b.putLong(pos, day, ORDER);
            pos += 8;
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
        final int length = length();
        final int slotMinutes = b.getShort(offset + SLOT, ORDER) & 0xFFFF;
        final int periodCount = b.getShort(offset + PERIODS, ORDER) & 0xFFFF;
        final int holidayCount = b.getInt(offset + HOLIDAYS, ORDER);
        if (slotMinutes == 0 || 1440 % slotMinutes != 0 || periodCount == 0 || periodCount > 127 ||
            holidayCount < 0 || holidayCount > 10_000)
        {
            throw new IllegalArgumentException("tariff record has bad counts: slotMinutes=" + slotMinutes +
                " periods=" + periodCount + " holidays=" + holidayCount);
        }
        final int scheduleLength = 36 * (1440 / slotMinutes);
        final int expected = PERIOD_TABLE + periodCount * PERIOD_ENTRY + scheduleLength + holidayCount * 8 +
            TRAILER_LENGTH;
        if (expected != length)
        {
            throw new IllegalArgumentException("tariff record length " + length + " but its counts need " + expected);
        }
        final List<TouPeriod> periods = new ArrayList<>(periodCount);
        int pos = offset + PERIOD_TABLE;
        for (int i = 0; i < periodCount; i++)
        {
            periods.add(new TouPeriod(getAscii(pos, PERIOD_NAME_LENGTH),
                b.getLong(pos + PERIOD_NAME_LENGTH, ORDER), b.getLong(pos + PERIOD_NAME_LENGTH + 8, ORDER)));
            pos += PERIOD_ENTRY;
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
        return new TouTariff(
            tariffId(),
            version(),
            b.getLong(offset + EFFECTIVE, ORDER),
            TokenSymbol.unpack(b.getLong(offset + TOKEN, ORDER)),
            TokenSymbol.unpack(b.getLong(offset + EXPORT_TOKEN, ORDER)),
            ZoneId.of(getAscii(offset + ZONE, ZONE_LENGTH)),
            slotMinutes,
            periods,
            schedule,
            holidays).withFixedCharges(b.getLong(offset + FIXED_DAY, ORDER), b.getLong(offset + FIXED_MONTH, ORDER));
    }

    private void putAscii(final int at, final int width, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > width)
        {
            throw new IllegalArgumentException("'" + text + "' longer than " + width + " bytes");
        }
        buffer.setMemory(at, width, (byte)0);
        buffer.putBytes(at, bytes);
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
