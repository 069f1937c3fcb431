package org.gridsettle.engine;

import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.replay.JournalReplay;
import org.gridsettle.replay.ReplayReport;

import java.nio.file.Path;

/**
 * Child-JVM entry point of {@link CrossJdkDeterminismTest}: replays a journal with {@link JournalReplay} on whatever
 * JVM runs it and prints the JVM version, the recorded and replayed output digests, and {@code identical} or
 * {@code DIFFERENT: <first divergence>}. Exits 0 when identical, 1 when not, 2 on an error.
 */
public final class ReplayDigestMain
{
    private ReplayDigestMain()
    {
    }

    /**
     * @param args the journal directory.
     */
    public static void main(final String[] args)
    {
        try
        {
            final ReplayReport report = new JournalReplay(Path.of(args[0]), Long.MAX_VALUE).run();
            System.out.println("java.version " + System.getProperty("java.version") + " " +
                System.getProperty("java.vm.vendor"));
            System.out.println("inputs replayed: " + report.inputs() + ", outputs compared: " + report.outputs());
            System.out.println("recorded digest: " + HashChain.toHex(report.recordedDigest()));
            System.out.println("replay digest: " + HashChain.toHex(report.replayDigest()));
            System.out.println(report.identical() ? "identical" : "DIFFERENT: " + report.firstDivergence());
            System.out.flush();
            System.exit(report.identical() ? 0 : 1);
        }
        catch (final RuntimeException e)
        {
            e.printStackTrace(System.out);
            System.out.flush();
            System.exit(2);
        }
    }
}
