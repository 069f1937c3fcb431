package org.gridsettle.replay.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the engine's numeric event id from an OpenADR {@code ei:eventID} string, deterministically and so that an
 * auditor can recompute it from the payload:
 * <ol>
 *   <li><b>Its digits</b>, when the eventID holds exactly one run of digits whose value is 1 to 10^18 - 1, such as
 *       {@code Event_939393} -> 939393. VTNs commonly number events, and the journal then shows the VTN's number.</li>
 *   <li><b>Otherwise a hash</b>: the first 8 bytes of the SHA-256 of the eventID's UTF-8 bytes, big-endian, with the
 *       top bit cleared so that the id is positive ({@code printf %s ID | sha256sum}, first 16 hex digits, minus
 *       8000000000000000 when they start with 8 to f).</li>
 * </ol>
 * Two eventIDs can map to one id (by digits, {@code Event_7} and {@code Test_007}); the caller refuses that, since the
 * engine would take the second for a changed copy of the first.
 * <p>
 * Stateless; safe from any thread.
 */
final class DrEventIds
{
    /** How an id was derived, for the report. */
    static final String DIGITS = "its digits";
    /** How an id was derived, for the report. */
    static final String SHA_256 = "SHA-256 of the eventID";

    private static final Pattern DIGIT_RUN = Pattern.compile("\\d+");
    private static final int MAX_DIGITS = 18;

    private DrEventIds()
    {
    }

    /**
     * A derived id.
     *
     * @param value the engine's event id, positive.
     * @param rule  {@link #DIGITS} or {@link #SHA_256}.
     */
    record Id(long value, String rule)
    {
    }

    /**
     * @param eventId an OpenADR eventID.
     * @return the engine's id for it.
     */
    static Id of(final String eventId)
    {
        final Matcher run = DIGIT_RUN.matcher(eventId);
        if (run.find())
        {
            final String digits = run.group().replaceFirst("^0+", "");
            if (!run.find() && !digits.isEmpty() && digits.length() <= MAX_DIGITS)
            {
                return new Id(Long.parseLong(digits), DIGITS);
            }
        }
        return new Id(sha256Id(eventId), SHA_256);
    }

    private static long sha256Id(final String eventId)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(eventId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong() & Long.MAX_VALUE;
        }
        catch (final NoSuchAlgorithmException ex)
        {
            // every Java platform must provide SHA-256
            throw new IllegalStateException(ex);
        }
    }
}
