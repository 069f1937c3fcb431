package org.gridsettle.engine.logic;

import org.gridsettle.engine.snapshot.StateIo;
import org.gridsettle.engine.snapshot.StateOutput;
import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import java.util.Arrays;

/**
 * The recent ticks of every meter, kept so that duplicates are recognised and corrections can reverse exactly what
 * was posted. Each meter owns {@code slots} consecutive entries in flat primitive arrays: no object per meter or
 * per tick.
 * <p>
 * An entry holds the tick identity (interval start and channel) with the interval's length, its energies, the
 * tariff version that priced it, the tier counter before it and the input sequence that caused its postings.
 * Re-pricing the stored energies with the stored version and counter reproduces the original postings exactly, so
 * amounts need not be stored. When a meter's entries are full, a new tick evicts the oldest interval. A tick older than
 * every entry of a full window can be neither checked for duplicates nor corrected, and is refused: that is the
 * correction window, {@code slots} intervals per meter. Because each key carries its interval's length, a tick whose
 * interval overlaps an entry of the same channel is recognised in the same scan ({@link #OVERLAPS}): the same energy
 * must not be settled twice under two different intervals.
 * <p>
 * Eviction watermark: the age test compares a tick with the oldest entry of any channel, which is not enough when a
 * meter's channels have intervals of different lengths. With an hourly reading 10:00-11:00 on channel 1 evicted by
 * channel 0's quarter hours while channel 0's 10:15 is the oldest entry, a late channel-1 quarter hour at 10:30 is
 * younger than every entry and overlaps none, yet its energy was settled in the hour. So each meter keeps, after its
 * keys, the end of the intervals evicted from it that still run past its oldest entry's start, with the channels they
 * belong to; {@link #find} refuses a tick of those channels starting before that end ({@link #TOO_OLD}: the interval
 * it overlaps has left the window). Within one channel this never refuses anything: an entry leaves only as the least
 * key, so the channel's remaining entries, and every tick young enough to be accepted later, start at or after its
 * end. A meter of one channel therefore never has a watermark.
 * <p>
 * The watermark is exact, refusing a tick if and only if it overlaps an interval evicted from its channel, for any
 * meter of one or two channels, and for more whenever the channels' evicted intervals that run past the oldest entry's
 * start end together (channels of the same interval length and phase). The one conservative case: at an eviction,
 * two channels other than the oldest entry's each have an evicted interval running past that entry's start, with
 * different ends (three channels of one meter with intervals of different lengths or phases). Both channels then
 * refuse ticks up to the later end, so the one whose interval ended first also refuses a tick starting between the
 * two ends, until the oldest entry's start passes the later end. A watermark that no longer runs past the oldest
 * entry's start refuses nothing the age test does not, and is dropped at the next eviction: so a meter of one channel
 * holds none whatever its history, which is what lets recovery use a snapshot written before watermarks were kept
 * ({@link #confirmNoWatermarks}).
 * <p>
 * Key layout, one long per entry: interval start (epoch seconds, signed) in bits 26-63, channel in bits 22-25,
 * interval length in seconds in bits 0-21. Ordered by start then channel as the keys of earlier builds
 * ({@code start << 4 | channel}) were, so eviction picks the same entry. Length 0 marks an entry loaded from a
 * snapshot of those builds, whose length is unknown until recovery reads it back from the tick that caused the
 * entry ({@link #restoreLength}); a snapshot whose lengths cannot all be restored is not used.
 * <p>
 * Watermark layout, one long per meter after its keys: the end (epoch seconds, signed) in bits 16-63, a bit per channel
 * it applies to in bits 0-15; {@code Long.MIN_VALUE}, like an empty key, for none. Kept with the keys, not in an array
 * of its own, so that checking it costs no cache miss beyond the keys' own.
 * <p>
 * Layout: the keys of a meter's entries are contiguous, so the duplicate check scans two cache lines; each entry's
 * values (import, export, cause, tier counter, intensity, version) are interleaved in one array, so accepting or
 * correcting a tick touches one or two more lines instead of one per field. Per-tick cost on a large fleet is
 * dominated by such cache misses; the snapshot keeps the field-by-field layout.
 * <p>
 * Memory: {@value #BYTES_PER_SLOT} bytes per slot per meter and {@value #BYTES_PER_METER} for the watermark, so the
 * default 12 slots cost 680 bytes per meter. The tariff version (16 bits) and the demand place share one long, so that
 * tracking demand costs no memory.
 * Owned by the business-logic thread. Not thread-safe.
 */
