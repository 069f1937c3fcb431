package org.gridsettle.journal;

import net.openhft.chronicle.core.time.TimeProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The clock a journal's writer appends by: the wall clock, but never before the start of the newest cycle file the
 * queue held when it was opened, nor before a time it has already given. Chronicle names a cycle file by the day
 * its appender's clock says, and readers follow the files in the order of their names: with the machine's clock set
 * back past a day the journal already holds, an appender would start an earlier day's file, which every reader then
 * reads first, so the journal would no longer read in the order it was written. With this clock the records go on
 * in the newest file until the wall clock reaches a later day.
 * <p>
 * Nothing of it reaches a record: the engine reads no clock, and this one only chooses the file.
 * <p>
 * Threading: any thread; a time read by one thread and raised by another never goes below either's.
 */
final class CycleFloorClock implements TimeProvider
{
    private volatile long latestMillis;

    /**
     * @param floorMillis the earliest time to give, epoch milliseconds.
     */
    CycleFloorClock(final long floorMillis)
    {
        this.latestMillis = floorMillis;
    }

    /**
     * @param queueDir a queue directory, which need not exist.
     * @return a clock that never goes before the start of the day of the queue's newest cycle file.
     */
    static CycleFloorClock of(final Path queueDir)
    {
        int newest = -1;
        if (Files.isDirectory(queueDir))
        {
            try (var files = Files.list(queueDir))
            {
                newest = files.mapToInt(Journals::cycleOf).max().orElse(-1);
            }
            catch (final java.io.IOException e)
            {
                // the open that follows lists the directory too, and says what is wrong with it
                newest = -1;
            }
        }
        return new CycleFloorClock(newest < 0 ? 0 : TimeUnit.DAYS.toMillis(newest));
    }

    @Override
    public long currentTimeMillis()
    {
        final long now = System.currentTimeMillis();
        final long latest = latestMillis;
        if (now <= latest)
        {
            return latest;
        }
        latestMillis = now;
        return now;
    }

    @Override
    public long currentTimeMicros()
    {
        return TimeUnit.MILLISECONDS.toMicros(currentTimeMillis());
    }

    @Override
    public long currentTimeNanos()
    {
        return TimeUnit.MILLISECONDS.toNanos(currentTimeMillis());
    }
}
