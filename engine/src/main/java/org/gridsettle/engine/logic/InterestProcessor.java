package org.gridsettle.engine.logic;

import org.gridsettle.engine.snapshot.StateIo;
import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import org.agrona.collections.Long2LongHashMap;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.InterestAccrualCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.pricing.calendar.CivilCalendar;
import org.gridsettle.pricing.calendar.ZoneOffsetTable;
import org.gridsettle.pricing.money.MicroUnits;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Applies daily interest on held program-token balances, paid from the token's yield account.
 * <p>
 * The APY is compounded daily: the daily rate is {@code r = (1 + APY)^(1/365) - 1}, computed once per command with
 * {@link BigDecimal} to 34 significant digits (Newton's method, deterministic on every JVM) and rounded half-even to
 * 18 decimal places. Each positive customer balance {@code B} earns {@code halfEven(B * r)} micro-units, the one
 * rounding of the calculation. Accounts are paid in ascending account order. Days are accrued in order, one accrual
 * per token and day, of the years 1990 to 2100 (any other day is MALFORMED): a repeat for the token's last accrued
 * day is acknowledged and pays nothing if it names the APY that day was accrued at, and is rejected
 * CONFLICTING_DUPLICATE if it names another (a corrected APY is never paid for a day already paid, and the host is
 * told so rather than answered as if it had been); a day before it is rejected (OUT_OF_ORDER), since only the last
 * day is remembered and balances are paid as they are now.
 * Owned by the business-logic thread. Not thread-safe.
 */
final class InterestProcessor
{
    private static final int INTEREST = RecordType.INTEREST_ACCRUAL.id();
    private static final MathContext PRECISION = new MathContext(34, RoundingMode.HALF_EVEN);
    private static final int RATE_SCALE = 18;
    /** An APY above 1,000% is refused as a typo rather than paid. */
    private static final long MAX_APY_BPS = 100_000;
    /**
     * The first and last days accrued: those of the years the zone tables place every other instant of the engine in
     * (ticks, calendar records, DR events), {@link ZoneOffsetTable#FIRST_YEAR} to {@link ZoneOffsetTable#LAST_YEAR}.
     * A day outside them is a wrong field (a yyyymmdd such as 20261127 given as a day number, a sentinel), never a
     * day to pay: accepted, it would become the token's last accrued day and refuse every real day after it.
     */
    static final long FIRST_DAY = CivilCalendar.epochDay(ZoneOffsetTable.FIRST_YEAR, 1, 1);
    /** See {@link #FIRST_DAY}. */
    static final long LAST_DAY = CivilCalendar.epochDay(ZoneOffsetTable.LAST_YEAR, 12, 31);

    private final Postings postings;
    private final Long2LongHashMap lastDayByToken = new Long2LongHashMap(Long.MIN_VALUE);
    /** The APY each token's last day was accrued at; a snapshot written before it was kept leaves it unknown. */
    private final Long2LongHashMap lastApyByToken = new Long2LongHashMap(Long.MIN_VALUE);
    private boolean apysUnknown;
    /** Sorts keys for a snapshot; kept so that a capture allocates nothing once the state stops growing. */
    private long[] snapshotScratch = new long[0];

    InterestProcessor(final Postings postings)
    {
        this.postings = postings;
    }

    void apply(final long sequence, final InterestAccrualCodec accrual)
    {
        final long token = accrual.token();
        final long day = accrual.epochDay();
        final long apyBps = accrual.apyBps();
        // refused before anything is remembered: a day outside the engine's years must not become the last day
        if (apyBps < 0 || apyBps > MAX_APY_BPS || day < FIRST_DAY || day > LAST_DAY)
        {
            postings.reject(sequence, ReasonCode.MALFORMED, INTEREST, apyBps);
            return;
        }
        final long lastDay = lastDayByToken.get(token);
        if (day == lastDay)
        {
            if (lastApyByToken.get(token) == apyBps)
            {
                postings.acknowledgeDuplicate(sequence, token, day);
            }
            else
            {
                postings.reject(sequence, ReasonCode.CONFLICTING_DUPLICATE, INTEREST, token);
            }
            return;
        }
        if (day < lastDay)
        {
            // only the last day is known to be paid; an earlier one may never have been, and today's balances
            // are not that day's: refused, so that a backfill is never acknowledged as paid
            postings.reject(sequence, ReasonCode.OUT_OF_ORDER, INTEREST, token);
            return;
        }
        final Ledger ledger = postings.ledger();
        final int tokenIndex = ledger.findToken(token);
        if (tokenIndex < 0 || apyBps == 0)
        {
            accrued(token, day, apyBps);
            return;
        }
        final BigDecimal rate = dailyRate(apyBps);
        final long[] holders = ledger.customerAccountsHolding(tokenIndex, SystemAccounts.FIRST_CUSTOMER_ACCOUNT);
        // every holder's interest is checked before the first is paid: the day is paid whole or rejected whole
        postings.beginCheck();
        pay(sequence, token, tokenIndex, day, apyBps, rate, holders);
        if (!postings.endCheck())
        {
            postings.reject(sequence, ReasonCode.OVERFLOW, INTEREST, token);
            return;
        }
        accrued(token, day, apyBps);
        pay(sequence, token, tokenIndex, day, apyBps, rate, holders);
    }

    private void accrued(final long token, final long day, final long apyBps)
    {
        lastDayByToken.put(token, day);
        lastApyByToken.put(token, apyBps);
    }

    private void pay(
        final long sequence,
        final long token,
        final int tokenIndex,
        final long day,
        final long apyBps,
        final BigDecimal rate,
        final long[] holders)
    {
        final Ledger ledger = postings.ledger();
        for (final long account : holders)
        {
            final long balance = ledger.balance(account, tokenIndex);
            final long interest = BigDecimal.valueOf(balance).multiply(rate)
                .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            if (interest > 0)
            {
                postings.transfer(sequence, SystemAccounts.YIELD, account, token, interest, ReasonCode.INTEREST)
                    .explain(0, day * 86_400L, balance, apyBps, 0, 0, 0, 0);
                postings.emitTransfer();
            }
        }
    }

    /**
     * @param apyBps annual percentage yield in basis points.
     * @return the daily rate with daily compounding, rounded half-even to 18 places.
     */
    static BigDecimal dailyRate(final long apyBps)
    {
        final BigDecimal growth = BigDecimal.ONE.add(BigDecimal.valueOf(apyBps).movePointLeft(4));
        final BigDecimal n = BigDecimal.valueOf(365);
        BigDecimal y = BigDecimal.ONE.add(BigDecimal.valueOf(apyBps).movePointLeft(4).divide(n, PRECISION));
        for (int i = 0; i < 100; i++)
        {
            // Newton step for y^365 = growth: y' = ((n - 1) y + growth / y^(n-1)) / n
            final BigDecimal next = y.multiply(BigDecimal.valueOf(364)).add(growth.divide(y.pow(364, PRECISION),
                PRECISION)).divide(n, PRECISION);
            if (next.compareTo(y) == 0)
            {
                break;
            }
            y = next;
        }
        return y.subtract(BigDecimal.ONE).setScale(RATE_SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * @param balance micro-units held.
     * @param apyBps  APY in basis points.
     * @return a day's interest, as posted: for documentation and tests.
     */
    static long interestFor(final long balance, final long apyBps)
    {
        return BigDecimal.valueOf(balance).multiply(dailyRate(apyBps)).setScale(0, RoundingMode.HALF_EVEN)
            .longValueExact();
    }

    static String describe(final long apyBps)
    {
        return "daily rate " + dailyRate(apyBps).toPlainString() + " for APY " +
            MicroUnits.toDecimalString(apyBps * 100) + "%";
    }

    void writeState(final DataOutput out) throws IOException
    {
        snapshotScratch = StateIo.writeMap(out, lastDayByToken, snapshotScratch);
    }

    void readState(final DataInput in) throws IOException
    {
        StateIo.readMap(in, lastDayByToken);
        lastApyByToken.clear();
        apysUnknown = !lastDayByToken.isEmpty();
    }

    /**
     * Writes the APYs of the tokens' last accrued days: a section at the end of the state, after the sections of the
     * builds before it ({@link #readApys}).
     */
    void writeApys(final DataOutput out) throws IOException
    {
        snapshotScratch = StateIo.writeMap(out, lastApyByToken, snapshotScratch);
    }

    void readApys(final DataInput in) throws IOException
    {
        StateIo.readMap(in, lastApyByToken);
        apysUnknown = false;
    }

    /**
     * @return true if this state was read from a snapshot written before the APYs were kept, with a day accrued: a
     *     repeat of that day would then be acknowledged where a replay, which knows the APY, may reject it.
     */
    boolean apysUnknown()
    {
        return apysUnknown;
    }
}
