package org.gridsettle.engine;

import org.gridsettle.journal.JournalWriteException;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.pretouch.Pretouch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the engine's close does when a journal's files cannot be forced to the device after its close checkpoint: the
 * close throws the journal's {@link JournalWriteException}, neither failure hides the other, and no seal is handed out
 * for a journal whose records may not be on the device.
 */
class CloseForceFailureTest
{
    /** After any cycle the writers write: a directory under a cycle file's name, which cannot be opened to force. */
    private static final String UNFORCEABLE = "29991231F.cq4";

    @TempDir
    Path dir;

    @Test
    void whenNeitherJournalCanBeForcedTheInputJournalsFailureIsThrownWithTheOutputJournalsSuppressed()
        throws IOException
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).pretouch(Pretouch.OFF)
            .snapshots(false).build().start();
        engine.registerAccount(1001);
        engine.enrolMeter(1, 1001, 1, 0);
        Files.createDirectory(Journals.input(dir).resolve(UNFORCEABLE));
        Files.createDirectory(Journals.output(dir).resolve(UNFORCEABLE));

        final JournalWriteException failed = catchThrowableOfType(engine::close, JournalWriteException.class);

        // before, the output journal's failure, thrown from the finally that closed it, replaced the input journal's
        assertThat(failed.dir()).isEqualTo(Journals.input(dir));
        assertThat(failed.getSuppressed()).singleElement().isInstanceOfSatisfying(JournalWriteException.class,
            (suppressed) -> assertThat(suppressed.dir()).isEqualTo(Journals.output(dir)));
        assertThat(engine.inputSeal()).isNull();
        assertThat(engine.outputSeal()).isNull();
    }

    @Test
    void whenOnlyTheInputJournalCannotBeForcedTheOutputJournalIsClosedAndSealedAllTheSame() throws IOException
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).pretouch(Pretouch.OFF)
            .snapshots(false).build().start();
        engine.registerAccount(1001);
        Files.createDirectory(Journals.input(dir).resolve(UNFORCEABLE));

        final JournalWriteException failed = catchThrowableOfType(engine::close, JournalWriteException.class);

        assertThat(failed.dir()).isEqualTo(Journals.input(dir));
        assertThat(failed.getSuppressed()).isEmpty();
        assertThat(engine.inputSeal()).isNull();
        assertThat(engine.outputSeal()).isNotNull();
    }
}
