package org.gridsettle.replay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.replay.demo.DemoTariff;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code settle audit --meter} on a meter that moved to another account at a billing-period boundary (a move-out and
 * move-in, which the engine accepts once the old period is closed): the meter's postings are under both accounts,
 * and the audit of the meter must show both, not only those of the account it was last enrolled on.
 */
class AuditMovedMeterTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long METER = 42;
    private static final long FIRST = 100_000;
    private static final long SECOND = 100_001;
    /** 2026-03-01 00:00 and 2026-04-01 00:00 in Los Angeles (PST, then PDT): a billing period of the demo tariff. */
    static final long MARCH = Instant.parse("2026-03-01T08:00:00Z").getEpochSecond();
    static final long APRIL = Instant.parse("2026-04-01T07:00:00Z").getEpochSecond();

    @TempDir
    static Path dir;

    private static Path journal;

    @TempDir
    Path tmp;

    @BeforeAll
    static void aMeterMovedAtThePeriodClose()
    {
        journal = dir.resolve("journal");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).build().start())
        {
            engine.publishTariff(DemoTariff.create(MARCH));
            engine.registerAccount(FIRST);
            engine.registerAccount(SECOND);
            engine.enrolMeter(METER, FIRST, DemoTariff.TARIFF_ID, MARCH);
            engine.submitTick(METER, MeterTickCodec.CHANNEL_MAIN, MARCH, 3_600, 1_000, 0);
            engine.calendar(CalendarCodec.END_OF_DAY, MARCH + 86_400, DemoTariff.TARIFF_ID);
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, DemoTariff.TARIFF_ID);
            // the move-in of the next tenant, from the start of the next period
            engine.enrolMeter(METER, SECOND, DemoTariff.TARIFF_ID, APRIL);
            engine.submitTick(METER, MeterTickCodec.CHANNEL_MAIN, APRIL, 3_600, 2_000, 0);
        }
        final CliRun rejections = CliRun.of("dump", "--journal", journal.toString());
        assertThat(rejections.exitCode()).as(rejections.err()).isZero();
        assertThat(rejections.out()).as("the move is accepted").doesNotContain("\"type\":\"rejection\"");
    }

    @Test
    void theMetersAuditHasItsPostingsUnderEveryAccountItWasOn() throws IOException
    {
        final JsonNode report = auditJson("--meter", "" + METER);

        final Map<Long, Map<String, Long>> importWh = new TreeMap<>();
        for (final JsonNode account : report.get("accounts"))
        {
            assertThat(account.get("meters").toString()).isEqualTo("[" + METER + "]");
            for (final JsonNode day : account.get("days"))
            {
                if (day.get("importWh").asLong() != 0)
                {
                    importWh.computeIfAbsent(account.get("account").asLong(), (a) -> new TreeMap<>())
                        .put(day.get("date").asText(), day.get("importWh").asLong());
                }
            }
        }
        // the two ticks submitted above, each on the account the meter was on at the time
        assertThat(importWh).isEqualTo(Map.of(FIRST, Map.of("2026-03-01", 1_000L),
            SECOND, Map.of("2026-04-01", 2_000L)));
    }

    @Test
    void theFirstAccountsAuditListsTheMeterItHadThen() throws IOException
    {
        final JsonNode report = auditJson("--account", "" + FIRST);

        assertThat(report.get("accounts").get(0).get("meters").toString()).isEqualTo("[" + METER + "]");
    }

    private JsonNode auditJson(final String option, final String id) throws IOException
    {
        final Path out = tmp.resolve("audit.json");
        final CliRun run = CliRun.of("audit", "--journal", journal.toString(), option, id, "--format", "json",
            "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(out.toFile());
    }
}
