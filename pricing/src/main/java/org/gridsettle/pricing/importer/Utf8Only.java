package org.gridsettle.pricing.importer;

import java.io.BufferedInputStream;
import java.io.IOException;

/**
 * Tells from the first bytes of a text file whether it is in a Unicode encoding other than UTF-8, so that a JSON
 * reader that would otherwise guess the encoding (as Jackson does for UTF-16 and UTF-32) and a format sniffer that
 * assumes UTF-8 refuse such a file alike, in the same words. Every input of gridsettle is UTF-8 (RFC 8259 requires it
 * of JSON exchanged between systems); accepting UTF-16 in one command and refusing it in another confused users.
 * <p>
 * Stateless; safe from any thread.
 */
public final class Utf8Only
{
    /** Bytes {@link #refusal} needs to see, when the file has as many. */
    public static final int HEAD_BYTES = 4;

    private Utf8Only()
    {
    }

    /**
     * @param in a stream at the start of a file; left where it was.
     * @return null when the stream can hold UTF-8 text, else one line saying what it is and what to do.
     * @throws IOException if the stream cannot be read.
     */
    public static String refusal(final BufferedInputStream in) throws IOException
    {
        in.mark(HEAD_BYTES);
        final byte[] head = in.readNBytes(HEAD_BYTES);
        in.reset();
        return refusal(head, head.length);
    }

    /**
     * @param head   the first bytes of the file.
     * @param length how many of them there are (fewer than {@link #HEAD_BYTES} for a short file).
     * @return null when the bytes can begin UTF-8 text, else one line saying what the file is and what to do.
     */
    public static String refusal(final byte[] head, final int length)
    {
        final String found = otherEncoding(head, length);
        return found == null ? null : "expected UTF-8 text, found " + found + ": save the file as UTF-8";
    }

    private static String otherEncoding(final byte[] head, final int length)
    {
        final int b0 = length > 0 ? head[0] & 0xFF : -1;
        final int b1 = length > 1 ? head[1] & 0xFF : -1;
        final int b2 = length > 2 ? head[2] & 0xFF : -1;
        final int b3 = length > 3 ? head[3] & 0xFF : -1;
        if (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF)
        {
            return "UTF-32BE (byte order mark 00 00 FE FF)";
        }
        if (b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0)
        {
            return "UTF-32LE (byte order mark FF FE 00 00)";
        }
        if (b0 == 0xFE && b1 == 0xFF)
        {
            return "UTF-16BE (byte order mark FE FF)";
        }
        if (b0 == 0xFF && b1 == 0xFE)
        {
            return "UTF-16LE (byte order mark FF FE)";
        }
        // Without a byte order mark: text starts with an ASCII character, so a zero byte beside it gives the encoding
        // away, as RFC 4627 section 3 describes. A NUL as the very first character of UTF-8 text is no JSON or CSV.
        if (b0 == 0 && b1 > 0)
        {
            return "UTF-16BE (a zero byte before the first character)";
        }
        if (b0 > 0 && b1 == 0 && (b2 != 0 || b3 != 0))
        {
            return "UTF-16LE (a zero byte after the first character)";
        }
        if (b0 > 0 && b1 == 0 && b2 == 0 && b3 == 0)
        {
            return "UTF-32LE (three zero bytes after the first character)";
        }
        if (b0 == 0 && b1 == 0 && b2 == 0 && b3 > 0)
        {
            return "UTF-32BE (three zero bytes before the first character)";
        }
        // 00 00 xx 00 and the mark 00 00 FF FE are UCS-4 in a mixed byte order, which Jackson detects and then fails
        // on with its own words; no text starts with two zero bytes in UTF-8, whatever follows
        if (b0 == 0 && b1 == 0)
        {
            return "two zero bytes at the start (UTF-32 in an unusual byte order, or not text at all)";
        }
        return null;
    }
}
