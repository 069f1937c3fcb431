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
 * amounts need not be stored. When a meter's entries are full, a new tick evicts the oldest interval. A tick older than every entry of a full window can be neither checked for duplicates nor
 * corrected, and is refused: that is the correction window, {@code slots} intervals per meter. Because each key
 * carries its interval's length, a tick whose interval overlaps an entry of the same channel is recognised in the
 * same scan ({@link #OVERLAPS}): the same energy must not be settled twice under two different intervals.
 * <p>
 * Key layout, one long per entry: interval start (epoch seconds, signed) in bits 26-63, channel in bits 22-25,
 * interval length in seconds in bits 0-21. Ordered by start then channel as the keys of earlier builds
 * ({@code start << 4 | channel}) were, so eviction picks the same entry. Length 0 marks an entry loaded from a
 * snapshot of those builds, whose length is unknown until recovery reads it back from the tick that caused the
 * entry ({@link #restoreLength}); a snapshot whose lengths cannot all be restored is not used.
 * <p>
 * Layout: the keys of a meter's entries are contiguous, so the duplicate check scans two cache lines; each entry's
 * values (import, export, cause, tier counter, intensity, version) are interleaved in one array, so accepting or
 * correcting a tick touches one or two more lines instead of one per field. Per-tick cost on a large fleet is
 * dominated by such cache misses; the snapshot keeps the field-by-field layout.
 * <p>
 * Memory: {@value #BYTES_PER_SLOT} bytes per slot per meter, so the default 12 slots cost 672 bytes per meter. The tariff
 * version (16 bits) and the demand place share one long, so that tracking demand costs no memory.
 * Owned by the business-logic thread. Not thread-safe.
 */
public final class TickWindow
{
    /**
     * Bytes of state per slot: key, import, export, cause, tier counter, carbon intensity, and version with demand
     * place, as longs.
     */
    public static final int BYTES_PER_SLOT = 7 * 8;
    /** Highest tariff version an entry can record: the version shares its long with the demand place. */
    public static final int MAX_VERSION = 0xFFFF;
    /** A tick whose demand counts towards no open billing period. */
    public static final long NO_PLACE = -1;
    /**
     * Default slots per meter: three hours of 15-minute ticks, which keeps a million meters within 2 GiB of heap
     * with every other per-meter structure (the benchmark harness reports the figure).
     */
    public static final int DEFAULT_SLOTS = 12;
    /** Returned by {@link #find} when the tick is not in the window. */
    public static final int ABSENT = -1;
    /** Returned by {@link #find} when the tick is older than a full window. */
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
    private long[] keys = new long[0];
    private long[] values = new long[0];

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
    }

    /**
     * Makes room for meters up to {@code meterCount}.
     *
     * @param meterCount meters that need entries.
     */
    public void ensureMeters(final int meterCount)
    {
        final int needed = meterCount * slots;
        if (needed <= keys.length)
        {
            return;
        }
        final int capacity = Math.max(needed, keys.length * 2);
        final int old = keys.length;
        keys = Arrays.copyOf(keys, capacity);
        Arrays.fill(keys, old, capacity, EMPTY);
        values = Arrays.copyOf(values, Math.multiplyExact(capacity, STRIDE));
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
        for (int e = 0; e < k.length; e++)
        {
            if (k[e] != EMPTY && (k[e] & LENGTH_MASK) == UNKNOWN_LENGTH)
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
        for (int e = 0; e < k.length; e++)
        {
            count += k[e] != EMPTY && (k[e] & LENGTH_MASK) == UNKNOWN_LENGTH ? 1 : 0;
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
            if (k[e] == identity && values[e * STRIDE + CAUSE] == cause)
            {
                k[e] = identity | intervalSeconds;
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
        final int base = meter * slots;
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
     *         (the same start with another length included), else {@link #ABSENT}.
     */
    public int find(final int meter, final long key)
    {
        final long[] k = keys;
        final int base = meter * slots;
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
                return i;
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
        return overlaps ? OVERLAPS : ABSENT;
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
        final int base = meter * slots;
        int victim = base;
        for (int i = base, end = base + slots; i < end; i++)
        {
            if (k[i] == EMPTY)
            {
                victim = i;
                break;
            }
            if (k[i] < k[victim])
            {
                victim = i;
            }
        }
        final long evicted = k[victim] == EMPTY ? NO_PLACE : placeOf(values[victim * STRIDE + VERSION_PLACE]);
        k[victim] = key;
        update(victim, importWh, exportWh, version, cause, counter, intensity, place);
        return evicted;
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
            if (keys[e] != EMPTY && place != NO_PLACE && billingPeriodOf(place) == (billingPeriod & 0xFFFF) &&
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
        final int used = Math.min(keys.length, meterCount * slots);
        out.writeInt(slots);
        StateIo.writeLongs(out, keys, used);
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
        if (entries > keys.length)
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
    void writeSectionHead(final StateOutput out, final int base, final int meterCount)
    {
        final int entries = meterCount * slots;
        final int column = Integer.BYTES + entries * Long.BYTES;
        out.putIntAt(base, slots);
        for (int c = 0; c < 6; c++)
        {
            out.putIntAt(base + Integer.BYTES + c * column, entries);
        }
        final int versions = base + Integer.BYTES + 6 * column;
        out.putIntAt(versions, entries);
        out.putIntAt(versions + Integer.BYTES + entries * Integer.BYTES, entries);
    }

    /**
     * Writes one meter's entries into the section, where {@link #writeState} would have put them.
     *
     * @param out        the capture.
     * @param base       the region's offset.
     * @param meterCount meters enrolled when the capture started.
     * @param meter      the meter.
     */
    void writeSectionMeter(final StateOutput out, final int base, final int meterCount, final int meter)
    {
        final long[] k = keys;
        final long[] v = values;
        final int entries = meterCount * slots;
        final int column = Integer.BYTES + entries * Long.BYTES;
        final int keyColumn = base + 2 * Integer.BYTES;
        final int versions = base + Integer.BYTES + 6 * column + Integer.BYTES;
        final int places = versions + entries * Integer.BYTES + Integer.BYTES;
        for (int e = meter * slots, end = e + slots; e < end; e++)
        {
            out.putLongAt(keyColumn + e * Long.BYTES, k[e]);
            for (int f = 0; f < SNAPSHOT_FIELDS.length; f++)
            {
                out.putLongAt(keyColumn + (f + 1) * column + e * Long.BYTES, v[e * STRIDE + SNAPSHOT_FIELDS[f]]);
            }
            final long versionAndPlace = v[e * STRIDE + VERSION_PLACE];
            out.putIntAt(versions + e * Integer.BYTES, (int)(versionAndPlace & MAX_VERSION));
            out.putLongAt(places + e * Long.BYTES, placeOf(versionAndPlace));
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
        keys = StateIo.readLongs(in, 0);
        if (legacyKeys)
        {
            final long[] k = keys;
            for (int e = 0; e < k.length; e++)
            {
                k[e] = fromLegacyKey(k[e]);
            }
        }
        final int entries = keys.length;
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
}
