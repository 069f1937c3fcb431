package org.gridsettle.replay.ingest;

import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which of a run's readings the input journal settled already ({@link SettledReadings}): the scan is handed METER_TICK
 * records as the ingest's one pass over the input journal hands them, with the output journal's verdict (the last
 * input applied, the inputs rejected) given directly. The command-line cases (a file sent twice, an old reading
 * changed) are in IngestCommandTest; these are the rules of the class Javadoc one at a time, and what the scan holds.
 */
class SettledReadingsTest
{
    private static final long T0 = 1_772_323_200L;
    private static final int M1 = 1;
    private static final int M2 = 2;

    private final UnsafeBuffer record = new UnsafeBuffer(new byte[MeterTickCodec.LENGTH]);
    private final MeterTickCodec codec = new MeterTickCodec();
    private long sequence;

    @Test
    void aReadingJournalledWithTheSameValuesIsSettledAndAChangedOneIsNot()
    {
        final ReadingBuffer run = readings();
        run.onReading("A", 0, T0, 900, 100, 0);
        run.onReading("A", 0, T0 + 900, 900, 110, 0);
        run.onReading("A", 0, T0 + 1_800, 900, 120, 5);
        final SettledReadings.Scan scan = scan(run, new LongHashSet(), 100);
        tick(scan, M1, 0, T0, 900, 100, 0);
        // import changed, interval length changed
        tick(scan, M1, 0, T0 + 900, 900, 111, 0);
        tick(scan, M1, 0, T0 + 1_800, 1_800, 120, 5);

        final SettledReadings settled = scan.result();

        assertThat(settled.isSettled(0)).isTrue();
        assertThat(settled.isSettled(1)).isFalse();
        assertThat(settled.isSettled(2)).isFalse();
        assertThat(settled.count()).isEqualTo(1);
    }

    @Test
    void theLatestAcceptedTickOfAnIdentityDecides()
    {
        final ReadingBuffer run = readings();
        run.onReading("A", 0, T0, 900, 100, 0);
        run.onReading("A", 0, T0 + 900, 900, 200, 0);
        final SettledReadings.Scan scan = scan(run, new LongHashSet(), 100);
        // settled as sent, then corrected to other values later: the run's copy is no longer what the journal holds
        tick(scan, M1, 0, T0, 900, 100, 0);
        tick(scan, M1, 0, T0, 900, 90, 0);
        // first other values, then corrected to the run's
        tick(scan, M1, 0, T0 + 900, 900, 150, 0);
        tick(scan, M1, 0, T0 + 900, 900, 200, 0);

        final SettledReadings settled = scan.result();

        assertThat(settled.isSettled(0)).isFalse();
        assertThat(settled.isSettled(1)).isTrue();
        assertThat(settled.count()).isEqualTo(1);
    }

    @Test
    void aRejectedTickAndOneAfterTheLastAppliedInputCountForNothing()
    {
        final ReadingBuffer run = readings();
        run.onReading("A", 0, T0, 900, 100, 0);
        run.onReading("A", 0, T0 + 900, 900, 110, 0);
        run.onReading("A", 0, T0 + 1_800, 900, 120, 0);
        final LongHashSet rejected = new LongHashSet();
        // sequences 1 to 4: the first and third rejected; the output journal shows inputs up to 4 applied
        rejected.add(1);
        rejected.add(3);
        final SettledReadings.Scan scan = scan(run, rejected, 4);
        tick(scan, M1, 0, T0, 900, 100, 0);
        tick(scan, M1, 0, T0 + 900, 900, 110, 0);
        // a rejected correction does not take back what was settled before it
        tick(scan, M1, 0, T0 + 900, 900, 999, 0);
        tick(scan, M1, 0, T0 + 1_800, 900, 1, 0);
        // journalled just before a crash (sequence 5): recovery re-applies it, whatever it turns out to be
        tick(scan, M1, 0, T0 + 1_800, 900, 120, 0);

        final SettledReadings settled = scan.result();

        assertThat(scan.applied(2)).isTrue();
        assertThat(scan.applied(3)).isFalse();
        assertThat(scan.applied(5)).isFalse();
        assertThat(settled.isSettled(0)).as("rejected").isFalse();
        assertThat(settled.isSettled(1)).as("settled, its correction rejected").isTrue();
        assertThat(settled.isSettled(2)).as("after the last applied input").isFalse();
        assertThat(settled.count()).isEqualTo(1);
    }

