package org.gridsettle.replay.rerate;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.journal.EventTime;
import org.gridsettle.journal.InputEventTimes;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.ProgressListener;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.TouTariff;
import org.gridsettle.replay.audit.CustomerPosting;
import org.gridsettle.replay.audit.PostingDays;
import org.gridsettle.replay.audit.VerifiedRecords;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A what-if: re-prices a journal's recorded inputs with one tariff's versions replaced, in memory, and sets the result
 * beside the recorded outputs per account, token and reason.
 * <p>
 * A fresh {@link SettlementLogic} is driven over every input record in journal order, exactly as a replay does, except
 * that each TARIFF_VERSION record of the target tariff is decoded, handed to the replacement function, and the tariff
 * it returns (which must keep the recorded id, version and effective instant, so every later record still refers to it)
 * is encoded with {@link TariffVersionCodec} and applied in its place. A version that does not decode is applied as
 * recorded, so that the logic rejects it as MALFORMED, as the recorded run did. Outputs are collected from the logic's
 * {@link org.gridsettle.engine.logic.OutputSink}; nothing is written anywhere, and the journal is only read (through
 * {@link JournalReader}, which verifies it).
 * <p>
 * It reads the records {@code settle verify} checked, and no later one: the input journal's first N data records and
 * the output journal's first M, as the verification counted them, then requires that each read ends on the chain head
 * the verification found. A writer that starts after the verification (rerate takes no lock) adds records that are
 * neither re-priced nor compared; a journal cut back or replaced since is refused. Output causes are looked up in the
 * input journal by sequence ({@link InputEventTimes}), which takes the event time of the cause asked for and of no
 * later input (its seek only probes the index for a place to start), and needs no bound of its own: a recorded output
 * read names an input verified (the verification bound the output journal to those inputs), and a re-rated output an
 * input already applied.
 * <p>
 * The whole journal as verified is always re-priced, because tiers, billing periods and balances depend on everything
 * before; the day range and account set only select what is compared. Not thread-safe; one run per instance, on the
 * calling thread.
 */
public final class RerateRun
{
    private final Path journalDir;
    private final VerifiedRecords verifiedInputs;
    private final VerifiedRecords verifiedOutputs;
    private final long tariffId;
    private final UnaryOperator<TouTariff> replacement;
    private final ZoneId zone;
    private final LocalDate from;
    private final LocalDate to;
    private final Set<Long> accounts;
    private final RerateTotals totals = new RerateTotals();
    private final TransferCodec transfer = new TransferCodec();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer outputView = new UnsafeBuffer(0, 0);
    private final TariffVersionCodec tariffCodec = new TariffVersionCodec();
    private int replacedVersions;
    private long reratedRejections;
    private long recordedRejections;
    private final RejectionCodec rejection = new RejectionCodec();
    /** Reason name -> rejections: [0] in the recorded output journal, [1] of the re-rated run. */
    private final Map<String, long[]> rejectionsByReason = new TreeMap<>();
    /** Event times of the inputs, for the postings dated by their cause (PostingDays); open during a run. */
    private InputEventTimes causes;
    /** Latest interval start of a reading the re-rated run priced on the tariff and compared; MIN_VALUE if none. */
    private long latestReratedReading = Long.MIN_VALUE;

    /**
     * @param journalDir  journal directory; read only.
     * @param verified    its verification, intact: the records re-priced and compared, and no more.
     * @param tariffId    tariff whose versions are replaced.
     * @param replacement maps each recorded version to the version to price with instead.
     * @param zone        zone the day range is in.
     * @param from        first day compared, or null.
     * @param to          first day not compared, or null.
     * @param accounts    accounts compared, or empty for every customer account.
     */
    public RerateRun(
        final Path journalDir,
        final VerificationReport verified,
        final long tariffId,
        final UnaryOperator<TouTariff> replacement,
        final ZoneId zone,
        final LocalDate from,
        final LocalDate to,
        final Set<Long> accounts)
    {
        this.journalDir = journalDir;
        this.verifiedInputs = VerifiedRecords.input(verified);
        this.verifiedOutputs = VerifiedRecords.output(verified);
        this.tariffId = tariffId;
        this.replacement = replacement;
        this.zone = zone;
        this.from = from;
        this.to = to;
        this.accounts = Set.copyOf(accounts);
    }

