package org.gridsettle.engine.logic;

/**
 * How far the engine's flat per-meter arrays grow. Each holds a fixed number of values per meter (a row) in one Java
 * array, whose length is an int: doubling the rows held must stop at the most rows such an array can hold, or the
 * doubling itself overflows the length, and a fleet well within the limit halts the engine (as doubling the DR history
 * past 2^20 DR meters did, at 1,048,577 of the 1,864,135 it holds).
 * <p>
 * Stateless and thread-safe.
 */
final class ArrayGrowth
{
    /** The longest array to ask for: some JVMs keep a few header words of the largest int index. */
    static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private ArrayGrowth()
    {
    }

    /**
     * @param valuesPerRow values in one meter's row.
     * @return the most rows one array holds.
     */
    static int mostRows(final int valuesPerRow)
    {
        return MAX_LENGTH / valuesPerRow;
    }

    /**
     * Rows to hold after growing for {@code needed}: twice as many as now, so that a fleet that enrols meter by meter
     * costs few copies, or what is asked if more, but never more than {@link #mostRows} allows.
     *
     * @param held         rows held now.
     * @param needed       rows needed, more than {@code held}.
     * @param valuesPerRow values in one row.
     * @param what         what a row is for, naming the limit in the failure: "DR meters' history".
     * @return the new capacity in rows, at least {@code needed}.
     * @throws IllegalStateException naming {@code what} and the limit, if {@code needed} rows do not fit one array.
     */
    static int grownRows(final int held, final int needed, final int valuesPerRow, final String what)
    {
        final int most = mostRows(valuesPerRow);
        if (needed > most)
        {
            throw new IllegalStateException(needed + " " + what + " of " + valuesPerRow + " values each are more " +
                "than the " + most + " one array holds");
        }
        return (int)Math.min(Math.max(needed, 2L * held), most);
    }
}