    @Test
    void meterChannelAndStartAllMakeTheIdentity()
    {
        final ReadingBuffer run = readings();
        run.onReading("A", 0, T0, 900, 100, 0);
        run.onReading("A", 1, T0, 900, 100, 0);
        run.onReading("B", 0, T0, 900, 100, 0);
        // the same reading twice in one run (a file given twice): both follow the journal
        run.onReading("A", 0, T0, 900, 100, 0);
        run.onReading("A", 0, T0, 900, 101, 0);
        final SettledReadings.Scan scan = scan(run, new LongHashSet(), 100);
        tick(scan, M1, 0, T0, 900, 100, 0);
        tick(scan, M2, 0, T0 + 900, 900, 100, 0);
        tick(scan, M1, 1, T0 + 900, 900, 100, 0);

        final SettledReadings settled = scan.result();

        assertThat(settled.isSettled(0)).isTrue();
        assertThat(settled.isSettled(1)).as("channel 1 at T0 was never journalled").isFalse();
        assertThat(settled.isSettled(2)).as("meter B at T0 was never journalled").isFalse();
        assertThat(settled.isSettled(3)).isTrue();
        assertThat(settled.isSettled(4)).isFalse();
        assertThat(settled.count()).isEqualTo(2);
    }

    @Test
    void whatTheScanHoldsDependsOnTheRunAloneNotOnTheJournal()
    {
        // a run of one day of 200 meters into a journal that holds a month of theirs and of 800 other meters: the
        // scan keeps a table and a bit per reading of the run and copies nothing of what it reads
        final List<Enrolment> meters = new java.util.ArrayList<>();
        for (int m = 1; m <= 1_000; m++)
        {
            meters.add(new Enrolment("M" + m, m, 1000 + m, 0));
        }
        final ReadingBuffer run = new ReadingBuffer(new MeterIdMap(meters), new BadRowTally((line) ->
        {
        }), EnrolmentStart.of(Optional.empty(), ZoneId.of("UTC")));
        final int day = 96;
        final long lastDay = T0 + 30L * day * 900;
        for (int m = 1; m <= 200; m++)
        {
            for (int q = 0; q < day; q++)
            {
                run.onReading("M" + m, 0, lastDay + 900L * q, 900, m + q, 0);
            }
        }
        final SettledReadings.Scan scan = scan(run, new LongHashSet(), Long.MAX_VALUE);
        final long held = scan.heldBytes();
        // 19,200 readings: 65,536 slots of 4 bytes (the power of two at or above twice the count) and 300 words of bits
        assertThat(held).isEqualTo(65_536L * 4 + 300L * 8);
        assertThat((double)held / run.size()).isLessThan(16.0 + 1);

        for (int m = 1; m <= 1_000; m++)
        {
            for (int q = 0; q < 31 * day; q++)
            {
                final long start = T0 + 900L * q;
                tick(scan, m, 0, start, 900, start >= lastDay && m <= 200 ? m + q - 30 * day : 7, 0);
            }
        }

        assertThat(sequence).isEqualTo(2_976_000L);
        assertThat(scan.heldBytes()).isEqualTo(held);
        assertThat(scan.result().count()).isEqualTo(200L * day);
    }

    private static ReadingBuffer readings()
    {
        return new ReadingBuffer(new MeterIdMap(List.of(new Enrolment("A", M1, 1001, 0),
            new Enrolment("B", M2, 1002, 0))), new BadRowTally((line) ->
            {
            }), EnrolmentStart.of(Optional.empty(), ZoneId.of("UTC")));
    }

    private static SettledReadings.Scan scan(final ReadingBuffer run, final LongHashSet rejected,
        final long lastApplied)
    {
        return new SettledReadings.Scan(run, rejected, lastApplied);
    }

    /** Hands the scan the next input record: a tick with the next sequence, from 1. */
    private void tick(final SettledReadings.Scan scan, final long meter, final int channel, final long start,
        final int seconds, final long importWh, final long exportWh)
    {
        codec.wrap(record, 0);
        codec.encode(++sequence, meter, channel, start, seconds, importWh, exportWh, 0);
        scan.onRecord(record, 0, MeterTickCodec.LENGTH, 0);
    }
}
