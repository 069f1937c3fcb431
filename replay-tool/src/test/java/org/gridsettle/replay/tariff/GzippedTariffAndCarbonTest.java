package org.gridsettle.replay.tariff;

import org.gridsettle.replay.ingest.CarbonFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line tells a tariff's format, and a carbon file's kind, from the gunzipped content of a gzipped file,
 * as it reads usage files: a sniff of the raw bytes saw gzip's header and called the file "not JSON". The inputs are
 * the public samples in src/test/resources/ingest (copied unchanged from /work/shared/data); each gzipped read is
 * compared with the plain file's own.
 */
class GzippedTariffAndCarbonTest
{
    @TempDir
    Path tmp;

    @Test
    void aGzippedTariffIsDetectedAndReadLikeThePlainFile() throws Exception
    {
        final Path urdb = resource("/ingest/urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json");
        final Path gridsettle = resource("/ingest/gridsettle_oracle_net_billing.json");

        assertThat(TariffFormat.detect(gzip(urdb))).isEqualTo(TariffFormat.URDB);
        assertThat(TariffFormat.detect(gzip(gridsettle))).isEqualTo(TariffFormat.GRIDSETTLE);
        assertThat(TariffFormat.isGridsettle(gzip(gridsettle))).isTrue();
        final String name = urdb.getFileName().toString();
        // the description names the file, and so differs by the ".gz" alone
        assertThat(TariffDocument.read(gzip(urdb), null).describe())
            .isEqualTo(TariffDocument.read(urdb, null).describe().replace(name, name + ".gz"));
    }

    @Test
    void aGzippedCarbonApiResponseIsTakenForJson() throws Exception
    {
        final Path plain = resource("/ingest/carbon_uk_national_pt24h_2023-03-15T0101Z.json");

        final CarbonFiles gzipped = CarbonFiles.read(List.of(gzip(plain)), "GB");

        assertThat(gzipped.intervals()).isEqualTo(CarbonFiles.read(List.of(plain), "GB").intervals()).isPositive();
    }

    /** Gzips under a new name ending .gz, as {@code gzip -k} does. */
    private Path gzip(final Path plain) throws IOException
    {
        final Path gzipped = tmp.resolve(plain.getFileName() + ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped)))
        {
            Files.copy(plain, out);
        }
        return gzipped;
    }

    private static Path resource(final String name) throws URISyntaxException
    {
        return Path.of(GzippedTariffAndCarbonTest.class.getResource(name).toURI());
    }
}
