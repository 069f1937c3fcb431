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
 * {@code settle audit} files a billing period's TRUE_UP under the period's last local day, the day that ends at the
 * close, whatever came before it in the output journal. A net-metering household exports on 2026-03-01 and imports
 * on 2026-03-30; the host ends both days, then sends a correction of the 2026-03-01 export (which posts under that
 * day, its tick's) just before it closes the period on 2026-04-01 00:00 local. The true-up used to be filed under
 * the day of the transfer before it in the output journal, here the correction's 2026-03-01.
 */
class AuditPeriodCloseDayTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long METER = 7;
    private static final long ACCOUNT = 100_007;
    /** The billing period of 2026-03 in Los Angeles, as {@link AuditMovedMeterTest} closes it. */
    private static final long MARCH = AuditMovedMeterTest.MARCH;
    private static final long APRIL = AuditMovedMeterTest.APRIL;
    /** 2026-03-30 12:00 and 2026-03-31 00:00 in Los Angeles (PDT). */
    private static final long MARCH_30_NOON = Instant.parse("2026-03-30T19:00:00Z").getEpochSecond();
    private static final long MARCH_31 = Instant.parse("2026-03-31T07:00:00Z").getEpochSecond();

    @TempDir
    static Path dir;

    private static Path journal;

    @TempDir
    Path tmp;

    @BeforeAll
    static void aCorrectionJustBeforeThePeriodClose()
    {
        journal = dir.resolve("journal");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).build().start())
        {
            engine.publishTariff(DemoTariff.createNetMetering(MARCH));
            engine.registerAccount(ACCOUNT);
            engine.enrolMeter(METER, ACCOUNT, DemoTariff.NEM_TARIFF_ID, MARCH);
            engine.submitTick(METER, MeterTickCodec.CHANNEL_MAIN, MARCH + 12 * 3_600, 3_600, 0, 3_000);
            engine.calendar(CalendarCodec.END_OF_DAY, MARCH + 86_400, DemoTariff.NEM_TARIFF_ID);
            engine.submitTick(METER, MeterTickCodec.CHANNEL_MAIN, MARCH_30_NOON, 3_600, 1_000, 0);
            engine.calendar(CalendarCodec.END_OF_DAY, MARCH_31, DemoTariff.NEM_TARIFF_ID);
            engine.submitCorrection(METER, MeterTickCodec.CHANNEL_MAIN, MARCH + 12 * 3_600, 3_600, 0, 3_500);
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, DemoTariff.NEM_TARIFF_ID);
        }
    }

    @Test
    void theTrueUpIsFiledUnderThePeriodsLastDay() throws IOException
    {
        final CliRun dump = CliRun.of("dump", "--journal", journal.toString());
        assertThat(dump.out()).as("the close posts a true-up").contains("\"reason\":\"TRUE_UP\"");
        final Path out = tmp.resolve("audit.json");
        final CliRun run = CliRun.of("audit", "--journal", journal.toString(), "--format", "json", "--out",
            out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        final Map<String, String> trueUpDays = new TreeMap<>();
        for (final JsonNode day : JSON.readTree(out.toFile()).get("accounts").get(0).get("days"))
        {
            for (final JsonNode posting : day.get("postings"))
            {
                if (posting.get("reason").asText().equals("TRUE_UP"))
                {
                    trueUpDays.put(day.get("date").asText(), posting.get("token").asText());
                }
            }
        }
        assertThat(trueUpDays).isNotEmpty().containsOnlyKeys("2026-03-31");
    }
}
