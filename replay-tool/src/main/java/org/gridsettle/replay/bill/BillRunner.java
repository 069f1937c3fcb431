package org.gridsettle.replay.bill;

import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.pricing.tariff.TouTariff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Bills one meter by running a real {@link SettlementEngine} over its readings, so a bill is priced by exactly the
 * code that settles: the same validation, idempotency, tariff lookup, rounding and fixed charges.
 * <p>
 * The engine journals to a temporary directory that is deleted afterwards, whatever happens. It gets one account
 * ({@value #ACCOUNT}) and one meter ({@value #METER}) enrolled from the bill's first midnight, then the readings in
 * interval-start order with the calendar events of {@link BillingCalendar} interleaved as time passes them, so no
 * reading lands in a period already closed.
 * <p>
 * Inputs are numbered by the engine in submission order from 1 in a new journal; the runner keeps that numbering to
 * tell which outputs answer which reading or calendar event, and checks at the end that the engine journalled exactly
 * the inputs it submitted.
 * <p>
 * Immutable: each run has its own engine and temporary journal and submits from the calling thread, so runs may
 * proceed on several threads at once.
 */
public final class BillRunner
{
    /** Account billed. */
    public static final long ACCOUNT = SystemAccounts.FIRST_CUSTOMER_ACCOUNT;
    /** Engine meter id of the meter billed. */
    public static final long METER = 1;

    private final Path tempParent;

    /**
     * A runner that keeps its temporary journals in the system's temporary directory.
     */
    public BillRunner()
    {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param tempParent directory the temporary journals are created in, and removed from.
     */
    public BillRunner(final Path tempParent)
    {
        this.tempParent = tempParent;
    }

    /**
     * @param tariff   the tariff; its export token must be its import token, so credits net against charges.
     * @param describe one line naming the tariff, for the bill.
     * @param meter    the meter, as the usage file names it.
     * @param readings its readings in the bill's range, in interval-start order.
     * @param calendar days and periods of the bill.
     * @return the bill.
     */
    public Bill run(
        final TouTariff tariff,
        final String describe,
        final String meter,
        final List<UsageReading> readings,
        final BillingCalendar calendar)
    {
        if (tariff.tokenSymbol() != tariff.exportTokenSymbol())
        {
            throw new IllegalArgumentException("a bill needs export credits in the import token " + tariff.token() +
                ", not " + tariff.exportToken());
        }
        final Path dir;
        try
        {
            dir = Files.createTempDirectory(tempParent, "gridsettle-bill-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create a temporary journal directory", ex);
        }
        Bill bill = null;
        RuntimeException failure = null;
        try
        {
            final EngineTranscript transcript = new EngineTranscript();
            final long[] tickSequences = new long[readings.size()];
            final Map<Long, Integer> calendarKinds = new HashMap<>();
            settle(dir, transcript, tariff, readings, calendar, tickSequences, calendarKinds);
            bill = new BillAssembler(tariff, calendar, transcript, calendarKinds)
                .assemble(meter, describe, readings, tickSequences);
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
        }
        // the temporary journal goes whatever happened; a failure to delete it must not hide why the bill failed
        final UncheckedIOException deleteFailure = deleteTree(dir);
        if (failure != null)
        {
            if (deleteFailure != null)
            {
                failure.addSuppressed(deleteFailure);
            }
            throw failure;
        }
        if (deleteFailure != null)
        {
            throw deleteFailure;
        }
        return bill;
    }

    private static void settle(
        final Path dir,
        final EngineTranscript transcript,
        final TouTariff tariff,
        final List<UsageReading> readings,
        final BillingCalendar calendar,
        final long[] tickSequences,
        final Map<Long, Integer> calendarKinds)
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).listener(transcript).build();
        long sequence = 0;
        try (engine)
        {
            engine.start();
            if (engine.recoveredInputs() != 0)
            {
                throw new IllegalStateException(dir + " is not a new journal");
            }
            engine.publishTariff(tariff);
            engine.registerAccount(ACCOUNT);
            engine.enrolMeter(METER, ACCOUNT, tariff.tariffId(), calendar.startEpochSecond());
            sequence += 3;
            final List<BillingCalendar.Event> events = calendar.events();
            int nextEvent = 0;
            for (int i = 0; i < readings.size(); i++)
            {
                final UsageReading r = readings.get(i);
                while (nextEvent < events.size() && events.get(nextEvent).at() <= r.start())
                {
                    sequence = submit(engine, tariff, events.get(nextEvent++), sequence, calendarKinds);
                }
                engine.submitTick(METER, r.channel(), r.start(), r.seconds(), r.importWh(), r.exportWh());
                tickSequences[i] = ++sequence;
            }
            while (nextEvent < events.size())
            {
                sequence = submit(engine, tariff, events.get(nextEvent++), sequence, calendarKinds);
            }
        }
        if (engine.counters().inputs() != sequence)
        {
            throw new IllegalStateException("the engine journalled " + engine.counters().inputs() +
                " inputs, the bill submitted " + sequence + "; outputs cannot be matched to readings");
        }
    }

    private static long submit(
        final SettlementEngine engine,
        final TouTariff tariff,
        final BillingCalendar.Event event,
        final long sequence,
        final Map<Long, Integer> calendarKinds)
    {
        engine.calendar(event.kind(), event.at(), tariff.tariffId());
        calendarKinds.put(sequence + 1, event.kind());
        return sequence + 1;
    }

    private static UncheckedIOException deleteTree(final Path dir)
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path p : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(p);
            }
            return null;
        }
        catch (final IOException ex)
        {
            return new UncheckedIOException("cannot delete the temporary journal " + dir, ex);
        }
    }
}
