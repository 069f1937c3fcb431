package org.gridsettle.replay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token {@code settle ingest} mints export credits in. A gridsettle tariff names it ({@code export_token}, a
 * required field); ingest minted every export in SOLAR, its own default, whatever the file said, so a net-metering
 * tariff written for NEM credits posted them in SOLAR without a word. The tariff is the hand-written net-metering
 * TOU rate below (export_token NEM, off-peak 0.3620 on a Sunday); the readings are hand-made.
 */
class IngestExportTokenCommandTest
{
    private static final String NEM_TARIFF = String.join("\n",
        "{\"format\": \"gridsettle-tariff/1\", \"id\": 7002, \"version\": 1,",
        " \"effective_from\": \"2024-03-01\", \"zone\": \"America/Los_Angeles\",",
        " \"currency\": \"USD\", \"export_token\": \"NEM\",",
        " \"periods\": [{\"name\": \"off-peak\", \"import\": \"0.3620\", \"export\": \"0.3620\"}],",
        " \"schedule\": {\"default_period\": \"off-peak\", \"seasons\": [{\"months\": [1,2,3,4,5,6,7,8,9,10,11,12],",
        "   \"weekday\": {}, \"weekend\": {}}]},",
        " \"export_rule\": {\"type\": \"net_metering\", \"net_surplus_rate\": \"0.04\"}}");

    @TempDir
    Path tmp;

    @Test
    void exportCreditsAreMintedInTheGridsettleTariffsOwnExportToken() throws IOException
    {
        final CliRun run = ingest(tmp.resolve("j"), usage("2024-03-03T12:00:00-08:00,3600,0,1000"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        // 1,000 Wh x 0.3620 = 0.362000, provisional until the billing period closes
        assertThat(run.out()).contains("token NEM    export_credit 0.362000\n").doesNotContain("SOLAR");
    }

    @Test
    void anExplicitExportTokenStillReplacesTheTariffs() throws IOException
    {
        final CliRun run = ingest(tmp.resolve("j"), usage("2024-03-03T12:00:00-08:00,3600,0,1000"),
            "--export-token", "SOLAR");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("token SOLAR  export_credit 0.362000\n");
    }

    @Test
    void appendingToAJournalThatMintsInAnotherTokenNamesTheTokenAndTheOptionThatKeepsIt() throws IOException
    {
        final Path journal = tmp.resolve("j");
        // a journal whose tariff mints exports in SOLAR, as every ingest of a gridsettle tariff did before
        final CliRun first = ingest(journal, usage("2024-03-03T12:00:00-08:00,3600,0,1000"),
            "--export-token", "SOLAR");
        assertThat(first.exitCode()).as(first.err()).isZero();

        final CliRun second = ingest(journal, usage("2024-03-03T13:00:00-08:00,3600,0,500"));

        assertThat(second.exitCode()).isEqualTo(2);
        assertThat(second.err()).contains("mints export credits in SOLAR, not the tariff file's NEM: give " +
            "--export-token SOLAR to append to it");
    }

    private Path usage(final String row) throws IOException
    {
        return Files.writeString(tmp.resolve("u" + System.nanoTime() + ".csv"),
            "meter_id,interval_start,interval_seconds,import_wh,export_wh\nnem1," + row + "\n");
    }

    private CliRun ingest(final Path journal, final Path usage, final String... extra) throws IOException
    {
        final Path tariff = Files.writeString(tmp.resolve("nem.json"), NEM_TARIFF);
        final Path meters = Files.writeString(tmp.resolve("meters.csv"), "meter_id,account_id\nnem1,3001\n");
        final String[] base = {"ingest", "--journal", journal.toString(), "--tariff", tariff.toString(), "--meters",
            meters.toString(), "--usage", usage.toString()};
        final String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }
}
