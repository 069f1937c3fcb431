package org.gridsettle.replay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.Durability;
import org.gridsettle.journal.JournalWriter;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.replay.TestJournals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code settle dump} on the journal of {@code settle demo --meters 3 --days 1}. Its size follows from the demo
 * (see {@code DemoCommand} and {@code VerifyCommandTest}): 306 inputs (2 tariffs, 1 carbon-intensity series,
 * 3 accounts, 3 enrolments, 3 x 96 ticks, 4 bad ticks, 2 ends of day (one per tariff), 1 interest accrual, 2 period
 * closes) and 583 outputs (288 ticks priced, none of which crosses the 12 kWh daily baseline, so none posts a tier-2
 * part, and each of which pays a carbon adder; 4 rejections of the bad ticks; 3 daily fixed charges; none of the first three households of seed 42 exports, so none is on the
 * net-metering tariff and there is no SOLAR to redeem or pay interest on).
 */
class DumpCommandTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path shared;

    private static Path journal;

    @TempDir
    Path tmp;

    @BeforeAll
    static void writeDemoJournal()
    {
        final CliRun demo = CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", shared.toString());
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        journal = shared.resolve("journal");
    }

    @Test
    void outputDumpIsOneJsonObjectPerRecordWithAmountsThatFollowFromTheirOwnFields()
    {
        final CliRun run = CliRun.of("dump", "--journal", journal.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();

        final List<JsonNode> records = parse(run.out());
        assertThat(records).hasSize(583);
        final Set<String> types = new TreeSet<>();
        int energyCharges = 0;
        int secondTierParts = 0;
        for (int i = 0; i < records.size(); i++)
        {
            final JsonNode r = records.get(i);
            assertThat(r.get("journal").asText()).isEqualTo("output");
            assertThat(r.get("position").asLong()).isEqualTo(i);
            assertThat(r.get("sequence").asLong()).isEqualTo(i + 1);
            assertThat(r.get("chain").asText()).matches("[0-9a-f]{16}");
            types.add(r.get("type").asText());
            if ("ENERGY_CHARGE".equals(r.path("reason").asText()))
            {
                energyCharges++;
                secondTierParts += r.get("tier").asInt() == 1 ? 1 : 0;
                // amount = energyWh x rate / 1000 rounded half-even to the micro-unit, recomputed from the printed
                // raw watt-hours and the printed rate (a decimal per kWh) with BigDecimal, independently of MicroUnits
                final BigDecimal wh = new BigDecimal(r.get("energyWh").asLong());
                final BigDecimal expected = wh.multiply(new BigDecimal(r.get("rate").asText()))
                    .divide(BigDecimal.valueOf(1000), 6, RoundingMode.HALF_EVEN);
                assertThat(r.get("amount").asText()).as(r.toString()).isEqualTo(expected.toPlainString());
                assertThat(r.get("energyKwh").asText()).isEqualTo(wh.movePointLeft(3).setScale(3).toPlainString());
                assertThat(r.get("token").asText()).isEqualTo("USD");
                assertThat(r.get("intervalStart").asText()).matches("2026-03-0[23]T\\d\\d:\\d\\d:00Z");
            }
        }
        assertThat(types).containsExactly("rejection", "transfer");
        assertThat(records.stream().filter(r -> "CARBON_ADDER".equals(r.path("reason").asText()))).hasSize(288);
        // every tick posts one part, and a tick that crosses the daily baseline one more, in tier 2
        assertThat(secondTierParts).isZero();
        assertThat(energyCharges).isEqualTo(3 * 96 + secondTierParts);
        // the first priced tick: 00:00 local on 2026-03-02 is 08:00Z (PST), off-peak in winter at 0.362000 per kWh
        assertThat(records.get(0).get("intervalStart").asText()).isEqualTo("2026-03-02T08:00:00Z");
        assertThat(records.get(0).get("rate").asText()).isEqualTo("0.362000");
        final JsonNode rejection = records.stream().filter(r -> r.get("type").asText().equals("rejection"))
            .findFirst().orElseThrow();
        assertThat(rejection.get("reason").asText()).isEqualTo("NEGATIVE_ENERGY");
        assertThat(rejection.get("inputType").asText()).isEqualTo("meter_tick");
        assertThat(rejection.get("cause").asLong()).isEqualTo(298); // the first bad tick, after 297 good inputs
    }

    @Test
    void inputDumpShowsTheTariffVersionWithItsPeriodsAndEveryInput()
    {
        final CliRun run = CliRun.of("dump", "--journal", journal.toString(), "--input");
        assertThat(run.exitCode()).as(run.err()).isZero();

        final List<JsonNode> records = parse(run.out());
        assertThat(records).hasSize(306);
        assertThat(records).allMatch(r -> r.get("journal").asText().equals("input") && !r.has("cause"));
        final JsonNode tariff = records.get(0);
        assertThat(tariff.get("type").asText()).isEqualTo("tariff_version");
        assertThat(tariff.get("sequence").asLong()).isEqualTo(1);
        // DemoTariff: tariff 7001, 0.33 a day, four periods, hourly slots
        assertThat(tariff.get("tariffId").asLong()).isEqualTo(7001);
        assertThat(tariff.get("zone").asText()).isEqualTo("America/Los_Angeles");
        assertThat(tariff.get("fixedPerDay").asText()).isEqualTo("0.330000");
        assertThat(tariff.get("periods")).hasSize(4);
        assertThat(tariff.get("periods").get(3).get("name").asText()).isEqualTo("summer-peak");
        assertThat(tariff.get("periods").get(3).get("importRate").asText()).isEqualTo("0.494000");
        assertThat(tariff.get("periods").get(3).get("exportRate").asText()).isEqualTo("0.120000");
        assertThat(tariff.get("schedule")).hasSize(12);
        // DemoTariff: net billing, a daily baseline of 12 kWh, tier 2 is 0.08 dearer in every period
        assertThat(tariff.get("exportRule").asText()).isEqualTo("NET_BILLING");
        assertThat(tariff.get("tiers").get("basis").asText()).isEqualTo("DAILY");
        assertThat(tariff.get("tiers").get("tiers").get(0).get("upToWh").asLong()).isEqualTo(12_000);
        assertThat(tariff.get("tiers").get("tiers").get(1).get("importRates").get(3).asText()).isEqualTo("0.574000");
        // July weekdays: summer off-peak (2) until 16:00, summer peak (3) until 21:00
        final JsonNode july = tariff.get("schedule").get(6);
        assertThat(july.get("month").asInt()).isEqualTo(7);
        assertThat(july.get("weekday")).hasSize(24);
        assertThat(july.get("weekday").get(15).asInt()).isEqualTo(2);
        assertThat(july.get("weekday").get(16).asInt()).isEqualTo(3);

        final Set<String> types = new TreeSet<>();
        records.forEach(r -> types.add(r.get("type").asText()));
        assertThat(types).containsExactlyInAnyOrder("tariff_version", "account_registration", "meter_enrolment",
            "meter_tick", "calendar", "interest_accrual", "carbon_intensity");
        final JsonNode badTick = records.get(297); // sequence 298: the demo's first bad tick, -120 Wh
        assertThat(badTick.get("importWh").asLong()).isEqualTo(-120);
        assertThat(badTick.get("importKwh").asText()).isEqualTo("-0.120");
    }

    @Test
    void fromSkipsLowerSequencesAndLimitCapsTheCount()
    {
        assertThat(sequences(CliRun.of("dump", "--journal", journal.toString(), "--from", "579")))
            .containsExactly(579L, 580L, 581L, 582L, 583L);
        assertThat(sequences(CliRun.of("dump", "--journal", journal.toString(), "--from", "579", "--limit", "2")))
            .containsExactly(579L, 580L);
        assertThat(sequences(CliRun.of("dump", "--journal", journal.toString(), "--input", "--from", "301")))
            .containsExactly(301L, 302L, 303L, 304L, 305L, 306L);
        assertThat(sequences(CliRun.of("dump", "--journal", journal.toString(), "--limit", "3")))
            .containsExactly(1L, 2L, 3L);
        final CliRun past = CliRun.of("dump", "--journal", journal.toString(), "--from", "584");
        assertThat(sequences(past)).isEmpty();
        // an empty output that is not an answer is said to be so (it went by silently before)
        assertThat(past.exitCode()).isZero();
        assertThat(past.err()).isEqualTo("settle dump: note: --from 584 is past the output journal's last record: " +
            "nothing to print" + System.lineSeparator());
        final CliRun none = CliRun.of("dump", "--journal", journal.toString(), "--limit", "0");
        assertThat(sequences(none)).isEmpty();
        assertThat(none.err()).isEmpty();
    }

    @Test
    void sinceAndUntilKeepOnlyRecordsAboutThatEventTime()
    {
        // the demo's day is 2026-03-02 in Los Angeles (PST): 08:00Z to 08:00Z next day, three meters with 15-minute
        // ticks, so the hour from 12:00Z holds 3 x 4 = 12 ticks and nothing else happens in it
        final List<JsonNode> inputs = parse(CliRun.of("dump", "--journal", journal.toString(), "--input",
            "--since", "2026-03-02T12:00:00Z", "--until", "2026-03-02T13:00:00Z").out());
        assertThat(inputs).hasSize(12).allSatisfy(r ->
        {
            assertThat(r.get("type").asText()).isEqualTo("meter_tick");
            assertThat(r.get("intervalStart").asText()).startsWith("2026-03-02T12:");
        });

        // an offset is accepted, and the output journal is filtered by each transfer's interval start
        final List<JsonNode> outputs = parse(CliRun.of("dump", "--journal", journal.toString(),
            "--since", "2026-03-02T04:00:00-08:00", "--until", "2026-03-02T05:00:00-08:00").out());
        assertThat(outputs).isNotEmpty().allSatisfy(r ->
            assertThat(r.get("intervalStart").asText()).startsWith("2026-03-02T12:"));

        final CliRun backwards = CliRun.of("dump", "--journal", journal.toString(), "--since", "2026-03-03",
            "--until", "2026-03-02");
        assertThat(backwards.exitCode()).isEqualTo(2);
        assertThat(backwards.err()).contains("is not before --until");
        final CliRun notATime = CliRun.of("dump", "--journal", journal.toString(), "--since", "yesterday");
        assertThat(notATime.exitCode()).isEqualTo(2);
        assertThat(notATime.err().lines()).hasSize(1).first().asString().contains("--since yesterday: not a time");
    }

    @Test
    void checkpointsAppearOnlyWithTheOptionAndBindTheInputJournal()
    {
        final CliRun plain = CliRun.of("dump", "--journal", journal.toString());
        assertThat(parse(plain.out())).noneMatch(r -> r.get("type").asText().equals("checkpoint"));

        final List<JsonNode> outputs = parse(CliRun.of("dump", "--journal", journal.toString(), "--checkpoints").out());
        assertThat(outputs).hasSize(584);
        final JsonNode close = outputs.get(583);
        assertThat(close.get("type").asText()).isEqualTo("checkpoint");
        assertThat(close.get("position").asLong()).isEqualTo(583);
        assertThat(close.get("kind").asText()).isEqualTo("close");
        assertThat(close.get("recordsCovered").asLong()).isEqualTo(583);
        assertThat(close.get("lastSequence").asLong()).isEqualTo(583);
        assertThat(close.get("sha256").asText()).matches("[0-9a-f]{64}");

        // the output close checkpoint binds the input journal's record count and chain head: its last record's chain
        final List<JsonNode> inputs = parse(CliRun.of("dump", "--journal", journal.toString(), "--input",
            "--checkpoints").out());
        assertThat(inputs).hasSize(307);
        assertThat(close.get("boundRecords").asLong()).isEqualTo(306);
        assertThat(close.get("boundChain").asText()).isEqualTo(inputs.get(305).get("chain").asText());
        assertThat(inputs.get(306).get("kind").asText()).isEqualTo("close");
        assertThat(inputs.get(306).get("boundRecords").asLong()).isZero();

        // a checkpoint is shown with the record before it
        assertThat(parse(CliRun.of("dump", "--journal", journal.toString(), "--checkpoints", "--from", "583").out()))
            .extracting(r -> r.get("type").asText()).containsExactly("transfer", "checkpoint");
    }

    @Test
    void aCorruptRecordStopsTheDumpAfterTheRecordsBeforeItWithOneLineNamingItAndExitOneAsAuditDoes() throws IOException
    {
        assertThat(CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", tmp.toString()).exitCode()).isZero();
        final Path corrupt = tmp.resolve("journal");
        final JsonNode tenth = parse(CliRun.of("dump", "--journal", corrupt.toString(), "--limit", "10").out()).get(9);
        assertThat(tenth.get("type").asText()).isEqualTo("transfer");
        assertThat(tenth.get("sequence").asLong()).isEqualTo(10);

        // find the transfer's header (type 101, schema 1, length 120, sequence 10) and flip a bit of its amount
        final Path file = cycleFile(Journals.output(corrupt));
        final byte[] header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
            .putShort((short)101).putShort((short)1).putInt(120).putLong(10).array();
        final int at = TestJournals.indexOf(Files.readAllBytes(file), header);
        assertThat(at).isPositive();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(at + 40);
            final int b = raf.read();
            raf.seek(at + 40);
            raf.write(b ^ 0x01);
        }

        final CliRun run = CliRun.of("dump", "--journal", corrupt.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        final List<JsonNode> printed = parse(run.out());
        assertThat(printed).hasSize(9);
        assertThat(printed.get(8).get("sequence").asLong()).isEqualTo(9);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("settle dump: ").contains("record 9 (sequence 10)")
            .contains("hash chain broken").doesNotContain("Exception");

        // every command that meets the broken journal says so with the same exit code (audit's was 2, bad input)
        final CliRun audit = CliRun.of("audit", "--journal", corrupt.toString(), "--account", "100001", "--out",
            tmp.resolve("audit.txt").toString());
        assertThat(audit.exitCode()).as(audit.err()).isEqualTo(1);
        assertThat(audit.err().strip().lines()).hasSize(1);
        assertThat(audit.err()).startsWith("settle audit: ").contains("record 9 (sequence 10)")
            .contains("hash chain broken");
    }

    @Test
    void aMissingJournalOrTwoJournalsIsOneLineAndExitTwo()
    {
        final CliRun missing = CliRun.of("dump", "--journal", tmp.resolve("nothing").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip().lines()).hasSize(1);
        assertThat(missing.err()).contains("no gridsettle journal at").doesNotContain("Exception");
        assertThat(missing.out()).isEmpty();

        final CliRun both = CliRun.of("dump", "--journal", journal.toString(), "--input", "--output");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void aMeterOrAnAccountSelectsExactlyTheRecordsAboutIt()
    {
        final List<JsonNode> outputs = parse(CliRun.of("dump", "--journal", journal.toString()).out());
        final List<JsonNode> inputs = parse(CliRun.of("dump", "--journal", journal.toString(), "--input").out());
        // the demo's first household (seed 42): meter 5000000 on account 100000
        final long meter = 5_000_000;
        final long account = 100_000;

        final List<JsonNode> meterOutputs = parse(CliRun.of("dump", "--journal", journal.toString(), "--meter",
            "" + meter).out());
        final List<JsonNode> meterInputs = parse(CliRun.of("dump", "--journal", journal.toString(), "--input",
            "--meter", "" + meter).out());
        final List<JsonNode> accountOutputs = parse(CliRun.of("dump", "--journal", journal.toString(), "--account",
            "" + account).out());
        final List<JsonNode> accountInputs = parse(CliRun.of("dump", "--journal", journal.toString(), "--input",
            "--account", "" + account).out());

        // the same selection made here from the whole dump's fields
        assertThat(meterOutputs).isEqualTo(outputs.stream().filter((r) -> is(r, "meterId", meter) ||
            is(r, "subject", meter)).toList());
        assertThat(meterInputs).isEqualTo(inputs.stream().filter((r) -> is(r, "meterId", meter)).toList());
        assertThat(accountOutputs).isEqualTo(outputs.stream().filter((r) -> is(r, "debitAccount", account) ||
            is(r, "creditAccount", account) || is(r, "subject", account)).toList());
        assertThat(accountInputs).isEqualTo(inputs.stream().filter((r) -> is(r, "accountId", account)).toList());
        // and what it amounts to: one day of 96 quarter hours, each a tick, an energy charge and a carbon adder
        // (the class comment); the account's day adds its fixed charge and its registration
        assertThat(meterInputs.stream().filter((r) -> r.get("type").asText().equals("meter_tick")))
            .hasSizeGreaterThanOrEqualTo(96);
        assertThat(meterOutputs.stream().filter((r) -> r.get("reason") != null &&
            r.get("reason").asText().equals("ENERGY_CHARGE"))).hasSize(96);
        assertThat(accountOutputs.stream().filter((r) -> r.get("reason") != null &&
            r.get("reason").asText().equals("FIXED_CHARGE"))).hasSize(1);
        assertThat(accountInputs).extracting((r) -> r.get("type").asText())
            .containsExactly("account_registration", "meter_enrolment");

        final CliRun both = CliRun.of("dump", "--journal", journal.toString(), "--meter", "1", "--account", "2");
        assertThat(both.exitCode()).isEqualTo(2);
    }

    @Test
    void aMeterOrAccountNoRecordNamesIsSaidSoAndMeterZeroIsRefused()
    {
        // the demo numbers its households from meter 5000000 on account 100000 (see the test above): neither
        // meter 4999999 nor account 99999 is one of them
        final CliRun noMeter = CliRun.of("dump", "--journal", journal.toString(), "--meter", "4999999");
        final CliRun noAccount = CliRun.of("dump", "--journal", journal.toString(), "--input", "--account", "99999");
        final CliRun outOfRange = CliRun.of("dump", "--journal", journal.toString(), "--meter", "5000000",
            "--until", "2000-01-01");
        final CliRun meterZero = CliRun.of("dump", "--journal", journal.toString(), "--meter", "0");

        assertThat(noMeter.exitCode()).isZero();
        assertThat(noMeter.out()).isEmpty();
        assertThat(noMeter.err().lines()).containsExactly(
            "settle dump: note: no output record is about meter 4999999: nothing to print");
        assertThat(noAccount.err().lines()).containsExactly(
            "settle dump: note: no input record is about account 99999: nothing to print");
        assertThat(outOfRange.err().lines()).containsExactly(
            "settle dump: note: no output record in the range asked for is about meter 5000000: nothing to print");
        // meter id 0 is what the transfers about no meter carry: it printed the demo's interest transfers
        assertThat(meterZero.exitCode()).isEqualTo(2);
        assertThat(meterZero.out()).isEmpty();
        assertThat(meterZero.err().lines()).singleElement().asString().contains("--meter 0 is no meter");
    }

    private static boolean is(final JsonNode record, final String field, final long value)
    {
        return record.get(field) != null && record.get(field).asLong() == value;
    }

    private static List<JsonNode> parse(final String out)
    {
        final List<JsonNode> records = new ArrayList<>();
        for (final String line : out.lines().toList())
        {
            try
            {
                final JsonNode node = MAPPER.readTree(line);
                assertThat(node.isObject()).as(line).isTrue();
                records.add(node);
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException("not a JSON line: " + line, e);
            }
        }
        return records;
    }

    // Was an audit finding: a journal cut back to an earlier day's end by removing the last days' cycle files dumped
    // as whole, exit 0. Two sessions of a writer, the first's file renamed to an earlier day: the second one rolls from
    // it, leaving Chronicle's end-of-cycle marker in it, as on a real day change
    @Test
    void aJournalWhoseLastCycleFileWasRemovedIsPrintedAndThenNamedWithExitOne(@TempDir final Path tmp)
        throws IOException
    {
        final Path queue = Journals.input(tmp);
        final UnsafeBuffer record = new UnsafeBuffer(ByteBuffer.allocateDirect(AccountRegistrationCodec.LENGTH));
        for (int session = 0; session < 2; session++)
        {
            try (JournalWriter writer = new JournalWriter(queue, Durability.PAGE_CACHE))
            {
                for (int i = 1; i <= 3; i++)
                {
                    final long sequence = session * 3L + i;
                    new AccountRegistrationCodec().<AccountRegistrationCodec>wrap(record, 0)
                        .encode(sequence, 1000 + sequence);
                    writer.append(record, 0, AccountRegistrationCodec.LENGTH);
                }
            }
            if (session == 0)
            {
                final Path written = cycleFile(queue);
                final String earlier = LocalDate.parse(written.getFileName().toString().substring(0, 8),
                    DateTimeFormatter.BASIC_ISO_DATE).minusDays(2).format(DateTimeFormatter.BASIC_ISO_DATE);
                Files.move(written, queue.resolve(earlier + "F.cq4"));
                // Chronicle's table store remembers the cycles it saw; it rebuilds it from the directory
                Files.delete(queue.resolve("metadata.cq4t"));
            }
        }
        assertThat(sequences(CliRun.of("dump", "--journal", tmp.toString(), "--input")))
            .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        final List<Path> files;
        try (Stream<Path> listed = Files.list(queue))
        {
            files = listed.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
        }
        Files.delete(files.get(1));

        final CliRun cut = CliRun.of("dump", "--journal", tmp.toString(), "--input");

        assertThat(cut.exitCode()).isEqualTo(1);
        assertThat(parse(cut.out()).stream().map(r -> r.get("sequence").asLong())).containsExactly(1L, 2L, 3L);
        assertThat(cut.err().lines()).singleElement().asString().isEqualTo("settle dump: " + queue + ": the last " +
            "cycle file, " + files.get(0).getFileName() + ", ends with Chronicle's end-of-cycle marker, which a " +
            "writer adds only as it begins a later day's cycle file, and there is none: the cycle files after it " +
            "were removed");
    }

    private static List<Long> sequences(final CliRun run)
    {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return parse(run.out()).stream().map(r -> r.get("sequence").asLong()).toList();
    }

    private static Path cycleFile(final Path queueDir) throws IOException
    {
        try (Stream<Path> files = Files.list(queueDir))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }
}
