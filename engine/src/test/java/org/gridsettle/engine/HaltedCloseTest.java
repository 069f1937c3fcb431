package org.gridsettle.engine;

import org.gridsettle.journal.codec.RejectionCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a host's second close of a halted engine sees (a shutdown hook after the main thread's try-with-resources):
 * only the first close reports the halt, as {@code close()} documents, and {@code fatalError()} keeps naming it.
 */
class HaltedCloseTest
{
    @TempDir
    Path dir;

    @Test
    void onlyTheFirstCloseOfAHaltedEngineThrowsAndFatalErrorStillNamesTheHalt()
    {
        final IllegalStateException hostBug = new IllegalStateException("the host's ledger is down");
        final PostingListener failing = new PostingListener()
        {
            @Override
            public void onRejection(final RejectionCodec rejection)
            {
                throw hostBug;
            }
        };
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).listener(failing).build().start();
        engine.enrolMeter(1, 1001, 1, 0);                               // rejected: the listener throws
        assertThatThrownBy(engine::close).isInstanceOf(IllegalStateException.class).hasCauseReference(hostBug);
        engine.close();
        assertThat(engine.fatalError()).isSameAs(hostBug);
    }
}