public final class TickWindow
{
    /**
     * Bytes of state per slot: key, import, export, cause, tier counter, carbon intensity, and version with demand
     * place, as longs.
     */
    public static final int BYTES_PER_SLOT = 7 * 8;
    /** Bytes of state per meter besides its slots: the eviction watermark, a long. */
    public static final int BYTES_PER_METER = 8;
    /** Highest tariff version an entry can record: the version shares its long with the demand place. */
    public static final int MAX_VERSION = 0xFFFF;
    /** A tick whose demand counts towards no open billing period. */
    public static final long NO_PLACE = -1;
    /**
     * Default slots per meter: three hours of 15-minute ticks, which keeps a million meters within 2 GiB of heap
     * with every other per-meter structure (the benchmark harness reports the figure).
     */
    public static final int DEFAULT_SLOTS = 12;
    /**
     * Most slots all meters' windows may hold together: the slots' values share one array, six longs each (STRIDE,
     * declared below), and an array holds at most about {@code Integer.MAX_VALUE} elements. Slots per meter times
     * meters must stay within it, or growing the window fails on the business-logic thread and halts the engine.
     */
    public static final long MAX_TOTAL_SLOTS = (Integer.MAX_VALUE - 8) / 6;
    /** Returned by {@link #find} when the tick is not in the window. */
    public static final int ABSENT = -1;
    /**
     * Returned by {@link #find} when the tick is older than a full window, or overlaps an interval of its channel
     * evicted from the window.
     */
    public static final int TOO_OLD = -2;
    /**
     * Returned by {@link #find} when the tick's interval overlaps an entry of its channel with another start or
     * another length.
     */
    public static final int OVERLAPS = -3;
    /** Longest interval a key can hold: 4,194,303 s, over 48 days, longer than any billing period. */
    public static final int MAX_INTERVAL_SECONDS = (1 << 22) - 1;
    /** Furthest interval start from the epoch a key can hold, either way: 2^37 - 1 s, over 4,000 years. */
    public static final long MAX_START = (1L << 37) - 1;

    private static final long EMPTY = Long.MIN_VALUE;
    private static final int START_SHIFT = 26;
    private static final int CHANNEL_SHIFT = 22;
    private static final long LENGTH_MASK = MAX_INTERVAL_SECONDS;
    private static final long CHANNEL_MASK = 0xFL << CHANNEL_SHIFT;
    /** No eviction watermark: no channel bit, so it refuses nothing. */
    private static final long NO_WATERMARK = EMPTY;
    private static final int WATERMARK_END_SHIFT = 16;
    private static final long WATERMARK_CHANNELS = 0xFFFF;
    /** The length of an entry from a snapshot that did not keep lengths. */
    private static final long UNKNOWN_LENGTH = 0;
    private static final int STRIDE = 6;
    private static final int IMPORT = 0;
    private static final int EXPORT = 1;
    private static final int CAUSE = 2;
    private static final int COUNTER = 3;
    private static final int INTENSITY = 4;
    /** Version in bits 0-15, the place (see {@link #place}) in bits 16-62. */
    private static final int VERSION_PLACE = 5;
    /** Demand in 27 bits: up to 134 MW, far above any meter's interval demand. */
    private static final long MAX_DEMAND_W = (1L << 27) - 1;
    /** The period value that marks no place. */
    private static final int NO_PERIOD = 0xF;
    /** The fields a snapshot holds, in the order it holds them. */
    private static final int[] SNAPSHOT_FIELDS = {IMPORT, EXPORT, CAUSE, COUNTER, INTENSITY};

    private final int slots;
    /** Longs per meter in {@link #keys}: its slots' keys, then its watermark. */
    private final int row;
    /** Entry {@code e} of meter {@code m} ({@code e = m * slots + i}) has its key at {@code e + m}. */
    private long[] keys = new long[0];
    private long[] values = new long[0];
    /**
     * True after loading a snapshot written before watermarks were kept in which some meter's window is full, so that
     * entries may have been evicted: until {@link #confirmNoWatermarks} says otherwise, this is not the window a
     * replay builds.
     */
    private boolean watermarksUnknown;
    /** The channels each meter's journalled ticks use, while {@link #confirmNoWatermarks} is pending; else null. */
    private int[] channelsSeen;

