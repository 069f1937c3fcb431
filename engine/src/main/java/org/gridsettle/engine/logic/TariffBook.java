package org.gridsettle.engine.logic;

import org.gridsettle.journal.codec.TariffVersionCodec;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.snapshot.StateIo;
import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import org.agrona.collections.Long2ObjectHashMap;
import org.gridsettle.pricing.tariff.TouTariff;

import java.util.Arrays;

/**
 * Every published tariff version, effective-dated, so a tick is priced by the version in force at its interval
 * start even when a new version arrives in the middle of a billing period.
 * <p>
 * Owned by the business-logic thread. Not thread-safe.
 */
public final class TariffBook
{
    private final Long2ObjectHashMap<TouTariff[]> versionsById = new Long2ObjectHashMap<>();

    /**
     * Adds a version.
     *
     * @param tariff the version.
     * @return false if that tariff already has a version with the same number or effective date.
     */
    public boolean publish(final TouTariff tariff)
    {
        final TouTariff[] existing = versionsById.get(tariff.tariffId());
        if (existing == null)
        {
            versionsById.put(tariff.tariffId(), new TouTariff[] {tariff});
            return true;
        }
        for (final TouTariff t : existing)
        {
            if (t.version() == tariff.version() || t.effectiveFromEpochSecond() == tariff.effectiveFromEpochSecond())
            {
                return false;
            }
        }
        final TouTariff[] grown = Arrays.copyOf(existing, existing.length + 1);
        grown[existing.length] = tariff;
        Arrays.sort(grown, (a, b) -> Long.compare(a.effectiveFromEpochSecond(), b.effectiveFromEpochSecond()));
        versionsById.put(tariff.tariffId(), grown);
        return true;
    }

    /**
     * Adds every token some version can post in: import, export, and CARBON for a version that prices carbon.
     *
     * @param tokens the set to add the packed symbols to.
     */
    void collectTokens(final org.agrona.collections.LongHashSet tokens)
    {
        for (final TouTariff[] versions : versionsById.values())
        {
            for (final TouTariff t : versions)
            {
                TokenLimit.addTokensOf(t, tokens);
            }
        }
    }

    /**
     * @param tariffId a tariff.
     * @return true if any version of it is known.
     */
    public boolean contains(final long tariffId)
    {
        return versionsById.containsKey(tariffId);
    }

    /**
     * @param tariffId    a tariff.
     * @param epochSecond an instant.
     * @return the version in force at that instant, or null if none.
     */
    public TouTariff inForce(final long tariffId, final long epochSecond)
    {
        final TouTariff[] versions = versionsById.get(tariffId);
        if (versions == null)
        {
            return null;
        }
        for (int i = versions.length - 1; i >= 0; i--)
        {
            if (versions[i].effectiveFromEpochSecond() <= epochSecond)
            {
                return versions[i];
            }
        }
        return null;
    }

    /**
     * @param tariffId a tariff.
     * @param version  a version number.
     * @return that version, or null.
     */
    public TouTariff version(final long tariffId, final int version)
    {
        final TouTariff[] versions = versionsById.get(tariffId);
        if (versions != null)
        {
            for (final TouTariff t : versions)
            {
                if (t.version() == version)
                {
                    return t;
                }
            }
        }
        return null;
    }

    /**
     * Whether every version of a tariff in force at some instant of a span puts each of the span's instants in the
     * same demand period as a reference version ({@link TouTariff#sameDemandPeriods}), so that peaks kept per demand
     * period by ticks that any of them priced mean the same under the reference.
     *
     * @param tariffId  a tariff.
     * @param from      the span's first instant.
     * @param to        the instant after its last.
     * @param reference the version the peaks are read by.
     * @return true if they all agree with it.
     */
    boolean demandPeriodsAgree(final long tariffId, final long from, final long to, final TouTariff reference)
    {
        final TouTariff[] versions = versionsById.get(tariffId);
        if (versions == null)
        {
            return true;
        }
        for (int i = 0; i < versions.length; i++)
        {
            // sorted by effective date: a version is in force from its date until the next one's
            final boolean inForce = versions[i].effectiveFromEpochSecond() < to &&
                (i + 1 == versions.length || versions[i + 1].effectiveFromEpochSecond() > from);
            if (inForce && !versions[i].sameDemandPeriods(reference, from, to))
            {
                return false;
            }
        }
        return true;
    }

    void writeState(final DataOutput out) throws IOException
    {
        final long[] ids = versionsById.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        out.writeInt(ids.length);
        final TariffVersionCodec codec = new TariffVersionCodec();
        for (final long id : ids)
        {
            final TouTariff[] versions = versionsById.get(id);
            out.writeInt(versions.length);
            for (final TouTariff t : versions)
            {
                final byte[] bytes = new byte[TariffVersionCodec.encodedLength(t)];
                codec.wrap(new UnsafeBuffer(bytes), 0);
                codec.encode(0, t);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    void readState(final DataInput in) throws IOException
    {
        versionsById.clear();
        final int ids = in.readInt();
        final TariffVersionCodec codec = new TariffVersionCodec();
        for (int i = 0; i < ids; i++)
        {
            final int count = in.readInt();
            for (int v = 0; v < count; v++)
            {
                final int length = in.readInt();
                if (length < 0 || length > 1 << 20)
                {
                    throw new IOException("tariff of " + length + " bytes in snapshot");
                }
                final byte[] bytes = new byte[length];
                in.readFully(bytes);
                codec.wrap(new UnsafeBuffer(bytes), 0);
                publish(codec.decode());
            }
        }
    }
}
