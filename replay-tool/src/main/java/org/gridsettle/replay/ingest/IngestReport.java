package org.gridsettle.replay.ingest;

import org.gridsettle.journal.JournalSeal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one {@code settle ingest} run did: the inputs it journalled and what the engine made of them.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param journalExisted       true when the journal already held inputs, which the engine recovered before appending.
 * @param recoveredInputs      inputs already in the journal and re-applied at start.
 * @param tariff               one line naming the tariff file and rate.
 * @param effectiveFrom        instant the tariff and enrolments take effect from, epoch seconds.
 * @param enrolledMeters       meters enrolled.
 * @param accounts             distinct accounts registered.
 * @param files                per usage file: name, format, readings delivered and bad rows.
 * @param readingsSubmitted    readings submitted to the engine.
 * @param readingsAccepted     readings the engine priced: submitted less rejected and duplicates.
 * @param duplicates           readings acknowledged as exact duplicates, posting nothing.
 * @param alreadySettled       readings not submitted, since the journal settled them before with the same values.
 * @param badRows              rows the readers skipped.
 * @param badRowsByProblem     skipped rows by kind of problem.
 * @param rejectionsByReason   readings rejected by the engine, by reason.
 * @param otherRejections      set-up commands rejected, keyed "INPUT_TYPE REASON".
 * @param unknownMeters        usage meter ids not in the enrolment file; the i-th was journalled as meter -(i+1).
 * @param transfers            transfers posted in this run.
 * @param amountsByToken       per token, amounts posted in this run by reason.
 * @param journalInputs        input records in the whole journal.
 * @param journalOutputs       output records in the whole journal.
 * @param inputDigest          digest of the whole input journal.
 * @param outputDigest         digest of the whole output journal.
 * @param inputSeal            the input journal's record count, digest and seal as the run closed it, or null when it
 *                             was not sealed (a write failed).
 * @param outputSeal           the output journal's, likewise.
 * @param carbonRegion         region the meters were enrolled on, or null when no carbon data was given.
 * @param carbonIntervals      carbon-intensity intervals published, across every region.
 * @param oracleIntervals      oracle price intervals published, by pricing node; empty without oracle files.
 * @param demandResponse       the DR events and their outcome, or null when the run was given none.
 * @param zeroRuns             lines naming the enrolled meters' long runs of zero readings
 *                             ({@link org.gridsettle.replay.bill.ZeroRuns}), none when there are none or the check is
 *                             off.
 * @param openPeriod           what the run leaves open: the billing period of its last reading, whose days are
 *                             not ended and which is not closed; null when the run settled no reading.
 */
public record IngestReport(
    boolean journalExisted,
    long recoveredInputs,
    String tariff,
    long effectiveFrom,
    int enrolledMeters,
    int accounts,
    List<FileSummary> files,
    long readingsSubmitted,
    long readingsAccepted,
    long duplicates,
    long alreadySettled,
    long badRows,
    Map<String, Long> badRowsByProblem,
    Map<String, Long> rejectionsByReason,
    Map<String, Long> otherRejections,
    List<String> unknownMeters,
    long transfers,
    Map<String, Map<String, Long>> amountsByToken,
    long journalInputs,
    long journalOutputs,
    long inputDigest,
    long outputDigest,
    JournalSeal inputSeal,
    JournalSeal outputSeal,
    String carbonRegion,
    long carbonIntervals,
    Map<String, Long> oracleIntervals,
    DrSummary demandResponse,
    List<String> zeroRuns,
    String openPeriod)
{
    /**
     * Freezes the collections.
     */
    public IngestReport
    {
        files = List.copyOf(files);
        badRowsByProblem = Collections.unmodifiableMap(new TreeMap<>(badRowsByProblem));
        rejectionsByReason = Collections.unmodifiableMap(new LinkedHashMap<>(rejectionsByReason));
        otherRejections = Collections.unmodifiableMap(new TreeMap<>(otherRejections));
        unknownMeters = List.copyOf(unknownMeters);
        amountsByToken = Collections.unmodifiableMap(new LinkedHashMap<>(amountsByToken));
        zeroRuns = List.copyOf(zeroRuns);
        oracleIntervals = Collections.unmodifiableMap(new TreeMap<>(oracleIntervals));
    }

    /**
     * One usage file's part of the run. Immutable.
     *
     * @param name     file name.
     * @param format   format read as.
     * @param readings readings delivered.
     * @param badRows  rows skipped.
     */
    public record FileSummary(String name, UsageFormat format, long readings, long badRows)
    {
    }
}
