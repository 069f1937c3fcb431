package org.gridsettle.replay;

import org.agrona.DirectBuffer;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.pricing.money.TokenSymbol;

/**
 * Names the first field in which a regenerated output record differs from the recorded one, with both values, so
 * that a replay's or a recovery's divergence says what changed (an amount, a rate, a reason), not only which record:
 * an auditor otherwise has to dump both and compare them by hand. Fields are those of {@code journal/FORMAT.md}
 * (the common header; TRANSFER, REJECTION and DUPLICATE_ACK bodies); a byte outside them is named by its offset.
 * Values are the journal's integers (micro-units, Wh, epoch seconds), with a reason's or token's name beside it.
 * <p>
 * Stateless; called once, at the first divergence, so it may allocate.
 */
final class OutputFieldDifference
{
    private static final Field[] HEADER = {
        new Field(0, 2, "typeId"), new Field(2, 2, "schemaVersion"), new Field(4, 4, "length"),
        new Field(8, 8, "sequence"), new Field(16, 8, "causeSequence")};
    private static final Field[] TRANSFER = {
        new Field(24, 8, "debitAccount"), new Field(32, 8, "creditAccount"), new Field(40, 8, "amount"),
        new Field(48, 8, "meterId"), new Field(56, 8, "intervalStart"), new Field(64, 8, "energyWh"),
        new Field(72, 8, "rate"), new Field(80, 8, "tariffId"), new Field(88, 8, "token"),
        new Field(96, 4, "tariffVersion"), new Field(100, 2, "reason"), new Field(102, 1, "period"),
        new Field(103, 1, "tier"), new Field(104, 8, "reverses")};
    private static final Field[] REJECTION = {
        new Field(24, 2, "reason"), new Field(26, 2, "inputType"), new Field(28, 4, "reserved"),
        new Field(32, 8, "subject")};
    private static final Field[] DUPLICATE_ACK = {new Field(24, 8, "subject"), new Field(32, 8, "key")};

    private OutputFieldDifference()
    {
    }

    /**
     * @param recorded       buffer of the recorded record.
     * @param recordedOffset its offset.
     * @param recordedLength its length, chain trailer included.
     * @param replayed       buffer of the regenerated record.
     * @param replayedOffset its offset.
     * @param replayedLength its length, chain trailer included.
     * @return where they first differ, e.g. {@code amount (byte 40): recorded 1000000, replay produced 1000001}; or
     *         that only their lengths differ; or {@code no field differs} if their bodies are equal.
     */
    static String of(
        final DirectBuffer recorded,
        final int recordedOffset,
        final int recordedLength,
        final DirectBuffer replayed,
        final int replayedOffset,
        final int replayedLength)
    {
        final int body = Math.min(recordedLength, replayedLength) - RecordFlyweight.TRAILER_LENGTH;
        int first = -1;
        for (int i = 0; i < body && first < 0; i++)
        {
            if (recorded.getByte(recordedOffset + i) != replayed.getByte(replayedOffset + i))
            {
                first = i;
            }
        }
        if (first < 0)
        {
            return recordedLength == replayedLength ? "no field differs" : "the length differs: recorded " +
                recordedLength + " bytes, replay produced " + replayedLength;
        }
        final Field field = fieldAt(RecordFlyweight.typeIdAt(recorded, recordedOffset), first);
        if (field == null)
        {
            return "byte " + first + " differs: recorded " + (recorded.getByte(recordedOffset + first) & 0xFF) +
                ", replay produced " + (replayed.getByte(replayedOffset + first) & 0xFF);
        }
        return field.name + " (byte " + field.offset + "): recorded " + field.show(recorded, recordedOffset) +
            ", replay produced " + field.show(replayed, replayedOffset);
    }

    private static Field fieldAt(final int typeId, final int offset)
    {
        final Field[] body = typeId == RecordType.TRANSFER.id() ? TRANSFER :
            typeId == RecordType.REJECTION.id() ? REJECTION :
            typeId == RecordType.DUPLICATE_ACK.id() ? DUPLICATE_ACK : new Field[0];
        for (final Field[] fields : new Field[][] {HEADER, body})
        {
            for (final Field f : fields)
            {
                if (offset >= f.offset && offset < f.offset + f.width)
                {
                    return f;
                }
            }
        }
        return null;
    }

    private record Field(int offset, int width, String name)
    {
        String show(final DirectBuffer buffer, final int recordOffset)
        {
            final int at = recordOffset + offset;
            final long value = width == 8 ? buffer.getLong(at, RecordFlyweight.ORDER) :
                width == 4 ? buffer.getInt(at, RecordFlyweight.ORDER) :
                width == 2 ? buffer.getShort(at, RecordFlyweight.ORDER) & 0xFFFF : buffer.getByte(at) & 0xFF;
            if ("reason".equals(name))
            {
                final ReasonCode reason = ReasonCode.ofCode((int)value);
                return value + (reason == null ? "" : " (" + reason.name() + ")");
            }
            if ("token".equals(name))
            {
                // a damaged or forged value need not be a symbol: shown only when it reads as one
                final String symbol = TokenSymbol.unpack(value);
                return value + (!symbol.isEmpty() && symbol.chars().allMatch((c) -> c > ' ' && c < 0x7F) ?
                    " (" + symbol + ")" : "");
            }
            return Long.toString(value);
        }
    }
}