    /**
     * @param slots entries per meter.
     */
    public TickWindow(final int slots)
    {
        if (slots < 1)
        {
            throw new IllegalArgumentException("slots must be positive: " + slots);
        }
        this.slots = slots;
        this.row = slots + 1;
    }

    /**
     * Makes room for meters up to {@code meterCount}.
     *
     * @param meterCount meters that need entries.
     */
    public void ensureMeters(final int meterCount)
    {
        final int held = keys.length / row;
        if (meterCount <= held)
        {
            return;
        }
        final int capacity = grownCapacity(held, meterCount, slots);
        final int old = keys.length;
        final int length = Math.multiplyExact(capacity, row);
        keys = Arrays.copyOf(keys, length);
        // empty keys and no watermarks alike
        Arrays.fill(keys, old, length, EMPTY);
        values = Arrays.copyOf(values, Math.multiplyExact(capacity * slots, STRIDE));
    }

    /**
     * How many meters' rows to hold after growing for {@code meterCount}: twice as many as now, so that a fleet
     * enrolled meter by meter costs few copies, but never more than {@link #MAX_TOTAL_SLOTS} allows, so that doubling
     * does not overflow the values array's length while a fleet within the limit still fits.
     *
     * @param held       meters held now.
     * @param meterCount meters that need rows.
     * @param slots      slots per meter.
     * @return the new capacity in meters, at least {@code meterCount}.
     * @throws IllegalStateException if {@code meterCount} meters' windows are more than {@link #MAX_TOTAL_SLOTS} slots.
     */
    static int grownCapacity(final int held, final int meterCount, final int slots)
    {
        final long most = MAX_TOTAL_SLOTS / slots;
        if (meterCount > most)
        {
            throw new IllegalStateException(meterCount + " meters' correction windows of " + slots + " slots are " +
                "more than the " + MAX_TOTAL_SLOTS + " slots the engine holds: use a smaller correctionWindow");
        }
        return ArrayGrowth.grownRows(held, meterCount, slots * STRIDE, "meters' correction windows");
    }

    /**
     * @param intervalStart   interval start, epoch seconds, within {@link #MAX_START} of the epoch.
     * @param channel         register channel, 0..15.
     * @param intervalSeconds interval length, 1..{@link #MAX_INTERVAL_SECONDS}.
     * @return the key stored for a tick.
     */
    public static long key(final long intervalStart, final int channel, final int intervalSeconds)
    {
        return (intervalStart << START_SHIFT) | ((long)(channel & 0xF) << CHANNEL_SHIFT) |
            (intervalSeconds & LENGTH_MASK);
    }

    /**
     * @param legacyKey a key as builds before interval lengths wrote it: {@code start << 4 | channel}.
     * @return the same identity with an unknown length.
     * @throws IOException if its start is beyond {@link #MAX_START}.
     */
    static long fromLegacyKey(final long legacyKey) throws IOException
    {
        if (legacyKey == EMPTY)
        {
            return EMPTY;
        }
        final long start = legacyKey >> 4;
        if (start > MAX_START || start < -MAX_START)
        {
            throw new IOException("snapshot's correction window holds an interval start of " + start +
                " s, beyond what this build keeps");
        }
        return key(start, (int)(legacyKey & 0xF), (int)UNKNOWN_LENGTH);
    }

    /**
     * @return the least input sequence among the causes of entries whose length is unknown (loaded from a snapshot
     *         of an earlier build), or {@link Long#MAX_VALUE} if every entry's length is known.
     */
    public long earliestCauseOfUnknownLength()
    {
        final long[] k = keys;
        long earliest = Long.MAX_VALUE;
        for (int e = 0, entries = k.length / row * slots; e < entries; e++)
        {
            final long key = k[e + e / slots];
            if (key != EMPTY && (key & LENGTH_MASK) == UNKNOWN_LENGTH)
            {
                earliest = Math.min(earliest, values[e * STRIDE + CAUSE]);
            }
        }
        return earliest;
    }

    /**
     * @return entries whose length is unknown.
     */
    public long unknownLengths()
    {
        final long[] k = keys;
        long count = 0;
        for (int e = 0, entries = k.length / row * slots; e < entries; e++)
        {
            final long key = k[e + e / slots];
            count += key != EMPTY && (key & LENGTH_MASK) == UNKNOWN_LENGTH ? 1 : 0;
        }
        return count;
    }

