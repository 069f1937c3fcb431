package org.gridsettle.engine.logic;

import org.gridsettle.engine.snapshot.StateIo;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.pricing.dr.HourlyLoad;
import org.gridsettle.pricing.dr.TenInTenBaseline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Hourly load history of the meters enrolled in demand response, which the 10-in-10 baseline reads. Only DR-enrolled
 * meters get history, allocated the first time such a meter's tick is accepted; every other meter costs nothing here.
 * <p>
 * Each DR meter owns a ring of {@value #DAYS} local days in flat primitive arrays (no object per meter, day or hour):
 * per day its local epoch day, and per local clock hour the imported Wh of the main channel (channel 0), summed over
 * the ticks whose interval starts in that hour (in the zone of the meter's tariff), with the seconds those ticks
 * cover. An hour is read only when its ticks cover exactly its 3,600 s: an hour of 15-minute ticks with one missing
 * has no reading, as an hour with none, rather than 3/4 of its load, which on an event day would be credited as a
 * reduction and on a baseline day would lower the baseline; nor has an hour whose ticks cover more, the load of more
 * than one hour (a tick longer than an hour, or both occurrences of a fall-back day's repeated hour), which in a
 * baseline would raise it and in an event day's adjustment window would lift the day-of ratio. {@value #DAYS} days
 * are the 45-day lookback of {@link TenInTenBaseline}, the event day, and two days' grace for an end of day that comes
 * late.
 * A tick for a day older than the ring holds is not recorded; a day is overwritten by the day {@value #DAYS} days
 * later. On the 25-hour day of a fall-back change the repeated hour sums both occurrences, so it has no reading once
 * both are read, as the skipped hour of the 23-hour day has none; neither day is ever a baseline day
 * ({@link TenInTenBaseline} takes 24-hour days only), and no event hour is either hour ({@link DrProcessor}), but an
 * event day's adjustment window may hold one, and then the meter has no baseline.
 * <p>
 * Memory: {@value #BYTES_PER_DR_METER} bytes per DR meter ({@value #DAYS} days x (4-byte day + 24 x (4-byte Wh +
 * 2-byte seconds))), plus
 * about 16 bytes for its row ({@link MeterRows}: a map entry and its meter index). Wh are ints: an hour above
 * 2^31 - 1 Wh (2.1 GWh) cannot be held, so it is marked invalid, and a baseline never uses it rather than using a
 * wrong figure.
 * <p>
 * A correction replaces its tick's energy in the hour (when the day is still in the ring). Owned by the
 * business-logic thread. Not thread-safe; the {@link HourlyLoad} view reads the meter chosen by {@link #select}.
 */
public final class DrHistory implements HourlyLoad
{
    /** Days in each DR meter's ring. */
    public static final int DAYS = TenInTenBaseline.LOOKBACK_DAYS + 3;
    /** Hours in each DR meter's ring: the values per meter of the hour arrays. */
    static final int HOURS_PER_RING = DAYS * 24;
    /** Most DR meters with history: their hours fill one array. */
    public static final int MAX_DR_METERS = ArrayGrowth.MAX_LENGTH / HOURS_PER_RING;
    /** Bytes of history per DR meter. */
    public static final int BYTES_PER_DR_METER = DAYS * (4 + 24 * (4 + 2));
    /** An hour with no reading. */
    static final int NO_DATA = -1;
    /** An hour whose sum could not be held. */
    static final int INVALID = -2;
    private static final int EMPTY_DAY = Integer.MIN_VALUE;
    private static final int NO_RING = MeterRows.NO_ROW;
    /** Opens the section {@link #writeCoverage} writes: "DRCV". */
    static final int COVERAGE_MARK = 0x44524356;
    private static final int HOUR_SECONDS = 3_600;
    /** Covered seconds stop counting here, so that one long tick (up to 48 days) cannot wrap the short. */
    private static final short MAX_COVERED = Short.MAX_VALUE;

    private final MeterRows rings = new MeterRows();
    private int[] days = new int[0];
    private int[] wh = new int[0];
    private short[] covered = new short[0];
    private boolean coverageUnknown;
    private int selected = NO_RING;

    /**
     * Records an accepted tick's import if the meter is in demand response and the tick is on the main channel.
     *
     * @param meters   the registry, for the meter's programs.
     * @param meter    dense meter index.
     * @param channel  the tick's channel.
     * @param local    local wall-clock seconds of the interval start, in the tariff's zone.
     * @param seconds  the tick's interval length.
     * @param importWh imported Wh.
     */
    void recordTick(final MeterRegistry meters, final int meter, final int channel, final long local,
        final int seconds, final long importWh)
    {
        if (channel == 0 && (meters.programsOf(meter) & MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE) != 0)
        {
            add(ringFor(meter), local, importWh, seconds, true);
        }
    }

    /**
     * Replaces a corrected tick's import in its hour, if the meter has history and the day is still held.
     *
     * @param meter     dense meter index.
     * @param channel   the tick's channel.
     * @param local     local wall-clock seconds of the interval start.
     * @param oldWh     import of the tick replaced.
     * @param newWh     import of the correction.
     */
    void correctTick(final int meter, final int channel, final long local, final long oldWh, final long newWh)
    {
        final int ring = rings.rowOf(meter);
        if (channel == 0 && ring != NO_RING)
        {
            // a correction has its tick's start and length: the hour's coverage stays
            add(ring, local, -oldWh, 0, false);
            add(ring, local, newWh, 0, false);
        }
    }

    /**
     * Points the {@link HourlyLoad} view at a meter.
     *
     * @param meter dense meter index.
     * @return false if the meter has no history (the view then has no readings).
     */
    public boolean select(final int meter)
    {
        selected = rings.rowOf(meter);
        return selected != NO_RING;
    }

    @Override
    public long wh(final long localEpochDay, final int hour)
    {
        if (selected == NO_RING)
        {
            return NO_DATA;
        }
        final int day = selected * DAYS + (int)Math.floorMod(localEpochDay, (long)DAYS);
        if (days[day] != localEpochDay)
        {
            return NO_DATA;
        }
        final int at = day * 24 + hour;
        // more than the hour is the fall-back day's repeated hour, both occurrences summed, or a tick longer than its
        // hour: either is not the load of one clock hour, which baselines and credits compare
        return covered[at] == HOUR_SECONDS ? wh[at] : NO_DATA;
    }

    /**
     * @return DR meters with history.
     */
    public int meters()
    {
        return rings.count();
    }

    /**
     * @return bytes held by the day and hour arrays (their capacity), for the memory test.
     */
    public long capacityBytes()
    {
        return 4L * days.length + 4L * wh.length + 2L * covered.length;
    }

    private void add(final int ring, final long local, final long deltaWh, final int seconds, final boolean opensDay)
    {
        final long localDay = Math.floorDiv(local, 86_400L);
        final int hour = (int)((local - localDay * 86_400L) / 3_600L);
        final int day = ring * DAYS + (int)Math.floorMod(localDay, (long)DAYS);
        if (days[day] != localDay)
        {
            if (!opensDay || (days[day] != EMPTY_DAY && days[day] > localDay) || localDay != (int)localDay)
            {
                return; // older than the ring holds, or a correction of a day no longer held
            }
            days[day] = (int)localDay;
            Arrays.fill(wh, day * 24, day * 24 + 24, NO_DATA);
            Arrays.fill(covered, day * 24, day * 24 + 24, (short)0);
        }
        final int at = day * 24 + hour;
        covered[at] = (short)Math.min(covered[at] + (long)seconds, MAX_COVERED);
        final int current = wh[at];
        if (current == INVALID)
        {
            return;
        }
        final long sum = (current == NO_DATA ? 0 : current) + deltaWh;
        wh[at] = sum < 0 || sum > Integer.MAX_VALUE ? INVALID : (int)sum;
    }

    private int ringFor(final int meter)
    {
        final int ring = rings.claim(meter);
        ensureCapacity(rings.count());
        return ring;
    }

    private void ensureCapacity(final int needed)
    {
        if (needed * DAYS <= days.length)
        {
            return;
        }
        final int capacity = ArrayGrowth.grownRows(days.length / DAYS, needed, HOURS_PER_RING, "DR meters' history");
        final int old = days.length;
        days = Arrays.copyOf(days, capacity * DAYS);
        Arrays.fill(days, old, days.length, EMPTY_DAY);
        wh = Arrays.copyOf(wh, capacity * HOURS_PER_RING);
        covered = Arrays.copyOf(covered, capacity * HOURS_PER_RING);
    }

    void writeState(final DataOutput out) throws IOException
    {
        rings.writeState(out);
        StateIo.writeInts(out, days, rings.count() * DAYS);
        StateIo.writeInts(out, wh, rings.count() * DAYS * 24);
    }

    /**
     * Writes each held hour's covered seconds as a section at the end of the state, after its {@link #COVERAGE_MARK},
     * and nothing while no DR meter has history: the snapshot of a fleet without DR is then the same bytes as before
     * hours kept their coverage.
     */
    void writeCoverage(final DataOutput out) throws IOException
    {
        final int length = rings.count() * DAYS * 24;
        if (length == 0)
        {
            return;
        }
        out.writeInt(COVERAGE_MARK);
        out.writeInt(length);
        for (int i = 0; i < length; i++)
        {
            out.writeShort(covered[i]);
        }
    }

    /**
     * Reads the section {@link #writeCoverage} wrote, after its {@link #COVERAGE_MARK}, which the caller has read.
     */
    void readCoverage(final DataInput in) throws IOException
    {
        coverageUnknown = false;
        final int length = StateIo.readCount(in, Short.BYTES);
        if (length != rings.count() * DAYS * 24)
        {
            throw new IOException("DR history of " + rings.count() + " meters has the coverage of " + length +
                " hours");
        }
        for (int i = 0; i < length; i++)
        {
            covered[i] = in.readShort();
        }
    }

    /**
     * For a snapshot written before hours kept their covered seconds: with DR meters, its history cannot tell a partly
     * read hour from a read one, so it is not the state a replay builds.
     */
    void coverageNotRead()
    {
        coverageUnknown = rings.count() > 0;
    }

    /**
     * @return true if this history was loaded without its hours' coverage and holds a DR meter's.
     */
    boolean coverageUnknown()
    {
        return coverageUnknown;
    }

    void readState(final DataInput in, final int meterCount) throws IOException
    {
        final int n = rings.readState(in, meterCount, "DR history rings");
        final int[] dayKeys = StateIo.readInts(in, 0);
        final int[] hours = StateIo.readInts(in, 0);
        if (dayKeys.length != n * DAYS || hours.length != n * DAYS * 24)
        {
            throw new IOException("DR history of " + n + " meters has " + dayKeys.length + " days and " +
                hours.length + " hours");
        }
        days = new int[0];
        wh = new int[0];
        covered = new short[0];
        ensureCapacity(n);
        System.arraycopy(dayKeys, 0, days, 0, dayKeys.length);
        System.arraycopy(hours, 0, wh, 0, hours.length);
    }
}
