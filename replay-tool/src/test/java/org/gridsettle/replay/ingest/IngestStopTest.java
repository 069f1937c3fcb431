package org.gridsettle.replay.ingest;

import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.replay.tariff.TariffDocument;
import org.gridsettle.replay.tariff.TariffFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ingest asked to stop part way (what {@code settle ingest} does on Ctrl-C or a kill) closes its engine as after a
 * whole run, so the journal verifies intact, and the same ingest run again settles the rest: together the two runs
 * post what one whole run posts. Before, a signal ended the JVM with the journal unsealed, and verification failed
 * until the next run recovered it.
 * <p>
 * The data: 40 meters, 3 days of 15-minute readings (11,520) from 2015-06-29 04:00Z (midnight in Florida), on the real
 * FPL RS-1 rate from the URDB, tiered with a monthly fixed charge, so that June's billing period closes at 2015-07-01
 * 04:00Z; stopped after 5,000 readings, a third of the way into June 30, before that close.
 */
class IngestStopTest
{
    private static final int METERS = 40;
    private static final int INTERVALS = 3 * 96;
    private static final long STOP_AFTER = 5_000;
    /** A real rate from the URDB, with a fixed charge, so that the ingest journals ends of days and months. */
    private static final String TARIFF = "/ingest/urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json";

    @TempDir
    Path tmp;

    @Test
    void aStoppedIngestLeavesAnIntactJournalAndItsRerunSettlesTheRest() throws IOException
    {
        final Path meters = tmp.resolve("meters.csv");
        final Path usage = tmp.resolve("usage.csv");
        writeFleet(meters, usage);

        final Path whole = tmp.resolve("whole");
        final IngestReport wholeRun = run(whole, meters, usage, () -> false).run;

        final Path stoppedDir = tmp.resolve("stopped");
        final long[] asked = {0};
        // asked once before the engine starts, then before each reading
        final Result stopped = run(stoppedDir, meters, usage, () -> ++asked[0] > 1 + STOP_AFTER);
        assertThat(stopped.stopped).isTrue();
        assertThat(stopped.run.readingsSubmitted()).isEqualTo(STOP_AFTER);
        assertThat(JournalVerifier.verify(stoppedDir).problems()).as("sealed by its close checkpoint").isEmpty();
        // no day was ended whose readings had not all been submitted: the rerun must still settle them in it
        final long[] latest = latestTickAndCalendar(Journals.input(stoppedDir));
        assertThat(latest[1]).as("latest calendar event").isGreaterThan(Long.MIN_VALUE).isLessThanOrEqualTo(latest[0]);

        final Result rest = run(stoppedDir, meters, usage, () -> false);
        assertThat(rest.stopped).isFalse();
        assertThat(rest.run.alreadySettled()).isEqualTo(STOP_AFTER);
        assertThat(rest.run.readingsSubmitted()).isEqualTo((long)METERS * INTERVALS - STOP_AFTER);
        assertThat(JournalVerifier.verify(stoppedDir).problems()).isEmpty();
        assertThat(sum(stopped.run.amountsByToken(), rest.run.amountsByToken()))
            .isEqualTo(wholeRun.amountsByToken());
    }

    private record Result(IngestReport run, boolean stopped)
    {
    }

    private static Result run(final Path journal, final Path meters, final Path usage, final BooleanSupplier stop)
    {
        final TariffDocument tariff = TariffDocument.read(resource(TARIFF), TariffFormat.URDB);
        final IngestRun run = new IngestRun(journal, tariff, ZoneId.of("America/New_York"), "SOLAR",
            new EnrolmentCsvReader().read(meters), List.of(UsageFile.of(usage, null))).stopWhen(stop);
        final IngestReport report = run.run((line) ->
        {
            throw new AssertionError("bad row: " + line);
        });
        return new Result(report, run.stopped());
    }

    /** @return the latest tick interval start and the latest calendar event's instant in an input journal. */
    private static long[] latestTickAndCalendar(final Path inputQueue)
    {
        final long[] latest = {Long.MIN_VALUE, Long.MIN_VALUE};
        final MeterTickCodec tick = new MeterTickCodec();
        final CalendarCodec calendar = new CalendarCodec();
        try (JournalReader reader = new JournalReader(inputQueue))
        {
            while (reader.next((buffer, offset, length, position) ->
            {
                final org.agrona.concurrent.UnsafeBuffer view = new org.agrona.concurrent.UnsafeBuffer(buffer,
                    offset, length);
                final int type = RecordFlyweight.typeIdAt(view, 0);
                if (type == RecordType.METER_TICK.id())
                {
                    latest[0] = Math.max(latest[0], tick.<MeterTickCodec>wrap(view, 0).intervalStart());
                }
                else if (type == RecordType.CALENDAR.id())
                {
                    latest[1] = Math.max(latest[1], calendar.<CalendarCodec>wrap(view, 0).at());
                }
            }))
            {
                // the handler keeps the latest of each
            }
        }
        return latest;
    }

    private static Path resource(final String name)
    {
        try
        {
            return Path.of(IngestStopTest.class.getResource(name).toURI());
        }
        catch (final java.net.URISyntaxException e)
        {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Map<String, Long>> sum(
        final Map<String, Map<String, Long>> a, final Map<String, Map<String, Long>> b)
    {
        final Map<String, Map<String, Long>> total = new HashMap<>();
        for (final Map<String, Map<String, Long>> part : List.of(a, b))
        {
            part.forEach((token, reasons) -> reasons.forEach((reason, amount) ->
                total.computeIfAbsent(token, (t) -> new HashMap<>()).merge(reason, amount, Long::sum)));
        }
        return total;
    }

    private static void writeFleet(final Path meters, final Path usage) throws IOException
    {
        final StringBuilder enrolments = new StringBuilder("meter_id,account_id\n");
        for (int m = 0; m < METERS; m++)
        {
            enrolments.append("M-").append(m).append(',').append(5000 + m).append('\n');
        }
        Files.writeString(meters, enrolments);
        final StringBuilder readings = new StringBuilder("meter_id,interval_start,interval_seconds,import_wh,export_wh\n");
        final long start = Instant.parse("2015-06-29T04:00:00Z").getEpochSecond();
        for (int i = 0; i < INTERVALS; i++)
        {
            for (int m = 0; m < METERS; m++)
            {
                readings.append("M-").append(m).append(',').append(Instant.ofEpochSecond(start + 900L * i))
                    .append(",900,").append(100 + (i * 7 + m * 13) % 400).append(",0\n");
            }
        }
        Files.writeString(usage, readings);
    }
}
