package org.gridsettle.journal;

import java.util.regex.Pattern;

/**
 * One journal's seal as an auditor kept it from an earlier check, outside the journal's reach: how many data records
 * the journal held then, and the SHA-256 seal they ended on ({@link JournalReader#seal()}). A journal only grows, so
 * its first {@code records} data records must end on that seal for as long as it exists, however much was appended
 * since. That is what shows a journal is the one checked then when every value inside it can be recomputed by
 * whoever edits it (FORMAT.md section 8, "Limits"): a record changed and re-sealed, records removed from its end, or
 * the whole journal replaced by another consistent one. {@link JournalVerifier} compares it as it reads.
 * <p>
 * Immutable; thread-safe.
 *
 * @param output  true for the output journal, false for the input journal.
 * @param records the journal's data records (checkpoints not counted) when the seal was kept, 0 or more.
 * @param sha256  the seal, 64 lowercase hex digits.
 * @param source  where it was kept, for messages: a file and line, say.
 */
public record KeptSeal(boolean output, long records, String sha256, String source)
{
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * @throws IllegalArgumentException if the record count is negative or the seal is not 64 lowercase hex digits.
     */
    public KeptSeal
    {
        if (records < 0)
        {
            throw new IllegalArgumentException(source + ": a kept seal's record count is negative: " + records);
        }
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches())
        {
            throw new IllegalArgumentException(source + ": a kept seal is 64 lowercase hex digits, not " + sha256);
        }
    }

    /**
     * @return {@code input} or {@code output}, as {@code settle verify} names the journal.
     */
    public String journal()
    {
        return output ? "output" : "input";
    }
}
