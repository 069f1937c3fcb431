package org.gridsettle.engine.logic;

import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.pricing.tariff.TouTariff;

/**
 * Applies the reference-data commands: account registration, meter enrolment and tariff publication. Each is an
 * input in the journal, so a replay rebuilds the same accounts, meters and tariff versions.
 * Owned by the business-logic thread. Not thread-safe.
 */
final class RegistryProcessor
{
    private final MeterRegistry meters;
    private final TariffBook tariffs;
    private final TickWindow window;
    private final BillingAccumulators billing;
    private final OracleBook oracle;
    private final ReadingLimits limits;
    private final DrEventBook drEvents;
    private final Postings postings;

    RegistryProcessor(
        final MeterRegistry meters,
        final TariffBook tariffs,
        final TickWindow window,
        final BillingAccumulators billing,
        final OracleBook oracle,
        final ReadingLimits limits,
        final DrEventBook drEvents,
        final Postings postings)
    {
        this.limits = limits;
        this.oracle = oracle;
        this.drEvents = drEvents;
        this.meters = meters;
        this.tariffs = tariffs;
        this.window = window;
        this.billing = billing;
        this.postings = postings;
    }

    void applyAccount(final long sequence, final AccountRegistrationCodec account)
    {
        final long accountId = account.accountId();
        if (accountId < SystemAccounts.FIRST_CUSTOMER_ACCOUNT || accountId > (Long.MAX_VALUE >> 4))
        {
            postings.reject(sequence, ReasonCode.MALFORMED, RecordType.ACCOUNT_REGISTRATION.id(), accountId);
        }
        else if (!meters.registerAccount(accountId))
        {
            postings.reject(sequence, ReasonCode.ALREADY_EXISTS, RecordType.ACCOUNT_REGISTRATION.id(), accountId);
        }
    }

    void applyEnrolment(final long sequence, final MeterEnrolmentCodec e)
    {
        // meter 0 is what a transfer without a meter carries (interest, redemptions, DR funding): a meter of that id
        // would have its postings mixed with them in every per-meter reading of the journal
        if (e.meterId() == 0 || !e.pricingNodeWellFormed() || e.importLimitW() < 0 || e.exportLimitW() < 0)
        {
            postings.reject(sequence, ReasonCode.MALFORMED, RecordType.METER_ENROLMENT.id(), e.meterId());
        }
        else if (!meters.hasAccount(e.accountId()))
        {
            postings.reject(sequence, ReasonCode.UNKNOWN_ACCOUNT, RecordType.METER_ENROLMENT.id(), e.accountId());
        }
        else if (!tariffs.contains(e.tariffId()))
        {
            postings.reject(sequence, ReasonCode.UNKNOWN_TARIFF, RecordType.METER_ENROLMENT.id(), e.tariffId());
        }
        else if (takesBackSettled(e))
        {
            postings.reject(sequence, ReasonCode.ALREADY_SETTLED, RecordType.METER_ENROLMENT.id(), e.meterId());
        }
        else if (movesOpenPeriod(e))
        {
            postings.reject(sequence, ReasonCode.MOVE_IN_OPEN_PERIOD, RecordType.METER_ENROLMENT.id(), e.meterId());
        }
        else
        {
            final int index = meters.enrol(e.meterId(), e.accountId(), e.tariffId(), e.effectiveFrom(), e.programs(),
                e.carbonRegion());
            // a re-enrolment without a node clears the old one: the enrolment says everything the meter is on
            oracle.enrol(index, e.hasPricingNode() ? oracle.idOf(e.pricingNode()) : OracleBook.NO_NODE);
            limits.enrol(index, e.importLimitW(), e.exportLimitW());
            window.ensureMeters(index + 1);
            billing.ensureMeters(index + 1);
        }
    }

    /**
     * A re-enrolment onto another account or tariff may not take back an interval the meter has settled: the
     * correction window keeps only the tariff version of each tick and reverses it against the meter's current
     * account and tariff, so a tick settled under the old enrolment and corrected under the new one would be reversed
     * against the wrong account at the wrong rates. A move from after the meter's latest settled interval changes
     * nothing already posted: ticks and corrections before it are then refused as UNKNOWN_METER, never posted to the
     * new account. A re-enrolment on the same account and tariff (other programs, carbon region or pricing node, as
     * an ingest appending to a journal sends) reverses correctly and is accepted.
     */
    private boolean takesBackSettled(final MeterEnrolmentCodec e)
    {
        final int index = movedMeter(e);
        return index != MeterRegistry.NO_METER && window.latestStart(index) >= e.effectiveFrom();
    }

    /**
     * A move to another account or tariff must wait until the meter's open billing periods are closed. A period's
     * close trues its ticks up and charges its demand for the meter's account and tariff at the time of the close, so
     * a period with ticks under the old enrolment, closed under the new one, would be settled to the new account at
     * the new tariff's rates; and the old tariff's close no longer sees the meter. Move a meter after the old
     * tariff's close of its last period (at a billing-period boundary, as utilities change rates).
     */
    private boolean movesOpenPeriod(final MeterEnrolmentCodec e)
    {
        final int index = movedMeter(e);
        return index != MeterRegistry.NO_METER && billing.hasOpenPeriod(index);
    }

    /**
     * @return the index of the enrolled meter the enrolment moves to another account or tariff, or
     *         {@link MeterRegistry#NO_METER} for a new meter or one that stays on its account and tariff.
     */
    private int movedMeter(final MeterEnrolmentCodec e)
    {
        final int index = meters.indexOf(e.meterId());
        return index != MeterRegistry.NO_METER &&
            (meters.accountOf(index) != e.accountId() || meters.tariffOf(index) != e.tariffId()) ?
            index : MeterRegistry.NO_METER;
    }

    void applyTariff(final long sequence, final TariffVersionCodec codec)
    {
        final TouTariff tariff;
        try
        {
            tariff = codec.decode();
        }
        catch (final RuntimeException e)
        {
            postings.reject(sequence, ReasonCode.MALFORMED, RecordType.TARIFF_VERSION.id(), 0);
            return;
        }
        if (TariffSupport.whyUnsupported(tariff) != null)
        {
            postings.reject(sequence, ReasonCode.UNSUPPORTED_TARIFF, RecordType.TARIFF_VERSION.id(),
                tariff.tariffId());
            return;
        }
        if (!TokenLimit.admits(postings.ledger(), tariffs, drEvents, tariff, 0))
        {
            postings.reject(sequence, ReasonCode.TOKEN_LIMIT, RecordType.TARIFF_VERSION.id(), tariff.tariffId());
            return;
        }
        if (!tariffs.publish(tariff))
        {
            postings.reject(sequence, ReasonCode.ALREADY_EXISTS, RecordType.TARIFF_VERSION.id(), tariff.tariffId());
        }
    }
}
