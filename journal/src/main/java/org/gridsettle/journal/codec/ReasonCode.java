package org.gridsettle.journal.codec;

/**
 * Why a transfer was posted or an input rejected. Codes are part of the journal format: never renumber, only add.
 * <p>
 * Threading: immutable constants; thread-safe.
 */
public enum ReasonCode
{
    /** Charge for imported energy. */
    ENERGY_CHARGE(1),
    /** Credit for exported energy. */
    EXPORT_CREDIT(2),
    /** Carbon adder on imports. */
    CARBON_ADDER(3),
    /** Avoided-emissions credit on exports. */
    CARBON_CREDIT(4),
    /** Demand-response incentive. */
    DR_INCENTIVE(5),
    /** Fixed charge. */
    FIXED_CHARGE(6),
    /** Demand charge. */
    DEMAND_CHARGE(7),
    /** Net-metering true-up. */
    TRUE_UP(8),
    /** Program tokens burnt by a redemption. */
    REDEMPTION(9),
    /** Interest paid on a held program-token balance. */
    INTEREST(10),
    /** Export charged at a negative oracle price (tariffs whose negative-price rule is CHARGE). */
    EXPORT_CHARGE(11),
    /** Hourly-netting adjustment: an hour's offset energy taken off its provisional charges and credits. */
    HOURLY_NETTING(12),

    /** Rejected: a negative energy value. */
    NEGATIVE_ENERGY(101),
    /** Rejected: the meter is not enrolled. */
    UNKNOWN_METER(102),
    /** Rejected: interval length is zero or negative. */
    ZERO_LENGTH_INTERVAL(103),
    /** Rejected: the account does not exist. */
    UNKNOWN_ACCOUNT(104),
    /** Rejected: the tariff is unknown or not yet in force. */
    UNKNOWN_TARIFF(105),
    /** Rejected: an account or meter with that id already exists. */
    ALREADY_EXISTS(106),
    /** Rejected: same tick identity, different values, not marked as a correction. */
    CONFLICTING_DUPLICATE(107),
    /** Rejected: the record is malformed (unknown type, bad length, bad field). */
    MALFORMED(108),
    /** Rejected: the price, or the input's postings taken together, would overflow a long; nothing was posted. */
    OVERFLOW(109),
    /** Rejected: a redemption larger than the balance. */
    INSUFFICIENT_BALANCE(110),
    /** Rejected: the tick's interval is in a closed billing period; it is neither a correction nor an exact retry. */
    PERIOD_CLOSED(111),
    /** Rejected: a correction of, or a tick older than, the meter's correction window. */
    OUTSIDE_CORRECTION_WINDOW(112),
    /** Rejected: a correction for a tick that was never accepted. */
    NOTHING_TO_CORRECT(113),
    /** Rejected: a request id already applied with different content. */
    DUPLICATE_REQUEST(114),
    /** Rejected: the tick's billing period is not open (two other periods are still waiting for their close). */
    BILLING_PERIOD_NOT_OPEN(115),
    /** Rejected: the tariff uses a feature this engine cannot settle faithfully (for example too many periods). */
    UNSUPPORTED_TARIFF(116),
    /** Rejected: the tariff prices carbon and no intensity is known for the tick's interval within its policy. */
    CARBON_INTENSITY_MISSING(117),
    /** Rejected: exports are oracle-priced and no price is known for the tick's interval within the tariff's
     * policy, or the meter has no pricing node. */
    ORACLE_PRICE_MISSING(118),
    /**
     * Rejected: an interest accrual for a day before the token's last accrued day. Interest is paid on the balances
     * held when it is applied, which are not that day's, so an earlier day can be neither paid nor known to be paid.
     */
    OUT_OF_ORDER(119),
    /**
     * Rejected: a tariff version or DR event whose tokens would bring the tokens the engine could post in over the
     * ledger's limit (16).
     */
    TOKEN_LIMIT(120),
    /**
     * Rejected: a re-enrolment onto another account or tariff effective at or before an interval the meter has
     * already settled; such a move must start after the meter's latest settled interval.
     */
    ALREADY_SETTLED(121),
    /**
     * Rejected: the tick's interval runs on past a change of TOU period or billing period (or of local day under
     * daily tiers, or of clock hour under hourly netting), so pricing it at its start would misprice part of it.
     */
    INTERVAL_SPANS_PERIOD(122),
    /**
     * Rejected: a re-enrolment onto another account or tariff while the meter has a billing period with accepted
     * ticks that is not closed yet; the close would settle that period to the new account at the new tariff's rates.
     */
    MOVE_IN_OPEN_PERIOD(123),
    /**
     * Rejected: the tick's interval overlaps an interval of the same meter and channel in the correction window, with
     * another start or another length; settling it would settle the overlapped energy twice.
     */
    INTERVAL_OVERLAP(124),
    /**
     * Rejected: the tick's import or export, averaged over its interval, is above the limit its meter's enrolment
     * sets (the service's or the inverter's capacity): a reading no meter of that service can show, which would
     * otherwise post a charge or mint a credit for energy that never flowed.
     */
    READING_ABOVE_LIMIT(125),
    /**
     * Refused for one meter at a DR event's settlement: fewer than 10 eligible baseline days (4 for an event on a
     * weekend day or holiday) in the lookback, or the event day lacks a reading of an event hour (or an adjustment
     * hour): main-channel ticks starting in it that cover exactly its 3,600 s, not less (a missing quarter) nor more
     * (a tick longer than the hour, a fall-back day's repeated hour). No credit is posted for that meter.
     */
    DR_BASELINE_UNAVAILABLE(130),
    /** Rejected: a DR event that overlaps another event of the same tariff, or one already settled. */
    DR_EVENT_OVERLAP(131),
    /**
     * Rejected: a DR event withdrawal naming an event id the engine never accepted, or one it accepted for another
     * tariff than the withdrawal names. Nothing is withdrawn.
     */
    UNKNOWN_DR_EVENT(132),
    /**
     * Rejected: a DR event withdrawal of an event an end of day has already settled. Settlement is final: its
     * incentives were paid, and taking them back would need transfers no program rule defines.
     */
    DR_EVENT_SETTLED(133),
    /**
     * Rejected: a DR event whose id belongs to a withdrawn event, whether the same event again or another. A withdrawn
     * id is never reinstated, so that a late copy of the original publication cannot bring a cancelled event back;
     * an event called again is published under a new id.
     */
    DR_EVENT_WITHDRAWN(134);

    private static final ReasonCode[] BY_CODE = new ReasonCode[256];

    static
    {
        for (final ReasonCode r : values())
        {
            BY_CODE[r.code] = r;
        }
    }

    private final int code;

    ReasonCode(final int code)
    {
        this.code = code;
    }

    /**
     * @return the journalled code.
     */
    public int code()
    {
        return code;
    }

    /**
     * @param code journalled code.
     * @return the reason, or null if unknown to this build.
     */
    public static ReasonCode ofCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
