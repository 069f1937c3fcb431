package org.gridsettle.replay.audit;

import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.EventTime;
import org.gridsettle.journal.InputEventTimes;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.ProgressListener;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a journal's output records once and files every transfer that touches an account of the group it collects
 * under its account and local day ({@link PostingDays}): energy, postings by token and reason, and balance changes,
 * each with the transfer's output sequence. Given a fleet ({@link AuditFleet}), it also sums there every transfer of
 * any selected account, in or out of the group, so that one pass both collects the first group and learns what the
 * report says of all accounts. The output journal is verified as it is read, so a report is never built from a
 * record that breaks the chain.
 * <p>
 * Not thread-safe; one collection per instance.
 */
public final class AuditCollector
{
    private final ZoneId zone;
    private final long meterFilter;
    private final Map<Long, AccountAudit> accounts = new TreeMap<>();
    /** The same accounts, found without boxing an id for each of the journal's transfers. */
    private final Long2ObjectHashMap<AccountAudit> byId = new Long2ObjectHashMap<>();
    private final AuditFleet fleet;
    private final PostingDays postingDays;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final TransferCodec transfer = new TransferCodec();
    /** Input event times, for postings dated by their cause ({@link PostingDays}); open during a collect. */
    private InputEventTimes causes;
    private long recordsRead;

    /**
     * @param zone        zone local days and slots are counted in.
     * @param group       the accounts to collect in full, each with the meters to show for it.
     * @param meterFilter a meter to restrict energy and postings to, or 0 for the whole account; balances are
     *                    always the account's, because a balance belongs to an account and not to a meter.
     * @param fleet       summed over every account it selects, and closed when the collection ends; or null.
     */
    public AuditCollector(final ZoneId zone, final Map<Long, java.util.List<Long>> group, final long meterFilter,
        final AuditFleet fleet)
    {
        this.zone = zone;
        this.meterFilter = meterFilter;
        this.postingDays = new PostingDays(zone);
        this.fleet = fleet;
        group.forEach((account, meters) -> accounts.put(account, new AccountAudit(account, meters)));
        accounts.forEach(byId::put);
    }

    /**
     * @param journalDir journal directory.
     * @return the audited accounts, ascending by id, with closing balances computed.
     */
    public java.util.List<AccountAudit> collect(final Path journalDir)
    {
        return collect(journalDir, ProgressListener.NONE);
    }

    /**
     * @param journalDir journal directory.
     * @param progress   told how many output records have been read.
     * @return the audited accounts, ascending by id, with closing balances computed.
     */
    public java.util.List<AccountAudit> collect(final Path journalDir, final ProgressListener progress)
    {
        return collect(journalDir, progress, Long.MAX_VALUE);
    }

    /**
     * @param journalDir journal directory.
     * @param progress   told how many output records have been read.
     * @param verified   the output journal's data records {@code settle verify} checked: read, and no more.
     * @return the audited accounts, ascending by id, with closing balances computed.
     * @throws org.gridsettle.journal.JournalCorruptException if the journal no longer holds those records.
     */
    public java.util.List<AccountAudit> collect(final Path journalDir, final ProgressListener progress,
        final VerifiedRecords verified)
    {
        return collect(journalDir, progress, verified.records(), verified);
    }

    /**
     * @param journalDir journal directory.
     * @param progress   told how many output records have been read.
     * @param records    how many output data records to read at most (checkpoints are not data records): those
     *                   {@code settle verify} checked, so that no pass of a report files a record a writer appended
     *                   since (an archive read with {@code --archive} may still be written).
     * @return the audited accounts, ascending by id, with closing balances computed.
     */
    public java.util.List<AccountAudit> collect(final Path journalDir, final ProgressListener progress,
        final long records)
    {
        return collect(journalDir, progress, records, null);
    }