    /**
     * Gives the entry a tick caused the interval length it has in the journal, if its length is unknown: the entry
     * is then what a replay of the journal would have built.
     *
     * @param meter           meter index.
     * @param cause           the tick's input sequence.
     * @param intervalStart   its interval start.
     * @param channel         its channel.
     * @param intervalSeconds its interval length.
     * @return true if an entry of unknown length with that cause and identity took the length.
     */
    public boolean restoreLength(
        final int meter, final long cause, final long intervalStart, final int channel, final int intervalSeconds)
    {
        if (intervalSeconds <= 0 || intervalSeconds > MAX_INTERVAL_SECONDS)
        {
            return false;
        }
        final long identity = key(intervalStart, channel, (int)UNKNOWN_LENGTH);
        final long[] k = keys;
        for (int e = meter * slots, end = e + slots; e < end; e++)
        {
            if (k[e + meter] == identity && values[e * STRIDE + CAUSE] == cause)
            {
                k[e + meter] = identity | intervalSeconds;
                return true;
            }
        }
        return false;
    }

    /**
     * @param meter meter index.
     * @return the latest interval start of the meter's entries, or {@link Long#MIN_VALUE} if it has none. Eviction
     *         only ever drops the oldest interval, so this is the latest interval the meter ever settled.
     */
    public long latestStart(final int meter)
    {
        final long[] k = keys;
        final int base = meter * row;
        long latest = EMPTY;
        for (int i = base, end = base + slots; i < end; i++)
        {
            latest = Math.max(latest, k[i]);
        }
        return latest == EMPTY ? Long.MIN_VALUE : latest >> START_SHIFT;
    }

    /**
     * Looks a tick up, and checks its interval against the meter's entries of its channel, in one scan of the
     * meter's keys.
     *
     * @param meter meter index.
     * @param key   from {@link #key}.
     * @return the entry of the same start, channel and length, else {@link #TOO_OLD} if the tick is older than
     *         every entry of a full window, else {@link #OVERLAPS} if its interval overlaps an entry of its channel
     *         (the same start with another length included), else {@link #TOO_OLD} if it starts before the meter's
     *         watermark of its channel, else {@link #ABSENT}.
     */
    public int find(final int meter, final long key)
    {
        final long[] k = keys;
        final int base = meter * row;
        final long seconds = key & LENGTH_MASK;
        final long identity = key - seconds;
        final long start = key >> START_SHIFT;
        final long end = start + seconds;
        long oldest = Long.MAX_VALUE;
        boolean full = true;
        boolean overlaps = false;
        for (int i = base, last = base + slots; i < last; i++)
        {
            final long entry = k[i];
            if (entry == EMPTY)
            {
                full = false;
                continue;
            }
            final long length = entry & LENGTH_MASK;
            final long entryIdentity = entry - length;
            if (entryIdentity == identity && (length == seconds || length == UNKNOWN_LENGTH))
            {
                return i - meter;
            }
            oldest = Math.min(oldest, entryIdentity);
            // without branches: the same start with another length falls in the range test too (both lengths > 0)
            final long entryStart = entry >> START_SHIFT;
            overlaps |= ((entry ^ key) & CHANNEL_MASK) == 0 & entryStart < end & start < entryStart + length;
        }
        // by start and channel only, as before keys held lengths: the same start with another length overlaps
        if (full && identity < oldest)
        {
            return TOO_OLD;
        }
        if (overlaps)
        {
            return OVERLAPS;
        }
        // after the keys, so on their cache lines; an entry's own duplicate or correction was matched above
        final long watermark = k[base + slots];
        final boolean evictedOverlap = ((watermark >>> ((key & CHANNEL_MASK) >>> CHANNEL_SHIFT)) & 1) != 0 &
            start < watermark >> WATERMARK_END_SHIFT;
        return evictedOverlap ? TOO_OLD : ABSENT;
    }

