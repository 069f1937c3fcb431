package org.gridsettle.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A queue directory its writer may not write to: its permissions changed (a deployment under another user), or an
 * immutable flag. A writer must say which directory and what to do, before it changes anything.
 */
class UnwritableQueueTest
{
    @TempDir
    Path tmp;

    // Was an operator's finding: Chronicle opens a directory it cannot write read-only, and the writer's appender then
    // failed with "Can't append to a read-only chronicle", which named neither the journal nor the directory
    @Test
    void aWriterOnAQueueDirectoryItCannotWriteNamesTheDirectory() throws IOException, InterruptedException
    {
        final Path dir = tmp.resolve("input");
        JournalIntegrationTest.write(dir, JournalIntegrationTest.records(3));
        // as a copy that left it out has it: Chronicle would recreate it, and cannot
        Files.delete(dir.resolve("metadata.cq4t"));
        final Set<PosixFilePermission> before = Files.getPosixFilePermissions(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        // root may write whatever the mode: the immutable attribute keeps even root out
        final boolean immutable = Files.isWritable(dir) && WriterLockTest.chattr("+i", dir);
        try
        {
            assumeFalse(Files.isWritable(dir), "no way here to make a directory read-only to this user");

            assertThatThrownBy(() -> new JournalWriter(dir, Durability.PAGE_CACHE).close())
                .hasMessage(dir + ": cannot write to the queue directory (its permissions, an immutable flag or a " +
                    "read-only mount): make it writable for this user, then start again; nothing was written");
        }
        finally
        {
            if (immutable)
            {
                WriterLockTest.chattr("-i", dir);
            }
            Files.setPosixFilePermissions(dir, before);
        }
        // and once it is writable again, the writer goes on
        assertThat(JournalIntegrationTest.write(dir, JournalIntegrationTest.records(1))).isNotZero();
    }
}