    /**
     * @return original and re-rated totals.
     * @throws IllegalArgumentException if the journal has no version of the tariff, or a replacement changes its
     *                                  identity.
     * @throws org.gridsettle.journal.JournalCorruptException if the journal no longer holds the records verified.
     */
    public RerateTotals run()
    {
        return run(ProgressListener.NONE);
    }

    /**
     * @param progress told how many records of both journals have been read, against their indexed count or the
     *                 records verified, whichever is fewer.
     * @return original and re-rated totals.
     * @throws IllegalArgumentException as {@link #run()}.
     * @throws org.gridsettle.journal.JournalCorruptException as {@link #run()}.
     */
    public RerateTotals run(final ProgressListener progress)
    {
        final long total = progress == ProgressListener.NONE ? -1 : indexed();
        // a period close's postings, recorded or re-rated, are dated by the close's instant (PostingDays)
        try (InputEventTimes causeTimes = new InputEventTimes(Journals.input(journalDir)))
        {
            causes = causeTimes;
            final long outputs = readRecorded(progress, total);
            final PostingDays days = new PostingDays(zone);
            final SettlementLogic logic = new SettlementLogic((final MutableDirectBuffer buffer, final int offset,
                final int length) -> onOutput(RerateTotals.RERATED, days, buffer, offset, length));
            try (JournalReader inputs =
                JournalReader.readOnly(Journals.input(journalDir)).progress(progress, outputs, total))
            {
                verifiedInputs.read(inputs, (buffer, offset, length, position) -> apply(logic, buffer, offset, length));
                progress.progress(outputs + inputs.position(), outputs + inputs.position());
            }
        }
        if (replacedVersions == 0)
        {
            throw new IllegalArgumentException("the journal has no TARIFF_VERSION of tariff " + tariffId);
        }
        return totals;
    }

    /** @return tariff versions replaced by the last run. */
    public int replacedVersions()
    {
        return replacedVersions;
    }

    /** @return rejections the re-rated run emitted, against {@link #recordedRejections()}. */
    public long reratedRejections()
    {
        return reratedRejections;
    }

    /**
     * @return per reason name, how many more inputs the re-rated run rejected than the recorded one, for the reasons
     *         it rejected more of; their energy is priced on neither side of the re-rated column.
     */
    public Map<String, Long> moreRejectedByReason()
    {
        final Map<String, Long> more = new TreeMap<>();
        rejectionsByReason.forEach((reason, counts) ->
        {
            if (counts[1] > counts[0])
            {
                more.put(reason, counts[1] - counts[0]);
            }
        });
        return more;
    }

    /**
     * @return the latest interval start, epoch seconds, of a reading the re-rated run priced on the replaced tariff
     *         (an energy charge, export credit or charge, or hourly netting) within the compared days and accounts, or
     *         {@link Long#MIN_VALUE} when none was; a replacement that ended before it would have priced it.
     */
    public long latestReratedReading()
    {
        return latestReratedReading;
    }

    /** @return rejections in the recorded output journal. */
    public long recordedRejections()
    {
        return recordedRejections;
    }

    private long readRecorded(final ProgressListener progress, final long total)
    {
        final PostingDays days = new PostingDays(zone);
        try (JournalReader outputs = JournalReader.readOnly(Journals.output(journalDir)).progress(progress, 0, total))
        {
            verifiedOutputs.read(outputs,
                (buffer, offset, length, position) -> onOutput(RerateTotals.ORIGINAL, days, buffer, offset, length));
            return outputs.position();
        }
    }

    private long indexed()
    {
        try (JournalReader outputs = JournalReader.readOnly(Journals.output(journalDir));
            JournalReader inputs = JournalReader.readOnly(Journals.input(journalDir)))
        {
            final long o = outputs.indexedRecords();
            final long i = inputs.indexedRecords();
            // a journal appended to since the verification indexes records that are not read
            return o < 0 || i < 0 ? -1 :
                Math.min(verifiedOutputs.records(), o) + Math.min(verifiedInputs.records(), i);
        }
    }