    /**
     * Records a newly accepted tick, evicting the meter's oldest entry if full.
     *
     * @param meter    meter index.
     * @param key      identity key.
     * @param importWh energy imported.
     * @param exportWh energy exported.
     * @param version  tariff version that priced it.
     * @param cause    input sequence of the tick.
     * @param counter  tier counter before the tick.
     * @param intensity carbon intensity it was priced at, or -1.
     * @param place    its demand and where it counts, from {@link #place}, or {@link #NO_PLACE}.
     * @return the place of the entry evicted to make room, or {@link #NO_PLACE}: its demand can no longer be
     *         corrected, so the caller folds it into the billing period's settled peak.
     */
    public long insert(
        final int meter,
        final long key,
        final long importWh,
        final long exportWh,
        final int version,
        final long cause,
        final long counter,
        final long intensity,
        final long place)
    {
        final long[] k = keys;
        final int base = meter * row;
        int victim = base;
        long least = k[base];
        // the least key but the victim's: with the new key, the oldest entry once the victim is gone
        long next = Long.MAX_VALUE;
        for (int i = base + 1, end = base + slots; i < end && least != EMPTY; i++)
        {
            final long entry = k[i];
            if (entry < least)
            {
                // an empty slot is the least of all, and taken at once
                next = least;
                least = entry;
                victim = i;
            }
            else
            {
                next = Math.min(next, entry);
            }
        }
        final int at = victim - meter;
        long evicted = NO_PLACE;
        if (least != EMPTY)
        {
            evicted = placeOf(values[at * STRIDE + VERSION_PLACE]);
            k[base + slots] = afterEviction(k[base + slots], least, Math.min(next, key));
        }
        k[victim] = key;
        update(at, importWh, exportWh, version, cause, counter, intensity, place);
        return evicted;
    }

    /**
     * The watermark once an entry has been evicted from a full window.
     *
     * @param watermark the meter's watermark before.
     * @param evicted   the key evicted.
     * @param oldest    the least key left in the window, the new one included.
     * @return the watermark after.
     */
    private static long afterEviction(final long watermark, final long evicted, final long oldest)
    {
        final long oldestStart = oldest >> START_SHIFT;
        final long end = (evicted >> START_SHIFT) + (evicted & LENGTH_MASK);
        // no tick young enough to be accepted starts before the oldest entry: a watermark not past its start refuses
        // nothing, and is dropped, so that a meter of one channel never holds one (class comment)
        final long kept = watermark >> WATERMARK_END_SHIFT > oldestStart ? watermark : NO_WATERMARK;
        if (end <= oldestStart)
        {
            return kept;
        }
        final long channel = 1L << ((evicted & CHANNEL_MASK) >>> CHANNEL_SHIFT);
        if (kept == NO_WATERMARK)
        {
            return end << WATERMARK_END_SHIFT | channel;
        }
        // the same end: exact for both channels. Another end (two channels besides the oldest entry's, with other
        // lengths or phases) is the conservative case: the later end for both (class comment)
        return Math.max(kept >> WATERMARK_END_SHIFT, end) << WATERMARK_END_SHIFT | (kept & WATERMARK_CHANNELS) |
            channel;
    }

    /**
     * Packs a tick's demand with the billing period and TOU period it counts towards.
     *
     * @param demandW       its demand, W (interval energy over interval length).
     * @param period        its TOU period.
     * @param billingPeriod its billing period.
     * @return the packed place.
     */
    public static long place(final long demandW, final int period, final int billingPeriod)
    {
        return (Math.min(Math.max(demandW, 0), MAX_DEMAND_W) << 20) | ((long)(period & 0xF) << 16) |
            (billingPeriod & 0xFFFF);
    }

    /**
     * @param place a packed place.
     * @return its demand, W.
     */
    public static long demandW(final long place)
    {
        return place >>> 20;
    }

    /**
     * @param place a packed place.
     * @return its TOU period.
     */
    public static int periodOf(final long place)
    {
        return (int)(place >>> 16) & 0xF;
    }

    /**
     * @param place a packed place.
     * @return its billing period, as {@link #place} kept it (the low 16 bits).
     */
    public static int billingPeriodOf(final long place)
    {
        return (int)place & 0xFFFF;
    }

    private static long placeOf(final long versionAndPlace)
    {
        final long place = versionAndPlace >>> 16;
        return periodOf(place) == NO_PERIOD ? NO_PLACE : place;
    }

    private static long versionAndPlace(final int version, final long place)
    {
        if (version < 0 || version > MAX_VERSION)
        {
            throw new IllegalArgumentException("tariff version " + version + " above " + MAX_VERSION);
        }
        return version | ((place == NO_PLACE ? (long)NO_PERIOD << 16 : place) << 16);
    }

