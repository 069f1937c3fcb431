package org.gridsettle.engine.snapshot;

import java.util.Arrays;

/**
 * The bookkeeping of a capture that copies numbered entries (meters, ledger accounts) into claimed places one at a
 * time while the business-logic thread goes on: a few at a time between inputs ({@link #copyNext}), and any entry an
 * input is about to change first ({@link #beforeChange}), so that each is copied as it was when the capture began.
 * Entries are marked with the capture's epoch, so a new capture needs no clearing. Subclasses say how one entry is
 * copied, and may check the whole once it is ({@link #completed}).
 * <p>
 * Threading: the business-logic thread only, or the thread that closes the engine after that one has stopped.
 */
public abstract class IncrementalCopy
{
    private int count;
    private int cursor;
    private int epoch;
    private boolean copying;
    private int[] copiedIn = new int[0];

    /**
     * Sizes the marks for a number of entries ahead of the first capture, so that it does not allocate them while
     * ticks wait.
     *
     * @param count entries expected.
     */
    public final void reserve(final int count)
    {
        if (copiedIn.length < count)
        {
            copiedIn = Arrays.copyOf(copiedIn, count);
        }
    }

    /**
     * Starts copying entries 0 to {@code count - 1}; entries numbered from {@code count} on came after the capture
     * began and are never copied.
     *
     * @param count entries in the capture.
     */
    protected final void start(final int count)
    {
        if (copiedIn.length < count)
        {
            // once per growth of the state, not per capture
            copiedIn = Arrays.copyOf(copiedIn, count + count / 4 + 16);
        }
        epoch++;
        cursor = 0;
        this.count = count;
        copying = count > 0;
    }

    /**
     * @return whether entries remain to be copied.
     */
    public final boolean copying()
    {
        return copying;
    }

    /**
     * Copies an entry that is about to change, unless it was copied already or came after the capture began.
     *
     * @param entry the entry's number.
     */
    public final void beforeChange(final int entry)
    {
        if (copying && entry < count && copiedIn[entry] != epoch)
        {
            copyOne(entry);
        }
    }

    /**
     * Copies up to {@code budget} more entries that have not been copied yet.
     *
     * @param budget how many at most.
     * @return true if every entry is copied, or no capture is in progress.
     */
    public final boolean copyNext(final int budget)
    {
        if (!copying)
        {
            return true;
        }
        final int[] copied = copiedIn;
        final int current = epoch;
        final int end = count;
        int left = budget;
        int at = cursor;
        while (at < end && left > 0)
        {
            if (copied[at] != current)
            {
                copyOne(at);
                left--;
            }
            at++;
        }
        cursor = at;
        if (at < end)
        {
            return false;
        }
        // a check that fails leaves the capture incomplete, so that it is never written and every later call fails too
        completed();
        copying = false;
        return true;
    }

    private void copyOne(final int entry)
    {
        copy(entry);
        copiedIn[entry] = epoch;
    }

    /**
     * Called once every entry of a capture is copied, by the call that copied the last, before the capture counts as
     * complete; nothing by default. If it throws, the capture stays incomplete and the next call calls it again.
     */
    protected void completed()
    {
    }

    /**
     * Copies one entry, as it is now, into its place in the capture.
     *
     * @param entry the entry's number, below the count given to {@link #start}.
     */
    protected abstract void copy(int entry);
}
