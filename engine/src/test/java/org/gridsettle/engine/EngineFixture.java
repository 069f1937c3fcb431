package org.gridsettle.engine;

import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared set-up for engine tests: a small time-of-use tariff, a few meters, and a journal reader that returns every
 * record's bytes.
 */
public final class EngineFixture
{
    /** Tariff id used by the fixture. */
    public static final long TARIFF = 11;
    /** Zone of the fixture tariff. */
    public static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    /** 2026-03-02T00:00 in Los Angeles, a Monday. */
    public static final long START = ZonedDateTime.of(2026, 3, 2, 0, 0, 0, 0, ZONE).toEpochSecond();
    /** Off-peak import 300,000 µ/kWh (0.30/kWh), export 50,000; peak 16:00-21:00 import 500,000, export 100,000. */
    public static final long OFF_PEAK_IMPORT = 300_000;
    /** Peak import rate. */
    public static final long PEAK_IMPORT = 500_000;
    /** Off-peak export rate. */
    public static final long OFF_PEAK_EXPORT = 50_000;
    /** Peak export rate. */
    public static final long PEAK_EXPORT = 100_000;

    private EngineFixture()
    {
    }

    /**
     * @return a two-period tariff with a 16:00-21:00 peak every day.
     */
    public static TouTariff tariff()
    {
        final int[] hours = new int[24];
        for (int h = 16; h < 21; h++)
        {
            hours[h] = 1;
        }
        return TouTariff.hourly(TARIFF, 1, START, "USD", "SOLAR", ZONE,
            List.of(new TouPeriod("off-peak", OFF_PEAK_IMPORT, OFF_PEAK_EXPORT),
                new TouPeriod("peak", PEAK_IMPORT, PEAK_EXPORT)),
            hours, hours);
    }

    /**
     * Publishes the tariff and enrols meters 1..meters on accounts 1001..1000+meters.
     *
     * @param engine a started engine.
     * @param meters number of meters.
     */
    public static void setUp(final SettlementEngine engine, final int meters)
    {
        engine.publishTariff(tariff());
        for (int m = 1; m <= meters; m++)
        {
            engine.registerAccount(1000 + m);
            engine.enrolMeter(m, 1000 + m, TARIFF, START);
        }
    }

    /**
     * Submits a deterministic day of 15-minute ticks for meters 1..meters, with exports on even meters at midday.
     *
     * @param engine    a started engine.
     * @param meters    number of meters.
     * @param intervals number of 15-minute intervals from {@link #START}.
     */
    public static void submitDay(final SettlementEngine engine, final int meters, final int intervals)
    {
        for (int i = 0; i < intervals; i++)
        {
            final long t = START + i * 900L;
            for (int m = 1; m <= meters; m++)
            {
                final boolean midday = i >= 40 && i < 64;
                final long exportWh = (m % 2 == 0 && midday) ? 150 + m : 0;
                final long importWh = exportWh > 0 ? 0 : 100 + (i * 7 + m * 13) % 400;
                engine.submitTick(m, MeterTickCodec.CHANNEL_MAIN, t, 900, importWh, exportWh);
            }
        }
    }

    /**
     * Writes a journal of one engine session: {@link #setUp} and {@link #submitDay}, then a clean close.
     *
     * @param dir       the journal directory.
     * @param meters    number of meters.
     * @param intervals number of 15-minute intervals.
     */
    public static void writeJournal(final Path dir, final int meters, final int intervals)
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            setUp(engine, meters);
            submitDay(engine, meters, intervals);
        }
    }

    /**
     * Runs one more engine session on a journal, registering an account: one input, and a close checkpoint in each
     * journal.
     *
     * @param dir     the journal directory.
     * @param account the account registered.
     */
    public static void appendSession(final Path dir, final long account)
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.registerAccount(account);
        }
    }

    /**
     * @param queueDir a journal queue directory.
     * @return every record's bytes, in order, after verifying the chain.
     */
    public static List<byte[]> readAll(final Path queueDir)
    {
        final List<byte[]> records = new ArrayList<>();
        try (JournalReader reader = new JournalReader(queueDir))
        {
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
}
