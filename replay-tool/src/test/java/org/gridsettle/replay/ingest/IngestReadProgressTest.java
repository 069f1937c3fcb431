package org.gridsettle.replay.ingest;

import org.gridsettle.journal.ProgressListener;
import org.gridsettle.replay.progress.TerminalProgress;
import org.gridsettle.replay.tariff.TariffDocument;
import org.gridsettle.replay.tariff.TariffFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress of reading an ingest's usage files ({@link ReadProgress}, {@link IngestRun#readProgress}): bytes of the
 * files as they lie on disk, each counted as many times as its reader reads it through, told every MiB and at the end
 * with the total, all before the first reading is submitted; and, on a standard error that is not a terminal (the test
 * runner's pipe), no bar at all. The totals are computed here from the files' sizes ({@link Files#size}), and a Green
 * Button feed is walked twice by its reader (its index, then its readings: {@link GreenButtonReader#read}).
 */
class IngestReadProgressTest
{
    /** A real rate from the URDB, as IngestStopTest uses it: readings of 2015 in Florida. */
    private static final String TARIFF = "urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json";
    /** 2015-06-29T04:00Z, midnight in Florida. */
    private static final long START = 1_435_550_400L;
    private static final int METERS = 40;
    private static final int INTERVALS = 30 * 96;

    @TempDir
    Path tmp;

    @Test
    void everyByteOfEveryFileIsCountedAsOftenAsItsReaderReadsItAndTheLastCallIsTheTotal() throws IOException
    {
        final Path csv = fleetCsv(tmp.resolve("fleet.csv"));
        final Path gzipped = gzip(csv, tmp.resolve("fleet-copy.csv.gz"));
        final Path feed = RecordingSink.resource("greenbutton_Coastal_Multi_Family_2011_hourly.xml.gz");
        final Path plainFeed = RecordingSink.resource("greenbutton_ESPIIntervalBlock.xml");
        final List<UsageFile> files = List.of(UsageFile.of(csv, null), UsageFile.of(feed, null),
            UsageFile.of(gzipped, null), UsageFile.of(plainFeed, null));
        final long expected = Files.size(csv) + 2 * Files.size(feed) + Files.size(gzipped) + 2 * Files.size(plainFeed);
        final List<long[]> calls = new ArrayList<>();

        final ReadProgress progress = ReadProgress.of((done, total) -> calls.add(new long[] {done, total}), files);
        assertThat(progress.total()).isEqualTo(expected);
        final RecordingSink sink = new RecordingSink();
        for (final UsageFile file : files)
        {
            file.read(sink, progress);
        }

        // the readers read each file to its end: every byte counted, none twice within a pass
        assertThat(progress.done()).isEqualTo(expected);
        assertThat(calls).isNotEmpty().allSatisfy((call) -> assertThat(call[1]).isEqualTo(expected));
        assertThat(calls.get(calls.size() - 1)[0]).as("no call before the end reaches the total").isLessThan(expected);
        // one call at each MiB passed: the 64 KiB buffer refills overshoot it by less than one refill each time
        assertThat(calls.size()).isGreaterThanOrEqualTo((int)(expected / (ReadProgress.EVERY_BYTES + 65_536)));
        for (int i = 1; i < calls.size(); i++)
        {
            assertThat(calls.get(i)[0]).isGreaterThan(calls.get(i - 1)[0]);
        }
        progress.finish();
        assertThat(calls.get(calls.size() - 1)).containsExactly(expected, expected);
        assertThat(sink.readings).hasSize(METERS * INTERVALS * 2 + 8_760 + countOf(plainFeed));
    }

    @Test
    void anIngestTellsTheReadingOfItsFilesToTheirSizeBeforeItSubmitsAReading() throws IOException
    {
        final Path meters = enrolment(tmp.resolve("meters.csv"));
        final Path csv = fleetCsv(tmp.resolve("fleet.csv"));
        final List<String> told = new ArrayList<>();

        final IngestReport report = ingest(tmp.resolve("journal"), meters, csv)
            .readProgress((done, total) -> told.add("read " + done + "/" + total))
            .progress((done, total) -> told.add("submitted " + done + "/" + total))
            .run((line) ->
            {
                throw new AssertionError("bad row: " + line);
            });

        final long size = Files.size(csv);
        assertThat(report.readingsSubmitted()).isEqualTo((long)METERS * INTERVALS);
        final List<String> reads = told.stream().filter((line) -> line.startsWith("read ")).toList();
        // a file of over 2 MiB: a call at each MiB read, then the total
        assertThat(size).isGreaterThan(2L << 20);
        assertThat(reads).hasSizeGreaterThanOrEqualTo((int)(size / (ReadProgress.EVERY_BYTES + 65_536)) + 1).last().isEqualTo("read " + size + "/" + size);
        assertThat(told.subList(0, reads.size())).as("every read call comes before the first submission").isEqualTo(
            reads);
    }

    @Test
    void onAStandardErrorThatIsNotATerminalTheReadBarDrawsNothing() throws IOException
    {
        final Path meters = enrolment(tmp.resolve("meters.csv"));
        final Path csv = fleetCsv(tmp.resolve("fleet.csv"));
        final ByteArrayOutputStream drawn = new ByteArrayOutputStream();
        final PrintStream stderr = System.err;
        final IngestReport report;
        // the command's own bar, on the test runner's standard error: a pipe to Maven
        System.setErr(new PrintStream(drawn, true, StandardCharsets.UTF_8));
        try (TerminalProgress reading = TerminalProgress.forStderr("ingest: read", "MiB", 1 << 20))
        {
            final long[] calls = {0};
            report = ingest(tmp.resolve("journal"), meters, csv)
                .readProgress((done, total) ->
                {
                    calls[0]++;
                    reading.progress(done, total);
                })
                .run((line) ->
                {
                });
            assertThat(calls[0]).as("the bar was told").isGreaterThanOrEqualTo(3);
        }
        finally
        {
            System.setErr(stderr);
        }
        assertThat(report.readingsSubmitted()).isEqualTo((long)METERS * INTERVALS);
        assertThat(drawn.toString(StandardCharsets.UTF_8)).doesNotContain("ingest").doesNotContain("MiB");
    }

    private static IngestRun ingest(final Path journal, final Path meters, final Path usage)
    {
        final TariffDocument tariff = TariffDocument.read(RecordingSink.resource(TARIFF), TariffFormat.URDB);
        return new IngestRun(journal, tariff, ZoneId.of("America/New_York"), "SOLAR",
            new EnrolmentCsvReader().read(meters), List.of(UsageFile.of(usage, null)));
    }

    /** @return an enrolment of the fleet's meters, M1 to M40. */
    private static Path enrolment(final Path file) throws IOException
    {
        final StringBuilder rows = new StringBuilder("meter_id,account_id\n");
        for (int m = 1; m <= METERS; m++)
        {
            rows.append("M").append(m).append(',').append(1000 + m).append('\n');
        }
        return Files.writeString(file, rows);
    }

    /** @return a CSV of 40 meters' 30 days of quarter hours from {@link #START}: 115,200 rows, some 2.7 MiB. */
    private static Path fleetCsv(final Path file) throws IOException
    {
        try (Writer out = Files.newBufferedWriter(file))
        {
            out.write("meter_id,interval_start,interval_seconds,import_wh,export_wh\n");
            for (int m = 1; m <= METERS; m++)
            {
                for (int q = 0; q < INTERVALS; q++)
                {
                    out.write("M" + m + "," + (START + 900L * q) + ",900," + (100 + (m * 7 + q) % 400) + ",0\n");
                }
            }
        }
        return file;
    }

    private static Path gzip(final Path file, final Path to) throws IOException
    {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to)))
        {
            Files.copy(file, out);
        }
        return to;
    }

    /** @return the readings a Green Button reader finds in a feed, read without counting. */
    private static int countOf(final Path feed)
    {
        final RecordingSink sink = new RecordingSink();
        new GreenButtonReader().read(feed, sink);
        return sink.readings.size();
    }
}
