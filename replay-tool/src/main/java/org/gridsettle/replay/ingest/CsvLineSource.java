package org.gridsettle.replay.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into numbered lines and decodes each as strict UTF-8, so one line of bad bytes becomes one
 * reported line rather than a crash or silently substituted characters. Splitting on bytes is safe because the
 * newline byte never occurs inside a UTF-8 multi-byte sequence.
 * <p>
 * Tolerates a UTF-8 byte order mark on the first line and CRLF line ends. Lines longer than
 * {@value #MAX_LINE_BYTES} bytes are reported, not buffered, so a hostile file cannot exhaust memory.
 * <p>
 * Not thread-safe: one instance per stream, used by one thread.
 */
final class CsvLineSource
{
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkLength;
    private int chunkPosition;
    private boolean endOfStream;

    private byte[] line = new byte[256];
    private int lineLength;
    private boolean lineTooLong;
    private int lineNumber;
    private String text;
    private String problem;

    /**
     * @param in the bytes; the caller closes it.
     */
    CsvLineSource(final InputStream in)
    {
        this.in = in;
    }

    /**
     * Moves to the next line.
     *
     * @return false at the end of the stream.
     * @throws IOException if the stream fails.
     */
    boolean next() throws IOException
    {
        lineLength = 0;
        lineTooLong = false;
        text = null;
        problem = null;

        boolean sawAnyByte = false;
        while (true)
        {
            if (chunkPosition == chunkLength)
            {
                if (endOfStream || !fill())
                {
                    if (!sawAnyByte)
                    {
                        return false;
                    }
                    break;
                }
            }
            sawAnyByte = true;
            final byte b = chunk[chunkPosition++];
            if ('\n' == b)
            {
                break;
            }
            append(b);
        }

        lineNumber++;
        decode();
        return true;
    }

    /**
     * @return 1-based number of the current line.
     */
    int lineNumber()
    {
        return lineNumber;
    }

    /**
     * @return the current line without its line end, or null if {@link #problem()} is set.
     */
    String text()
    {
        return text;
    }

    /**
     * @return why the current line could not be decoded, or null.
     */
    String problem()
    {
        return problem;
    }

    private boolean fill() throws IOException
    {
        final int read = in.read(chunk, 0, chunk.length);
        if (read < 0)
        {
            endOfStream = true;
            return false;
        }
        chunkLength = read;
        chunkPosition = 0;
        return read > 0 || fill();
    }

    private void append(final byte b)
    {
        if (lineLength == MAX_LINE_BYTES)
        {
            lineTooLong = true;
            return;
        }
        if (lineLength == line.length)
        {
            final byte[] grown = new byte[Math.min(line.length * 2, MAX_LINE_BYTES)];
            System.arraycopy(line, 0, grown, 0, lineLength);
            line = grown;
        }
        line[lineLength++] = b;
    }

    private void decode()
    {
        if (lineTooLong)
        {
            problem = "line longer than " + MAX_LINE_BYTES + " bytes";
            return;
        }

        int from = 0;
        if (1 == lineNumber && lineLength >= 3 &&
            (byte)0xEF == line[0] && (byte)0xBB == line[1] && (byte)0xBF == line[2])
        {
            from = 3;
        }
        int length = lineLength - from;
        if (length > 0 && '\r' == line[from + length - 1])
        {
            length--;
        }

        if (isAscii(line, from, length))
        {
            // ASCII is UTF-8 byte for byte: a usage file's lines are, and are copied once, without a decoder's buffers
            text = new String(line, from, length, StandardCharsets.ISO_8859_1);
            return;
        }
        final ByteBuffer bytes = ByteBuffer.wrap(line, from, length);
        final CharBuffer chars = CharBuffer.allocate(length);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError())
        {
            result = decoder.flush(chars);
        }
        if (result.isError())
        {
            final int offset = bytes.position();
            problem = "invalid UTF-8: byte 0x" + String.format("%02X", line[offset] & 0xFF) + " at byte " +
                (offset - from + 1) + " of the line, expected UTF-8 text";
            return;
        }
        chars.flip();
        text = chars.toString();
    }

    private static boolean isAscii(final byte[] bytes, final int from, final int length)
    {
        for (int i = from, end = from + length; i < end; i++)
        {
            if (bytes[i] < 0)
            {
                return false;
            }
        }
        return true;
    }
}
