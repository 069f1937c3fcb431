package org.gridsettle.replay.ingest;

import org.agrona.DirectBuffer;
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
 * calendar ({@link Scan}, {@link JournalledCalendar#read}). Memory: 8 to 16 bytes per reading of the run (an
 * open-addressing table of reading indexes, at most half full, and one bit per reading), plus 12 to 24 per rejection
 * in the output journal, and nothing per reading the journal holds: each journalled tick is looked up among the run's
 * readings and marks them as it passes. Re-ingesting a 2,976,000-reading CSV into the journal that already held it
 * needed a 750 MiB heap with the set of keys, map of places and copied journal columns this replaced (700 MiB ran
 * out), and 275 MiB with the table (250 MiB ran out), where the run's own reading buffer (40 bytes a reading, its
 * arrays doubled as they grow) is most of the peak.
 * Immutable once read; safe to share between threads.
 */
final class SettledReadings
{
    /** One bit per reading of the run: set if the journal settled it with the same values. */
    private final long[] settled;
    private final long count;

    private SettledReadings(final long[] settled, final long count)
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
        return (reading >>> 6) < settled.length && (settled[reading >>> 6] & (1L << reading)) != 0;
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
     * rejected is looked up among the run's readings by its identity, and each reading of that identity is marked
     * settled if its values are the tick's and unmarked if not. Journal order is sequence order, so the last accepted
     * tick (or correction) of an identity decides, and the journal's values are never copied. Not thread-safe: one
     * pass.
     */
    static final class Scan implements RecordHandler
    {
        /** The table holds {@code 1 << MAX_SLOT_BITS} slots at most, an int array's largest power of two. */
        private static final int MAX_SLOT_BITS = 30;

        private final ReadingBuffer readings;
        /** Open addressing with linear probing: reading index + 1 per slot, 0 for an empty one; at most half full. */
        private final int[] slots;
        private final int mask;
        private final long[] settled;
        private final LongHashSet rejected;
        private final long lastApplied;
        private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        private final MeterTickCodec tick = new MeterTickCodec();

        /**
         * @param readings    the run's readings.
         * @param rejected    the input sequences the output journal shows rejected.
         * @param lastApplied the last input sequence the output journal shows applied, or 0.
         */
        Scan(final ReadingBuffer readings, final LongHashSet rejected, final long lastApplied)
        {
            this.readings = readings;
            this.rejected = rejected;
            this.lastApplied = lastApplied;
            final int size = readings.size();
            if (size >= 1 << MAX_SLOT_BITS)
            {
                // 48 GiB of reading buffer, past any heap this runs in: a full table would leave a probe no empty
                // slot to stop at
                throw new IllegalArgumentException("too many readings in one ingest: " + size + "; ingest the " +
                    "files in several runs");
            }
            final int slotBits = Math.min(MAX_SLOT_BITS, 64 - Long.numberOfLeadingZeros(Math.max(1L, 2L * size - 1)));
            slots = new int[1 << slotBits];
            mask = slots.length - 1;
            settled = new long[(size + 63) >>> 6];
            for (int i = 0; i < size; i++)
            {
                int slot = slotOf(readings.meter(i), readings.channel(i), readings.start(i));
                while (slots[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = i + 1;
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
            final long meter = tick.meterId();
            final int channel = tick.channel();
            final long start = tick.intervalStart();
            // every reading of the run with this identity (a file sent twice in one run has two), whichever place
            // its mixed key took: a probe ends at the first empty slot
            for (int slot = slotOf(meter, channel, start); slots[slot] != 0; slot = (slot + 1) & mask)
            {
                final int i = slots[slot] - 1;
                if (readings.meter(i) == meter && readings.channel(i) == channel && readings.start(i) == start)
                {
                    mark(i, readings.seconds(i) == tick.intervalSeconds() && readings.importWh(i) == tick.importWh() &&
                        readings.exportWh(i) == tick.exportWh());
                }
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
            long count = 0;
            for (final long word : settled)
            {
                count += Long.bitCount(word);
            }
            return new SettledReadings(settled.clone(), count);
        }

        /**
         * For tests: what the scan holds for the run's readings, which must not grow with the journal it reads.
         *
         * @return the bytes of its table and bits.
         */
        long heldBytes()
        {
            return 4L * slots.length + 8L * settled.length;
        }

        private void mark(final int reading, final boolean same)
        {
            if (same)
            {
                settled[reading >>> 6] |= 1L << reading;
            }
            else
            {
                settled[reading >>> 6] &= ~(1L << reading);
            }
        }

        /**
         * A reading identity's first slot. Identities that mix to the same slot probe on past each other, and every
         * field is compared, so a collision costs a probe, never a wrong answer.
         */
        private int slotOf(final long meter, final int channel, final long start)
        {
            long h = meter * 0x9E3779B97F4A7C15L + start;
            h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + channel;
            h ^= h >>> 29;
            return (int)(h ^ (h >>> 32)) & mask;
        }
    }
}
