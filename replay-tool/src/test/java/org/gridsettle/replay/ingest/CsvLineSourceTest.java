package org.gridsettle.replay.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lines of {@link CsvLineSource}: an ASCII line is taken as it is, without the strict decoder, and any other goes
 * through it, so that text beyond ASCII still reads right and bad UTF-8 is still one reported line.
 */
class CsvLineSourceTest
{
    @Test
    void asciiAndUtf8LinesReadAsTheirTextAndBadBytesAsAProblem() throws IOException
    {
        final byte[] bad = {'M', (byte)0xC3, '(', ',', '1'};
        final byte[] file = concat("\uFEFFmeter_id,zone\r\n".getBytes(StandardCharsets.UTF_8),
            "M-1,Z\u00fcrich \u2014 \uD83C\uDF1E\n".getBytes(StandardCharsets.UTF_8),
            bad, "\nlast".getBytes(StandardCharsets.UTF_8));
        final CsvLineSource lines = new CsvLineSource(new ByteArrayInputStream(file));
        final List<String> read = new ArrayList<>();
        while (lines.next())
        {
            read.add(lines.lineNumber() + ":" + (lines.problem() == null ? lines.text() : "problem " + lines.problem()));
        }

        assertThat(read).containsExactly(
            "1:meter_id,zone",
            "2:M-1,Z\u00fcrich \u2014 \uD83C\uDF1E",
            "3:problem invalid UTF-8: byte 0xC3 at byte 2 of the line, expected UTF-8 text",
            "4:last");
    }

    private static byte[] concat(final byte[]... parts)
    {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
