package org.gridsettle.replay.dump;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.DuplicateAckCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RedemptionCodec;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;

/**
 * Selects the records of a journal that are about one meter or one account, so that an auditor following a credit
 * from the audit report to its evidence reads that customer's records, each with its input sequence, tariff version,
 * period and tier, instead of filtering the whole journal with jq.
 * <ul>
 *   <li>A meter: its ticks and corrections, its enrolments, the transfers that name it, the rejections whose subject
 *       it is (never a refusal of a redemption, which is about an account) and the duplicate acknowledgements of its
 *       ticks.</li>
 *   <li>An account: its registration, the enrolments onto it, its redemptions, the transfers that debit or credit it
 *       (each of its meters' postings, fixed charges, interest, redemptions), the rejections and duplicate
 *       acknowledgements whose subject is its id, and every refusal of its redemption requests, whatever the
 *       refusal's subject (the account, or the request id: FORMAT.md section 5), and no other account's: given the
 *       input journal's requests ({@link #redemptions}), a refusal is looked up by its cause, one at a time, so
 *       nothing is loaded up front. Without them, a refusal is the account's when its subject is the account's id
 *       and its reason one that names the account (UNKNOWN_ACCOUNT, INSUFFICIENT_BALANCE, OVERFLOW).</li>
 * </ul>
 * Records about no single meter or account (tariff versions, carbon intensities, oracle prices, DR events, calendar
 * events, interest accruals, checkpoints) are left out. Any other rejection's, and an acknowledgement's, subject is
 * the meter, account or tariff its reason is about, so one whose subject merely has the same number is shown too:
 * the reason says which it is.
 * <p>
 * Allocation free per record: its flyweights are reused (a lookup of a refusal's cause opens the input journal once,
 * and again only to seek, as {@link RedemptionInputs} says). Not thread-safe.
 */
public final class RecordSubject
{
    private final long id;
    private final boolean account;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final MeterTickCodec tick = new MeterTickCodec();
    private final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec();
    private final AccountRegistrationCodec registration = new AccountRegistrationCodec();
    private final RedemptionCodec redemption = new RedemptionCodec();
    private final TransferCodec transfer = new TransferCodec();
    private final RejectionCodec rejection = new RejectionCodec();
    private final DuplicateAckCodec duplicate = new DuplicateAckCodec();
    private RedemptionInputs redemptions;

    private RecordSubject(final long id, final boolean account)
    {
        this.id = id;
        this.account = account;
    }

    /**
     * @param meterId the engine's meter id.
     * @return a selection of that meter's records.
     */
    public static RecordSubject meter(final long meterId)
    {
        return new RecordSubject(meterId, false);
    }

    /**
     * @param accountId the account id.
     * @return a selection of that account's records.
     */
    public static RecordSubject account(final long accountId)
    {
        return new RecordSubject(accountId, true);
    }

    /**
     * @param inputs the input journal's redemption requests, asked about the cause of each refusal of a redemption,
     *               in the order the output journal holds them: the refusals of the selected account's requests are
     *               about the account whatever their subject.
     * @return this.
     */
    public RecordSubject redemptions(final RedemptionInputs inputs)
    {
        this.redemptions = inputs;
        return this;
    }

    /**
     * @param record holds the record.
     * @param at     offset of the record.
     * @param length its length.
     * @return true if the record is about the selected meter or account.
     */
    public boolean matches(final DirectBuffer record, final int at, final int length)
    {
        view.wrap(record, at, length);
        final UnsafeBuffer buffer = view;
        final int offset = 0;
        final int type = RecordFlyweight.typeIdAt(buffer, offset);
        if (type == RecordType.TRANSFER.id())
        {
            transfer.<TransferCodec>wrap(buffer, offset);
            return account ? transfer.debitAccount() == id || transfer.creditAccount() == id :
                transfer.meterId() == id;
        }
        if (type == RecordType.METER_TICK.id())
        {
            return !account && tick.<MeterTickCodec>wrap(buffer, offset).meterId() == id;
        }
        if (type == RecordType.METER_ENROLMENT.id())
        {
            enrolment.<MeterEnrolmentCodec>wrap(buffer, offset);
            return (account ? enrolment.accountId() : enrolment.meterId()) == id;
        }
        if (type == RecordType.REJECTION.id())
        {
            rejection.<RejectionCodec>wrap(buffer, offset);
            if (rejection.inputType() == RecordType.REDEMPTION.id())
            {
                // a refusal of a redemption names the account or the request id by its reason: its number says
                // nothing of whose it is, its request does
                return account && refusedRequestOfAccount(buffer, offset);
            }
            return rejection.subject() == id;
        }
        if (type == RecordType.DUPLICATE_ACK.id())
        {
            return duplicate.<DuplicateAckCodec>wrap(buffer, offset).meterId() == id;
        }
        if (type == RecordType.ACCOUNT_REGISTRATION.id())
        {
            return account && registration.<AccountRegistrationCodec>wrap(buffer, offset).accountId() == id;
        }
        if (type == RecordType.REDEMPTION.id())
        {
            return account && redemption.<RedemptionCodec>wrap(buffer, offset).accountId() == id;
        }
        return false;
    }

    /**
     * @return for a refusal of a redemption, true if its request, its cause, is the selected account's; when the input
     *         journal cannot say (gone, dumped itself, failing its checks at or before the cause), true if its reason is one
     *         whose subject is the requesting account (FORMAT.md section 5) and that is the selected account.
     */
    private boolean refusedRequestOfAccount(final DirectBuffer buffer, final int offset)
    {
        final long cause = RecordFlyweight.causeSequenceAt(buffer, offset);
        if (redemptions != null && redemptions.isRedemption(cause))
        {
            return redemptions.accountOf(cause) == id;
        }
        final int reason = rejection.reasonCode();
        return rejection.subject() == id && (reason == ReasonCode.UNKNOWN_ACCOUNT.code() ||
            reason == ReasonCode.INSUFFICIENT_BALANCE.code() || reason == ReasonCode.OVERFLOW.code());
    }
}
