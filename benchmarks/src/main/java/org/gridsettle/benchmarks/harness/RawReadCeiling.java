package org.gridsettle.benchmarks.harness;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.gridsettle.benchmarks.RawQueues;
import org.gridsettle.journal.Journals;

import java.nio.file.Path;

/**
 * The ceiling for replay: reading every document of a journal's input and output queues with bare Chronicle
 * tailers, touching one word of each so the read is not optimised away. No chain or checkpoint verification, no
 * re-application, no comparison.
 * <p>
 * Runs on the calling thread.
 */
public final class RawReadCeiling
{
    // published so the JIT cannot drop the reads
    private static volatile long sink;

    private RawReadCeiling()
    {
    }

    /**
     * @param journalDir a journal written by the engine.
     * @return input records per second over the time to read both queues.
     */
    public static ThroughputResult run(final Path journalDir)
    {
        final long start = System.nanoTime();
        final long inputs = readAll(Journals.input(journalDir));
        readAll(Journals.output(journalDir));
        final long end = System.nanoTime();
        return new ThroughputResult(inputs, end - start, -1);
    }

    private static long readAll(final Path queueDir)
    {
        long documents = 0;
        long checksum = 0;
        try (ChronicleQueue queue = RawQueues.open(queueDir);
            ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    checksum += bytes.readLong(bytes.readPosition());
                    documents++;
                }
            }
        }
        sink = checksum;
        return documents;
    }
}
