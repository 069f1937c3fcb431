package org.gridsettle.pricing.importer;

import org.gridsettle.pricing.carbon.UkCarbonIntensityJsonImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gzip reading shared by every importer (Commons Compress, worded): one or more members read as one stream, as
 * {@code gunzip} and the JDK do, and nothing else after them. The data is the UK Carbon Intensity API response of /work/shared/data (the test
 * resource carbon/carbon_uk_national_pt24h_2023-03-15T0101Z.json, a copy), gzipped here; every expected content is
 * that file's own bytes, and every expected byte position is a length of the gzip data built here.
 */
class StrictGzipInputStreamTest
{
    private static final String SAMPLE = "/carbon/carbon_uk_national_pt24h_2023-03-15T0101Z.json";

    @TempDir
    Path tmp;

    @Test
    void readsAGzippedSampleToItsBytes() throws Exception
    {
        final byte[] plain = sample();

        assertThat(gunzip(gzip(plain))).isEqualTo(plain);
    }

    @Test
    void readsJoinedMembersAsOneStreamAsTheJdkDoes() throws Exception
    {
        final byte[] plain = sample();
        final byte[] first = Arrays.copyOf(plain, plain.length / 3);
        final byte[] rest = Arrays.copyOfRange(plain, plain.length / 3, plain.length);
        // `cat a.gz b.gz`: legal, RFC 1952 section 2.2
        final byte[] joined = concat(gzip(first), gzip(rest));

        assertThat(jdkGunzip(joined)).isEqualTo(plain);
        assertThat(gunzip(joined)).isEqualTo(plain);
    }

    @Test
    void readsAnEmptyMemberAndTheOptionalHeaderFields() throws Exception
    {
        final byte[] plain = sample();
        final byte[] joined = concat(gzip(new byte[0]), memberWithEveryHeaderField(plain));

        assertThat(jdkGunzip(joined)).isEqualTo(plain);
        assertThat(gunzip(joined)).isEqualTo(plain);
    }

    @Test
    void refusesBytesAfterTheLastMemberThatTheJdkIgnores() throws Exception
    {
        final byte[] plain = sample();
        final byte[] gzipped = gzip(plain);
        final byte[] tail = "region,interval_start\n".getBytes(StandardCharsets.US_ASCII);
        final byte[] damaged = concat(gzipped, tail);

        // the JDK's GZIPInputStream reads the damaged file to the same bytes as the whole one, without a word
        assertThat(jdkGunzip(damaged)).isEqualTo(plain);
        assertThatThrownBy(() -> gunzip(damaged)).isInstanceOf(IOException.class)
            .hasMessage("data follows the end of the gzip data at byte " + gzipped.length +
                ": the file is damaged or two files were joined");
    }

    @Test
    void refusesTrailingZeroBytesAndAOneByteTail() throws Exception
    {
        final byte[] gzipped = gzip(sample());

        assertThatThrownBy(() -> gunzip(concat(gzipped, new byte[512])))
            .hasMessageStartingWith("data follows the end of the gzip data at byte " + gzipped.length);
        assertThatThrownBy(() -> gunzip(concat(gzipped, new byte[] {'\n'})))
            .hasMessageStartingWith("data follows the end of the gzip data at byte " + gzipped.length);
    }

    @Test
    void refusesATailThatStartsLikeGzipButIsNot() throws Exception
    {
        final byte[] gzipped = gzip(sample());
        // the gzip magic and then no deflate method: the JDK takes a broken further header for the end of the data
        final byte[] damaged = concat(gzipped, new byte[] {0x1F, (byte)0x8B, 0, 0, 0, 0, 0, 0, 0, 0});

        assertThat(jdkGunzip(damaged)).isEqualTo(sample());
        assertThatThrownBy(() -> gunzip(damaged)).isInstanceOf(IOException.class)
            .hasMessageStartingWith("the gzip data is damaged near byte ")
            .hasMessageContaining("compression method 0");
    }

    @Test
    void refusesJoinedMembersWhenTheSecondIsCutShort() throws Exception
    {
        final byte[] plain = sample();
        final byte[] second = gzip(plain);
        final byte[] joined = concat(gzip(plain), Arrays.copyOf(second, second.length / 2));

        assertThatThrownBy(() -> gunzip(joined)).isInstanceOf(java.io.EOFException.class)
            .hasMessageStartingWith("the gzip data ends early: the file was cut short");
    }

