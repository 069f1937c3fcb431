package org.gridsettle.replay.tariff;

import org.gridsettle.replay.rerate.UrdbReplacement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A URDB file in UTF-16 is refused alike by settle ingest and settle bill (which detect the tariff's format first)
 * and by settle rerate (which reads it as URDB straight away, and priced it). The rate is the public FPL RS-1 sample
 * in src/test/resources/ingest, copied unchanged from /work/shared/data and re-encoded here as Notepad saves
 * "Unicode": UTF-16LE with a byte order mark.
 */
class Utf16TariffTest
{
    private static final String REASON = "expected UTF-8 text, found UTF-16LE (byte order mark FF FE): save the file " +
        "as UTF-8";

    @TempDir
    Path tmp;

    @Test
    void ingestBillAndRerateRefuseAUtf16UrdbFileInTheSameWords() throws Exception
    {
        final String text = Files.readString(Path.of(Utf16TariffTest.class.getResource(
            "/ingest/urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json").toURI()));
        final Path file = tmp.resolve("rate.json");
        Files.write(file, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE));

        // settle ingest and settle bill, format detected or given
        assertThatThrownBy(() -> TariffDocument.read(file, null)).hasMessage("rate.json: " + REASON);
        assertThatThrownBy(() -> TariffDocument.read(file, TariffFormat.URDB)).hasMessageEndingWith(REASON);
        // settle rerate
        assertThatThrownBy(() -> UrdbReplacement.read(file, null)).hasMessageEndingWith(REASON);
    }
}
