package org.gridsettle.replay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.journal.Durability;
import org.gridsettle.journal.JournalWriter;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.pricing.tariff.TouTariff;
import org.gridsettle.replay.demo.DemoTariff;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.HAND_TARIFF;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * A sound journal whose input journal holds a TARIFF_VERSION that does not decode, which the engine rejects as
 * MALFORMED (journal/FORMAT.md, TARIFF_VERSION): {@code settle verify} passes it and {@code settle replay} replays it
 * identical, so {@code settle audit} and {@code settle rerate} must read it too, as the engine did, instead of
 * failing with exit 2 and a decoder's message that names neither the journal nor the record.
 * <p>
 * The inputs are written with a {@link JournalWriter}, as a host's engine would have journalled them, and an engine
 * started on the directory applies them and writes the outputs, as after a crash (FORMAT.md section 7).
 */
class RejectedTariffJournalTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ACCOUNT = 100_000;
    private static final long METER = 5_000_000;
    /** 2026-03-02 00:00 in Los Angeles, the demo's first local midnight. */
    private static final long START = Instant.parse("2026-03-02T08:00:00Z").getEpochSecond();
    /** Two hourly readings of 1.000 kWh, off-peak (00:00 and 01:00): 0.362 each, below the daily baseline tier. */
    private static final long READING_WH = 1_000;

    @TempDir
    static Path dir;

    private static Path journal;

    @TempDir
    Path tmp;

    @BeforeAll
    static void journalWithAMalformedTariffVersion()
    {
        journal = dir.resolve("journal");
        try (JournalWriter inputs = new JournalWriter(Journals.input(journal), Durability.PAGE_CACHE))
        {
            final TouTariff tariff = DemoTariff.create(START);
            append(inputs, tariffVersion(1, tariff));
            // a version 2 of the same tariff with 7-minute slots, which do not divide a day: it does not decode
            final UnsafeBuffer malformed = tariffVersion(2, DemoTariff.create(START + 86_400));
            malformed.putInt(40, 2, RecordFlyweight.ORDER);
            malformed.putShort(44, (short)7, RecordFlyweight.ORDER);
            append(inputs, malformed);
            // and another tariff whose only version is as malformed: no meter is enrolled on it
            final UnsafeBuffer other = tariffVersion(3, DemoTariff.createNetMetering(START));
            other.putShort(44, (short)7, RecordFlyweight.ORDER);
            append(inputs, other);
            final UnsafeBuffer account = direct(AccountRegistrationCodec.LENGTH);
            new AccountRegistrationCodec().<AccountRegistrationCodec>wrap(account, 0).encode(4, ACCOUNT);
            append(inputs, account);
            final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec();
            final UnsafeBuffer meter = direct(256);
            enrolment.<MeterEnrolmentCodec>wrap(meter, 0).encode(5, METER, ACCOUNT, DemoTariff.TARIFF_ID, START, 0, 0);
            append(inputs, new UnsafeBuffer(meter, 0, enrolment.encodedLength()));
            for (int hour = 0; hour < 2; hour++)
            {
                final UnsafeBuffer tick = direct(MeterTickCodec.LENGTH);
                new MeterTickCodec().<MeterTickCodec>wrap(tick, 0).encode(6 + hour, METER, MeterTickCodec.CHANNEL_MAIN,
                    START + hour * 3_600L, 3_600, READING_WH, 0, 0);
                append(inputs, tick);
            }
        }
        // recovery applies the seven inputs and writes their outputs; close seals and binds both journals
        SettlementEngine.builder().journalDir(journal).build().start().close();

        final CliRun verify = CliRun.of("verify", "--journal", journal.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        final CliRun replay = CliRun.of("replay", "--journal", journal.toString());
        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
        final CliRun rejections = CliRun.of("dump", "--journal", journal.toString());
        assertThat(rejections.out().lines().filter((line) -> line.contains("\"reason\":\"MALFORMED\"")))
            .hasSize(2).allSatisfy((line) -> assertThat(line).containsAnyOf("\"cause\":2,", "\"cause\":3,"));
    }

    @Test
    void auditReportsTheJournalTheEngineSettled() throws IOException
    {
        final Path out = tmp.resolve("audit.json");
        final CliRun run = CliRun.of("audit", "--journal", journal.toString(), "--format", "json",
            "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        final JsonNode report = JSON.readTree(out.toFile());
        // the accepted version's zone: the rejected one is in force nowhere
        assertThat(report.get("zone").asText()).isEqualTo("America/Los_Angeles");
        final JsonNode day = report.get("accounts").get(0).get("days").get(0);
        assertThat(day.get("date").asText()).isEqualTo("2026-03-02");
        assertThat(day.get("importWh").asLong()).isEqualTo(2 * READING_WH);
    }

    @Test
    void rerateReadsTheJournalAndReplacesTheAcceptedTariff() throws IOException
    {
        final Path out = tmp.resolve("rerate.csv");
        final CliRun run = CliRun.of("rerate", "--journal", journal.toString(), "--tariff", path(HAND_TARIFF),
            "--tariff-id", "" + DemoTariff.TARIFF_ID, "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // 2 x 1.000 kWh at the demo tariff's winter off-peak 0.362 (DemoTariff), debited: -0.724000
        assertThat(Files.readString(out)).contains(ACCOUNT + ",USD,ENERGY_CHARGE,-0.724000,");
        // version 1 is replaced; the malformed versions are rejected in the re-rated run as in the recorded one
        assertThat(run.out()).contains("tariff " + DemoTariff.TARIFF_ID + ", 1 version(s) replaced",
            "rejections recorded 2, re-rated 2");
    }

    private static UnsafeBuffer tariffVersion(final long sequence, final TouTariff tariff)
    {
        final UnsafeBuffer buffer = direct(TariffVersionCodec.encodedLength(tariff));
        new TariffVersionCodec().<TariffVersionCodec>wrap(buffer, 0).encode(sequence, tariff);
        return buffer;
    }

    /** JournalWriter copies from the buffer's address: a direct buffer, as the engine's ring holds. */
    private static UnsafeBuffer direct(final int length)
    {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(length));
    }

    private static void append(final JournalWriter writer, final UnsafeBuffer record)
    {
        writer.append(record, 0, record.capacity());
    }
}
