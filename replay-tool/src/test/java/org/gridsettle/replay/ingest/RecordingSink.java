package org.gridsettle.replay.ingest;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test sink that keeps everything a reader delivers, in order. Single-threaded, like the readers' contract.
 */
final class RecordingSink implements MeterDataSink
{
    record Reading(String meterId, int channel, long start, int seconds, long importWh, long exportWh)
    {
    }

    record BadRecord(String source, String location, String problem)
    {
    }

    final List<Reading> readings = new ArrayList<>();
    final List<BadRecord> badRecords = new ArrayList<>();

    @Override
    public void onReading(
        final String meterId,
        final int channel,
        final long intervalStartEpochSecond,
        final int intervalSeconds,
        final long importWh,
        final long exportWh)
    {
        readings.add(new Reading(meterId, channel, intervalStartEpochSecond, intervalSeconds, importWh, exportWh));
    }

    @Override
    public void onBadRecord(final String source, final String location, final String problem)
    {
        badRecords.add(new BadRecord(source, location, problem));
    }

    static Path resource(final String name)
    {
        try
        {
            return Path.of(RecordingSink.class.getResource("/ingest/" + name).toURI());
        }
        catch (final URISyntaxException | NullPointerException ex)
        {
            throw new IllegalStateException("missing test resource ingest/" + name, ex);
        }
    }
}
