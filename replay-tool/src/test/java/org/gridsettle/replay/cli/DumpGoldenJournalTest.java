package org.gridsettle.replay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code settle dump} on the golden journal of format version 1 (engine's {@code src/test/resources/golden/v1},
 * scenario in {@code GoldenJournalGenerator.write}), which holds every record type. Whole lines are pinned, so
 * that the dump's rendering is as stable as the format: scripts parse it.
 * <p>
 * Expected values: input sequences and amounts as worked out in {@code GoldenJournalTest} (for example input 6,
 * 100 Wh at 312,345 micro-units per kWh = 31,234.5, half-even 31,234 = "0.031234"); times are the golden
 * scenario's local times in America/Los_Angeles (PST, UTC-8) printed in UTC; chain values and the SHA-256 are
 * those the golden journal holds (also pinned by {@code GoldenJournalTest}).
 */
class DumpGoldenJournalTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path journal;

    @BeforeEach
    void copyGoldenJournal() throws IOException, URISyntaxException
    {
        journal = GoldenJournals.copy("v1", tmp);
    }

    @Test
    void outputRecordsDumpToPinnedLines()
    {
        final CliRun run = CliRun.of("dump", "--journal", journal.toString(), "--checkpoints");
        assertThat(run.exitCode()).as(run.err()).isZero();
        final List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(23);

        // input 6: 100 Wh at local noon (20:00Z), off-peak
        assertThat(lines.get(0)).isEqualTo("{\"journal\":\"output\",\"position\":0,\"type\":\"transfer\"," +
            "\"schemaVersion\":1,\"length\":120,\"sequence\":1,\"cause\":6,\"debitAccount\":1001,\"creditAccount\":1," +
            "\"amount\":\"0.031234\",\"token\":\"USD\",\"reason\":\"ENERGY_CHARGE\",\"meterId\":1," +
            "\"intervalStart\":\"2026-03-02T20:00:00Z\",\"energyKwh\":\"0.100\",\"energyWh\":100," +
            "\"rate\":\"0.312345\",\"tariffId\":21,\"tariffVersion\":1,\"period\":0,\"tier\":0,\"reverses\":0," +
            "\"chain\":\"9108e147779a61fd\"}");
        // input 9, the exact duplicate of input 6: subject = meter 1, key = 2026-03-02T20:00:00Z in epoch seconds
        assertThat(lines.get(3)).isEqualTo("{\"journal\":\"output\",\"position\":3,\"type\":\"duplicate_ack\"," +
            "\"schemaVersion\":1,\"length\":48,\"sequence\":4,\"cause\":9,\"subject\":1,\"key\":1772481600," +
            "\"chain\":\"20701e7a7fbb751e\"}");
        // input 18: a day of 5% APY on 62,470 micro-units of SOLAR = 8 micro-units, from the yield account (5)
        assertThat(lines.get(13)).isEqualTo("{\"journal\":\"output\",\"position\":13,\"type\":\"transfer\"," +
            "\"schemaVersion\":1,\"length\":120,\"sequence\":14,\"cause\":18,\"debitAccount\":5," +
            "\"creditAccount\":1002,\"amount\":\"0.000008\",\"token\":\"SOLAR\",\"reason\":\"INTEREST\"," +
            "\"meterId\":0,\"intervalStart\":\"2026-03-02T00:00:00Z\",\"balance\":\"0.062470\",\"apyBps\":500," +
            "\"tariffId\":0,\"tariffVersion\":0,\"period\":0,\"tier\":0,\"reverses\":0," +
            "\"chain\":\"18150bccd4a76249\"}");
        // the close checkpoint binds the 24 inputs and the input journal's chain head
        assertThat(lines.get(22)).isEqualTo("{\"journal\":\"output\",\"position\":22,\"type\":\"checkpoint\"," +
            "\"schemaVersion\":1,\"length\":104,\"sequence\":0,\"cause\":0,\"recordsCovered\":22," +
            "\"lastSequence\":22,\"kind\":\"close\"," +
            "\"sha256\":\"110909dc9362c20210a817ea02135395b59403d985f32c6e042fb735d4a14e85\",\"boundRecords\":24," +
            "\"boundChain\":\"21b9a26fa417f590\",\"chain\":\"176ddb80f4be9cfa\"}");
        // input 8: 300 Wh at 17:00 local (01:00Z next day), peak: 149,629.5 -> half-even 149,630
        assertThat(lines.get(2)).contains("\"amount\":\"0.149630\"", "\"rate\":\"0.498765\"", "\"period\":1");
        // input 11 reverses the posting of input 6 exactly
        assertThat(lines.get(5)).contains("\"debitAccount\":1,\"creditAccount\":1001,\"amount\":\"0.031234\"")
            .contains("\"reverses\":6");
    }

    @Test
    void inputRecordsDumpWithEveryFieldByName() throws IOException
    {
        final CliRun run = CliRun.of("dump", "--journal", journal.toString(), "--input");
        assertThat(run.exitCode()).as(run.err()).isZero();
        final List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(24);

        assertThat(lines.get(4)).isEqualTo("{\"journal\":\"input\",\"position\":4,\"type\":\"meter_enrolment\"," +
            "\"schemaVersion\":1,\"length\":80,\"sequence\":5,\"meterId\":2,\"accountId\":1002,\"tariffId\":21," +
            "\"effectiveFrom\":\"2026-03-02T08:00:00Z\",\"programs\":1,\"netMetering\":true," +
            "\"demandResponse\":false,\"carbonRegion\":\"CAISO\",\"chain\":\"6e8d5ee7f4e78f12\"}");
        assertThat(lines.get(10)).isEqualTo("{\"journal\":\"input\",\"position\":10,\"type\":\"meter_tick\"," +
            "\"schemaVersion\":1,\"length\":72,\"sequence\":11,\"meterId\":1,\"channel\":0," +
            "\"intervalStart\":\"2026-03-02T20:00:00Z\",\"intervalSeconds\":900,\"importKwh\":\"0.150\"," +
            "\"importWh\":150,\"exportKwh\":\"0.000\",\"exportWh\":0,\"flags\":1,\"correction\":true," +
            "\"chain\":\"5e8642194721f85e\"}");

        final JsonNode tariff = MAPPER.readTree(lines.get(0));
        assertThat(tariff.get("type").asText()).isEqualTo("tariff_version");
        // 152 + 2 periods x 48 + 12 x 3 x 24 schedule + 1 holiday x 8 + 8 chain = 1,128 bytes
        assertThat(tariff.get("length").asInt()).isEqualTo(1128);
        assertThat(tariff.get("fixedPerMonth").asText()).isEqualTo("10.000000");
        assertThat(tariff.get("periods").get(1).get("exportRate").asText()).isEqualTo("0.099875");
        assertThat(tariff.get("holidays")).hasSize(1);
        assertThat(tariff.get("holidays").get(0).asText()).isEqualTo("2026-05-25");
        assertThat(tariff.get("schedule").get(0).get("holiday").get(16).asInt()).isEqualTo(1);

        final JsonNode accrual = MAPPER.readTree(lines.get(17));
        assertThat(accrual.get("type").asText()).isEqualTo("interest_accrual");
        assertThat(accrual.get("day").asText()).isEqualTo("2026-03-02");
        assertThat(accrual.get("epochDay").asLong()).isEqualTo(20_514);
        final JsonNode close = MAPPER.readTree(lines.get(21));
        assertThat(close.get("kind").asText()).isEqualTo("period_close");
        assertThat(close.get("at").asText()).isEqualTo("2026-03-03T08:00:00Z");

        final Set<String> types = new TreeSet<>();
        for (final String line : lines)
        {
            types.add(MAPPER.readTree(line).get("type").asText());
        }
        assertThat(types).containsExactlyInAnyOrder("tariff_version", "account_registration", "meter_enrolment",
            "meter_tick", "redemption", "interest_accrual", "calendar");
    }

    @Test
    void aDrEventWithdrawalDumpsItsEventAndTariff() throws IOException, URISyntaxException
    {
        // golden v4's input 47 withdraws DR event 7002 of tariff 22 (GoldenJournalGenerator.writeVersion4)
        final Path v4 = GoldenJournals.copy("v4", tmp);
        final CliRun run = CliRun.of("dump", "--journal", v4.toString(), "--input", "--from", "47", "--limit", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        final List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).isEqualTo("{\"journal\":\"input\",\"position\":46,\"type\":\"dr_event_withdrawal\"," +
            "\"schemaVersion\":1,\"length\":56,\"sequence\":47,\"eventId\":7002,\"tariffId\":22," +
            "\"chain\":\"b8d16f89bd4743c2\"}");
    }

    @Test
    void anEnrolmentWithReadingLimitsDumpsThemAndOneWithoutStaysAsItWas() throws IOException, URISyntaxException
    {
        // golden v5's input 55 enrols meter 5 with 12 kW import and 5 kW export limits, 59 clears them
        // (GoldenJournalGenerator.writeVersion5); a schema-2 line has no limit fields, as before limits existed
        final Path v5 = GoldenJournals.copy("v5", tmp);
        final CliRun limited = CliRun.of("dump", "--journal", v5.toString(), "--input", "--from", "55", "--limit", "1");
        assertThat(limited.exitCode()).as(limited.err()).isZero();
        assertThat(limited.out().lines().toList()).containsExactly("{\"journal\":\"input\",\"position\":54," +
            "\"type\":\"meter_enrolment\",\"schemaVersion\":3,\"length\":120,\"sequence\":55,\"meterId\":5," +
            "\"accountId\":1005,\"tariffId\":21,\"effectiveFrom\":\"2026-03-02T08:00:00Z\",\"programs\":0," +
            "\"netMetering\":false,\"demandResponse\":false,\"carbonRegion\":null,\"pricingNode\":null," +
            "\"importLimitW\":12000,\"exportLimitW\":5000,\"chain\":\"37212db96558ac41\"}");
        final CliRun cleared = CliRun.of("dump", "--journal", v5.toString(), "--input", "--from", "59", "--limit", "1");
        assertThat(cleared.exitCode()).as(cleared.err()).isZero();
        final JsonNode line = MAPPER.readTree(cleared.out());
        assertThat(line.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(line.has("importLimitW")).isFalse();
        final CliRun refused = CliRun.of("dump", "--journal", v5.toString(), "--output", "--from", "49", "--limit", "1");
        assertThat(MAPPER.readTree(refused.out()).get("reason").asText()).isEqualTo("READING_ABOVE_LIMIT");
    }

    @Test
    void aDrEventWithAModificationNumberDumpsItAndOneWithoutStaysAsItWas() throws IOException, URISyntaxException
    {
        // golden v6's input 63 publishes DR event 7004 at OpenADR modification 3 (schema 2), 66 publishes 7005 without
        // one (GoldenJournalGenerator.writeVersion6); a schema-1 line has no modification field, as before format 6
        final Path v6 = GoldenJournals.copy("v6", tmp);
        final CliRun modified = CliRun.of("dump", "--journal", v6.toString(), "--input", "--from", "63", "--limit", "1");
        assertThat(modified.exitCode()).as(modified.err()).isZero();
        assertThat(modified.out().lines().toList()).containsExactly("{\"journal\":\"input\",\"position\":62," +
            "\"type\":\"dr_event\",\"schemaVersion\":2,\"length\":104,\"sequence\":63,\"eventId\":7004," +
            "\"programToken\":\"DR\",\"tariffId\":21,\"start\":\"2026-03-05T01:00:00Z\"," +
            "\"end\":\"2026-03-05T02:00:00Z\",\"incentive\":\"2.000000\",\"declaredPerHourKwh\":\"1.000\"," +
            "\"declaredPerHourWh\":1000,\"baselineMethod\":\"DECLARED\",\"modificationNumber\":3," +
            "\"chain\":\"cdf386bb5fa3d8fb\"}");
        final CliRun without = CliRun.of("dump", "--journal", v6.toString(), "--input", "--from", "66", "--limit", "1");
        assertThat(without.exitCode()).as(without.err()).isZero();
        final JsonNode line = MAPPER.readTree(without.out());
        assertThat(line.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(line.get("length").asInt()).isEqualTo(96);
        assertThat(line.has("modificationNumber")).isFalse();
        // 64, the resend at modification 4, is acknowledged: the engine does not settle by the modification
        final CliRun resent = CliRun.of("dump", "--journal", v6.toString(), "--output", "--from", "52", "--limit", "1");
        assertThat(MAPPER.readTree(resent.out()).get("type").asText()).isEqualTo("duplicate_ack");
        assertThat(MAPPER.readTree(resent.out()).get("cause").asLong()).isEqualTo(64);
    }

    @Test
    void aTariffWithADemandScheduleDumpsItsDemandPeriodsAndSchedule() throws IOException, URISyntaxException
    {
        // golden v7's input 70 publishes tariff 27 with a demand schedule (TARIFF_VERSION schema 5,
        // GoldenJournalGenerator.writeVersion7): demand period 0 "anytime" at 1.50 per kW, 1 "morning" (06:00-12:00
        // every day) at 4.00; its energy periods then carry no demand rate of their own
        final Path v7 = GoldenJournals.copy("v7", tmp);
        final CliRun run = CliRun.of("dump", "--journal", v7.toString(), "--input", "--from", "70", "--limit", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        final JsonNode line = MAPPER.readTree(run.out());
        assertThat(line.get("schemaVersion").asInt()).isEqualTo(5);
        assertThat(line.get("length").asInt()).isEqualTo(2144);
        assertThat(line.get("periods").toString()).isEqualTo("[{\"index\":0,\"name\":\"off-peak\"," +
            "\"importRate\":\"0.312345\",\"exportRate\":\"0.051235\"},{\"index\":1,\"name\":\"peak\"," +
            "\"importRate\":\"0.498765\",\"exportRate\":\"0.099875\"}]");
        assertThat(line.get("demandPeriods").toString()).isEqualTo("[{\"index\":0,\"name\":\"anytime\"," +
            "\"demandPerKw\":\"1.500000\"},{\"index\":1,\"name\":\"morning\",\"demandPerKw\":\"4.000000\"}]");
        assertThat(line.get("demandSchedule").get(2).toString()).isEqualTo("{\"month\":3," +
            "\"weekday\":[0,0,0,0,0,0,1,1,1,1,1,1,0,0,0,0,0,0,0,0,0,0,0,0]," +
            "\"weekend\":[0,0,0,0,0,0,1,1,1,1,1,1,0,0,0,0,0,0,0,0,0,0,0,0]," +
            "\"holiday\":[0,0,0,0,0,0,1,1,1,1,1,1,0,0,0,0,0,0,0,0,0,0,0,0]}");
        assertThat(line.get("schedule").get(2).get("weekday").toString())
            .isEqualTo("[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,0,0,0]");
        // the close's demand line for the morning period: 1,600 W at 4.00 per kW, period 1
        final CliRun close = CliRun.of("dump", "--journal", v7.toString(), "--output", "--from", "69", "--limit", "1");
        final JsonNode demand = MAPPER.readTree(close.out());
        assertThat(demand.get("reason").asText()).isEqualTo("DEMAND_CHARGE");
        assertThat(demand.get("period").asInt()).isEqualTo(1);
        // the energy field of a demand charge holds the peak in W (FORMAT.md section 5): it was dumped as energyWh and
        // energyKwh, so an auditor read a 1,600 W peak as 1.6 kWh
        assertThat(demand.get("demandW").asLong()).isEqualTo(1_600);
        assertThat(demand.get("demandKw").asText()).isEqualTo("1.600");
        assertThat(demand.get("ratePerKw").asText()).isEqualTo("4.000000");
        assertThat(demand.has("energyWh")).isFalse();
        assertThat(demand.has("energyKwh")).isFalse();
        assertThat(demand.has("rate")).isFalse();
        assertThat(demand.get("amount").asText()).isEqualTo("6.400000");
        // a tariff without a demand schedule dumps as before: no demandPeriods, a demand rate per period
        final CliRun plain = CliRun.of("dump", "--journal", v7.toString(), "--input", "--from", "1", "--limit", "1");
        final JsonNode golden = MAPPER.readTree(plain.out());
        assertThat(golden.has("demandPeriods")).isFalse();
        assertThat(golden.has("demandSchedule")).isFalse();
        assertThat(golden.get("periods").get(0).get("demandPerKw").asText()).isEqualTo("0.000000");
    }

    @Test
    void aWithdrawalDumpsTheCancellationsModificationNumberOnlyWhenItHasOne() throws IOException, URISyntaxException
    {
        // golden v8's input 78 withdraws DR event 8001 at OpenADR modification 4 (DR_EVENT_WITHDRAWAL schema 2,
        // GoldenJournalGenerator.writeVersion8); input 47, version 4's withdrawal, has no number (schema 1)
        final Path v8 = GoldenJournals.copy("v8", tmp);
        final CliRun run = CliRun.of("dump", "--journal", v8.toString(), "--input", "--from", "78", "--limit", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        final JsonNode line = MAPPER.readTree(run.out());
        assertThat(line.get("type").asText()).isEqualTo("dr_event_withdrawal");
        assertThat(line.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(line.get("length").asInt()).isEqualTo(64);
        assertThat(line.get("eventId").asLong()).isEqualTo(8001);
        assertThat(line.get("modificationNumber").asLong()).isEqualTo(4);
        final CliRun older = CliRun.of("dump", "--journal", v8.toString(), "--input", "--from", "47", "--limit", "1");
        final JsonNode v4 = MAPPER.readTree(older.out());
        assertThat(v4.get("type").asText()).isEqualTo("dr_event_withdrawal");
        assertThat(v4.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(v4.has("modificationNumber")).isFalse();
    }

    @Test
    void aDrEventModificationDumpsAsSchemaThreeAndSaysSo() throws IOException, URISyntaxException
    {
        // golden v9's input 80 publishes DR event 9001 at modification 1 (schema 2), 81 modifies it to 18:00-19:00 at
        // 2 (schema 3, GoldenJournalGenerator.writeVersion9); the publication's line has no modification field
        final Path v9 = GoldenJournals.copy("v9", tmp);
        final CliRun modified =
            CliRun.of("dump", "--journal", v9.toString(), "--input", "--from", "81", "--limit", "1");
        assertThat(modified.exitCode()).as(modified.err()).isZero();
        assertThat(modified.out().lines().toList()).containsExactly("{\"journal\":\"input\",\"position\":80," +
            "\"type\":\"dr_event\",\"schemaVersion\":3,\"length\":104,\"sequence\":81,\"eventId\":9001," +
            "\"programToken\":\"DR\",\"tariffId\":21,\"start\":\"2026-03-06T02:00:00Z\"," +
            "\"end\":\"2026-03-06T03:00:00Z\",\"incentive\":\"2.000000\",\"declaredPerHourKwh\":\"1.000\"," +
            "\"declaredPerHourWh\":1000,\"baselineMethod\":\"DECLARED\",\"modificationNumber\":2," +
            "\"modification\":true,\"chain\":\"aa1ec02c430d13a3\"}");
        final CliRun published =
            CliRun.of("dump", "--journal", v9.toString(), "--input", "--from", "80", "--limit", "1");
        final JsonNode line = MAPPER.readTree(published.out());
        assertThat(line.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(line.get("modificationNumber").asLong()).isEqualTo(1);
        assertThat(line.has("modification")).isFalse();
    }

    @Test
    void anEventTimeRangeTakesADuplicateAcknowledgementsTimeFromItsCause() throws IOException
    {
        // golden v1's duplicate acknowledgements repeat input 9, a tick at 2026-03-02T20:00Z; input 16, redemption
        // request 501; input 19, interest for epoch day 20,514 (2026-03-02); input 21, the end of day at
        // 2026-03-03T08:00Z (see the input dump). Read as times, the keys 501 and 20,514 would be in 1970, as would
        // the redemption's transfer, whose explanation fields are all 0.
        final CliRun epoch = CliRun.of("dump", "--journal", journal.toString(),
            "--since", "1970-01-01T00:00:00Z", "--until", "1970-01-02T00:00:00Z");
        assertThat(epoch.exitCode()).as(epoch.err()).isZero();
        assertThat(epoch.out()).as("nothing is about 1970").isEmpty();

        final CliRun days = CliRun.of("dump", "--journal", journal.toString(),
            "--since", "2026-03-02T00:00:00Z", "--until", "2026-03-04T00:00:00Z");
        assertThat(days.exitCode()).as(days.err()).isZero();
        final List<Long> acknowledged = new java.util.ArrayList<>();
        for (final String line : days.out().lines().toList())
        {
            final JsonNode record = MAPPER.readTree(line);
            assertThat(record.get("reason") == null ? "" : record.get("reason").asText()).isNotEqualTo("REDEMPTION");
            if ("duplicate_ack".equals(record.get("type").asText()))
            {
                acknowledged.add(record.get("cause").asLong());
            }
        }
        assertThat(acknowledged).containsExactly(9L, 19L, 21L);

        // the tick's acknowledgement is about the tick's interval start
        final CliRun hour = CliRun.of("dump", "--journal", journal.toString(),
            "--since", "2026-03-02T20:00:00Z", "--until", "2026-03-02T20:00:01Z");
        assertThat(hour.out().lines().filter(l -> l.contains("\"duplicate_ack\"")).toList()).hasSize(1)
            .first().asString().contains("\"cause\":9,");
    }
}