    /**
     * The highest demand among a meter's entries that count towards a billing period: the part of its peak that a
     * correction can still change.
     *
     * @param meter         meter index.
     * @param billingPeriod the billing period.
     * @param period        a TOU period, or -1 for all.
     * @return W, or 0.
     */
    public long maxDemandW(final int meter, final int billingPeriod, final int period)
    {
        final long[] v = values;
        long max = 0;
        for (int e = meter * slots, end = e + slots; e < end; e++)
        {
            final long place = placeOf(v[e * STRIDE + VERSION_PLACE]);
            if (keys[e + meter] != EMPTY && place != NO_PLACE && billingPeriodOf(place) == (billingPeriod & 0xFFFF) &&
                (period < 0 || periodOf(place) == period))
            {
                max = Math.max(max, demandW(place));
            }
        }
        return max;
    }

    /**
     * Replaces an entry's values, after a correction.
     *
     * @param entry    entry index from {@link #find}.
     * @param importWh energy imported.
     * @param exportWh energy exported.
     * @param version  tariff version that priced it.
     * @param cause    input sequence of the correction.
     * @param counter  tier counter before the corrected values.
     * @param intensity carbon intensity the corrected values were priced at, or -1.
     * @param place    the corrected demand and where it counts, or {@link #NO_PLACE}.
     */
    public void update(
        final int entry, final long importWh, final long exportWh, final int version, final long cause,
        final long counter, final long intensity, final long place)
    {
        final long[] v = values;
        final int at = entry * STRIDE;
        v[at + IMPORT] = importWh;
        v[at + EXPORT] = exportWh;
        v[at + CAUSE] = cause;
        v[at + COUNTER] = counter;
        v[at + INTENSITY] = intensity;
        v[at + VERSION_PLACE] = versionAndPlace(version, place);
    }

    /**
     * @param entry an entry.
     * @return its import energy.
     */
    public long importWh(final int entry)
    {
        return values[entry * STRIDE + IMPORT];
    }

    /**
     * @param entry an entry.
     * @return its export energy.
     */
    public long exportWh(final int entry)
    {
        return values[entry * STRIDE + EXPORT];
    }

    /**
     * @param entry an entry.
     * @return the tariff version that priced it.
     */
    public int version(final int entry)
    {
        return (int)(values[entry * STRIDE + VERSION_PLACE] & MAX_VERSION);
    }

    /**
     * @param entry an entry.
     * @return the input sequence whose postings it holds.
     */
    public long cause(final int entry)
    {
        return values[entry * STRIDE + CAUSE];
    }

    /**
     * @param entry an entry.
     * @return the tier counter before it was priced.
     */
    public long counter(final int entry)
    {
        return values[entry * STRIDE + COUNTER];
    }

    /**
     * @param entry an entry.
     * @return the carbon intensity it was priced at, or -1 for none.
     */
    public long intensity(final int entry)
    {
        return values[entry * STRIDE + INTENSITY];
    }

    /**
     * @return entries per meter.
     */
    public int slots()
    {
        return slots;
    }

    void writeState(final DataOutput out, final int meterCount) throws IOException
    {
        final long[] k = keys;
        final int used = Math.min(k.length / row, meterCount) * slots;
        out.writeInt(slots);
        // the keys without the watermarks between them, as the snapshot has always held them
        out.writeInt(used);
        for (int m = 0, at = 0; at < used; m++)
        {
            for (int i = 0; i < slots; i++, at++)
            {
                out.writeLong(k[at + m]);
            }
        }
        // field by field, as the snapshot format has it, from the interleaved values
        StateIo.writeColumns(out, values, STRIDE, SNAPSHOT_FIELDS, used);
        out.writeInt(used);
        for (int e = 0; e < used; e++)
        {
            out.writeInt((int)(values[e * STRIDE + VERSION_PLACE] & MAX_VERSION));
        }
        out.writeInt(used);
        for (int e = 0; e < used; e++)
        {
            out.writeLong(placeOf(values[e * STRIDE + VERSION_PLACE]));
        }
    }

    /**
     * @param meterCount meters enrolled.
     * @return bytes of the section {@link #writeState} writes for them, or -1 if it could not be written a meter at
     *     a time (fewer entries than meters times slots).
     */
    long sectionBytes(final int meterCount)
    {
        final long entries = (long)meterCount * slots;
        if (meterCount > keys.length / row)
        {
            return -1;
        }
        // slots; keys and five value columns (count, longs); versions (count, ints); places (count, longs)
        return Integer.BYTES + 6 * (Integer.BYTES + entries * Long.BYTES) + Integer.BYTES + entries * Integer.BYTES +
            Integer.BYTES + entries * Long.BYTES;
    }

