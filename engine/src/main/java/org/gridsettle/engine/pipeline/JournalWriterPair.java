package org.gridsettle.engine.pipeline;

import org.gridsettle.journal.Durability;
import org.gridsettle.journal.JournalWriter;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.Sealing;
import org.gridsettle.journal.SideTask;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the writers of an engine's input and output journals. Opening a journal verifies it end to end (both chains
 * and every SHA-256 checkpoint), which on restart is most of the time before the engine can recover; the two
 * journals are independent, so the input journal is opened on a thread of its own while the output journal opens on
 * the caller's. If either fails, the other is abandoned (closed without adding anything) and the input journal's
 * failure is reported first, as when they were opened one after the other.
 * <p>
 * Threading: call from any thread; the writers returned are then used by the engine's business-logic thread.
 */
public final class JournalWriterPair
{
    private final JournalWriter input;
    private final JournalWriter output;

    private JournalWriterPair(final JournalWriter input, final JournalWriter output)
    {
        this.input = input;
        this.output = output;
    }

    /**
     * @param journalDir holds (or will hold) {@code input/} and {@code output/}.
     * @param durability what an append promises.
     * @param sealing    which thread computes the checkpoints' SHA-256.
     * @return both writers, open.
     * @throws org.gridsettle.journal.JournalCorruptException if either journal fails verification.
     */
    public static JournalWriterPair open(final Path journalDir, final Durability durability, final Sealing sealing)
    {
        final Path inputDir = Journals.input(journalDir);
        final Path outputDir = Journals.output(journalDir);
        if (!Files.isDirectory(inputDir) || !Files.isDirectory(outputDir))
        {
            // nothing to verify, or a journal half missing, which the input's writer will report: one at a time, so
            // that a refused open creates nothing
            final JournalWriter input = writer(inputDir, durability, sealing);
            try
            {
                return new JournalWriterPair(input, writer(outputDir, durability, sealing));
            }
            catch (final RuntimeException | Error e)
            {
                input.abandon();
                throw e;
            }
        }
        final SideTask<JournalWriter> inputOpening =
            SideTask.start("gridsettle-open-input", () -> writer(inputDir, durability, sealing));
        JournalWriter output = null;
        Throwable outputFailure = null;
        try
        {
            output = writer(outputDir, durability, sealing);
        }
        catch (final RuntimeException | Error e)
        {
            // kept until the input journal's side has finished, so that its writer is never left open
            outputFailure = e;
        }
        final JournalWriter input;
        try
        {
            input = inputOpening.join();
        }
        catch (final RuntimeException | Error e)
        {
            // abandoned, not closed: a refused open must not add a close checkpoint to the journal that was good
            if (output != null)
            {
                output.abandon();
            }
            if (outputFailure != null)
            {
                e.addSuppressed(outputFailure);
            }
            throw e;
        }
        if (outputFailure != null)
        {
            input.abandon();
            throw unchecked(outputFailure);
        }
        return new JournalWriterPair(input, output);
    }

    private static RuntimeException unchecked(final Throwable failure)
    {
        if (failure instanceof Error error)
        {
            throw error;
        }
        return (RuntimeException)failure;
    }

    private static JournalWriter writer(final Path dir, final Durability durability, final Sealing sealing)
    {
        return new JournalWriter(dir, durability, JournalWriter.DEFAULT_CHECKPOINT_INTERVAL, sealing);
    }

    /**
     * @return the input journal's writer.
     */
    public JournalWriter input()
    {
        return input;
    }

    /**
     * @return the output journal's writer.
     */
    public JournalWriter output()
    {
        return output;
    }
}
