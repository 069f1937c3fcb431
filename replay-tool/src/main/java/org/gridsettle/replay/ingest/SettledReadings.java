package org.gridsettle.replay.ingest;

import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.RecordHandler;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The readings of an ingest that an existing journal has already settled with exactly these values, so that a file
 * sent again, or a download that overlaps the last one, is not submitted twice. The engine would post nothing for
 * such a reading either way, but it remembers only each meter's latest intervals: one older than those would be
 * journalled and rejected OUTSIDE_CORRECTION_WINDOW, so that a utility ingesting a week's overlapping downloads every
 * day fills its journal, and its auditor's rejection counts, with readings that were settled when first sent.
 * <p>
 * A reading is settled when the journal's latest tick (or correction) of the same meter, channel and interval start
 * that the engine did not reject has the same interval length, import and export. Only inputs the output journal
 * shows were applied count (a rejection's or a posting's cause, or any input before one): an input journalled just
 * before a crash is re-applied by the engine's recovery, whatever it turns out to be, and its reading is sent again.
 * A changed reading is never skipped: the engine decides it, as before.
 * <p>
 * Both journals are read once, without checking their chains (the engine that appends to them verifies both end to
 * end when it opens them, before anything is journalled); the input journal in the pass that also reads the
 * calendar ({@link Scan}, {@link JournalledCalendar#read}). Memory: about 16 bytes per reading of the run, plus 8 per
 * rejection in the journal and 48 per reading the journal holds. Immutable once read; safe to share between threads.
 */
final class SettledReadings
{
    private static final long MISSING = -1;

    private final boolean[] settled;
    private final long count;

    private SettledReadings(final boolean[] settled, final long count)
    {
        this.settled = settled;
        this.count = count;
    }

    /**
     * Reads the output journal, and returns the part that reads the input journal: hand it every input record (the
     * ingest's one pass over the input journal, {@link JournalledCalendar#read}), then ask it for the result.
     *
     * @param journalDir a journal directory, which need not exist.
     * @param readings   the run's readings.
     * @return the input side of the scan.
     */
    static Scan scan(final Path journalDir, final ReadingBuffer readings)
    {
        final LongHashSet rejected = new LongHashSet();
        final boolean journalled = Journals.exists(journalDir) && Files.isDirectory(Journals.output(journalDir));
        // with no journal no input is ever applied, so nothing handed to the scan counts
        final long lastApplied = journalled ? scanOutputs(journalDir, rejected) : 0;
        return new Scan(readings, rejected, lastApplied);
    }

    /**
     * @param reading a reading index of the buffer this was read for.
     * @return true if the journal settled it with the same values.
     */
    boolean isSettled(final int reading)
    {
        return reading < settled.length && settled[reading];
    }

    /**
     * @return how many of the run's readings the journal settled already.
     */
    long count()
    {
        return count;
    }

    /** @return the causes of the output journal's rejections into {@code rejected}; the last input applied. */
    private static long scanOutputs(final Path journalDir, final LongHashSet rejected)
    {
        final long[] lastApplied = {0};
        try (JournalReader outputs = new JournalReader(Journals.output(journalDir)).chainVerification(false)
            .checkpointVerification(false))
        {
            while (outputs.next((buffer, offset, length, position) ->
            {
                final int type = RecordFlyweight.typeIdAt(buffer, offset);
                if (type == RecordType.REJECTION.id() || type == RecordType.TRANSFER.id() ||
                    type == RecordType.DUPLICATE_ACK.id())
                {
                    final long cause = RecordFlyweight.causeSequenceAt(buffer, offset);
                    lastApplied[0] = Math.max(lastApplied[0], cause);
                    if (type == RecordType.REJECTION.id())
                    {
                        rejected.add(cause);
                    }
                }
            }))
            {
                // the handler keeps what it found
            }
        }
        return lastApplied[0];
    }

    /**
     * The input side of the scan: every METER_TICK handed to it that the output journal shows was applied and not
     * rejected, of an identity among the run's readings, is kept with its values. Not thread-safe: one pass.
     */
    static final class Scan implements RecordHandler
    {
        private final ReadingBuffer readings;
        private final LongHashSet wanted = new LongHashSet();
        private final LongHashSet rejected;
        private final long lastApplied;
        private final Journalled journalled = new Journalled();
        private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        private final MeterTickCodec tick = new MeterTickCodec();

        private Scan(final ReadingBuffer readings, final LongHashSet rejected, final long lastApplied)
        {
            this.readings = readings;
            this.rejected = rejected;
            this.lastApplied = lastApplied;
            for (int i = 0; i < readings.size(); i++)
            {
                wanted.add(key(readings.meter(i), readings.channel(i), readings.start(i)));
            }
        }

        @Override
        public void onRecord(final DirectBuffer buffer, final int offset, final int length, final long position)
        {
            if (RecordFlyweight.typeIdAt(buffer, offset) != RecordType.METER_TICK.id())
            {
                return;
            }
            final long sequence = RecordFlyweight.sequenceAt(buffer, offset);
            if (sequence > lastApplied || rejected.contains(sequence))
            {
                return;
            }
            view.wrap(buffer, offset, length);
            tick.wrap(view, 0);
            if (wanted.contains(key(tick.meterId(), tick.channel(), tick.intervalStart())))
            {
                // journal order is sequence order: a later accepted correction replaces the values
                journalled.put(tick.meterId(), tick.channel(), tick.intervalStart(), tick.intervalSeconds(),
                    tick.importWh(), tick.exportWh());
            }
        }

        /**
         * @param sequence an input sequence.
         * @return true if the output journal shows that input applied and not rejected.
         */
        boolean applied(final long sequence)
        {
            return sequence <= lastApplied && !rejected.contains(sequence);
        }

        /**
         * @return which of the run's readings the records handed in settled already.
         */
        SettledReadings result()
        {
            final boolean[] settled = new boolean[readings.size()];
            long count = 0;
            for (int i = 0; i < settled.length; i++)
            {
                settled[i] = journalled.holds(readings.meter(i), readings.channel(i), readings.start(i),
                    readings.seconds(i), readings.importWh(i), readings.exportWh(i));
                count += settled[i] ? 1 : 0;
            }
            return new SettledReadings(settled, count);
        }
    }

    /**
     * A reading's identity as one long. Two identities that mix to the same long share a place in
     * {@link Journalled}, which compares every field, so a collision can only send a settled reading again.
     */
    private static long key(final long meter, final int channel, final long start)
    {
        long h = meter * 0x9E3779B97F4A7C15L + start;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + channel;
        return h ^ (h >>> 29);
    }

    /** The latest accepted values per reading identity, in primitive columns. */
    private static final class Journalled
    {
        private final Long2LongHashMap places = new Long2LongHashMap(MISSING);
        private long[] meter = new long[64];
        private long[] start = new long[64];
        private long[] importWh = new long[64];
        private long[] exportWh = new long[64];
        private int[] channelAndSeconds = new int[64 * 2];
        private int size;

        void put(final long meterId, final int channel, final long intervalStart, final int seconds,
            final long imported, final long exported)
        {
            final long k = key(meterId, channel, intervalStart);
            int at = (int)places.get(k);
            if (at == MISSING)
            {
                if (size == meter.length)
                {
                    grow();
                }
                at = size++;
                places.put(k, at);
            }
            meter[at] = meterId;
            start[at] = intervalStart;
            importWh[at] = imported;
            exportWh[at] = exported;
            channelAndSeconds[2 * at] = channel;
            channelAndSeconds[2 * at + 1] = seconds;
        }

        boolean holds(final long meterId, final int channel, final long intervalStart, final int seconds,
            final long imported, final long exported)
        {
            final long at = places.get(key(meterId, channel, intervalStart));
            if (at == MISSING)
            {
                return false;
            }
            final int i = (int)at;
            return meter[i] == meterId && start[i] == intervalStart && channelAndSeconds[2 * i] == channel &&
                channelAndSeconds[2 * i + 1] == seconds && importWh[i] == imported && exportWh[i] == exported;
        }

        private void grow()
        {
            final int capacity = meter.length * 2;
            meter = Arrays.copyOf(meter, capacity);
            start = Arrays.copyOf(start, capacity);
            importWh = Arrays.copyOf(importWh, capacity);
            exportWh = Arrays.copyOf(exportWh, capacity);
            channelAndSeconds = Arrays.copyOf(channelAndSeconds, capacity * 2);
        }
    }
}
