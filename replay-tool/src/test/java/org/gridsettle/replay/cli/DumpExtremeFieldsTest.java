package org.gridsettle.replay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An input is journalled before the engine judges it, so a journal may hold any value in a time field: an interest
 * accrual for day {@code Long.MAX_VALUE}, a tick starting at {@code Long.MIN_VALUE}, a tariff version with such a
 * holiday. {@code settle dump} writes such a field as its number (no ISO-8601 date shows it) and dumps the whole
 * journal. Before, it stopped at the first of them ({@code settle dump: Invalid value for EpochDay ...}, exit 2),
 * after half a line of JSON.
 */
class DumpExtremeFieldsTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aJournalWithTimeFieldsNoIsoDateShowsDumpsWholeWithThoseFieldsAsNumbers() throws IOException
    {
        final Path journal = dir.resolve("journal");
        final int[] hours = new int[24];
        final TouTariff tariff = TouTariff.hourly(11, 1, 0, "USD", "SOLAR", ZoneId.of("UTC"),
            List.of(new TouPeriod("flat", 300_000, 50_000)), hours, hours);
        final TouTariff withHoliday = new TouTariff(11, 2, 86_400, "USD", "SOLAR", ZoneId.of("UTC"),
            tariff.slotMinutes(), List.of(tariff.period(0)), tariff.scheduleCopy(), new long[] {Long.MAX_VALUE});
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).build().start())
        {
            engine.publishTariff(tariff);                                                       // 1
            engine.publishTariff(withHoliday);                                                  // 2
            engine.accrueInterest(1, TokenSymbol.pack("SOLAR"), 500, Long.MAX_VALUE);           // 3
            engine.accrueInterest(2, TokenSymbol.pack("SOLAR"), 500, Long.MIN_VALUE);           // 4
            engine.submitTick(1, 0, Long.MIN_VALUE, 900, 1, 0);                                 // 5
            engine.enrolMeter(1, 1001, 11, Long.MAX_VALUE);                                     // 6
            engine.calendar(CalendarCodec.END_OF_DAY, Long.MIN_VALUE, 11);                      // 7
            engine.publishDrEvent(1, TokenSymbol.pack("DR"), 11, Long.MAX_VALUE - 3_600, Long.MAX_VALUE, 1,
                BaselineMethod.DECLARED, 1);                                                    // 8
        }
        final CliRun inputs = CliRun.of("dump", "--journal", journal.toString(), "--input");
        assertThat(inputs.exitCode()).as(inputs.err()).isZero();
        final List<JsonNode> records = parse(inputs.out());
        assertThat(records).hasSize(8);
        assertThat(records.get(1).get("holidays").get(0).asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(records.get(2).get("day").isNumber()).isTrue();
        assertThat(records.get(2).get("day").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(records.get(3).get("day").asLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(records.get(4).get("intervalStart").asLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(records.get(5).get("effectiveFrom").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(records.get(6).get("at").asLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(records.get(7).get("end").asLong()).isEqualTo(Long.MAX_VALUE);
        // a time an ISO-8601 instant shows is still written as one
        assertThat(records.get(0).get("effectiveFrom").asText()).isEqualTo("1970-01-01T00:00:00Z");

        final CliRun outputs = CliRun.of("dump", "--journal", journal.toString());
        assertThat(outputs.exitCode()).as(outputs.err()).isZero();
        assertThat(parse(outputs.out())).isNotEmpty();
    }

    private static List<JsonNode> parse(final String lines) throws IOException
    {
        final List<JsonNode> records = new ArrayList<>();
        for (final String line : lines.split("\n"))
        {
            if (!line.isBlank())
            {
                records.add(MAPPER.readTree(line));
            }
        }
        return records;
    }
}
