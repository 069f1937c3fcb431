package org.gridsettle.engine.logic;

import org.gridsettle.engine.snapshot.StateIo;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The reading limits of each enrolled meter: the highest average import and export power, in watts, that its
 * enrolment says a reading may show, such as the service's capacity and the inverter's nameplate. It is a utility's
 * high-limit check of meter data, kept in the engine because a reading above it would otherwise post a charge, or mint
 * a credit, for energy that never flowed.
 * <p>
 * <b>Rule.</b> A reading is above a limit when its energy is more than the limit times its interval:
 * {@code energyWh * 3600 > limitW * intervalSeconds}, decided exactly in integers. A limit of 0 is no limit. Only a
 * reading that would be priced is held to the limits: a new tick, or a correction with new values. An exact retry of
 * a settled reading is acknowledged as every duplicate is, even after a re-enrolment lowered a limit below it, and a
 * reading another rule refuses (a closed period, the correction window, an overlap, a conflicting duplicate) gets
 * that rule's reason. Limits are the meter's latest enrolment's: a re-enrolment replaces them, and one without limits
 * clears them, as it does every other field of the enrolment.
 * <p>
 * Memory: nothing until an enrolment sets a limit, and nothing in a snapshot; from then on 8 bytes per enrolled
 * meter, written whole into each snapshot. The check is two array reads, allocation-free. Owned by the business-logic thread. Not thread-safe.
 */
final class ReadingLimits
{
    /** Opens the section {@link #writeState} writes: "LIMT"; a misaligned snapshot fails here, loudly. */
    static final int STATE_MARK = 0x4C494D54;
    private static final int SECONDS_PER_HOUR = 3600;

    // null until a limit is set, so that a fleet without limits pays neither heap nor snapshot bytes for them
    private int[] importLimitW;
    private int[] exportLimitW;

    /**
     * Sets a meter's limits, from its enrolment.
     *
     * @param meter         the meter's index in the registry.
     * @param importLimitW  watts, or 0 for none; never negative.
     * @param exportLimitW  watts, or 0 for none; never negative.
     */
    void enrol(final int meter, final int importLimitW, final int exportLimitW)
    {
        if (this.importLimitW == null)
        {
            if (importLimitW == 0 && exportLimitW == 0)
            {
                return;
            }
            this.importLimitW = new int[0];
            this.exportLimitW = new int[0];
        }
        if (meter >= this.importLimitW.length)
        {
            final int length = Math.max(meter + 1, this.importLimitW.length * 2);
            this.importLimitW = Arrays.copyOf(this.importLimitW, length);
            this.exportLimitW = Arrays.copyOf(this.exportLimitW, length);
        }
        this.importLimitW[meter] = importLimitW;
        this.exportLimitW[meter] = exportLimitW;
    }

    /**
     * @param meter    the meter's index in the registry.
     * @param importWh the reading's import.
     * @param exportWh the reading's export.
     * @param seconds  the reading's interval, positive.
     * @return true if either energy is above the meter's limit for that direction.
     */
    boolean exceeds(final int meter, final long importWh, final long exportWh, final int seconds)
    {
        final int[] imports = importLimitW;
        if (imports == null || meter >= imports.length)
        {
            return false;
        }
        return above(importWh, imports[meter], seconds) || above(exportWh, exportLimitW[meter], seconds);
    }

    /**
     * {@code energyWh * 3600 > limitW * seconds} without overflow: the energy is a whole number of Wh, so it is above
     * the limit's energy exactly when it is above that energy's floor. The product is below 2^53 for any interval the
     * correction window accepts.
     */
    static boolean above(final long energyWh, final int limitW, final int seconds)
    {
        return limitW > 0 && energyWh > (long)limitW * seconds / SECONDS_PER_HOUR;
    }

    /**
     * Writes the limits as the state's last section, and nothing at all while no enrolment has set a limit: the
     * snapshot of a fleet without limits is then the same bytes as before limits existed, and a state read without
     * this section has none ({@link #readState} is only called when bytes remain).
     */
    void writeState(final DataOutput out, final int meterCount) throws IOException
    {
        if (importLimitW == null)
        {
            return;
        }
        out.writeInt(STATE_MARK);
        final int meters = Math.min(meterCount, importLimitW.length);
        StateIo.writeInts(out, importLimitW, meters);
        StateIo.writeInts(out, exportLimitW, meters);
    }

    /**
     * Reads the section {@link #writeState} wrote, after its {@link #STATE_MARK}, which the caller has read.
     */
    void readState(final DataInput in) throws IOException
    {
        final int[] imports = StateIo.readInts(in, 0);
        final int[] exports = StateIo.readInts(in, 0);
        if (imports.length != exports.length)
        {
            throw new IOException("snapshot has reading limits for " + imports.length + " and " + exports.length +
                " meters");
        }
        importLimitW = imports.length == 0 ? null : imports;
        exportLimitW = imports.length == 0 ? null : exports;
    }
}
