package org.gridsettle.replay;

import org.gridsettle.engine.ledger.Ledger;

/**
 * The outcome of replaying an input journal against its recorded output journal.
 * <p>
 * Threading: made by the replaying thread once the replay has ended; the replay changes nothing in it after, ledger
 * included, so it may be handed to another thread as any object is, through a thread start, a lock or a volatile.
 *
 * @param inputs           input records replayed.
 * @param outputs          output records regenerated and compared.
 * @param identical        true if every regenerated record equals the recorded one, byte for byte.
 * @param firstDivergence  the first difference, naming the record, or null when identical.
 * @param recordedDigest   chain value of the recorded outputs compared.
 * @param replayDigest     chain value of the regenerated outputs.
 * @param ledger           the ledger the replay rebuilt, for totals.
 * @param beyondRecorded   replaying an archive, the outputs regenerated after the recorded output journal's end
 *                         (in a cycle file the archive does not hold), not compared; otherwise 0.
 */
public record ReplayReport(
    long inputs,
    long outputs,
    boolean identical,
    String firstDivergence,
    long recordedDigest,
    long replayDigest,
    Ledger ledger,
    long beyondRecorded)
{
}
