package org.gridsettle.replay.ingest;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CsvLineSource} and {@link CsvFieldSplitter} against a plain reference on random files: every line decoded
 * by the strict UTF-8 decoder and every field appended a character at a time, as both did before an ASCII line
 * skipped the decoder and an unquoted field became a substring (3413b8c). The bytes are drawn mostly from the ones
 * the rules turn on: a byte order mark, CR, LF, NUL, commas, quotes, spaces, lead and continuation bytes, overlong
 * and surrogate encodings, 0xFF. The stream hands its bytes over a few at a time, so lines also cross reads.
 */
class CsvLineAndFieldProperties
{
    private static final byte[] BYTES = {
        'a', 'Z', '7', ',', ',', '"', '"', ' ', ' ', '\r', '\n', '\n', 0, 0x7F,
        (byte)0xEF, (byte)0xBB, (byte)0xBF, (byte)0xC3, (byte)0xA9, (byte)0xC0, (byte)0xC1, (byte)0x80,
        (byte)0xBF, (byte)0xE2, (byte)0x80, (byte)0x94, (byte)0xED, (byte)0xA0, (byte)0xF0, (byte)0x9F,
        (byte)0x8C, (byte)0x9E, (byte)0xF4, (byte)0x90, (byte)0xF8, (byte)0xFE, (byte)0xFF};

    @Provide
    Arbitrary<byte[]> files()
    {
        final Arbitrary<byte[]> bytes = Arbitraries.of(Arrays.asList(box(BYTES))).list().ofMaxSize(300)
            .map(CsvLineAndFieldProperties::unbox);
        // a byte order mark in front of some, as a spreadsheet's UTF-8 export puts it
        return Arbitraries.oneOf(bytes, bytes.map((b) -> concat(new byte[]{(byte)0xEF, (byte)0xBB, (byte)0xBF}, b)));
    }

    @Property(tries = 3000)
    void linesAndFieldsAreAsTheStrictDecoderAndACharacterAtATimeMakeThem(
        @ForAll("files") final byte[] file, @ForAll @IntRange(min = 1, max = 7) final int readSize) throws IOException
    {
        final List<String> expected = new ArrayList<>();
        final List<String> fields = new ArrayList<>();
        final List<byte[]> rawLines = referenceLines(file);
        for (int i = 0; i < rawLines.size(); i++)
        {
            final String[] decoded = referenceDecode(rawLines.get(i), i + 1);
            expected.add(describe(i + 1, decoded[0], decoded[1], fields));
        }

        final List<String> actual = new ArrayList<>();
        final CsvLineSource lines = new CsvLineSource(new TrickleInputStream(file, readSize));
        while (lines.next())
        {
            actual.add(describe(lines.lineNumber(), lines.text(), lines.problem(), fields));
        }

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aLineOfTheLimitIsReadAndOneByteMoreIsAProblemAsciiOrNot() throws IOException
    {
        final byte[] ascii = new byte[CsvLineSource.MAX_LINE_BYTES];
        Arrays.fill(ascii, (byte)'a');
        final byte[] longer = Arrays.copyOf(ascii, ascii.length + 1);
        longer[longer.length - 1] = 'a';
        final byte[] accented = Arrays.copyOf(ascii, ascii.length);
        accented[0] = (byte)0xC3;
        accented[1] = (byte)0xA9;

        final CsvLineSource lines = new CsvLineSource(new ByteArrayInputStream(
            concat(ascii, new byte[]{'\n'}, longer, new byte[]{'\n'}, accented, new byte[]{'\r', '\n'})));

        assertThat(lines.next()).isTrue();
        assertThat(lines.text()).hasSize(CsvLineSource.MAX_LINE_BYTES);
        assertThat(lines.next()).isTrue();
        assertThat(lines.problem()).isEqualTo("line longer than 65536 bytes");
        assertThat(lines.next()).as("the CR counts towards the limit").isTrue();
        assertThat(lines.problem()).isEqualTo("line longer than 65536 bytes");
        assertThat(lines.next()).isFalse();
    }

    private static String describe(final int number, final String text, final String problem, final List<String> fields)
    {
        if (problem != null)
        {
            return number + " problem " + problem;
        }
        final String splitProblem = CsvFieldSplitter.split(text, fields);
        final List<String> referenceFields = new ArrayList<>();
        final String referenceProblem = referenceSplit(text, referenceFields);
        assertThat(splitProblem).as("split problem of %s", text).isEqualTo(referenceProblem);
        if (splitProblem == null)
        {
            assertThat(fields).as("fields of %s", text).isEqualTo(referenceFields);
        }
        return number + " text " + text + " fields " + (splitProblem != null ? splitProblem : String.join("|", fields));
    }

    /**
     * The lines as bytes: split at LF, the last one kept only if it has any byte, the CR before an LF dropped, and the
     * byte order mark dropped from the first.
     */
    private static List<byte[]> referenceLines(final byte[] file)
    {
        final List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= file.length; i++)
        {
            if (i == file.length ? i > start : file[i] == '\n')
            {
                int end = i;
                if (end > start && file[end - 1] == '\r')
                {
                    end--;
                }
                int from = start;
                if (lines.isEmpty() && end - from >= 3 &&
                    file[from] == (byte)0xEF && file[from + 1] == (byte)0xBB && file[from + 2] == (byte)0xBF)
                {
                    from += 3;
                }
                lines.add(Arrays.copyOfRange(file, from, end));
                start = i + 1;
            }
        }
        return lines;
    }

