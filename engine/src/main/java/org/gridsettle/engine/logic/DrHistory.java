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
 * the ticks whose interval starts in that hour (in the zone of the meter's tariff). {@value #DAYS} days are the
 * 45-day lookback of {@link TenInTenBaseline}, the event day, and two days' grace for an end of day that comes late.
 * A tick for a day older than the ring holds is not recorded; a day is overwritten by the day {@value #DAYS} days
 * later. On the 25-hour day of a fall-back change the repeated hour sums both; on the 23-hour day the skipped hour has
 * no reading; neither day is ever a baseline day ({@link TenInTenBaseline} takes 24-hour days only).
 * <p>
 * Memory: {@value #BYTES_PER_DR_METER} bytes per DR meter ({@value #DAYS} days x (4-byte day + 24 x 4-byte Wh)), plus
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
    /** Bytes of history per DR meter. */
    public static final int BYTES_PER_DR_METER = DAYS * (4 + 24 * 4);
    /** An hour with no reading. */
    static final int NO_DATA = -1;
    /** An hour whose sum could not be held. */
    static final int INVALID = -2;
    private static final int EMPTY_DAY = Integer.MIN_VALUE;
    private static final int NO_RING = MeterRows.NO_ROW;

    private final MeterRows rings = new MeterRows();
    private int[] days = new int[0];
    private int[] wh = new int[0];
    private int selected = NO_RING;

    /**
     * Records an accepted tick's import if the meter is in demand response and the tick is on the main channel.
     *
     * @param meters   the registry, for the meter's programs.
     * @param meter    dense meter index.
     * @param channel  the tick's channel.
     * @param local    local wall-clock seconds of the interval start, in the tariff's zone.
     * @param importWh imported Wh.
     */
    void recordTick(final MeterRegistry meters, final int meter, final int channel, final long local,
        final long importWh)
    {
        if (channel == 0 && (meters.programsOf(meter) & MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE) != 0)
        {
            add(ringFor(meter), local, importWh, true);
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
            add(ring, local, -oldWh, false);
            add(ring, local, newWh, false);
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
        return days[day] == localEpochDay ? wh[day * 24 + hour] : NO_DATA;
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
        return 4L * days.length + 4L * wh.length;
    }

    private void add(final int ring, final long local, final long deltaWh, final boolean opensDay)
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
        }
        final int at = day * 24 + hour;
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
        final int capacity = Math.max(needed, days.length / DAYS * 2);
        final int old = days.length;
        days = Arrays.copyOf(days, capacity * DAYS);
        Arrays.fill(days, old, days.length, EMPTY_DAY);
        wh = Arrays.copyOf(wh, capacity * DAYS * 24);
    }

    void writeState(final DataOutput out) throws IOException
    {
        rings.writeState(out);
        StateIo.writeInts(out, days, rings.count() * DAYS);
        StateIo.writeInts(out, wh, rings.count() * DAYS * 24);
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
        ensureCapacity(n);
        System.arraycopy(dayKeys, 0, days, 0, dayKeys.length);
        System.arraycopy(hours, 0, wh, 0, hours.length);
    }
}
