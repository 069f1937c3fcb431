package org.gridsettle.engine.snapshot;

import org.gridsettle.engine.logic.SettlementLogic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotWriterTest
{
    /** Bytes of the daily tier totals' section with none: three counts of 0 (untracked periods, meters, totals). */
    private static final int DAILY_TIER_TOTALS_EMPTY = 3 * 4;
    /** The eviction watermarks' section of an empty state: a count of 0. */
    private static final int WATERMARKS_EMPTY = 4;
    /** The interest APYs' section of an empty state: a count of 0. */
    private static final int APYS_EMPTY = 4;

    @TempDir
    Path tmp;

    @Test
    void writesInTheBackgroundAFileThatVerifiesAndKeepsTheNewestTwo() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(tmp.resolve("snapshots"));
        final SettlementLogic logic = new SettlementLogic((buffer, offset, length) -> { }, 8);
        final SnapshotWriter writer = new SnapshotWriter(store);
        try
        {
            for (int i = 1; i <= 3; i++)
            {
                writer.take(logic, 10L * i, 0xABCDL + i);
            }
            final SnapshotInfo last = writer.awaitWritten();
            assertThat(last.outputRecords()).isEqualTo(30);
            final SnapshotInfo verified = SnapshotStore.verify(last.file());
            assertThat(verified.outputRecords()).isEqualTo(30);
            assertThat(verified.outputChainHead()).isEqualTo(0xABCDL + 3);
            // all three have input sequence 0, so each replaced the file of the one before
            assertThat(store.newestFirst()).containsExactly(last.file());
            try (var files = Files.list(tmp.resolve("snapshots")))
            {
                assertThat(files.filter(f -> f.toString().endsWith(".tmp"))).isEmpty();
            }
        }
        finally
        {
            writer.close();
        }
    }

    @Test
    void aClosedWriterRefusesASnapshotAndClosesTwiceQuietly()
    {
        final SnapshotWriter writer = new SnapshotWriter(new SnapshotStore(tmp.resolve("snapshots")));
        writer.close();
        writer.close();
        assertThatThrownBy(() -> writer.take(new SettlementLogic((buffer, offset, length) -> { }, 8), 1, 2))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("the snapshot writer is closed");
    }

    @Test
    void aSnapshotThatCouldNotBeWrittenIsReportedByClose() throws IOException
    {
        final Path notADirectory = Files.writeString(tmp.resolve("snapshots"), "a file where the directory goes");
        final SnapshotWriter writer = new SnapshotWriter(new SnapshotStore(notADirectory));
        writer.take(new SettlementLogic((buffer, offset, length) -> { }, 8), 1, 2);
        assertThatThrownBy(writer::close)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("snapshot failed in " + notADirectory)
            .hasMessageContaining(": cannot write snapshot");
    }

    @Test
    void theNextSnapshotDeletesTheTemporaryFileOfOneACrashInterrupted() throws IOException
    {
        final Path dir = tmp.resolve("snapshots");
        Files.createDirectories(dir);
        // as a kill -9 leaves it while a snapshot is written, chunk by chunk or by the snapshot thread
        final Path interrupted = Files.writeString(dir.resolve("snapshot-00000000000000000042.gss.tmp"), "half");
        final Path unrelated = Files.writeString(dir.resolve("notes.tmp"), "not a snapshot's");
        final SnapshotWriter writer = new SnapshotWriter(new SnapshotStore(dir));
        try (writer)
        {
            writer.take(new SettlementLogic((buffer, offset, length) -> { }, 8), 1, 2);
            writer.awaitWritten();
        }
        assertThat(interrupted).doesNotExist();
        assertThat(unrelated).exists();
    }

    @Test
    void theCaptureMemoryGrowsAfterASnapshotOnlyWhenLessThanAnEighthIsLeft()
    {
        // a 100,000-meter snapshot is 130 MB: growing after each one touched 36 ms of fresh pages
        assertThat(SnapshotWriter.growthAfter(1_000_000, 1_200_000)).as("a fifth left").isZero();
        assertThat(SnapshotWriter.growthAfter(1_000_000, 1_125_000)).as("an eighth left").isZero();
        assertThat(SnapshotWriter.growthAfter(1_000_000, 1_124_999)).isEqualTo(1_250_000);
        assertThat(SnapshotWriter.growthAfter(1_000_000, 1_000_000)).as("none left").isEqualTo(1_250_000);
    }

    @Test
    void aSnapshotOfTheFormerFormatWithItsSha256IsStillReadAndChecked() throws Exception
    {
        final Path dir = tmp.resolve("snapshots");
        final SettlementLogic logic = new SettlementLogic((buffer, offset, length) -> { }, 8);
        final SnapshotInfo written;
        try (SnapshotWriter writer = new SnapshotWriter(new SnapshotStore(dir)))
        {
            writer.take(logic, 7, 0x5EEDL);
            written = writer.awaitWritten();
        }
        final byte[] current = Files.readAllBytes(written.file());
        assertThat(new String(current, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GSSNAP05");

        // format 02, as builds before this one wrote it: the same bytes with magic GSSNAP02 and a SHA-256 trailer
        final byte[] body = java.util.Arrays.copyOf(current, current.length - 8);
        body[7] = '2';
        final byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(body);
        final byte[] former = java.util.Arrays.copyOf(body, body.length + sha.length);
        System.arraycopy(sha, 0, former, body.length, sha.length);
        final Path formerFile = Files.write(tmp.resolve("former.gss"), former);

        final SnapshotInfo read = SnapshotStore.verify(formerFile);
        assertThat(read.outputRecords()).isEqualTo(7);
        assertThat(read.outputChainHead()).isEqualTo(0x5EEDL);
        SnapshotStore.load(formerFile, new SettlementLogic((buffer, offset, length) -> { }, 8));

        former[20] ^= 1;
        Files.write(formerFile, former);
        assertThatThrownBy(() -> SnapshotStore.verify(formerFile)).hasMessage("checksum mismatch");
        current[20] ^= 1;
        final Path damaged = Files.write(tmp.resolve("damaged.gss"), current);
        assertThatThrownBy(() -> SnapshotStore.verify(damaged)).hasMessage("checksum mismatch");
    }

    @Test
    void aSnapshotWrittenBeforeTheRedemptionFingerprintsStillLoads() throws Exception
    {
        // as builds before 2026-11-27 wrote it: the state ends before the fingerprints' section (a count of 0 here)
        // and the daily tier totals' after it
        SnapshotStore.load(formerSnapshot(4 + DAILY_TIER_TOTALS_EMPTY + WATERMARKS_EMPTY + APYS_EMPTY, '3'),
            new SettlementLogic((buffer, offset, length) -> { }, 8));
    }

    @Test
    void aSnapshotWrittenBeforeTheDailyTierTotalsStillLoads() throws Exception
    {
        // as builds before the daily-tier true-up wrote it: the state ends after the fingerprints
        SnapshotStore.load(formerSnapshot(DAILY_TIER_TOTALS_EMPTY + WATERMARKS_EMPTY + APYS_EMPTY, '3'),
            new SettlementLogic((buffer, offset, length) -> { }, 8));
    }

    @Test
    void aSnapshotWrittenBeforeTheEvictionWatermarksStillLoads() throws Exception
    {
        // format 04: the state ends after the daily tier totals; no window is full, so no watermark is missing
        final SettlementLogic logic = new SettlementLogic((buffer, offset, length) -> { }, 8);
        SnapshotStore.load(formerSnapshot(WATERMARKS_EMPTY + APYS_EMPTY, '4'), logic);
        assertThat(logic.windowWatermarksUnknown()).isFalse();
    }

    @Test
    void aSnapshotWrittenBeforeTheInterestApysStillLoadsWhenNoDayWasAccrued() throws Exception
    {
        // format 05 before the APYs were kept: the state ends after the watermarks; no day accrued, so none is missing
        final SettlementLogic logic = new SettlementLogic((buffer, offset, length) -> { }, 8);
        SnapshotStore.load(formerSnapshot(APYS_EMPTY, '5'), logic);
        assertThat(logic.interestApysUnknown()).isFalse();
    }

    /**
     * @param cut    bytes of trailing sections, all counts of 0, that an older build did not write.
     * @param format the last digit of that build's format.
     * @return a snapshot of an empty state as that build wrote it, checked to verify.
     */
    private Path formerSnapshot(final int cut, final char format) throws Exception
    {
        final SettlementLogic logic = new SettlementLogic((buffer, offset, length) -> { }, 8);
        final SnapshotInfo written;
        try (SnapshotWriter writer = new SnapshotWriter(new SnapshotStore(tmp.resolve("snapshots"))))
        {
            writer.take(logic, 3, 0x5EEDL);
            written = writer.awaitWritten();
        }
        final byte[] current = Files.readAllBytes(written.file());
        final int stateEnd = current.length - 8 - cut;
        for (int at = stateEnd; at < current.length - 8; at += 4)
        {
            assertThat(java.nio.ByteBuffer.wrap(current, at, 4).getInt()).isZero();
        }
        final byte[] former = java.util.Arrays.copyOf(current, stateEnd + 8);
        // the window's keys of an empty state read the same in formats 03 and 04
        former[7] = (byte)format;
        final long checksum = org.gridsettle.journal.chain.XxHash64.hash(
            new org.agrona.concurrent.UnsafeBuffer(former), 0, stateEnd, 0);
        java.nio.ByteBuffer.wrap(former, stateEnd, 8).putLong(checksum);
        final Path formerFile = Files.write(tmp.resolve("former.gss"), former);
        assertThat(SnapshotStore.verify(formerFile).outputRecords()).isEqualTo(3);
        return formerFile;
    }
}
