package org.gridsettle.pricing.importer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Gunzips a stream of one or more gzip members (RFC 1952), read one after another as one stream as {@code gunzip}
 * and the JDK's {@code GZIPInputStream} do, and refuses anything else after the last member. The JDK's stream stops
 * without a word at the first bytes after a member that do not make a gzip header, so a file with a stray tail (a
 * damaged copy, or a gzip file and a plain one joined) was read as if the tail were not there. Every failure names
 * the byte of the file where it was found.
 * <p>
 * Not thread-safe: one reader at a time, like any stream.
 */
final class StrictGzipInputStream extends InputStream
{
    private static final int MAGIC_0 = 0x1F;
    private static final int MAGIC_1 = 0x8B;
    private static final int DEFLATE = 8;
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    /** Bytes of a header before its optional fields: magic, method, flags, time, extra flags, operating system. */
    private static final int FIXED_HEADER_BYTES = 10;

    private final InputStream in;
    private final byte[] buffer;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] one = new byte[1];
    /** Bytes of the file before {@code buffer[0]}. */
    private long bufferOffset;
    private int position;
    private int limit;
    private boolean inMember;
    private boolean ended;
    private boolean closed;

    /**
     * @param in          the gzip data from its first byte; closed with this stream.
     * @param bufferBytes size of the buffer of compressed bytes.
     * @throws IOException if the first member's header cannot be read or is not a gzip header.
     */
    StrictGzipInputStream(final InputStream in, final int bufferBytes) throws IOException
    {
        this.in = in;
        this.buffer = new byte[bufferBytes];
        readHeader();
    }

    @Override
    public int read() throws IOException
    {
        final int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(final byte[] b, final int off, final int len) throws IOException
    {
        if (closed)
        {
            throw new IOException("the gzip stream is closed");
        }
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0)
        {
            return 0;
        }
        while (!ended)
        {
            if (!inMember && !startNextMember())
            {
                ended = true;
                break;
            }
            final int n = inflate(b, off, len);
            if (n > 0)
            {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished())
            {
                // the inflater took the whole buffer; what it did not use starts the trailer
                position = limit - inflater.getRemaining();
                readTrailer();
                inMember = false;
            }
            else if (inflater.needsInput())
            {
                if (position == limit && !fill())
                {
                    throw cutShort();
                }
                inflater.setInput(buffer, position, limit - position);
                position = limit;
            }
            else if (inflater.needsDictionary())
            {
                throw new ZipException("the gzip data is damaged: it asks for a preset dictionary, which gzip " +
                    "never uses");
            }
        }
        return -1;
    }

    private int inflate(final byte[] b, final int off, final int len) throws ZipException
    {
        try
        {
            return inflater.inflate(b, off, len);
        }
        catch (final DataFormatException ex)
        {
            final String why = ex.getMessage() == null ? "invalid compressed data" : ex.getMessage();
            throw new ZipException("the gzip data is damaged (" + why + ") near byte " +
                (offset() - inflater.getRemaining()) + ": fetch or copy it again");
        }
    }

    /** @return false at the end of the file; the start of a further member is read, anything else refused. */
    private boolean startNextMember() throws IOException
    {
        if (position == limit && !fill())
        {
            return false;
        }
        final long end = offset();
        final boolean magic = peek(0) == MAGIC_0 && peek(1) == MAGIC_1;
        if (!magic)
        {
            long tail = limit - position;
            while (fill())
            {
                tail += limit - position;
            }
            throw new ZipException(tail + " byte" + (tail == 1 ? "" : "s") + " of data follow the end of the gzip " +
                "data at byte " + end + ": the file is damaged or two files were joined");
        }
        readHeader();
        return true;
    }

    private void readHeader() throws IOException
    {
        final long start = offset();
        crc.reset();
        if (readHeaderByte() != MAGIC_0 || readHeaderByte() != MAGIC_1)
        {
            throw new ZipException("not gzip data at byte " + start);
        }
        if (readHeaderByte() != DEFLATE)
        {
            throw new ZipException("the gzip member at byte " + start + " uses a compression method other than " +
                "deflate, which gzip never writes: the file is damaged");
        }
        final int flags = readHeaderByte();
        skipHeaderBytes(FIXED_HEADER_BYTES - 4);
        if ((flags & FEXTRA) != 0)
        {
            skipHeaderBytes(readHeaderByte() | readHeaderByte() << 8);
        }
        if ((flags & FNAME) != 0)
        {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0)
        {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0)
        {
            final int expected = (int)crc.getValue() & 0xFFFF;
            if ((readHeaderByte() | readHeaderByte() << 8) != expected)
            {
                throw new ZipException("the header of the gzip member at byte " + start + " fails its check: the " +
                    "file is damaged");
            }
        }
        crc.reset();
        inflater.reset();
        inMember = true;
    }

    private void readTrailer() throws IOException
    {
        final long start = offset();
        final long expectedCrc = readUnsignedInt();
        final long expectedSize = readUnsignedInt();
        if (expectedCrc != crc.getValue() || expectedSize != (inflater.getBytesWritten() & 0xFFFF_FFFFL))
        {
            throw new ZipException("the gzip data is damaged: the check (CRC-32 and length) at byte " + start +
                " does not match the data before it; fetch or copy it again");
        }
    }

    private long readUnsignedInt() throws IOException
    {
        long value = 0;
        for (int i = 0; i < 4; i++)
        {
            value |= (long)readByte() << (8 * i);
        }
        return value;
    }

    private void skipZeroTerminated() throws IOException
    {
        while (readHeaderByte() != 0)
        {
            // the name or comment is not needed
        }
    }

    private void skipHeaderBytes(final int count) throws IOException
    {
        for (int i = 0; i < count; i++)
        {
            readHeaderByte();
        }
    }

    private int readHeaderByte() throws IOException
    {
        final int b = readByte();
        crc.update(b);
        return b;
    }

    private int readByte() throws IOException
    {
        if (position == limit && !fill())
        {
            throw cutShort();
        }
        return buffer[position++] & 0xFF;
    }

    /** @return the byte {@code ahead} bytes on, or -1 past the end; reads more into the buffer if needed. */
    private int peek(final int ahead) throws IOException
    {
        if (position + ahead >= limit)
        {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            bufferOffset += position;
            limit -= position;
            position = 0;
            final int n = in.read(buffer, limit, buffer.length - limit);
            if (n > 0)
            {
                limit += n;
            }
        }
        return position + ahead < limit ? buffer[position + ahead] & 0xFF : -1;
    }

    /** @return false at the end of the file; otherwise the buffer holds unread bytes from {@code position}. */
    private boolean fill() throws IOException
    {
        bufferOffset += limit;
        position = 0;
        limit = 0;
        int n;
        do
        {
            n = in.read(buffer, 0, buffer.length);
        }
        while (n == 0);
        if (n < 0)
        {
            return false;
        }
        limit = n;
        return true;
    }

    private long offset()
    {
        return bufferOffset + position;
    }

    private static EOFException cutShort()
    {
        return new EOFException("the gzip data ends early: the file was cut short (a partial download or copy?); " +
            "fetch or copy it again");
    }

    @Override
    public void close() throws IOException
    {
        if (!closed)
        {
            closed = true;
            inflater.end();
            in.close();
        }
    }
}
