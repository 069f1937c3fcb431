package org.gridsettle.engine.logic;

import org.agrona.collections.Long2ObjectHashMap;
import org.gridsettle.engine.snapshot.StateIo;
import org.gridsettle.journal.codec.CarbonIntensityCodec;
import org.gridsettle.pricing.carbon.CarbonIntensitySeries;
import org.gridsettle.pricing.carbon.MissingIntensityPolicy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Every carbon-intensity value published, per region, as journalled inputs: the engine never fetches intensity
 * itself. A region's series only grows forward in time; a publication that overlaps what is known is refused, so a
 * tick once priced is never re-priced by a later revision.
 * <p>
 * Lookups are allocation-free binary searches. Owned by the business-logic thread. Not thread-safe.
 */
final class CarbonBook
{
    private static final MissingIntensityPolicy REJECT = MissingIntensityPolicy.reject();
    private final Long2ObjectHashMap<CarbonIntensitySeries> byRegion = new Long2ObjectHashMap<>();
    private final MissingIntensityPolicy[] carryPolicies = new MissingIntensityPolicy[97];

    /**
     * @param record a consistent carbon-intensity record.
     * @return false if it overlaps values already known for the region.
     */
    boolean publish(final CarbonIntensityCodec record)
    {
        final long region = record.region();
        final int count = record.count();
        final CarbonIntensitySeries known = byRegion.get(region);
        final int have = known == null ? 0 : known.size();
        if (have > 0 && record.start() < known.endAt(have - 1))
        {
            return false;
        }
        final long[] starts = new long[have + count];
        final int[] seconds = new int[have + count];
        final long[] values = new long[have + count];
        final byte[] sources = new byte[have + count];
        for (int i = 0; i < have; i++)
        {
            starts[i] = known.startAt(i);
            seconds[i] = known.secondsAt(i);
            values[i] = known.mgPerKwhAt(i);
            sources[i] = known.sourceAt(i);
        }
        for (int i = 0; i < count; i++)
        {
            starts[have + i] = record.start() + (long)i * record.intervalSeconds();
            seconds[have + i] = record.intervalSeconds();
            values[have + i] = record.mgPerKwh(i);
            sources[have + i] = record.source(i);
        }
        byRegion.put(region, CarbonIntensitySeries.of(Long.toString(region), starts, seconds, values, sources));
        return true;
    }

    /**
     * @param region         packed region.
     * @param epochSecond    a tick's interval start.
     * @param carryIntervals the tariff's carry-forward allowance; 0 = none.
     * @return intensity in mg CO2 per kWh, or {@link CarbonIntensitySeries#MISSING}.
     */
    long intensityAt(final long region, final long epochSecond, final int carryIntervals)
    {
        final CarbonIntensitySeries series = byRegion.get(region);
        if (series == null)
        {
            return CarbonIntensitySeries.MISSING;
        }
        return policy(carryIntervals).intensityAt(epochSecond, series);
    }

    private MissingIntensityPolicy policy(final int carryIntervals)
    {
        if (carryIntervals == 0)
        {
            return REJECT;
        }
        if (carryIntervals >= carryPolicies.length)
        {
            return MissingIntensityPolicy.carryForward(carryIntervals);
        }
        MissingIntensityPolicy p = carryPolicies[carryIntervals];
        if (p == null)
        {
            p = MissingIntensityPolicy.carryForward(carryIntervals);
            carryPolicies[carryIntervals] = p;
        }
        return p;
    }

    void writeState(final DataOutput out) throws IOException
    {
        final long[] regions = byRegion.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        out.writeInt(regions.length);
        for (final long region : regions)
        {
            final CarbonIntensitySeries s = byRegion.get(region);
            out.writeLong(region);
            final int n = s.size();
            final long[] starts = new long[n];
            final long[] values = new long[n];
            final long[] lengths = new long[n];
            final long[] sources = new long[n];
            for (int i = 0; i < n; i++)
            {
                starts[i] = s.startAt(i);
                values[i] = s.mgPerKwhAt(i);
                lengths[i] = s.secondsAt(i);
                sources[i] = s.sourceAt(i);
            }
            StateIo.writeLongs(out, starts, n);
            StateIo.writeLongs(out, values, n);
            StateIo.writeLongs(out, lengths, n);
            StateIo.writeLongs(out, sources, n);
        }
    }

    void readState(final DataInput in) throws IOException
    {
        byRegion.clear();
        final int regions = in.readInt();
        for (int r = 0; r < regions; r++)
        {
            final long region = in.readLong();
            final long[] starts = StateIo.readLongs(in, 0);
            final long[] values = StateIo.readLongs(in, 0);
            final long[] lengths = StateIo.readLongs(in, 0);
            final long[] sources = StateIo.readLongs(in, 0);
            final int[] seconds = Arrays.stream(lengths).mapToInt(Math::toIntExact).toArray();
            final byte[] src = new byte[sources.length];
            for (int i = 0; i < src.length; i++)
            {
                src[i] = (byte)sources[i];
            }
            byRegion.put(region, CarbonIntensitySeries.of(Long.toString(region), starts, seconds, values, src));
        }
    }
}
