package org.gridsettle.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridsettle.journal.JournalIntegrationTest.MARKER;
import static org.gridsettle.journal.JournalIntegrationTest.find;
import static org.gridsettle.journal.JournalIntegrationTest.flip;
import static org.gridsettle.journal.JournalIntegrationTest.records;
import static org.gridsettle.journal.JournalIntegrationTest.write;

/**
 * A reader that takes chain links on trust, with the links checked on another thread: the check must confirm
 * exactly the records the reader read, name the first broken one among them, and ignore damage beyond them.
 * Journals are written by {@link JournalIntegrationTest}'s helpers: ten records, record i of meter {@code MARKER + i}.
 */
class BackgroundChainCheckTest
{
    private static final long SHORT_STALL = TimeUnit.MILLISECONDS.toNanos(200);

    @TempDir
    Path tmp;

    /** Reads up to {@code records} records on trust and returns the reader's position. */
    private static long readOnTrust(final Path dir, final int records, final long[] digest)
    {
        try (JournalReader reader = new JournalReader(dir).checkpointVerification(false).chainVerification(false))
        {
            int read = 0;
            while (read < records && reader.next((buffer, offset, length, position) ->
            {
            }))
            {
                read++;
            }
            digest[0] = reader.digest();
            return reader.position();
        }
    }

    private Path journal(final String name) throws IOException
    {
        final Path dir = tmp.resolve(name);
        write(dir, records(10));
        return dir;
    }

    @Test
    void anIntactJournalIsConfirmedAndTheTrustingReaderEndsOnTheVerifiedDigest() throws IOException
    {
        final Path dir = journal("intact");
        final long[] digest = new long[1];
        try (BackgroundChainCheck check = BackgroundChainCheck.start(dir))
        {
            final long read = readOnTrust(dir, Integer.MAX_VALUE, digest);
            assertThat(read).isGreaterThanOrEqualTo(10);
            assertThatCode(() -> check.confirm(read)).doesNotThrowAnyException();
        }
        try (JournalReader verifying = new JournalReader(dir).verifyToEnd())
        {
            assertThat(digest[0]).isEqualTo(verifying.digest());
        }
    }

    @Test
    void aBrokenLinkTheTrustingReaderPassedIsReportedByTheCheck() throws IOException
    {
        final Path dir = journal("flipped");
        flip(find(dir, MARKER + 6), 0x01);
        final long[] digest = new long[1];
        try (BackgroundChainCheck check = BackgroundChainCheck.start(dir))
        {
            // the trusting reader reads all ten without complaint: that is what the check is for
            final long read = readOnTrust(dir, Integer.MAX_VALUE, digest);
            assertThat(read).isGreaterThanOrEqualTo(10);
            assertThatThrownBy(() -> check.confirm(read))
                .isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("record 6 (sequence 6)")
                .hasMessageContaining("hash chain broken");
        }
    }

    @Test
    void damageBeyondWhatWasReadDoesNotCountAgainstIt() throws Exception
    {
        final Path dir = journal("tail");
        flip(find(dir, MARKER + 6), 0x01);
        final long[] digest = new long[1];
        try (BackgroundChainCheck check = BackgroundChainCheck.start(dir))
        {
            check.awaitReadAhead();
            // records 0 to 5: everything before the broken one
            final long read = readOnTrust(dir, 6, digest);
            assertThat(read).isEqualTo(6);
            assertThatCode(() -> check.confirm(read)).doesNotThrowAnyException();
        }
        try (BackgroundChainCheck check = BackgroundChainCheck.start(dir))
        {
            assertThatThrownBy(() -> check.confirm(7)).hasMessageContaining("record 6 (sequence 6)");
        }
    }

    @Test
    void aFailureInOneJournalBeyondWhatWasReadStillLeavesTheNextChecked() throws Exception
    {
        final Path first = journal("first");
        final Path second = journal("second");
        flip(find(first, MARKER + 6), 0x01);
        flip(find(second, MARKER + 3), 0x01);
        try (BackgroundChainCheck check = BackgroundChainCheck.start(first, second))
        {
            // let it find the first journal's damage before it is told that only five records were read from it
            check.awaitReadAhead();
            assertThatThrownBy(() -> check.confirm(5, 10))
                .isInstanceOf(JournalCorruptException.class)
                .hasMessageStartingWith(second + ": record 3 (sequence 3)");
        }
    }

    @Test
    void moreRecordsClaimedThanTheJournalHoldsIsReportedOnceTheJournalStopsGrowing() throws IOException
    {
        final Path dir = journal("short");
        try (BackgroundChainCheck check = BackgroundChainCheck.start(SHORT_STALL, dir))
        {
            assertThatThrownBy(() -> check.confirm(25))
                .isInstanceOf(JournalCorruptException.class)
                .hasMessageStartingWith(dir + ": record ")
                .hasMessageContaining("25 records were read from it");
        }
    }

    @Test
    void aCheckNotYetBegunStartsWhenConfirmedAndStillFindsTheBrokenLink() throws IOException
    {
        final Path dir = journal("late");
        flip(find(dir, MARKER + 6), 0x01);
        try (BackgroundChainCheck check = BackgroundChainCheck.of(dir))
        {
            final long read = readOnTrust(dir, Integer.MAX_VALUE, new long[1]);
            assertThatThrownBy(() -> check.confirm(read)).hasMessageContaining("record 6 (sequence 6)");
        }
        // and one never begun closes without waiting for anything
        BackgroundChainCheck.of(dir).close();
    }

    @Test
    void closingWithoutConfirmingStopsTheCheck() throws IOException
    {
        final Path dir = journal("abandoned");
        final BackgroundChainCheck check = BackgroundChainCheck.start(dir);
        check.close();
        assertThat(Thread.getAllStackTraces().keySet())
            .noneMatch(t -> t.getName().equals("gridsettle-chain-check") && t.isAlive());
    }

    @Test
    void confirmWantsOnePositionPerJournal() throws IOException
    {
        final Path dir = journal("count");
        try (BackgroundChainCheck check = BackgroundChainCheck.start(dir))
        {
            assertThatThrownBy(() -> check.confirm(1, 2)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