    /**
     * Writes the counts of the section {@link #writeState} writes into a region of {@link #sectionBytes}, leaving
     * the entries to {@link #writeSectionMeter}: the same bytes once every meter's are written.
     *
     * @param out        the capture.
     * @param base       the region's offset.
     * @param meterCount meters enrolled.
     */
    void writeSectionHead(final StateOutput out, final long base, final int meterCount)
    {
        // byte offsets in longs: the section passes 2 GiB at 27 million slots, though each count still fits an int
        final int entries = meterCount * slots;
        final long column = Integer.BYTES + (long)entries * Long.BYTES;
        out.putIntAt(base, slots);
        for (int c = 0; c < 6; c++)
        {
            out.putIntAt(base + Integer.BYTES + c * column, entries);
        }
        final long versions = base + Integer.BYTES + 6 * column;
        out.putIntAt(versions, entries);
        out.putIntAt(versions + Integer.BYTES + (long)entries * Integer.BYTES, entries);
    }

    /**
     * Writes one meter's entries into the section, where {@link #writeState} would have put them.
     *
     * @param out        the capture.
     * @param base       the region's offset.
     * @param meterCount meters enrolled when the capture started.
     * @param meter      the meter.
     */
    void writeSectionMeter(final StateOutput out, final long base, final int meterCount, final int meter)
    {
        final long[] k = keys;
        final long[] v = values;
        final int entries = meterCount * slots;
        final long column = Integer.BYTES + (long)entries * Long.BYTES;
        final long keyColumn = base + 2 * Integer.BYTES;
        final long versions = base + Integer.BYTES + 6 * column + Integer.BYTES;
        final long places = versions + (long)entries * Integer.BYTES + Integer.BYTES;
        for (int e = meter * slots, end = e + slots; e < end; e++)
        {
            final long at = (long)e * Long.BYTES;
            out.putLongAt(keyColumn + at, k[e + meter]);
            for (int f = 0; f < SNAPSHOT_FIELDS.length; f++)
            {
                out.putLongAt(keyColumn + (f + 1) * column + at, v[e * STRIDE + SNAPSHOT_FIELDS[f]]);
            }
            final long versionAndPlace = v[e * STRIDE + VERSION_PLACE];
            out.putIntAt(versions + (long)e * Integer.BYTES, (int)(versionAndPlace & MAX_VERSION));
            out.putLongAt(places + at, placeOf(versionAndPlace));
        }
    }

    /**
     * @param in         the state, where {@link #writeState} wrote this section.
     * @param legacyKeys true for a snapshot whose keys are {@code start << 4 | channel}, without interval lengths.
     * @throws IOException if it cannot be read or does not fit this window.
     */
    void readState(final DataInput in, final boolean legacyKeys) throws IOException
    {
        final int written = in.readInt();
        if (written != slots)
        {
            throw new IOException("snapshot has " + written + " correction-window slots per meter, engine has " +
                slots);
        }
        final int entries = StateIo.readCount(in, Long.BYTES);
        if (entries % slots != 0)
        {
            throw new IOException("snapshot's correction window has " + entries + " keys, not a whole number of " +
                "meters of " + slots);
        }
        // straight into their places between the watermarks, none until the watermarks' section says otherwise
        final long[] k = new long[Math.multiplyExact(entries / slots, row)];
        boolean full = false;
        for (int m = 0, at = 0; at < entries; m++)
        {
            boolean meterFull = true;
            for (int i = 0; i < slots; i++, at++)
            {
                final long key = legacyKeys ? fromLegacyKey(in.readLong()) : in.readLong();
                k[at + m] = key;
                meterFull &= key != EMPTY;
            }
            k[(m + 1) * row - 1] = NO_WATERMARK;
            full |= meterFull;
        }
        keys = k;
        // a window never full never evicted anything: it has no watermark, whatever the snapshot's age
        watermarksUnknown = full;
        channelsSeen = null;
        final long[] v = new long[Math.multiplyExact(entries, STRIDE)];
        for (final int field : SNAPSHOT_FIELDS)
        {
            StateIo.readLongsInto(in, v, STRIDE, field, entries);
        }
        StateIo.readIntsInto(in, v, STRIDE, VERSION_PLACE, entries);
        // the place column straight into the shared long, without a second array of a million meters' entries
        final int places = StateIo.readCount(in, Long.BYTES);
        if (places != entries)
        {
            throw new IOException("snapshot's correction window has " + entries + " keys but " + places + " places");
        }
        for (int e = 0; e < entries; e++)
        {
            v[e * STRIDE + VERSION_PLACE] = versionAndPlace((int)v[e * STRIDE + VERSION_PLACE], in.readLong());
        }
        values = v;
    }

