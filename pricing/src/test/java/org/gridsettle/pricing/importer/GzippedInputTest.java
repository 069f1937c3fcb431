package org.gridsettle.pricing.importer;

import org.gridsettle.pricing.carbon.CarbonCsvImporter;
import org.gridsettle.pricing.carbon.CarbonIntensitySeries;
import org.gridsettle.pricing.carbon.UkCarbonIntensityJsonImporter;
import org.gridsettle.pricing.importer.gridsettle.GridsettleTariffReader;
import org.gridsettle.pricing.importer.urdb.UrdbImporter;
import org.gridsettle.pricing.importer.urdb.UrdbRate;
import org.gridsettle.pricing.oracle.OraclePriceCsvImporter;
import org.gridsettle.pricing.oracle.OraclePriceSeries;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every file importer of this module reads a gzipped file (as {@code gzip -k} makes it) to the same result as the
 * plain file, as the usage readers of the command line always did. The inputs are the test resources, which for URDB
 * and carbon are the public samples of /work/shared/data copied unchanged; the expected result is the plain file's
 * own import, so no number here is hard-coded.
 */
class GzippedInputTest
{
    @TempDir
    Path tmp;

    @Test
    void urdbRatesReadTheSameGzipped() throws Exception
    {
        final Path plain = resource("/urdb/urdb_OpenStudioHPXML_Sample_Tiered_Time-of-Use_Rate.json");
        final List<UrdbRate> expected = new UrdbImporter().read(plain);

        final List<UrdbRate> actual = new UrdbImporter().read(gzip(plain));

        assertThat(expected).hasSize(1);
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }

    @Test
    void ukCarbonResponseReadsTheSameGzipped() throws Exception
    {
        final Path plain = resource("/carbon/carbon_uk_national_pt24h_2023-03-15T0101Z.json");
        final CarbonIntensitySeries expected = new UkCarbonIntensityJsonImporter().importFile(plain, "GB");

        final CarbonIntensitySeries actual = new UkCarbonIntensityJsonImporter().importFile(gzip(plain), "GB");

        assertThat(expected.size()).isEqualTo(48);
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }

    @Test
    void carbonCsvReadsTheSameGzipped() throws Exception
    {
        final Path plain = resource("/carbon/regions_mg.csv");
        final NavigableMap<String, CarbonIntensitySeries> expected = new CarbonCsvImporter().importFile(plain);

        final NavigableMap<String, CarbonIntensitySeries> actual = new CarbonCsvImporter().importFile(gzip(plain));

        assertThat(expected).isNotEmpty();
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }

    @Test
    void oraclePricesReadTheSameGzippedWhetherBadRowsStopOrAreSkipped() throws Exception
    {
        final Path plain = resource("/oracle/prices_per_mwh.csv");
        final NavigableMap<String, OraclePriceSeries> expected = new OraclePriceCsvImporter().importFile(plain);
        final Path gzipped = gzip(plain);
        final List<ImportException> skipped = new ArrayList<>();

        final NavigableMap<String, OraclePriceSeries> strict = new OraclePriceCsvImporter().importFile(gzipped);
        final NavigableMap<String, OraclePriceSeries> lenient =
            new OraclePriceCsvImporter().importFileSkippingBadRows(gzipped, skipped::add);

        assertThat(expected).isNotEmpty();
        assertThat(strict).usingRecursiveComparison().isEqualTo(expected);
        assertThat(lenient).usingRecursiveComparison().isEqualTo(expected);
        assertThat(skipped).isEmpty();
    }

    @Test
    void gridsettleTariffReadsTheSameGzipped() throws Exception
    {
        final Path plain = resource("/tariffs/nem_tou.json");
        final TouTariff expected = new GridsettleTariffReader().read(plain);

        final TouTariff actual = new GridsettleTariffReader().read(gzip(plain));

        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }

    @Test
    void aGzippedFileCutShortIsAnIoErrorNotBadContent() throws Exception
    {
        final byte[] whole = Files.readAllBytes(gzip(resource("/oracle/prices_per_mwh.csv")));
        final Path cut = Files.write(tmp.resolve("cut.csv"), java.util.Arrays.copyOf(whole, whole.length - 8));

        // the 8-byte trailer (CRC-32 and length) is what proves the data whole; without it the read must fail
        assertThatThrownBy(() -> new OraclePriceCsvImporter().importFile(cut)).isInstanceOf(IOException.class)
            .hasMessageContaining("the gzip data ends early: the file was cut short");
    }

    @Test
    void checkGzipDataReadsAGzippedFileWholeAndAPlainOneNotAtAll() throws Exception
    {
        final Path plain = resource("/oracle/prices_per_mwh.csv");
        final byte[] whole = Files.readAllBytes(gzip(plain));
        // one byte of the deflate data inverted, past the 10-byte header and before the 8-byte trailer: found at the
        // trailer's CRC-32 at the latest, after garbage was gunzipped
        final byte[] damaged = whole.clone();
        damaged[whole.length / 2] = (byte)~damaged[whole.length / 2];
        final Path bad = Files.write(tmp.resolve("damaged.csv.gz"), damaged);

        GzipAwareInput.checkGzipData(plain);
        GzipAwareInput.checkGzipData(gzip(plain));
        assertThatThrownBy(() -> GzipAwareInput.checkGzipData(bad)).isInstanceOf(IOException.class)
            .hasMessageStartingWith("the gzip data is damaged ");
    }

    @Test
    void openRefusesAFileDamagedInTheMiddleBeforeItsFirstByteIsParsed() throws Exception
    {
        final Path plain = resource("/oracle/prices_per_mwh.csv");
        final byte[] damaged = Files.readAllBytes(gzip(plain));
        damaged[damaged.length / 2] = (byte)~damaged[damaged.length / 2];
        final Path bad = Files.write(tmp.resolve("damaged.csv.gz"), damaged);

        // the stream would give the text before the damage first; the importers parse as they read
        assertThatThrownBy(() -> GzipAwareInput.open(bad).close()).isInstanceOf(IOException.class)
            .hasMessageStartingWith("the gzip data is damaged ");
        try (InputStream in = GzipAwareInput.open(gzip(plain)))
        {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(plain));
        }
    }

    // a URDB rate cut the same way is one plain line: no "-1:-1" for a location it does not have, no JDK wording
    @Test
    void aGzippedUrdbRateCutShortSaysSoInOneLine() throws Exception
    {
        final Path whole = gzip(resource("/urdb/urdb_OpenStudioHPXML_Sample_Tiered_Time-of-Use_Rate.json"));
        final byte[] bytes = Files.readAllBytes(whole);
        final Path cut = Files.write(tmp.resolve("cut.json.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> new UrdbImporter().read(cut)).hasMessage("cut.json.gz: unreadable URDB JSON at " +
            "(document): cannot read: the gzip data ends early: the file was cut short (a partial download or " +
            "copy?); fetch or copy it again");
    }

    /** Gzips under the same file name, so that the source named in results is the same: gzip is told by content. */
    private Path gzip(final Path plain) throws IOException
    {
        final Path gzipped = Files.createDirectories(tmp.resolve("gzipped")).resolve(plain.getFileName());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped)))
        {
            Files.copy(plain, out);
        }
        return gzipped;
    }

    private static Path resource(final String name) throws URISyntaxException
    {
        return Path.of(GzippedInputTest.class.getResource(name).toURI());
    }
}