    private void apply(final SettlementLogic logic, final DirectBuffer buffer, final int offset, final int length)
    {
        if (RecordFlyweight.typeIdAt(buffer, offset) != RecordType.TARIFF_VERSION.id())
        {
            logic.apply(buffer, offset, length);
            return;
        }
        view.wrap(buffer, offset, length);
        tariffCodec.wrap(view, 0);
        if (tariffCodec.tariffId() != tariffId)
        {
            logic.apply(buffer, offset, length);
            return;
        }
        final TouTariff recorded = decodedOrNull();
        if (recorded == null)
        {
            // the engine rejected this version as MALFORMED and priced nothing with it: so must the what-if
            logic.apply(buffer, offset, length);
            return;
        }
        final TouTariff priced = replacement.apply(recorded);
        if (priced.tariffId() != recorded.tariffId() || priced.version() != recorded.version() ||
            priced.effectiveFromEpochSecond() != recorded.effectiveFromEpochSecond())
        {
            throw new IllegalArgumentException("a replacement tariff must keep the recorded tariff id, version and " +
                "effective instant (tariff " + recorded.tariffId() + " version " + recorded.version() + ")");
        }
        // a fresh buffer per version: tariff versions are few, and the logic copies what it keeps
        final int encodedLength = TariffVersionCodec.encodedLength(priced);
        final UnsafeBuffer encoded = new UnsafeBuffer(new byte[encodedLength]);
        final TariffVersionCodec codec = new TariffVersionCodec().wrap(encoded, 0);
        codec.encode(RecordFlyweight.sequenceAt(buffer, offset), priced);
        logic.apply(encoded, 0, encodedLength);
        replacedVersions++;
    }

    private TouTariff decodedOrNull()
    {
        try
        {
            return tariffCodec.decode();
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }

    private void onOutput(
        final int which, final PostingDays days, final DirectBuffer buffer, final int offset, final int length)
    {
        final int type = RecordFlyweight.typeIdAt(buffer, offset);
        if (type == RecordType.REJECTION.id())
        {
            outputView.wrap(buffer, offset, length);
            rejection.wrap(outputView, 0);
            final ReasonCode code = ReasonCode.ofCode(rejection.reasonCode());
            rejectionsByReason.computeIfAbsent(code == null ? "CODE_" + rejection.reasonCode() : code.name(),
                (r) -> new long[2])[which == RerateTotals.ORIGINAL ? 0 : 1]++;
            if (which == RerateTotals.ORIGINAL)
            {
                recordedRejections++;
            }
            else
            {
                reratedRejections++;
            }
            return;
        }
        if (type != RecordType.TRANSFER.id())
        {
            return;
        }
        outputView.wrap(buffer, offset, length);
        transfer.wrap(outputView, 0);
        final LocalDate day = days.dayOf(transfer.reasonCode(), transfer.intervalStart(),
            PostingDays.datedByCause(transfer.reasonCode()) ? causes.eventTimeOf(transfer.causeSequence()) :
            EventTime.NONE);
        final long account = CustomerPosting.customer(transfer);
        if (account == 0 || (!accounts.isEmpty() && !accounts.contains(account)) ||
            (from != null && day.isBefore(from)) || (to != null && !day.isBefore(to)))
        {
            return;
        }
        final ReasonCode reason = ReasonCode.ofCode(transfer.reasonCode());
        if (which == RerateTotals.RERATED && transfer.tariffId() == tariffId && pricesAReading(reason))
        {
            latestReratedReading = Math.max(latestReratedReading, transfer.intervalStart());
        }
        totals.add(which, account, TokenSymbol.unpack(transfer.token()),
            reason == null ? "CODE_" + transfer.reasonCode() : reason.name(), CustomerPosting.signedAmount(transfer));
    }

    /** The reasons a tariff's rate prices one reading with, dated by that reading's interval start. */
    private static boolean pricesAReading(final ReasonCode reason)
    {
        return reason == ReasonCode.ENERGY_CHARGE || reason == ReasonCode.EXPORT_CREDIT ||
            reason == ReasonCode.EXPORT_CHARGE || reason == ReasonCode.HOURLY_NETTING;
    }
}
