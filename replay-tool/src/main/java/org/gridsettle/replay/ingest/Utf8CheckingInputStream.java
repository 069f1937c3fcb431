package org.gridsettle.replay.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Passes the bytes of a UTF-8 XML document through unchanged, failing with {@link NotUtf8Exception} at the first
 * byte that is not UTF-8, with its line and column. The JDK's StAX parser, given such a byte, prints
 * {@code [Fatal Error] :-1:-1: Invalid byte 1 of 1-byte UTF-8 sequence.} on {@code System.err} through a default
 * error handler no public property replaces, before it throws: a second line under the one a bad file must get.
 * A read failure of the stream it reads from is not reported that way, so the bad byte is found here first.
 * <p>
 * {@link #wrap} checks only a document that is UTF-8: one with no XML declaration, or whose declaration names no
 * encoding or UTF-8. One in UTF-16, or declaring another encoding, is left to the parser, which decodes it.
 * <p>
 * Not thread-safe: used by the one thread reading the stream.
 */
final class Utf8CheckingInputStream extends FilterInputStream
{
    /** Bytes looked at for a byte order mark and the XML declaration's encoding. */
    private static final int SNIFF_BYTES = 256;

    private long line = 1;
    private long column;
    private int continuations;
    /**
     * The bytes of the character being read, for the message (a Latin-1 letter before ASCII reads as two). Kept as
     * bytes and formatted only when one is wrong: formatting every byte of a file cost more than parsing it.
     */
    private final int[] sequence = new int[4];
    private int sequenceLength;
    private int low = 0x80;
    private int high = 0xBF;

    private Utf8CheckingInputStream(final InputStream in)
    {
        super(in);
    }

    /**
     * A byte, or a sequence cut short, that is not UTF-8.
     * <p>
     * Immutable.
     */
    static final class NotUtf8Exception extends IOException
    {
        private static final long serialVersionUID = 1L;

        private final String position;

        NotUtf8Exception(final String position, final String problem)
        {
            super(position + ": " + problem);
            this.position = position;
        }

        /**
         * @return {@code line L, column C}, the column counting characters from 1.
         */
        String position()
        {
            return position;
        }

        /**
         * @return what is wrong, without the position.
         */
        String problem()
        {
            return getMessage().substring(position.length() + 2);
        }
    }

    /**
     * @param in a document's bytes, at its start; must support mark and reset.
     * @return a checking stream over {@code in} when the document is UTF-8, else {@code in} itself.
     * @throws IOException when the start cannot be read.
     */
    static InputStream wrap(final InputStream in) throws IOException
    {
        in.mark(SNIFF_BYTES);
        final byte[] start = in.readNBytes(SNIFF_BYTES);
        in.reset();
        return isUtf8(start) ? new Utf8CheckingInputStream(in) : in;
    }

    private static boolean isUtf8(final byte[] start)
    {
        // a UTF-16 or UTF-32 document starts with a byte order mark or has a zero byte in '<'
        if (start.length >= 2 && (start[0] == 0 || start[1] == 0 || (start[0] & 0xFF) == 0xFE && (start[1] & 0xFF) ==
            0xFF || (start[0] & 0xFF) == 0xFF && (start[1] & 0xFF) == 0xFE))
        {
            return false;
        }
        final String head = new String(start, StandardCharsets.ISO_8859_1);
        final int from = head.startsWith("\u00EF\u00BB\u00BF") ? 3 : 0;
        if (!head.startsWith("<?xml", from))
        {
            return true;
        }
        final int end = head.indexOf("?>", from);
        final String declaration = end < 0 ? head.substring(from) : head.substring(from, end);
        final int attribute = declaration.indexOf("encoding");
        if (attribute < 0)
        {
            return true;
        }
        final int equals = declaration.indexOf('=', attribute);
        int quote = equals + 1;
        while (quote > 0 && quote < declaration.length() && Character.isWhitespace(declaration.charAt(quote)))
        {
            quote++;
        }
        if (equals < 0 || quote >= declaration.length())
        {
            // malformed: the parser says so
            return true;
        }
        final int close = declaration.indexOf(declaration.charAt(quote), quote + 1);
        final String name = close < 0 ? "" : declaration.substring(quote + 1, close).toUpperCase(Locale.ROOT);
        return name.equals("UTF-8") || name.equals("UTF8");
    }

    @Override
    public int read() throws IOException
    {
        final int b = super.read();
        if (b < 0)
        {
            atEnd();
        }
        else
        {
            check(b);
        }
        return b;
    }

    @Override
    public int read(final byte[] bytes, final int offset, final int length) throws IOException
    {
        final int count = super.read(bytes, offset, length);
        if (count < 0)
        {
            atEnd();
        }
        for (int i = 0; i < count; i++)
        {
            check(bytes[offset + i] & 0xFF);
        }
        return count;
    }

    @Override
    public long skip(final long count) throws IOException
    {
        // skipped bytes would go unchecked; the parser never skips, so read them instead
        long skipped = 0;
        while (skipped < count && read() >= 0)
        {
            skipped++;
        }
        return skipped;
    }

    @Override
    public boolean markSupported()
    {
        // a reset would check the bytes after the mark twice and count their lines twice
        return false;
    }

    private void check(final int b) throws NotUtf8Exception
    {
        if (continuations > 0)
        {
            sequence[sequenceLength++] = b;
            if (b < low || b > high)
            {
                throw new NotUtf8Exception(position(), "bytes " + sequenceText() + " are not UTF-8");
            }
            low = 0x80;
            high = 0xBF;
            continuations--;
            return;
        }
        column++;
        sequence[0] = b;
        sequenceLength = 1;
        if (b < 0x80)
        {
            if (b == '\n')
            {
                line++;
                column = 0;
            }
            return;
        }
        // the ranges of RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF
        if (b >= 0xC2 && b <= 0xDF)
        {
            continuations = 1;
        }
        else if (b >= 0xE0 && b <= 0xEF)
        {
            continuations = 2;
            low = b == 0xE0 ? 0xA0 : 0x80;
            high = b == 0xED ? 0x9F : 0xBF;
        }
        else if (b >= 0xF0 && b <= 0xF4)
        {
            continuations = 3;
            low = b == 0xF0 ? 0x90 : 0x80;
            high = b == 0xF4 ? 0x8F : 0xBF;
        }
        else
        {
            throw new NotUtf8Exception(position(), "byte " + hex(b) + " is not UTF-8");
        }
    }

    private void atEnd() throws NotUtf8Exception
    {
        if (continuations > 0)
        {
            throw new NotUtf8Exception(position(), "the file ends inside a UTF-8 character (" + sequenceText() + ")");
        }
    }

    private String position()
    {
        return "line " + line + ", column " + column;
    }

    private String sequenceText()
    {
        final StringBuilder text = new StringBuilder(5 * sequenceLength);
        for (int i = 0; i < sequenceLength; i++)
        {
            text.append(i == 0 ? "" : " ").append(hex(sequence[i]));
        }
        return text.toString();
    }

    private static String hex(final int b)
    {
        return String.format(Locale.ROOT, "0x%02X", b);
    }
}
