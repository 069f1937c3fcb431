package org.gridsettle.replay.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checking stream on its own: the bytes it names in a message, and what it costs on a file with nothing wrong.
 */
class Utf8CheckingInputStreamTest
{
    @Test
    void namesEveryByteOfAFourByteCharacterCutShortByAnAsciiByte() throws IOException
    {
        // U+10000 is F0 90 80 80 (RFC 3629 section 3); its last byte replaced by 'A' (0x41)
        final byte[] bytes = {'<', 'a', '>', (byte)0xF0, (byte)0x90, (byte)0x80, 'A', '<', '/', 'a', '>'};

        assertThatThrownBy(() -> drain(checking(bytes)))
            .isInstanceOf(Utf8CheckingInputStream.NotUtf8Exception.class)
            .hasMessage("line 1, column 4: bytes 0xF0 0x90 0x80 0x41 are not UTF-8");
    }

    @Test
    void namesTheBytesOfACharacterTheFileEndsInside() throws IOException
    {
        // the first two of the three bytes of U+20AC, E2 82 AC
        final byte[] bytes = {'<', 'a', '/', '>', '\n', (byte)0xE2, (byte)0x82};

        assertThatThrownBy(() -> drain(checking(bytes)))
            .isInstanceOf(Utf8CheckingInputStream.NotUtf8Exception.class)
            .hasMessage("line 2, column 1: the file ends inside a UTF-8 character (0xE2 0x82)");
    }

    @Test
    void aSequenceAfterAWrongOneStartsAfresh() throws IOException
    {
        // a good two-byte character (U+00E9, C3 A9) before a lone continuation byte
        final byte[] bytes = {'<', 'a', '>', (byte)0xC3, (byte)0xA9, (byte)0xA9, '<', '/', 'a', '>'};

        assertThatThrownBy(() -> drain(checking(bytes)))
            .hasMessage("line 1, column 5: byte 0xA9 is not UTF-8");
    }

    @Test
    void checkingAFileWithNothingWrongAllocatesNothingPerByte() throws IOException
    {
        // 8 MiB of "é" and ASCII: formatting each byte as it passed, as the stream once did, made a String per byte
        final byte[] line = "<v>caf\u00e9 \u20ac 42</v>\n".getBytes(StandardCharsets.UTF_8);
        final byte[] bytes = new byte[8 << 20];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = line[i % line.length];
        }
        final int whole = bytes.length - bytes.length % line.length;
        final InputStream in = checking(java.util.Arrays.copyOf(bytes, whole));
        final byte[] chunk = new byte[8192];
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();

        long read = 0;
        for (int n; (n = in.read(chunk, 0, chunk.length)) >= 0; )
        {
            read += n;
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(read).isEqualTo(whole);
        // one String per byte would be hundreds of MiB; the copy into chunk and the JIT's own leave well under 1 MiB
        assertThat(allocated).isLessThan(1L << 20);
    }

    private static InputStream checking(final byte[] bytes) throws IOException
    {
        return Utf8CheckingInputStream.wrap(new BufferedInputStream(new ByteArrayInputStream(bytes)));
    }

    private static void drain(final InputStream in) throws IOException
    {
        final byte[] chunk = new byte[3];
        while (in.read(chunk, 0, chunk.length) >= 0)
        {
            // read to the end, checking every byte
        }
    }
}
