package org.gridsettle.engine.logic;

import org.agrona.collections.Int2IntHashMap;
import org.gridsettle.engine.snapshot.StateIo;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Rows of per-meter state that only some meters have (DR history, daily tier totals): a row is claimed the first
 * time a meter needs one, in the order of the inputs, and kept. The owner holds the rows' values in its own flat
 * arrays, indexed by row, and grows them to {@link #count()} rows; a meter without a row costs nothing there.
 * <p>
 * Memory: about 16 bytes per row (its map entry and its meter index). Owned by the business-logic thread. Not
 * thread-safe.
 */
final class MeterRows
{
    /** A meter without a row. */
    static final int NO_ROW = -1;

    private final Int2IntHashMap rowOfMeter = new Int2IntHashMap(NO_ROW);
    private int[] meterOfRow = new int[16];
    private int rows;

    /**
     * @param meter dense meter index.
     * @return its row, or {@link #NO_ROW}.
     */
    int rowOf(final int meter)
    {
        return rowOfMeter.get(meter);
    }

    /**
     * @param meter dense meter index.
     * @return its row, the next one if it had none; the owner then grows its arrays to {@link #count()} rows.
     */
    int claim(final int meter)
    {
        int row = rowOfMeter.get(meter);
        if (row == NO_ROW)
        {
            row = rows++;
            if (row == meterOfRow.length)
            {
                meterOfRow = Arrays.copyOf(meterOfRow, row * 2);
            }
            meterOfRow[row] = meter;
            rowOfMeter.put(meter, row);
        }
        return row;
    }

    /**
     * @return rows claimed.
     */
    int count()
    {
        return rows;
    }

    /**
     * Writes the meter of each row, in row order.
     */
    void writeState(final DataOutput out) throws IOException
    {
        StateIo.writeInts(out, meterOfRow, rows);
    }

    /**
     * Replaces the rows with those {@link #writeState} wrote.
     *
     * @param in         source.
     * @param meterCount meters enrolled: a row's meter index must be below it.
     * @param what       what the rows hold, for the message.
     * @return rows read.
     * @throws IOException on read failure, or a meter index out of range or named twice.
     */
    int readState(final DataInput in, final int meterCount, final String what) throws IOException
    {
        final int[] meterIndexes = StateIo.readInts(in, 0);
        final int n = meterIndexes.length;
        rowOfMeter.clear();
        for (int r = 0; r < n; r++)
        {
            final int meter = meterIndexes[r];
            if (meter < 0 || meter >= meterCount || rowOfMeter.put(meter, r) != NO_ROW)
            {
                throw new IOException(what + " name meter index " + meter + " out of range or twice");
            }
        }
        meterOfRow = Arrays.copyOf(meterIndexes, Math.max(16, n));
        rows = n;
        return n;
    }
}
