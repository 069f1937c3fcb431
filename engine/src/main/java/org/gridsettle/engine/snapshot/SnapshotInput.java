package org.gridsettle.engine.snapshot;

import java.io.DataInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The state section of a snapshot file, read as a {@link DataInputStream} that knows how many of its bytes are still
 * unread and at which file offset it is. {@link StateIo} checks every length a snapshot declares against
 * {@link #remaining()} before it allocates, so a well-sealed but hostile snapshot cannot make a start allocate more
 * than the file holds.
 * <p>
 * Not thread-safe: one per load.
 */
final class SnapshotInput extends DataInputStream
{
    private final Counting counting;

    /**
     * @param in          positioned at the first state byte; closed with this stream.
     * @param startOffset file offset of the first state byte, for messages.
     * @param stateBytes  length of the state section: what may still be read.
     */
    SnapshotInput(final InputStream in, final long startOffset, final long stateBytes)
    {
        this(new Counting(in, startOffset, stateBytes));
    }

    private SnapshotInput(final Counting counting)
    {
        super(counting);
        this.counting = counting;
    }

    /**
     * @return bytes of the state section not read yet.
     */
    long remaining()
    {
        return counting.limit - counting.position;
    }

    /**
     * @return file offset of the next byte to be read.
     */
    long offset()
    {
        return counting.position;
    }

    /** Counts what passes through; DataInputStream reads only through read() and read(byte[], int, int). */
    private static final class Counting extends FilterInputStream
    {
        private final long limit;
        private long position;

        Counting(final InputStream in, final long startOffset, final long stateBytes)
        {
            super(in);
            this.position = startOffset;
            this.limit = startOffset + stateBytes;
        }

        @Override
        public int read() throws IOException
        {
            final int b = super.read();
            if (b >= 0)
            {
                position++;
            }
            return b;
        }

        @Override
        public int read(final byte[] b, final int off, final int len) throws IOException
        {
            final int n = super.read(b, off, len);
            if (n > 0)
            {
                position += n;
            }
            return n;
        }

        @Override
        public long skip(final long n) throws IOException
        {
            final long skipped = super.skip(n);
            position += skipped;
            return skipped;
        }
    }
}
