package org.gridsettle.engine;

import org.gridsettle.journal.pretouch.Pretouch;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A periodic capture is copied a meter per input, and also while the business-logic thread waits for input: one
 * begun at the last input before a pause is completed, and its file written, with no further input. Without the idle
 * copying it would wait for inputs, or for shutdown, with its meters uncopied. The engine's own wait strategy does
 * this in every pretouch mode.
 */
class IdleCaptureTest
{
    /** Not a timing assertion: a liveness bound, hundreds of times what the copy of four meters takes. */
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Pretouch.class)
    void aCaptureBegunBeforeAPauseIsCompletedWhileTheEngineWaits(final Pretouch pretouch) throws Exception
    {
        // four meters: 9 set-up inputs, then 24 intervals of 4 ticks, inputs 10..105; the snapshot is due at 105
        final Path dir = tmp.resolve(pretouch.name());
        final Path due = dir.resolve("snapshots").resolve("snapshot-00000000000000000105.gss");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).snapshotInterval(105)
            .pretouch(pretouch).build().start())
        {
            EngineFixture.setUp(engine, 4);
            EngineFixture.submitDay(engine, 4, 24);
            final long deadline = System.nanoTime() + PATIENCE_NANOS;
            while (!Files.exists(due) && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            assertThat(engine.appliedSequence()).isEqualTo(105);
            assertThat(due).as("written with no input after the one it was taken at").exists();
        }
    }
}
