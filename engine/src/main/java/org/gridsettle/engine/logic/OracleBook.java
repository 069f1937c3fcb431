package org.gridsettle.engine.logic;

import org.gridsettle.engine.snapshot.StateIo;
import org.gridsettle.journal.codec.OraclePriceCodec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every oracle price published, per pricing node, as journalled inputs (the engine never fetches a price), and the
 * pricing node of every meter enrolled with one.
 * <p>
 * Nodes get dense ids in the order they first appear in the input journal (an enrolment or a publication), so ids
 * are a pure function of the journal. A node's series is three growable primitive arrays (interval start, length,
 * price in micro-units per MWh, {@link OraclePriceCodec#MISSING} for an interval published without a price) and
 * only grows forward: a publication that starts before the end of what is known is refused.
 * <p>
 * <b>Lookup rule.</b> A tick takes the price of the oracle interval that contains its interval start. A missing price
 * (an interval published as missing, or a gap between published intervals) follows the tariff's policy: 0 rejects,
 * N carries the last published price forward for at most N intervals (counted as in
 * {@link org.gridsettle.pricing.carbon.MissingIntensityPolicy}). An instant at or after the end of everything
 * published has no price under either policy. That last rule makes a looked-up price immutable: every later
 * publication starts after the instant, so a correction re-prices the reversal of a tick at exactly the price the
 * tick got, without storing the price per tick.
 * <p>
 * Memory: 20 bytes per published interval, and 4 bytes per enrolled meter for its node. Lookups are allocation-free
 * binary searches. Owned by the business-logic thread. Not thread-safe.
 */
final class OracleBook
{
    /** Node reference of a meter without a pricing node. */
    static final int NO_NODE = -1;
    /** Returned when a meter or instant has no price. */
    static final long MISSING = OraclePriceCodec.MISSING;
    private static final int STATE_MARK = 0x4F52434C; // "ORCL": a misaligned snapshot fails here, loudly

    // allocation only when a node is first seen or a meter enrolled, never per tick
    private final Map<String, Integer> idByName = new HashMap<>();
    private String[] names = new String[8];
    private long[][] starts = new long[8][];
    private int[][] seconds = new int[8][];
    private long[][] prices = new long[8][];
    private int[] sizes = new int[8];
    private int nodeCount;
    private int[] nodeOfMeter = new int[0];

    /**
     * @param name a node name.
     * @return its id, assigning the next one if the node is new.
     */
    int idOf(final String name)
    {
        final Integer known = idByName.get(name);
        if (known != null)
        {
            return known;
        }
        final int id = nodeCount++;
        if (id == names.length)
        {
            final int capacity = id * 2;
            names = Arrays.copyOf(names, capacity);
            starts = Arrays.copyOf(starts, capacity);
            seconds = Arrays.copyOf(seconds, capacity);
            prices = Arrays.copyOf(prices, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
        }
        names[id] = name;
        starts[id] = new long[16];
        seconds[id] = new int[16];
        prices[id] = new long[16];
        idByName.put(name, id);
        return id;
    }

    /**
     * Sets the pricing node a meter's exports are priced at.
     *
     * @param meter meter index.
     * @param node  node id from {@link #idOf}, or {@link #NO_NODE}.
     */
    void enrol(final int meter, final int node)
    {
        if (meter >= nodeOfMeter.length)
        {
            final int old = nodeOfMeter.length;
            nodeOfMeter = Arrays.copyOf(nodeOfMeter, Math.max(meter + 1, old * 2));
            Arrays.fill(nodeOfMeter, old, nodeOfMeter.length, NO_NODE);
        }
        nodeOfMeter[meter] = node;
    }

    /**
     * @param meter meter index.
     * @return its node id, or {@link #NO_NODE}.
     */
    int nodeOf(final int meter)
    {
        return meter < nodeOfMeter.length ? nodeOfMeter[meter] : NO_NODE;
    }

    /**
     * @param node a node id.
     * @return its name.
     */
    String nameOf(final int node)
    {
        return names[node];
    }

    /**
     * @param record a {@link OraclePriceCodec#consistent()} record.
     * @return false if it starts before the end of the prices already known for its node.
     */
    boolean publish(final OraclePriceCodec record)
    {
        final int node = idOf(record.node());
        final int have = sizes[node];
        if (have > 0 && record.start() < endAt(node, have - 1))
        {
            return false;
        }
        final int count = record.count();
        if (have + count > starts[node].length)
        {
            final int capacity = Math.max(have + count, starts[node].length * 2);
            starts[node] = Arrays.copyOf(starts[node], capacity);
            seconds[node] = Arrays.copyOf(seconds[node], capacity);
            prices[node] = Arrays.copyOf(prices[node], capacity);
        }
        final long start = record.start();
        final int length = record.intervalSeconds();
        for (int i = 0; i < count; i++)
        {
            starts[node][have + i] = start + (long)i * length;
            seconds[node][have + i] = length;
            prices[node][have + i] = record.microsPerMwh(i);
        }
        sizes[node] = have + count;
        return true;
    }

    /**
     * The price at an instant under a tariff's missing-price policy. Allocation-free.
     *
     * @param node           node id, or {@link #NO_NODE}.
     * @param epochSecond    the tick's interval start.
     * @param carryIntervals 0 rejects a missing price; N carries the last price forward at most N intervals.
     * @return price in micro-units per MWh, or {@link #MISSING}.
     */
    long priceAt(final int node, final long epochSecond, final int carryIntervals)
    {
        if (node == NO_NODE)
        {
            return MISSING;
        }
        final int size = sizes[node];
        if (size == 0 || epochSecond >= endAt(node, size - 1))
        {
            return MISSING;
        }
        final long[] p = prices[node];
        final int floor = floorIndex(node, epochSecond);
        final boolean contained = floor >= 0 && epochSecond < endAt(node, floor);
        if (contained && p[floor] != MISSING)
        {
            return p[floor];
        }
        if (carryIntervals == 0 || floor < 0)
        {
            return MISSING;
        }
        // every interval published without a price is one missing interval, so a scan past N of them can stop
        int candidate = contained ? floor - 1 : floor;
        int missing = contained ? 1 : 0;
        while (candidate >= 0 && p[candidate] == MISSING)
        {
            if (++missing > carryIntervals)
            {
                return MISSING;
            }
            candidate--;
        }
        if (candidate < 0)
        {
            return MISSING;
        }
        final long elapsed = epochSecond - endAt(node, candidate);
        return elapsed / seconds[node][candidate] < carryIntervals ? p[candidate] : MISSING;
    }

    private long endAt(final int node, final int index)
    {
        return starts[node][index] + seconds[node][index];
    }

    /** @return the last index whose start is at or before the instant, or -1. */
    private int floorIndex(final int node, final long epochSecond)
    {
        final long[] s = starts[node];
        int low = 0;
        int high = sizes[node] - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            if (s[mid] <= epochSecond)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return high;
    }

    void writeState(final DataOutput out, final int meterCount) throws IOException
    {
        out.writeInt(STATE_MARK);
        out.writeInt(nodeCount);
        for (int node = 0; node < nodeCount; node++)
        {
            out.writeUTF(names[node]);
            final int size = sizes[node];
            out.writeInt(size);
            StateIo.writeLongs(out, starts[node], size);
            StateIo.writeInts(out, seconds[node], size);
            StateIo.writeLongs(out, prices[node], size);
        }
        final int meters = Math.min(meterCount, nodeOfMeter.length);
        StateIo.writeInts(out, nodeOfMeter, meters);
    }

    void readState(final DataInput in) throws IOException
    {
        if (in.readInt() != STATE_MARK)
        {
            throw new IOException("snapshot has no oracle price state where it should be");
        }
        idByName.clear();
        nodeCount = 0;
        final int count = in.readInt();
        if (count < 0)
        {
            throw new IOException("snapshot has a negative node count");
        }
        for (int i = 0; i < count; i++)
        {
            final int node = idOf(in.readUTF());
            if (node != i)
            {
                throw new IOException("snapshot names pricing node " + names[node] + " twice");
            }
            final int size = in.readInt();
            final long[] s = StateIo.readLongs(in, 16);
            final int[] l = StateIo.readInts(in, 16);
            final long[] p = StateIo.readLongs(in, 16);
            if (size < 0 || size > s.length || size > l.length || size > p.length)
            {
                throw new IOException("snapshot has a bad oracle series size " + size);
            }
            starts[node] = s;
            seconds[node] = l;
            prices[node] = p;
            sizes[node] = size;
        }
        nodeOfMeter = StateIo.readInts(in, 0);
    }
}