    private java.util.List<AccountAudit> collect(final Path journalDir, final ProgressListener progress,
        final long records, final VerifiedRecords verified)
    {
        // a period close's postings are dated by the close's instant, read from the input that caused them
        try (JournalReader reader = JournalReader.readOnly(Journals.output(journalDir));
            InputEventTimes causeTimes = new InputEventTimes(Journals.input(journalDir)))
        {
            causes = causeTimes;
            reader.progress(progress, 0, progress == ProgressListener.NONE ? -1 :
                Math.min(records, reader.indexedRecords()));
            // onRecord files the transfers
            recordsRead = reader.readDataRecords(records, this::onRecord);
            progress.progress(reader.position(), reader.position());
            if (verified != null)
            {
                verified.requireReadBy(reader);
            }
        }
        accounts.values().forEach(AccountAudit::closeDays);
        if (fleet != null)
        {
            fleet.close();
        }
        return java.util.List.copyOf(accounts.values());
    }

    /**
     * @return how many output data records the last collection read, checkpoints not included.
     */
    public long recordsRead()
    {
        return recordsRead;
    }

    private void onRecord(final DirectBuffer buffer, final int offset, final int length, final long position)
    {
        if (RecordFlyweight.typeIdAt(buffer, offset) != RecordType.TRANSFER.id())
        {
            return;
        }
        view.wrap(buffer, offset, length);
        transfer.wrap(view, 0);
        // every transfer moves the day clock, selected or not, so undated postings follow the journal's order
        final LocalDate date = postingDays.dayOf(transfer.reasonCode(), transfer.intervalStart(),
            PostingDays.datedByCause(transfer.reasonCode()) ? causes.eventTimeOf(transfer.causeSequence()) :
            EventTime.NONE);
        final long customer = CustomerPosting.customer(transfer);
        final AccountAudit account = byId.get(customer);
        final boolean inFleet = fleet != null && fleet.selects(customer);
        if (account == null && !inFleet)
        {
            return;
        }
        final String token = TokenSymbol.unpack(transfer.token());
        if (inFleet)
        {
            file(fleet.day(customer, date, token), token);
        }
        if (account != null)
        {
            file(account.day(date), token);
        }
    }

    /** Files the wrapped transfer under one day: an account's, or all selected accounts' together. */
    private void file(final DayEntry day, final String token)
    {
        final long sequence = transfer.sequence();
        final long signed = CustomerPosting.signedAmount(transfer);
        day.addBalanceChange(token, signed, sequence);
        if (meterFilter != 0 && transfer.meterId() != meterFilter)
        {
            return;
        }
        final ReasonCode reason = ReasonCode.ofCode(transfer.reasonCode());
        day.addPosting(token, reason == null ? "CODE_" + transfer.reasonCode() : reason.name(), signed, sequence);
        // a reversal undoes an earlier tick's posting: its energy counts negatively so the tick counts once
        final long wh = transfer.reverses() != 0 ? Math.negateExact(transfer.energyWh()) : transfer.energyWh();
        if (reason == ReasonCode.ENERGY_CHARGE)
        {
            day.addImport(wh, slotOf(transfer.intervalStart()), sequence);
        }
        else if (reason == ReasonCode.EXPORT_CREDIT || reason == ReasonCode.EXPORT_CHARGE)
        {
            // an export at a negative oracle price is charged, not credited: still exported energy
            day.addExport(wh, sequence);
        }
        else if (reason == ReasonCode.CARBON_ADDER || reason == ReasonCode.CARBON_CREDIT)
        {
            // a carbon posting's rate field is the grid intensity it was priced at, mg CO2 per kWh
            day.addCarbon(reason == ReasonCode.CARBON_CREDIT, CarbonMass.micrograms(wh, transfer.rate()), sequence);
        }
    }

    private int slotOf(final long intervalStart)
    {
        final LocalTime time = LocalTime.ofInstant(Instant.ofEpochSecond(intervalStart), zone);
        return (time.getHour() * 60 + time.getMinute()) / 15;
    }
}
