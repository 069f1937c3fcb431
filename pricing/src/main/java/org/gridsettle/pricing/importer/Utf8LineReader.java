package org.gridsettle.pricing.importer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A {@link Reader} over UTF-8 bytes that decodes one line at a time, strictly, and only when the caller reaches that
 * line, so a {@link java.nio.charset.CharacterCodingException} surfaces while {@link CsvLineReader} is on the line
 * that holds the bad bytes. An {@link java.io.InputStreamReader} decodes up to 8 KiB ahead instead, which made the
 * error name an earlier line. Splitting on the byte {@code '\n'} is safe: it never occurs inside a multi-byte
 * sequence.
 * <p>
 * A line longer than {@link #MAX_LINE_BYTES} is handed out in chunks without its incomplete last sequence; a chunk
 * already holds more than {@link CsvLineReader#MAX_LINE_CHARS} characters, so the caller refuses the line before it
 * would read the next chunk. Not thread-safe: one per stream.
 */
final class Utf8LineReader extends Reader
{
    /** Bytes of one line decoded at once: at most 3 bytes per char, so a full chunk is over the line cap. */
    static final int MAX_LINE_BYTES = 3 * (CsvLineReader.MAX_LINE_CHARS + 2);

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] bytes = new byte[MAX_LINE_BYTES];
    private final CharBuffer chars = CharBuffer.allocate(MAX_LINE_BYTES);

    /**
     * @param in UTF-8 bytes; closed by {@link #close()}.
     */
    Utf8LineReader(final InputStream in)
    {
        this.in = new BufferedInputStream(in);
        chars.limit(0);
    }

    @Override
    public int read(final char[] buffer, final int offset, final int length) throws IOException
    {
        if (length == 0)
        {
            return 0;
        }
        if (!chars.hasRemaining() && !decodeNextLine())
        {
            return -1;
        }
        final int count = Math.min(length, chars.remaining());
        chars.get(buffer, offset, count);
        return count;
    }

    @Override
    public void close() throws IOException
    {
        in.close();
    }

    private boolean decodeNextLine() throws IOException
    {
        int length = 0;
        int b = 0;
        while (length < bytes.length && (b = in.read()) != -1)
        {
            bytes[length++] = (byte)b;
            if (b == '\n')
            {
                break;
            }
        }
        if (length == 0)
        {
            return false;
        }
        // a chunk cut at the cap may end inside a sequence: decode it as not the end, leaving that part undecoded
        final boolean wholeLine = b == '\n' || b == -1;
        chars.clear();
        decoder.reset();
        CoderResult result = decoder.decode(ByteBuffer.wrap(bytes, 0, length), chars, wholeLine);
        if (!result.isError() && wholeLine)
        {
            result = decoder.flush(chars);
        }
        if (result.isError())
        {
            result.throwException();
        }
        chars.flip();
        return true;
    }
}
