package org.gridsettle.engine.snapshot;

import java.nio.file.Path;

/**
 * What a snapshot covers: the state after input {@code inputSequence}, when the output journal held
 * {@code outputRecords} data records ending with chain value {@code outputChainHead}.
 *
 * @param file            the snapshot file.
 * @param inputSequence   last input applied.
 * @param outputRecords   output data records at that point.
 * @param outputChainHead output chain head at that point.
 */
public record SnapshotInfo(Path file, long inputSequence, long outputRecords, long outputChainHead)
{
}
