package org.gridsettle.replay.audit;

import java.util.Arrays;

/**
 * The output sequences a reported number was summed from, appended in journal order (so ascending), rendered as
 * ranges ({@code "120-155, 160"}) that an auditor can look up with {@code settle dump --from}.
 * <p>
 * Not thread-safe; filled and read by one thread.
 */
public final class SequenceList
{
    private long[] sequences = new long[8];
    private int size;

    /**
     * @param sequence an output sequence, not below the last one added; a repeat is ignored.
     */
    public void add(final long sequence)
    {
        // one transfer can feed a number only once; a repeat would only lengthen the list
        if (size > 0 && sequences[size - 1] == sequence)
        {
            return;
        }
        if (size == sequences.length)
        {
            sequences = Arrays.copyOf(sequences, size * 2);
        }
        sequences[size++] = sequence;
    }

    /**
     * @return how many sequences.
     */
    public int size()
    {
        return size;
    }

    /**
     * @param index from 0.
     * @return the sequence at that index.
     */
    public long get(final int index)
    {
        return sequences[index];
    }

    /**
     * @param separator put between ranges, for example {@code ", "} or {@code " "}.
     * @return the sequences as ascending runs, {@code "120-155, 160"}; empty when there are none.
     */
    public String toText(final String separator)
    {
        final StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < size)
        {
            int j = i;
            while (j + 1 < size && sequences[j + 1] == sequences[j] + 1)
            {
                j++;
            }
            if (sb.length() > 0)
            {
                sb.append(separator);
            }
            sb.append(sequences[i]);
            if (j > i)
            {
                sb.append('-').append(sequences[j]);
            }
            i = j + 1;
        }
        return sb.toString();
    }

    @Override
    public String toString()
    {
        return toText(", ");
    }
}
