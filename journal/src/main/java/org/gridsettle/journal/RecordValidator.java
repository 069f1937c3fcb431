package org.gridsettle.journal;

import org.agrona.DirectBuffer;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;

/**
 * Structural checks on a record before anything decodes it: a known type, the schema version this build reads, and a
 * length that agrees with the type and with the bytes actually present. Unknown types or versions are refused with a
 * clear message, never skipped.
 * <p>
 * Stateless and thread-safe.
 */
public final class RecordValidator
{
    private RecordValidator()
    {
    }

    /**
     * @param buffer   holding the record.
     * @param offset   of the record.
     * @param length   bytes present.
     * @return null if the record is well formed, otherwise what is wrong.
     */
    public static String problem(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < RecordFlyweight.HEADER_LENGTH + RecordFlyweight.TRAILER_LENGTH)
        {
            return "record of " + length + " bytes is shorter than a header and trailer";
        }
        final int typeId = RecordFlyweight.typeIdAt(buffer, offset);
        final RecordType type = RecordType.ofId(typeId);
        if (type == null)
        {
            return "unknown record type " + typeId + " (written by a newer gridsettle?)";
        }
        final int version = RecordFlyweight.schemaVersionAt(buffer, offset);
        if (!type.reads(version))
        {
            return type + " schema version " + version + " but this build reads up to version " +
                type.schemaVersion();
        }
        final int declared = RecordFlyweight.lengthAt(buffer, offset);
        if (declared != length)
        {
            return type + " declares " + declared + " bytes but " + length + " are present";
        }
        final int fixed = type.fixedLength(version);
        if (fixed > 0 && declared != fixed)
        {
            return type + " must be " + fixed + " bytes, is " + declared;
        }
        if (declared < type.minLength())
        {
            return type + " needs at least " + type.minLength() + " bytes, is " + declared;
        }
        return null;
    }
}
