package org.gridsettle.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table store ({@code metadata.cq4t}) whose first header a killed process began but never completed. Chronicle
 * then fails every open of the queue after 10 s with "Unable to claim exclusive lock on file ... metadata.cq4t" (seen
 * once in {@code KillNineRecoveryTest}; reproduced here by writing that header). The file must be set aside and
 * rebuilt, but only when no live process holds Chronicle's exclusive lock region on it.
 */
class TableStoreRepairTest
{
    @TempDir
    Path tmp;

    private Path queueDir;
    private Path tableStore;

    @BeforeEach
    void writeQueue()
    {
        queueDir = tmp.resolve("queue");
        try (ChronicleQueue queue = Journals.open(queueDir))
        {
            for (int i = 0; i < 3; i++)
            {
                final long value = i;
                queue.createAppender().writeBytes(b -> b.writeLong(value));
            }
        }
        tableStore = queueDir.resolve(TableStoreRepair.TABLE_STORE);
    }

    @Test
    void aSoundTableStoreIsLeftAlone() throws IOException
    {
        final byte[] before = Files.readAllBytes(tableStore);
        assertThat(TableStoreRepair.setAsideIfAbandoned(queueDir)).isFalse();
        assertThat(Files.readAllBytes(tableStore)).isEqualTo(before);
    }

    @Test
    void aTableStoreLeftHalfWrittenIsSetAsideAndTheQueueOpensWithEveryRecord() throws IOException
    {
        leaveHeaderNotComplete();
        final byte[] damaged = Files.readAllBytes(tableStore);

        try (ChronicleQueue queue = Journals.open(queueDir))
        {
            final ExcerptTailer tailer = queue.createTailer();
            int records = 0;
            boolean present = true;
            while (present)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    present = document.isPresent();
                    records += present ? 1 : 0;
                }
            }
            assertThat(records).isEqualTo(3);
            queue.createAppender().writeBytes(b -> b.writeLong(3));
        }
        assertThat(Files.readAllBytes(queueDir.resolve(TableStoreRepair.SET_ASIDE))).as("kept as evidence")
            .isEqualTo(damaged);
        assertThat(TableStoreRepair.setAsideIfAbandoned(queueDir)).as("the rebuilt one is sound").isFalse();
    }

    @Test
    void aHalfWrittenTableStoreWhoseLockIsHeldIsLeftToItsHolder() throws IOException
    {
        leaveHeaderNotComplete();
        final byte[] damaged = Files.readAllBytes(tableStore);
        try (FileChannel channel = FileChannel.open(tableStore, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock held = channel.lock(Long.MAX_VALUE - 1, 1, false))
        {
            // the holder may be creating the file right now: it is not ours to touch
            assertThat(held.isValid()).isTrue();
            assertThat(TableStoreRepair.setAsideIfAbandoned(queueDir)).isFalse();
        }
        assertThat(Files.readAllBytes(tableStore)).isEqualTo(damaged);
        assertThat(queueDir.resolve(TableStoreRepair.SET_ASIDE)).doesNotExist();
    }

    /** What a process killed inside Chronicle's SingleTableBuilder.build leaves: a first header begun, nothing else. */
    private void leaveHeaderNotComplete() throws IOException
    {
        final byte[] bytes = new byte[(int)Files.size(tableStore)];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0xC0000000);
        Files.write(tableStore, bytes);
    }
}
