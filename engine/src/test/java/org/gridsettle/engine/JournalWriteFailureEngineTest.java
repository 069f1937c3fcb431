package org.gridsettle.engine;

import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.JournalWriteException;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.pretouch.Pretouch;
import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An engine whose input journal cannot be written halts at once, releases a producer waiting on its full ring, and
 * recovers on restart with nothing lost or doubled. Without root a test cannot fill a disk, but it can give the
 * writer the very fault a full disk gives it: its cycle file is cut, under the live mapping, at the page after its
 * last record, and the next page the writer reaches raises SIGBUS, which the JVM reports as an {@link InternalError}
 * ({@code JournalWriteFailureTest} in the journal module covers the writer alone). The cut takes only zeros, so the
 * journal is whole again when Chronicle reopens it, as after space is freed.
 */
class JournalWriteFailureEngineTest
{
    private static final long USD = TokenSymbol.pack("USD");
    private static final int METERS = 4;
    private static final int INTERVALS = 2_000;
    private static final int PAGE = 4096;

    @TempDir
    Path tmp;

    private static SettlementEngine engine(final Path dir)
    {
        // pretouch off: a pretoucher writing zeros ahead would extend the cut file again; a small ring fills at once
        return SettlementEngine.builder().journalDir(dir).pretouch(Pretouch.OFF).ringSize(64).snapshots(false)
            .build().start();
    }

    private static void setUp(final SettlementEngine engine)
    {
        engine.publishTariff(EngineFixture.tariff());
        for (int m = 0; m < METERS; m++)
        {
            engine.registerAccount(1001 + m);
            engine.enrolMeter(42 + m, 1001 + m, EngineFixture.TARIFF, EngineFixture.START);
        }
    }

    /** Every tick of the workload, from interval {@code from}; the same values on every call. */
    private static void submitTicks(final SettlementEngine engine, final int from)
    {
        for (int i = from; i < INTERVALS; i++)
        {
            for (int m = 0; m < METERS; m++)
            {
                engine.submitTick(42 + m, 0, EngineFixture.START + 900L * i, 900, 100 + (i * 7 + m) % 300, 0);
            }
        }
    }

    private static long[] balances(final SettlementEngine closed)
    {
        final long[] usd = new long[METERS];
        final int token = closed.ledger().findToken(USD);
        for (int m = 0; m < METERS; m++)
        {
            usd[m] = closed.ledger().balance(1001 + m, token);
        }
        return usd;
    }

    /** Cuts the input journal's cycle file at the first page boundary after its last document. */
    private static void cutInputAfterLastRecord(final Path journal) throws IOException
    {
        final Path file;
        try (Stream<Path> files = Files.list(Journals.input(journal)))
        {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        long end = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            while (true)
            {
                header.clear();
                channel.read(header, end);
                final int word = header.getInt(0);
                if (word == 0)
                {
                    break;
                }
                end = (end + 4 + (word & 0x3FFFFFFF) + 3) & ~3L;
            }
        }
        try (RandomAccessFile cut = new RandomAccessFile(file.toFile(), "rw"))
        {
            cut.setLength((end + PAGE - 1) & -PAGE);
        }
    }

    // a guard against the hang this test is about (a producer parked on a halted engine's full ring), not a timing
    // assertion: it passes in well under a second
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anEngineThatCannotJournalHaltsReleasesItsProducerAndRecoversWithNothingLostOrDoubled() throws Exception
    {
        final Path reference = tmp.resolve("reference");
        final long[] expected;
        try (SettlementEngine engine = engine(reference))
        {
            setUp(engine);
            submitTicks(engine, 0);
            engine.close();
            expected = balances(engine);
        }

        final Path journal = tmp.resolve("journal");
        final SettlementEngine failing = engine(journal);
        setUp(failing);
        submitTicks(failing, INTERVALS - 10);
        while (failing.appliedSequence() < 1 + 2 * METERS + 10 * METERS)
        {
            Thread.onSpinWait();
        }
        cutInputAfterLastRecord(journal);
        // the writer reaches the cut within a page, about 55 ticks; the ring of 64 is full long before this ends
        assertThatThrownBy(() -> submitTicks(failing, 0))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("engine halted: could not write the journal in " + Journals.input(journal));
        final Throwable fatal = failing.fatalError();
        assertThat(fatal).isInstanceOf(JournalWriteException.class);
        assertThat(((JournalWriteException)fatal).dir()).isEqualTo(Journals.input(journal));
        final long acknowledged = failing.appliedSequence();
        assertThatThrownBy(failing::close).hasCause(fatal);

        try (SettlementEngine restarted = engine(journal))
        {
            assertThat(restarted.recoveredInputs()).isGreaterThanOrEqualTo(acknowledged);
            // the host submits again everything it had not seen acknowledged; what the journal holds is acknowledged
            // as a duplicate or refused, and posts nothing a second time
            setUp(restarted);
            submitTicks(restarted, 0);
            restarted.close();
            assertThat(balances(restarted)).containsExactly(expected);
        }
        assertThat(JournalVerifier.verify(journal).intact()).isTrue();
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void balanceQueriesWaitingInTheRingWhenTheEngineHaltsAreAnsweredWithTheHalt() throws Exception
    {
        final Path journal = tmp.resolve("journal");
        final SettlementEngine failing = engine(journal);
        setUp(failing);
        while (failing.appliedSequence() < 1 + 2 * METERS)
        {
            Thread.onSpinWait();
        }
        cutInputAfterLastRecord(journal);
        // a query after every tick, until the halt refuses a submission: the ring of 64 holds some when it comes
        final List<CompletableFuture<Balance>> queries = new ArrayList<>();
        assertThatThrownBy(() ->
        {
            for (int i = 0; i < INTERVALS; i++)
            {
                failing.submitTick(42, 0, EngineFixture.START + 900L * i, 900, 100, 0);
                queries.add(failing.queryBalance(1001, USD));
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("engine halted");

        // the producer sees the halt as soon as it is set, while the business-logic thread is still answering the
        // queries in the ring: close() returns once that thread has ended, and so has answered them all (checked
        // before the close, this failed once when a loaded machine descheduled that thread between the two steps)
        assertThatThrownBy(failing::close).isInstanceOf(IllegalStateException.class);
        // before the fix the queries behind the halt were never completed, and a host waiting on one waited for ever
        assertThat(queries).isNotEmpty().allSatisfy(q -> assertThat(q).isDone());
        assertThat(queries).filteredOn(CompletableFuture::isCompletedExceptionally).allSatisfy(q ->
            assertThatThrownBy(q::join).satisfies(e -> assertThat(JournalWriteException.find(e)).isNotNull()));
    }

    @Test
    void aStartWithLessRoomThanAskedIsRefusedBeforeAnythingIsWritten()
    {
        final Path journal = tmp.resolve("journal");
        // no file system has this much room: the check is the one a nearly full disk meets
        assertThatThrownBy(() -> SettlementEngine.builder().journalDir(journal).minFreeSpace(Long.MAX_VALUE).build())
            .isInstanceOf(JournalWriteException.class)
            .hasMessageStartingWith("no space left on device in " + journal + " (")
            .hasMessageContaining("MiB needed to start); nothing was written");
        assertThat(journal).doesNotExist();
    }
}
