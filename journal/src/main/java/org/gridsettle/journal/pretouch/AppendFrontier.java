package org.gridsettle.journal.pretouch;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.queue.ExcerptAppender;

import java.io.File;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Where a journal's writer has got to: the cycle file it appends to and the file offset just after its last record.
 * A {@link JournalPretoucher} reads it to know which pages to touch next.
 * <p>
 * Threading: {@link #advance} and {@link #roll} from the writer's thread only; {@link #position()},
 * {@link #store()} and {@link #file()} from any thread. The position is published with a release store, which on x86
 * is a plain store: the writer pays no fence per append. A reader may see a position a little behind the writer,
 * never ahead.
 */
public final class AppendFrontier
{
    private static final VarHandle POSITION;

    static
    {
        try
        {
            POSITION = MethodHandles.lookup().findVarHandle(AppendFrontier.class, "position", long.class);
        }
        catch (final ReflectiveOperationException e)
        {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile File file;
    private volatile BytesStore<?, ?> store;
    private volatile long prepared;
    @SuppressWarnings("unused") // accessed through POSITION
    private volatile long position;
    private int cycle = Integer.MIN_VALUE;

    /**
     * Publishes where an append ended, the mapped chunk it wrote into, and the appender's cycle file if it rolled to
     * a new one. Call inside the append's document context, while that chunk is the appender's.
     *
     * @param appender the appender that just wrote.
     * @param bytes    the bytes it wrote through.
     * @param end      file offset just after the record ({@code writePosition()} of the document's bytes).
     */
    public void advance(final ExcerptAppender appender, final Bytes<?> bytes, final long end)
    {
        final int current = appender.cycle();
        if (current != cycle)
        {
            roll(current, appender.currentFile());
        }
        final BytesStore<?, ?> chunk = bytes.bytesStore();
        if (chunk != store)
        {
            // a volatile store only when the writer moves to another chunk, every few tens of megabytes
            store = chunk;
        }
        POSITION.setRelease(this, end);
    }

    /**
     * @return the mapped chunk of the writer's last append, or null before it; the writer may release it at any
     *     time, so a reader reserves it ({@code tryReserve}) before touching it.
     */
    public BytesStore<?, ?> store()
    {
        return store;
    }

    /**
     * Records how far the writer's own thread has prepared its current cycle file ({@link IdlePretoucher}), so that a
     * {@link JournalPretoucher} backing it up can leave alone what is done. Writer's thread only.
     *
     * @param offset file offset up to which the pages are written.
     */
    public void prepared(final long offset)
    {
        prepared = offset;
    }

    /**
     * @return how far the writer's own thread has prepared its current cycle file; 0 after a roll.
     */
    public long prepared()
    {
        return prepared;
    }

    private void roll(final int cycle, final File file)
    {
        this.cycle = cycle;
        prepared = 0;
        // zero before the file: a reader that sees the new file never pairs it with the old file's offset
        POSITION.setRelease(this, 0L);
        this.file = file;
    }

    /**
     * @return the cycle file the writer appends to, or null before its first append.
     */
    public File file()
    {
        return file;
    }

    /**
     * @return the offset just after the writer's last record, as last published; 0 if none in the current file.
     */
    public long position()
    {
        return (long)POSITION.getAcquire(this);
    }
}