    @Test
    void refusesAMemberWhoseCheckFails() throws Exception
    {
        final byte[] gzipped = gzip(sample());
        // the first byte of the trailer's CRC-32
        gzipped[gzipped.length - 8] ^= 1;

        // found at the trailer, so the message cannot say where in the member the damage is, only that it is before
        assertThatThrownBy(() -> gunzip(gzipped)).isInstanceOf(IOException.class)
            .hasMessageStartingWith("the gzip data is damaged somewhere before byte ")
            .hasMessageContaining("(the CRC-32 check at the end of its gzip member fails)");

        final byte[] wrongLength = gzip(sample());
        // the first byte of the trailer's length (ISIZE), the data and its CRC-32 whole
        wrongLength[wrongLength.length - 4] ^= 1;

        assertThatThrownBy(() -> gunzip(wrongLength)).isInstanceOf(IOException.class)
            .hasMessageStartingWith("the gzip data is damaged somewhere before byte ")
            .hasMessageContaining("(the length check at the end of its gzip member fails)");
    }

    @Test
    void refusesADamagedFirstHeaderAsDamagedNotAsAnotherFormat() throws Exception
    {
        // the file starts with the gzip magic, so a broken header after it is damage, not a file of another format
        final byte[] reservedFlags = gzip(sample());
        reservedFlags[3] = (byte)0xE0;           // FLG, RFC 1952 section 2.3.1: bits 5 to 7 are reserved, gzip(1) writes 0
        final byte[] otherMethod = gzip(sample());
        otherMethod[2] = 9;                      // CM: 8 (deflate) is the only method

        for (final byte[] damaged : new byte[][] {reservedFlags, otherMethod})
        {
            assertThatThrownBy(() -> gunzip(damaged)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the gzip header at the start of the file is damaged (")
                .hasMessageEndingWith("): fetch or copy it again");
        }
    }

    @Test
    void anImporterRefusesTheDamagedFileInOneLine() throws Exception
    {
        final byte[] gzipped = gzip(sample());
        final Path file = Files.write(tmp.resolve("carbon.json.gz"), concat(gzipped, new byte[] {'x', 'y'}));

        assertThatThrownBy(() -> new UkCarbonIntensityJsonImporter().importFile(file, "GB"))
            .hasMessageContaining("data follows the end of the gzip data at byte " + gzipped.length +
                ": the file is damaged or two files were joined")
            .hasMessageNotContaining("\n");
    }

    /** A member as gzip(1) never writes it: a name, a comment, an extra field and a header check. */
    private static byte[] memberWithEveryHeaderField(final byte[] plain)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1F, (byte)0x8B, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3});
        // an extra field of one subfield, as RFC 1952 section 2.3.1.1 lays it out: XLEN 7, SI1 SI2, LEN 3, its data
        out.writeBytes(new byte[] {7, 0, 'A', 'p', 3, 0, 'a', 'b', 'c'});
        out.writeBytes("sample.json\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("a comment\0".getBytes(StandardCharsets.US_ASCII));
        final CRC32 headerCrc = new CRC32();
        headerCrc.update(out.toByteArray());
        writeLittleEndian(out, headerCrc.getValue(), 2);
        final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(plain);
        deflater.finish();
        final byte[] chunk = new byte[8192];
        while (!deflater.finished())
        {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        final CRC32 crc = new CRC32();
        crc.update(plain);
        writeLittleEndian(out, crc.getValue(), 4);
        writeLittleEndian(out, plain.length, 4);
        return out.toByteArray();
    }

    private static void writeLittleEndian(final ByteArrayOutputStream out, final long value, final int bytes)
    {
        for (int i = 0; i < bytes; i++)
        {
            out.write((int)(value >>> (8 * i)) & 0xFF);
        }
    }

    private static byte[] gunzip(final byte[] gzipped) throws IOException
    {
        // 7 bytes a read at most, so that headers, trailers and the joins between members fall across reads
        final InputStream trickle = new java.io.FilterInputStream(new ByteArrayInputStream(gzipped))
        {
            @Override
            public int read(final byte[] b, final int off, final int len) throws IOException
            {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        try (InputStream in = new StrictGzipInputStream(trickle))
        {
            return in.readAllBytes();
        }
    }

    private static byte[] jdkGunzip(final byte[] gzipped) throws IOException
    {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped)))
        {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(final byte[] plain) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes))
        {
            out.write(plain);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static byte[] sample() throws IOException, URISyntaxException
    {
        return Files.readAllBytes(Path.of(StrictGzipInputStreamTest.class.getResource(SAMPLE).toURI()));
    }
}
