package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.journal.codec.CheckpointCodec;
import org.gridsettle.journal.codec.DuplicateAckCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.TouTariff;
import org.gridsettle.replay.JournalReplay;
import org.gridsettle.replay.ReplayReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in journal of format version 1 ({@code src/test/resources/golden/v1}, written once by
 * {@link GoldenJournalGenerator}) must still verify, replay to the same bytes, and decode to the values its inputs
 * imply. If this fails, this build can no longer read or reproduce journals already written: that is a format break,
 * not a test to update (see {@code journal/FORMAT.md}).
 * <p>
 * Input sequence numbers in the comments are those listed in {@link GoldenJournalGenerator#write}. Amounts are
 * {@code halfEven(Wh x rate / 1000)} micro-units, worked out by hand from the golden tariff (off-peak import 312,345
 * and export 51,235 micro-units per kWh; peak import 498,765).
 */
class GoldenJournalTest
{
    /** Printed by GoldenJournalGenerator when v1 was written; a chain value pins every byte of every data record. */
    private static final String INPUT_DIGEST = "21b9a26fa417f590";
    private static final String OUTPUT_DIGEST = "48f97c15b574c110";
    /** SHA-256 of the output journal's only block, from the same run. */
    private static final String OUTPUT_CLOSE_SHA256 = "110909dc9362c20210a817ea02135395b59403d985f32c6e042fb735d4a14e85";

    @TempDir
    Path tmp;

    private Path journal;

    @BeforeEach
    void copyGoldenJournal() throws IOException, URISyntaxException
    {
        journal = copyGolden("v1", tmp);
    }

    /**
     * Chronicle writes to metadata.cq4t (and extends the trimmed cycle files) when it opens a queue, so the
     * checked-in files are never opened in place.
     */
    static Path copyGolden(final String version, final Path tmp) throws IOException, URISyntaxException
    {
        final URL golden = GoldenJournalTest.class.getResource("/golden/" + version);
        assertThat(golden).as("golden/" + version + " on the test classpath").isNotNull();
        final Path from = Path.of(golden.toURI());
        final Path copy = tmp.resolve(version);
        try (Stream<Path> paths = Files.walk(from))
        {
            for (final Path p : paths.toList())
            {
                Files.copy(p, copy.resolve(from.relativize(p).toString()));
            }
        }
        return copy;
    }

    @Test
    void goldenJournalVerifiesIntactWithItsRecordedDigests()
    {
        final VerificationReport report = JournalVerifier.verify(journal);

        assertThat(report.problems()).isEmpty();
        assertThat(report.intact()).isTrue();
        assertThat(report.inputRecords()).isEqualTo(24);
        // 11 transfers, 7 rejections and 4 duplicate acks: see decodedOutputsAreWhatTheInputsImply
        assertThat(report.outputRecords()).isEqualTo(22);
        assertThat(HashChain.toHex(report.inputDigest())).isEqualTo(INPUT_DIGEST);
        assertThat(HashChain.toHex(report.outputDigest())).isEqualTo(OUTPUT_DIGEST);
        // the seal settle verify prints is the close checkpoint's SHA-256, which commits to every output record
        assertThat(report.outputSeal()).isEqualTo(OUTPUT_CLOSE_SHA256);
    }

    @Test
    void goldenJournalReplaysToIdenticalOutputs()
    {
        final ReplayReport report = new JournalReplay(journal, Long.MAX_VALUE).run();

        assertThat(report.firstDivergence()).isNull();
        assertThat(report.identical()).isTrue();
        assertThat(report.inputs()).isEqualTo(24);
        assertThat(report.outputs()).isEqualTo(22);
        assertThat(HashChain.toHex(report.replayDigest())).isEqualTo(OUTPUT_DIGEST);
    }

    @Test
    void goldenJournalHoldsEveryRecordTypeOfVersionOne()
    {
        final Set<String> types = new TreeSet<>();
        for (final byte[] r : records(Journals.input(journal)))
        {
            types.add(RecordType.ofId(RecordFlyweight.typeIdAt(new UnsafeBuffer(r), 0)).name());
        }
        for (final byte[] r : records(Journals.output(journal)))
        {
            types.add(RecordType.ofId(RecordFlyweight.typeIdAt(new UnsafeBuffer(r), 0)).name());
        }
        // the eleven types of format version 1 (RecordType when v1 was written)
        assertThat(types).containsExactlyInAnyOrder("METER_TICK", "ACCOUNT_REGISTRATION", "METER_ENROLMENT",
            "TARIFF_VERSION", "REDEMPTION", "INTEREST_ACCRUAL", "CALENDAR", "TRANSFER", "REJECTION", "DUPLICATE_ACK",
            "CHECKPOINT");
    }

    @Test
    void decodedInputsAreTheGeneratorsInputs()
    {
        final List<byte[]> inputs = records(Journals.input(journal));
        assertThat(inputs).hasSize(25); // 24 inputs and the close checkpoint

        final TouTariff tariff =
            new TariffVersionCodec().<TariffVersionCodec>wrap(new UnsafeBuffer(inputs.get(0)), 0).decode();
        assertThat(tariff.tariffId()).isEqualTo(21);
        assertThat(tariff.zone().getId()).isEqualTo("America/Los_Angeles");
        assertThat(tariff.effectiveFromEpochSecond()).isEqualTo(1_772_438_400L); // 2026-03-02T08:00:00Z
        assertThat(tariff.period(0).importMicrosPerKwh()).isEqualTo(312_345);
        assertThat(tariff.period(1).name()).isEqualTo("peak");
        assertThat(tariff.fixedMicrosPerMonth()).isEqualTo(10_000_000);
        assertThat(tariff.holidayEpochDaysCopy()).containsExactly(20_598L); // 2026-05-25
        assertThat(tariff.periodIndexAt(1_772_438_400L + 17 * 3600)).isEqualTo(1); // 17:00 local is peak

        final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec().wrap(new UnsafeBuffer(inputs.get(4)), 0);
        assertThat(enrolment.sequence()).isEqualTo(5);
        assertThat(enrolment.programs()).isEqualTo(MeterEnrolmentCodec.PROGRAM_NET_METERING);
        assertThat(TokenSymbol.unpack(enrolment.carbonRegion())).isEqualTo("CAISO");

        final MeterTickCodec correction = new MeterTickCodec().wrap(new UnsafeBuffer(inputs.get(10)), 0);
        assertThat(correction.sequence()).isEqualTo(11);
        assertThat(correction.flags()).isEqualTo(MeterTickCodec.FLAG_CORRECTION);
        assertThat(correction.importWh()).isEqualTo(150);
        final MeterTickCodec negative = new MeterTickCodec().wrap(new UnsafeBuffer(inputs.get(11)), 0);
        assertThat(negative.importWh()).as("a rejected tick is journalled as submitted").isEqualTo(-5);
    }

    @Test
    void decodedOutputsAreWhatTheInputsImply()
    {
        final List<byte[]> outputs = records(Journals.output(journal));
        assertThat(outputs).hasSize(23); // 22 outputs and the close checkpoint

        // 6: 100 Wh off-peak: 100 x 312,345 / 1000 = 31,234.5 -> half-even 31,234 (even, rounds down)
        expectTransfer(outputs.get(0), 6, 1001, SystemAccounts.REVENUE, "USD", 31_234, ReasonCode.ENERGY_CHARGE, 0);
        assertThat(transfer(outputs.get(0)).energyWh()).isEqualTo(100);
        assertThat(transfer(outputs.get(0)).rate()).isEqualTo(312_345);
        // 7: 2,000 Wh exported off-peak: 2,000 x 51,235 / 1000 = 102,470 SOLAR minted from issuance
        expectTransfer(outputs.get(1), 7, SystemAccounts.ISSUANCE, 1002, "SOLAR", 102_470, ReasonCode.EXPORT_CREDIT, 0);
        // 8: 300 Wh at 17:00 peak: 300 x 498,765 / 1000 = 149,629.5 -> half-even 149,630 (odd, rounds up)
        expectTransfer(outputs.get(2), 8, 1001, SystemAccounts.REVENUE, "USD", 149_630, ReasonCode.ENERGY_CHARGE, 0);
        assertThat(transfer(outputs.get(2)).period()).isEqualTo(1);
        // 9: the same tick again: acknowledged, subject = meter 1, key = interval start (local noon, 20:00Z)
        expectDuplicate(outputs.get(3), 9, 1, 1_772_438_400L + 12 * 3600);
        // 10: same identity, other value, not a correction
        expectRejection(outputs.get(4), 10, ReasonCode.CONFLICTING_DUPLICATE, RecordType.METER_TICK, 1);
        // 11: the correction reverses input 6's posting exactly, then posts 150 Wh: 46,851.75 -> 46,852
        expectTransfer(outputs.get(5), 11, SystemAccounts.REVENUE, 1001, "USD", 31_234, ReasonCode.ENERGY_CHARGE, 6);
        expectTransfer(outputs.get(6), 11, 1001, SystemAccounts.REVENUE, "USD", 46_852, ReasonCode.ENERGY_CHARGE, 0);
        expectRejection(outputs.get(7), 12, ReasonCode.NEGATIVE_ENERGY, RecordType.METER_TICK, 1);
        expectRejection(outputs.get(8), 13, ReasonCode.UNKNOWN_METER, RecordType.METER_TICK, 77);
        expectRejection(outputs.get(9), 14, ReasonCode.ZERO_LENGTH_INTERVAL, RecordType.METER_TICK, 2);
        // 15: burn 40,000 of 1002's 102,470 SOLAR; 16: the retry is acknowledged (subject account, key request id)
        expectTransfer(outputs.get(10), 15, 1002, SystemAccounts.ISSUANCE, "SOLAR", 40_000, ReasonCode.REDEMPTION, 0);
        expectDuplicate(outputs.get(11), 16, 1002, 501);
        // 17: 62,471 asked, 102,470 - 40,000 = 62,470 held
        expectRejection(outputs.get(12), 17, ReasonCode.INSUFFICIENT_BALANCE, RecordType.REDEMPTION, 1002);
        // 18: a day at 5% APY on 62,470: 1.05^(1/365) - 1 = 0.000133680617113440; x 62,470 = 8.351 -> 8
        expectTransfer(outputs.get(13), 18, SystemAccounts.YIELD, 1002, "SOLAR", 8, ReasonCode.INTEREST, 0);
        assertThat(transfer(outputs.get(13)).energyWh()).as("the balance interest was paid on").isEqualTo(62_470);
        assertThat(transfer(outputs.get(13)).rate()).as("the APY in basis points").isEqualTo(500);
        // 19: the same day again: subject = packed "SOLAR", key = epoch day 20,514 (2026-03-02)
        expectDuplicate(outputs.get(14), 19, TokenSymbol.pack("SOLAR"), 20_514);
        // 20: end of day: 0.33 per meter, in enrolment order
        expectTransfer(outputs.get(15), 20, 1001, SystemAccounts.REVENUE, "USD", 330_000, ReasonCode.FIXED_CHARGE, 0);
        expectTransfer(outputs.get(16), 20, 1002, SystemAccounts.REVENUE, "USD", 330_000, ReasonCode.FIXED_CHARGE, 0);
        // 21: the retry: subject = tariff 21, key = the instant the day ended (2026-03-03T08:00:00Z)
        expectDuplicate(outputs.get(17), 21, 21, 1_772_524_800L);
        // 22: period close: 10.00 per meter
        expectTransfer(outputs.get(18), 22, 1001, SystemAccounts.REVENUE, "USD", 10_000_000, ReasonCode.FIXED_CHARGE,
            0);
        expectTransfer(outputs.get(19), 22, 1002, SystemAccounts.REVENUE, "USD", 10_000_000, ReasonCode.FIXED_CHARGE,
            0);
        expectRejection(outputs.get(20), 23, ReasonCode.PERIOD_CLOSED, RecordType.METER_TICK, 1);
        expectRejection(outputs.get(21), 24, ReasonCode.ALREADY_EXISTS, RecordType.ACCOUNT_REGISTRATION, 1001);

        final CheckpointCodec close = new CheckpointCodec().wrap(new UnsafeBuffer(outputs.get(22)), 0);
        assertThat(RecordFlyweight.typeIdAt(close.buffer(), 0)).isEqualTo(RecordType.CHECKPOINT.id());
        assertThat(close.kind()).isEqualTo(CheckpointCodec.KIND_CLOSE);
        assertThat(close.recordsCovered()).isEqualTo(22);
        assertThat(close.lastSequence()).isEqualTo(22);
        assertThat(close.boundRecords()).as("the input records it binds").isEqualTo(24);
        assertThat(HashChain.toHex(close.boundChain())).isEqualTo(INPUT_DIGEST);
        final byte[] sha = new byte[CheckpointCodec.SHA_LENGTH];
        close.sha256(sha);
        assertThat(hex(sha)).isEqualTo(OUTPUT_CLOSE_SHA256);
    }

    /**
     * A golden journal verifies intact with its record counts and pinned digests, and replays to identical outputs.
     */
    static void verifiesAndReplays(
        final Path journal, final long inputs, final long outputs, final String inputDigest, final String outputDigest)
    {
        final VerificationReport verified = JournalVerifier.verify(journal);
        assertThat(verified.problems()).isEmpty();
        assertThat(verified.inputRecords()).isEqualTo(inputs);
        assertThat(verified.outputRecords()).isEqualTo(outputs);
        assertThat(HashChain.toHex(verified.inputDigest())).isEqualTo(inputDigest);
        assertThat(HashChain.toHex(verified.outputDigest())).isEqualTo(outputDigest);

        final ReplayReport replay = new JournalReplay(journal, Long.MAX_VALUE).run();
        assertThat(replay.firstDivergence()).isNull();
        assertThat(replay.identical()).isTrue();
        assertThat(HashChain.toHex(replay.replayDigest())).isEqualTo(outputDigest);
    }

    static void expectTransfer(
        final byte[] record,
        final long cause,
        final long debit,
        final long credit,
        final String token,
        final long amount,
        final ReasonCode reason,
        final long reverses)
    {
        final TransferCodec t = transfer(record);
        assertThat(t.causeSequence()).as("cause").isEqualTo(cause);
        assertThat(t.debitAccount()).as("debit").isEqualTo(debit);
        assertThat(t.creditAccount()).as("credit").isEqualTo(credit);
        assertThat(TokenSymbol.unpack(t.token())).as("token").isEqualTo(token);
        assertThat(t.amount()).as("amount").isEqualTo(amount);
        assertThat(ReasonCode.ofCode(t.reasonCode())).as("reason").isEqualTo(reason);
        assertThat(t.reverses()).as("reverses").isEqualTo(reverses);
    }

    static void expectRejection(
        final byte[] record, final long cause, final ReasonCode reason, final RecordType inputType, final long subject)
    {
        assertThat(RecordFlyweight.typeIdAt(new UnsafeBuffer(record), 0)).isEqualTo(RecordType.REJECTION.id());
        final RejectionCodec r = new RejectionCodec().wrap(new UnsafeBuffer(record), 0);
        assertThat(r.causeSequence()).as("cause").isEqualTo(cause);
        assertThat(ReasonCode.ofCode(r.reasonCode())).as("reason").isEqualTo(reason);
        assertThat(r.inputType()).as("input type").isEqualTo(inputType.id());
        assertThat(r.subject()).as("subject").isEqualTo(subject);
    }

    static void expectDuplicate(final byte[] record, final long cause, final long subject, final long key)
    {
        assertThat(RecordFlyweight.typeIdAt(new UnsafeBuffer(record), 0)).isEqualTo(RecordType.DUPLICATE_ACK.id());
        final DuplicateAckCodec d = new DuplicateAckCodec().wrap(new UnsafeBuffer(record), 0);
        assertThat(d.causeSequence()).as("cause").isEqualTo(cause);
        assertThat(d.meterId()).as("subject").isEqualTo(subject);
        assertThat(d.intervalStart()).as("key").isEqualTo(key);
    }

    static TransferCodec transfer(final byte[] record)
    {
        assertThat(RecordFlyweight.typeIdAt(new UnsafeBuffer(record), 0)).isEqualTo(RecordType.TRANSFER.id());
        return new TransferCodec().wrap(new UnsafeBuffer(record), 0);
    }

    static List<byte[]> records(final Path queueDir)
    {
        final List<byte[]> records = new ArrayList<>();
        try (JournalReader reader = new JournalReader(queueDir))
        {
            reader.includeCheckpoints(true);
            while (reader.next((buffer, offset, length, position) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                records.add(bytes);
            }))
            {
                // reading
            }
        }
        return records;
    }

    private static String hex(final byte[] bytes)
    {
        final StringBuilder sb = new StringBuilder();
        for (final byte b : bytes)
        {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }
}
