package org.gridsettle.replay.audit;

import org.gridsettle.journal.IoReason;
import org.gridsettle.journal.ProgressListener;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The demand-response days of every selected meter, recovered by one replay of the inputs ({@link DrReplay}) and kept
 * in a temporary file rather than in the heap, so that a report written in account groups reads back only its group's
 * meters' days and never holds a fleet's. A replay of the inputs costs far more than a read of this file, which is
 * why the file is read once per group and the replay done once.
 * <p>
 * Only the event hours of each day's baseline and metered load are kept: they are all a report shows. The file is
 * deleted on {@link #close()}. Not thread-safe; used by one thread.
 */
public final class DrSpool implements AutoCloseable
{
    private final Path file;

    private DrSpool(final Path file)
    {
        this.file = file;
    }

    /**
     * @param journalDir a journal directory.
     * @param meterIds   meters whose figures to keep.
     * @param progress   told how many input records have been replayed.
     * @param verified   the input journal's data records {@code settle verify} checked: replayed, and no more.
     * @param directory  the folder of the temporary file: the report's, whose disk must hold the report anyway, rather
     *                   than {@code java.io.tmpdir}, which is memory on systems that mount {@code /tmp} as tmpfs: the
     *                   baselines of a large fleet's event days run to a gigabyte.
     * @return the spool of those meters' settled event days.
     * @throws UncheckedIOException naming the folder when the file cannot be made or written there.
     */
    public static DrSpool replay(final Path journalDir, final Set<Long> meterIds, final ProgressListener progress,
        final VerifiedRecords verified, final Path directory)
    {
        Path file = null;
        boolean kept = false;
        try
        {
            file = Files.createTempFile(directory, "settle-audit-dr-", ".bin");
            // an audit stopped by a signal still runs shutdown hooks: the baselines do not outlive it
            file.toFile().deleteOnExit();
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file))))
            {
                DrReplay.replay(journalDir, meterIds, progress, verified, (day) -> write(out, day));
            }
            kept = true;
            return new DrSpool(file);
        }
        catch (final IOException | UncheckedIOException ex)
        {
            final IOException cause = ex instanceof UncheckedIOException u ? u.getCause() : (IOException) ex;
            throw new UncheckedIOException("cannot keep the demand-response baselines in a temporary file in " +
                directory + ": " + IoReason.of(cause), cause);
        }
        finally
        {
            // whatever stopped the replay (a journal that fails its checks, the heap), the file goes with it
            if (!kept)
            {
                deleteQuietly(file);
            }
        }
    }

    /**
     * @param meterIds the meters of one account group.
     * @return their settled event days, by meter, each in settlement order.
     */
    public Map<Long, List<DrMeterDay>> read(final Set<Long> meterIds)
    {
        final Map<Long, List<DrMeterDay>> byMeter = new TreeMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file))))
        {
            while (true)
            {
                final DrMeterDay day;
                try
                {
                    day = read(in);
                }
                catch (final EOFException end)
                {
                    return byMeter;
                }
                if (meterIds.contains(day.meterId()))
                {
                    byMeter.computeIfAbsent(day.meterId(), (m) -> new ArrayList<>()).add(day);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the demand-response baselines back from " + file + ": " +
                ex.getMessage(), ex);
        }
    }

    @Override
    public void close()
    {
        deleteQuietly(file);
    }

    private static void write(final DataOutputStream out, final DrMeterDay day)
    {
        try
        {
            out.writeLong(day.settledBy());
            out.writeLong(day.eventId());
            out.writeLong(day.meterId());
            out.writeLong(day.date().toEpochDay());
            out.writeByte(day.firstHour());
            out.writeByte(day.endHour());
            for (int h = day.firstHour(); h < day.endHour(); h++)
            {
                out.writeLong(day.baselineWh()[h]);
                out.writeLong(day.actualWh()[h]);
            }
            out.writeLong(day.reductionWh());
            out.writeLong(day.creditMicros());
            out.writeInt(day.status());
            out.writeInt(day.baselineDays());
            out.writeLong(day.ratioPpm());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** @throws EOFException at the end of the file, before a record's first byte. */
    private static DrMeterDay read(final DataInputStream in) throws IOException
    {
        final long settledBy = in.readLong();
        final long eventId = in.readLong();
        final long meterId = in.readLong();
        final LocalDate date = LocalDate.ofEpochDay(in.readLong());
        final int firstHour = in.readUnsignedByte();
        final int endHour = in.readUnsignedByte();
        // the hours outside the event stay zero: no report shows them
        final long[] baselineWh = new long[24];
        final long[] actualWh = new long[24];
        for (int h = firstHour; h < endHour; h++)
        {
            baselineWh[h] = in.readLong();
            actualWh[h] = in.readLong();
        }
        return new DrMeterDay(settledBy, eventId, meterId, date, firstHour, endHour, baselineWh, actualWh,
            in.readLong(), in.readLong(), in.readInt(), in.readInt(), in.readLong());
    }

    private static void deleteQuietly(final Path file)
    {
        if (file == null)
        {
            return;
        }
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            // a temporary file left behind is not worth failing a written report for
        }
    }
}