    /**
     * @return the text and null, or null and the problem: every line through a strict decoder.
     */
    private static String[] referenceDecode(final byte[] line, final int number)
    {
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        final ByteBuffer bytes = ByteBuffer.wrap(line);
        final CharBuffer chars = CharBuffer.allocate(line.length);
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError())
        {
            result = decoder.flush(chars);
        }
        if (result.isError())
        {
            return new String[]{null, "invalid UTF-8: byte 0x" + String.format("%02X", line[bytes.position()] & 0xFF) +
                " at byte " + (bytes.position() + 1) + " of the line, expected UTF-8 text"};
        }
        return new String[]{chars.flip().toString(), null};
    }

    /**
     * The splitter as it was before 3413b8c, every field appended a character at a time.
     */
    private static String referenceSplit(final String line, final List<String> fields)
    {
        final StringBuilder field = new StringBuilder();
        int i = 0;
        while (true)
        {
            field.setLength(0);
            final int fieldNumber = fields.size() + 1;
            if (i < line.length() && line.charAt(i) == '"')
            {
                i++;
                boolean closed = false;
                while (i < line.length())
                {
                    final char c = line.charAt(i++);
                    if (c != '"')
                    {
                        field.append(c);
                    }
                    else if (i < line.length() && line.charAt(i) == '"')
                    {
                        field.append('"');
                        i++;
                    }
                    else
                    {
                        closed = true;
                        break;
                    }
                }
                if (!closed)
                {
                    return "field " + fieldNumber + " opens a quote that is not closed on this line";
                }
                while (i < line.length() && line.charAt(i) == ' ')
                {
                    i++;
                }
                if (i < line.length() && line.charAt(i) != ',')
                {
                    return "field " + fieldNumber + " has text after its closing quote";
                }
            }
            else
            {
                while (i < line.length() && line.charAt(i) != ',')
                {
                    final char c = line.charAt(i++);
                    if (c == '"')
                    {
                        return "field " + fieldNumber + " has a quote inside an unquoted value";
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString());
            if (i >= line.length())
            {
                return null;
            }
            i++;
        }
    }

    private static Byte[] box(final byte[] bytes)
    {
        final Byte[] boxed = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++)
        {
            boxed[i] = bytes[i];
        }
        return boxed;
    }

    private static byte[] unbox(final List<Byte> bytes)
    {
        final byte[] unboxed = new byte[bytes.size()];
        for (int i = 0; i < unboxed.length; i++)
        {
            unboxed[i] = bytes.get(i);
        }
        return unboxed;
    }

    private static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /**
     * Hands its bytes over at most a few at a time, and sometimes none, as a pipe or a slow disk may.
     */
    private static final class TrickleInputStream extends InputStream
    {
        private final byte[] bytes;
        private final int most;
        private int position;
        private int reads;

        TrickleInputStream(final byte[] bytes, final int most)
        {
            this.bytes = bytes;
            this.most = most;
        }

        @Override
        public int read()
        {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(final byte[] into, final int offset, final int length)
        {
            if (position == bytes.length)
            {
                return -1;
            }
            if (++reads % 3 == 0)
            {
                return 0;
            }
            final int n = Math.min(Math.min(length, most), bytes.length - position);
            System.arraycopy(bytes, position, into, offset, n);
            position += n;
            return n;
        }
    }
}
