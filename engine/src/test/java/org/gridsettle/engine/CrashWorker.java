package org.gridsettle.engine;

import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.pretouch.Pretouch;

import java.nio.file.Path;

/**
 * The child JVM of {@link KillNineRecoveryTest}: opens (and so recovers) an engine on a journal, then submits the
 * rest of a fixed, deterministic input stream from wherever the journal ends, and closes cleanly if it is not
 * killed first. Input k of the stream is always the same, so a run that was killed and restarted must end with
 * exactly the journal of a run that never was.
 */
public final class CrashWorker
{
    static final int METERS = 50;
    static final int TICKS = 120_000;

    private CrashWorker()
    {
    }

    /**
     * @param args journal directory, then optionally a {@link Pretouch} mode's name (default {@code OFF}).
     */
    public static void main(final String[] args)
    {
        final Path dir = Path.of(args[0]);
        final Pretouch pretouch = args.length > 1 ? Pretouch.valueOf(args[1]) : Pretouch.OFF;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).snapshotInterval(20_000)
            .pretouch(pretouch).build().start())
        {
            final long done = engine.recoveredInputs();
            System.out.println("recovered " + done + " " + String.join(" | ", engine.recoveryNotes()));
            System.out.flush();
            submitFrom(engine, done);
        }
    }

    /** Total inputs in the stream. */
    static long inputCount()
    {
        return 1 + 2L * METERS + TICKS + TICKS / (METERS * 96);
    }

    /**
     * Submits inputs {@code from} .. end of the stream.
     *
     * @param engine a started engine.
     * @param from   inputs already journalled.
     */
    static void submitFrom(final SettlementEngine engine, final long from)
    {
        long k = 0;
        if (from <= k++)
        {
            engine.publishTariff(EngineFixture.tariff().withFixedCharges(330_000, 0));
        }
        for (int m = 1; m <= METERS; m++)
        {
            if (from <= k++)
            {
                engine.registerAccount(1000 + m);
            }
            if (from <= k++)
            {
                engine.enrolMeter(m, 1000 + m, EngineFixture.TARIFF, EngineFixture.START);
            }
        }
        for (int i = 0; i < TICKS; i++)
        {
            final int meter = 1 + i % METERS;
            final int interval = i / METERS;
            if (from <= k++)
            {
                final long exportWh = (meter % 3 == 0 && interval % 96 >= 40 && interval % 96 < 64) ? 90 + i % 50 : 0;
                final long importWh = exportWh > 0 ? 0 : 50 + (i * 31L) % 700;
                engine.submitTick(meter, 0, EngineFixture.START + interval * 900L, 900, importWh, exportWh);
            }
            if (meter == METERS && interval % 96 == 95 && from <= k++)
            {
                // the end of each local day of the fixture (24-hour days in early March)
                engine.calendar(CalendarCodec.END_OF_DAY, EngineFixture.START + (interval + 1) * 900L,
                    EngineFixture.TARIFF);
            }
        }
    }
}