    /**
     * Writes the meters' watermarks: a section of their own at the end of the state, so that snapshots written before
     * it still load ({@link #readWatermarks}).
     *
     * @param out        destination.
     * @param meterCount meters enrolled.
     * @throws IOException on write failure.
     */
    void writeWatermarks(final DataOutput out, final int meterCount) throws IOException
    {
        final long[] k = keys;
        final int meters = Math.min(k.length / row, meterCount);
        out.writeInt(meters);
        for (int m = 0; m < meters; m++)
        {
            out.writeLong(k[m * row + slots]);
        }
    }

    /**
     * @param meterCount meters enrolled.
     * @return bytes of the section {@link #writeWatermarks} writes for them, or -1 if it could not be written a meter
     *     at a time.
     */
    long watermarkSectionBytes(final int meterCount)
    {
        return meterCount > keys.length / row ? -1 : Integer.BYTES + (long)meterCount * Long.BYTES;
    }

    /**
     * As {@link #writeSectionHead}, for the section {@link #writeWatermarks} writes.
     *
     * @param out        the capture.
     * @param base       the region's offset.
     * @param meterCount meters enrolled.
     */
    void writeWatermarkHead(final StateOutput out, final long base, final int meterCount)
    {
        out.putIntAt(base, meterCount);
    }

    /**
     * As {@link #writeSectionMeter}, for the section {@link #writeWatermarks} writes.
     *
     * @param out   the capture.
     * @param base  the region's offset.
     * @param meter the meter.
     */
    void writeWatermarkMeter(final StateOutput out, final long base, final int meter)
    {
        out.putLongAt(base + Integer.BYTES + (long)meter * Long.BYTES, keys[meter * row + slots]);
    }

    /**
     * Reads the section {@link #writeWatermarks} wrote, after {@link #readState}.
     *
     * @param in the state.
     * @throws IOException if it cannot be read or does not fit the window read.
     */
    void readWatermarks(final DataInput in) throws IOException
    {
        final long[] k = keys;
        final int meters = StateIo.readCount(in, Long.BYTES);
        if (meters != k.length / row)
        {
            throw new IOException("snapshot has eviction watermarks for " + meters + " meters but correction " +
                "windows for " + k.length / row);
        }
        for (int m = 0; m < meters; m++)
        {
            k[m * row + slots] = in.readLong();
        }
        watermarksUnknown = false;
    }

    /**
     * @return true if this window was loaded from a snapshot written before watermarks were kept, with a full window
     *     (so entries may have been evicted), and {@link #confirmNoWatermarks} has not yet shown it needs none.
     */
    public boolean watermarksUnknown()
    {
        return watermarksUnknown;
    }

    /**
     * Notes the channel of a tick journalled up to the snapshot this window was loaded from, while
     * {@link #watermarksUnknown}.
     *
     * @param meter   the tick's meter index.
     * @param channel its channel, 0..15.
     */
    public void noteJournalledChannel(final int meter, final int channel)
    {
        if (!watermarksUnknown)
        {
            return;
        }
        if (channelsSeen == null)
        {
            channelsSeen = new int[keys.length / row];
        }
        if (meter < channelsSeen.length)
        {
            channelsSeen[meter] |= 1 << channel;
        }
    }

    /**
     * Ends {@link #watermarksUnknown} if every meter whose window is full had its journalled ticks
     * ({@link #noteJournalledChannel}) on one channel: such a meter never has a watermark (class comment), and a
     * window never full never evicted anything, so none is missing. Otherwise the watermarks stay unknown: which
     * intervals were evicted depends on which ticks were accepted, and only a replay tells that.
     *
     * @return the meters with a full window whose ticks were on several channels; 0 if the watermarks are now known.
     */
    public int confirmNoWatermarks()
    {
        if (!watermarksUnknown)
        {
            return 0;
        }
        final long[] k = keys;
        final int[] seen = channelsSeen;
        int several = 0;
        for (int m = 0, meters = k.length / row; m < meters; m++)
        {
            boolean full = true;
            for (int i = m * row, end = i + slots; i < end; i++)
            {
                full &= k[i] != EMPTY;
            }
            several += full && seen != null && Integer.bitCount(seen[m]) > 1 ? 1 : 0;
        }
        channelsSeen = null;
        watermarksUnknown = several != 0;
        return several;
    }
}
