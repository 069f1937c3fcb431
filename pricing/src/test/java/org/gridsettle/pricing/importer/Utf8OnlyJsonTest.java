package org.gridsettle.pricing.importer;

import org.gridsettle.pricing.carbon.UkCarbonIntensityJsonImporter;
import org.gridsettle.pricing.importer.gridsettle.GridsettleTariffReader;
import org.gridsettle.pricing.importer.urdb.UrdbImportException;
import org.gridsettle.pricing.importer.urdb.UrdbImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JSON readers take UTF-8 only: Jackson guessed UTF-16 and UTF-32 and read such a URDB file, so settle rerate
 * priced a file that settle ingest and settle bill refused as "not JSON". Each reader now refuses it in the same words.
 * The documents are the test resources (the URDB and carbon ones copied unchanged from /work/shared/data) re-encoded
 * here.
 */
class Utf8OnlyJsonTest
{
    private static final String URDB = "/urdb/urdb_OpenStudioHPXML_Sample_Tiered_Time-of-Use_Rate.json";

    @TempDir
    Path tmp;

    @Test
    void aUrdbFileInUtf16WithAByteOrderMarkIsRefusedAtItsStart() throws Exception
    {
        final Path file = reencode(URDB, "rate.json", new byte[] {(byte)0xFF, (byte)0xFE}, StandardCharsets.UTF_16LE);

        assertThatThrownBy(() -> new UrdbImporter().read(file)).isInstanceOf(UrdbImportException.class)
            .hasMessage("rate.json:1:1: unreadable URDB JSON at (document root): expected UTF-8 text, found UTF-16LE " +
                "(byte order mark FF FE): save the file as UTF-8");
    }

    @Test
    void aUrdbFileInUtf16OrUtf32WithoutAByteOrderMarkIsRefusedToo() throws Exception
    {
        final Path be = reencode(URDB, "be.json", new byte[0], StandardCharsets.UTF_16BE);
        final Path le32 = reencode(URDB, "le32.json", new byte[0], Charset.forName("UTF-32LE"));

        assertThatThrownBy(() -> new UrdbImporter().read(be)).isInstanceOf(UrdbImportException.class)
            .hasMessageContaining("expected UTF-8 text, found UTF-16BE (a zero byte before the first character)");
        assertThatThrownBy(() -> new UrdbImporter().read(le32)).isInstanceOf(UrdbImportException.class)
            .hasMessageContaining("expected UTF-8 text, found UTF-32LE (three zero bytes after the first character)");
    }

    @Test
    void aUtf8ByteOrderMarkIsStillAccepted() throws Exception
    {
        final Path file = reencode(URDB, "bom.json", new byte[] {(byte)0xEF, (byte)0xBB, (byte)0xBF},
            StandardCharsets.UTF_8);

        assertThat(new UrdbImporter().read(file)).hasSize(1);
    }

    @Test
    void theCarbonApiAndGridsettleReadersRefuseUtf16InTheSameWords() throws Exception
    {
        final Path carbon = reencode("/carbon/carbon_uk_national_pt24h_2023-03-15T0101Z.json", "uk.json",
            new byte[] {(byte)0xFE, (byte)0xFF}, StandardCharsets.UTF_16BE);
        final Path tariff = reencode("/tariffs/nem_tou.json", "nem.json", new byte[] {(byte)0xFF, (byte)0xFE},
            StandardCharsets.UTF_16LE);

        assertThatThrownBy(() -> new UkCarbonIntensityJsonImporter().importFile(carbon, "GB"))
            .isInstanceOf(ImportException.class)
            .hasMessage("uk.json: line 1: expected UTF-8 text, found UTF-16BE (byte order mark FE FF): save the file " +
                "as UTF-8");
        // this one refused before too, but as "Input length = 1", which said nothing of the encoding
        assertThatThrownBy(() -> new GridsettleTariffReader().read(tariff)).isInstanceOf(ImportException.class)
            .hasMessageContaining("expected UTF-8 text, found UTF-16LE (byte order mark FF FE)");
    }

    @Test
    void plainTextStartsAreNotMistakenForAnotherEncoding()
    {
        assertThat(Utf8Only.refusal("{\"a\":1}".getBytes(StandardCharsets.UTF_8), 4)).isNull();
        assertThat(Utf8Only.refusal("{".getBytes(StandardCharsets.UTF_8), 1)).isNull();
        assertThat(Utf8Only.refusal(new byte[0], 0)).isNull();
        assertThat(Utf8Only.refusal("\u00e9t\u00e9".getBytes(StandardCharsets.UTF_8), 4)).isNull();
    }

    private Path reencode(final String resource, final String name, final byte[] prefix, final Charset charset)
        throws Exception
    {
        final String text = Files.readString(Path.of(Utf8OnlyJsonTest.class.getResource(resource).toURI()));
        final byte[] body = text.getBytes(charset);
        final byte[] bytes = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        System.arraycopy(body, 0, bytes, prefix.length, body.length);
        return Files.write(tmp.resolve(name), bytes);
    }

    @Test
    void aBadUtf8SequenceInsideAJsonFileIsNamedInWordsAtItsPlace() throws Exception
    {
        // the carbon sample with the bytes C3 28 in a field name: C3 starts a two-byte sequence, 28 cannot end one
        final byte[] sample = Files.readAllBytes(Path.of(getClass().getResource(
            "/carbon/carbon_uk_national_pt24h_2023-03-15T0101Z.json").toURI()));
        final String text = new String(sample, StandardCharsets.ISO_8859_1).replaceFirst("\"forecast\"",
            "\"fore\u00c3(cast\"");
        final Path file = Files.write(tmp.resolve("carbon.json"), text.getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> new UkCarbonIntensityJsonImporter().importFile(file, "GB"))
            .hasMessageContaining("carbon.json: data[0].intensity (line 7, column ")
            .hasMessageEndingWith("found bytes that are not UTF-8 text here: save the file as UTF-8")
            .hasMessageNotContaining("0xffff");
    }
}
