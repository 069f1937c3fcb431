package org.gridsettle.pricing.tariff;

import org.agrona.MutableDirectBuffer;
import org.gridsettle.pricing.calendar.CivilCalendar;
import org.gridsettle.pricing.calendar.ZoneOffsetTable;
import org.gridsettle.pricing.money.TokenSymbol;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A time-of-use tariff version: periods chosen by month, day type and time of day in the tariff's own zone.
 * <p>
 * The schedule is a {@code [12 months][3 day types][slotsPerDay]} table of period indexes, with slots of
 * {@code slotMinutes} (60, 30, 15 or 5). That is the shape OpenEI URDB publishes (12x24 weekday and weekend schedules)
 * generalised to sub-hourly windows. A 23- or 25-hour DST day needs no special case: local wall-clock time picks the
 * slot, so the repeated 01:00 hour of a fall-back day is priced twice as 01:00 and the skipped 02:00 of a
 * spring-forward day never occurs.
 * <p>
 * Demand may be charged by a schedule of its own ({@link #withDemandSchedule}): a second table of the same shape,
 * holidays read as the energy schedule reads them, naming demand periods, which time-of-use demand rates (and
 * {@link DemandTiers}' per-period rates) are then indexed by. Many commercial URDB rates charge demand so (free on
 * winter weekdays while energy is seasonal, say). Without one, a demand period is an energy period.
 * <p>
 * Immutable once published (fixed charges are set while building); {@link #periodIndexAt(long)} is allocation-free
 * and safe from any thread.
 */
public final class TouTariff
{
    /** Most periods a schedule, energy or demand, may name (a signed byte per slot). */
    public static final int MAX_PERIODS = 127;
    /** Holidays spanning fewer days than this are kept as bits too: 128 KiB at most, for 2,870 years. */
    static final long MAX_HOLIDAY_BITS = 1L << 20;

    private final long tariffId;
    private final int version;
    private final long effectiveFromEpochSecond;
    private final String token;
    private final String exportToken;
    private final long tokenSymbol;
    private final long exportTokenSymbol;
    private final ZoneOffsetTable zoneTable;
    private final int slotMinutes;
    private final int slotsPerDay;
    private final TouPeriod[] periods;
    private final byte[] schedule;
    private final long[] holidayEpochDays;
    /** The holidays as one bit per day from the first: a tick asks for its day's type, and this answers in O(1). */
    private final long[] holidayBits;
    private long fixedMicrosPerDay;
    private long fixedMicrosPerMonth;
    private TierTable tiers;
    private ExportRule exportRule = ExportRule.NET_BILLING;
    private long netSurplusMicrosPerKwh;
    private long flatDemandMicrosPerKw;
    private long[] touDemandMicrosPerKw;
    private DemandTiers demandTiers;
    /** The demand periods' names, or null when demand is charged in the energy periods. */
    private String[] demandPeriodNames;
    /** Demand period per slot, shaped as {@link #schedule}; null when demand is charged in the energy periods. */
    private byte[] demandSchedule;
    private int billingCycleDay = 1;
    private long carbonAdderMicrosPerKg;
    private long carbonCreditMicrosPerKg;
    private int carbonCarryIntervals;
    private ExportRateSource exportRateSource = ExportRateSource.TOU_SCHEDULE;
    private int oracleCarryIntervals;
    private NegativePriceRule negativePriceRule = NegativePriceRule.ZERO_CREDIT;

    /**
     * @param tariffId                 stable identifier of the tariff across versions.
     * @param version                  version number, increasing.
     * @param effectiveFromEpochSecond first instant this version prices.
     * @param token                    token import charges are posted in, for example "USD".
     * @param exportToken              program token export credits are minted in, for example "SOLAR".
     * @param zone                     the tariff's zone.
     * @param slotMinutes              width of a schedule slot: divides 1440.
     * @param periods                  period definitions; index is what the schedule refers to.
     * @param schedule                 {@code 12 * 3 * (1440 / slotMinutes)} period indexes, month-major, then day type.
     * @param holidayEpochDays         sorted local dates (days since 1970-01-01) priced with the holiday schedule.
     */
    public TouTariff(
        final long tariffId,
        final int version,
        final long effectiveFromEpochSecond,
        final String token,
        final String exportToken,
        final ZoneId zone,
        final int slotMinutes,
        final List<TouPeriod> periods,
        final byte[] schedule,
        final long[] holidayEpochDays)
    {
        if (slotMinutes <= 0 || 1440 % slotMinutes != 0)
        {
            throw new IllegalArgumentException("slotMinutes must divide 1440: " + slotMinutes);
        }
        if (periods.isEmpty() || periods.size() > MAX_PERIODS)
        {
            throw new IllegalArgumentException("a tariff needs 1.." + MAX_PERIODS + " periods, got " + periods.size());
        }
        this.slotsPerDay = 1440 / slotMinutes;
        checkSchedule("schedule", schedule, 12 * 3 * slotsPerDay, periods.size());
        for (int i = 1; i < holidayEpochDays.length; i++)
        {
            if (holidayEpochDays[i] <= holidayEpochDays[i - 1])
            {
                throw new IllegalArgumentException("holidays must be sorted and distinct");
            }
        }
        this.tariffId = tariffId;
        this.version = version;
        this.effectiveFromEpochSecond = effectiveFromEpochSecond;
        this.token = Objects.requireNonNull(token, "token");
        this.exportToken = Objects.requireNonNull(exportToken, "exportToken");
        this.tokenSymbol = TokenSymbol.pack(token);
        this.exportTokenSymbol = TokenSymbol.pack(exportToken);
        this.zoneTable = new ZoneOffsetTable(zone);
        this.slotMinutes = slotMinutes;
        this.periods = periods.toArray(new TouPeriod[0]);
        this.schedule = schedule.clone();
        this.holidayEpochDays = holidayEpochDays.clone();
        this.holidayBits = holidayBits(this.holidayEpochDays);
    }

    private static void checkSchedule(final String what, final byte[] table, final int length, final int periodCount)
    {
        if (table.length != length)
        {
            throw new IllegalArgumentException(what + " must have 12*3*" + length / 36 + " entries, got " +
                table.length);
        }
        for (int i = 0; i < table.length; i++)
        {
            if (table[i] < 0 || table[i] >= periodCount)
            {
                throw new IllegalArgumentException(what + " entry " + i + " names unknown period " + table[i]);
            }
        }
    }

    /**
     * @return one bit per day from the first holiday to the last, or null if there are none or they span more than
     *     {@link #MAX_HOLIDAY_BITS} days, when the sorted array is searched instead.
     */
    private static long[] holidayBits(final long[] days)
    {
        if (days.length == 0)
        {
            return null;
        }
        final long span = days[days.length - 1] - days[0];
        if (span < 0 || span >= MAX_HOLIDAY_BITS) // negative: the difference overflowed
        {
            return null;
        }
        final long[] bits = new long[(int)((span >>> 6) + 1)];
        for (final long day : days)
        {
            final long bit = day - days[0];
            bits[(int)(bit >>> 6)] |= 1L << bit;
        }
        return bits;
    }

    /**
     * Builds the common case: the same hourly weekday and weekend schedule in every month, no holidays.
     *
     * @param tariffId stable identifier.
     * @param version  version number.
     * @param effectiveFromEpochSecond first instant this version prices.
     * @param token    token of import charges.
     * @param exportToken program token of export credits.
     * @param zone     tariff zone.
     * @param periods  period definitions.
     * @param weekdayHours 24 period indexes for weekdays.
     * @param weekendHours 24 period indexes for weekends and holidays.
     * @return the tariff.
     */
    public static TouTariff hourly(
        final long tariffId,
        final int version,
        final long effectiveFromEpochSecond,
        final String token,
        final String exportToken,
        final ZoneId zone,
        final List<TouPeriod> periods,
        final int[] weekdayHours,
        final int[] weekendHours)
    {
        if (weekdayHours.length != 24 || weekendHours.length != 24)
        {
            throw new IllegalArgumentException("hourly schedules need 24 entries");
        }
        final byte[] schedule = new byte[12 * 3 * 24];
        for (int month = 0; month < 12; month++)
        {
            for (int hour = 0; hour < 24; hour++)
            {
                schedule[(month * 3 + DayType.WEEKDAY.ordinal()) * 24 + hour] = (byte)weekdayHours[hour];
                schedule[(month * 3 + DayType.WEEKEND.ordinal()) * 24 + hour] = (byte)weekendHours[hour];
                schedule[(month * 3 + DayType.HOLIDAY.ordinal()) * 24 + hour] = (byte)weekendHours[hour];
            }
        }
        return new TouTariff(
            tariffId, version, effectiveFromEpochSecond, token, exportToken, zone, 60, periods, schedule, new long[0]);
    }

    /**
     * Finds the period in force at an instant. Allocation-free.
     *
     * @param epochSecond the instant, normally a tick's interval start.
     * @return index into {@link #period(int)}.
     */
    public int periodIndexAt(final long epochSecond)
    {
        return periodIndexAtLocal(zoneTable.localEpochSecond(epochSecond));
    }

    /**
     * The same as {@link #periodIndexAt} for a caller that already converted the instant to local time, so one tick
     * pays for one zone lookup however many questions it asks. Allocation-free.
     *
     * @param local local wall-clock seconds since 1970-01-01T00:00, from {@code zoneTable().localEpochSecond}.
     * @return index into {@link #period(int)}.
     */
    public int periodIndexAtLocal(final long local)
    {
        return schedule[slotIndexAtLocal(local)];
    }

    /**
     * The demand period in force at a local time: the demand schedule's entry when the tariff has one, else the
     * energy period. Allocation-free.
     *
     * @param local local wall-clock seconds since 1970-01-01T00:00, from {@code zoneTable().localEpochSecond}.
     * @return index into the demand rates ({@link #touDemandMicrosPerKw}, {@link #demandPeriodName}).
     */
    public int demandPeriodIndexAtLocal(final long local)
    {
        return demandPeriodInSlot(slotIndexAtLocal(local));
    }

    /**
     * Where a local time falls in the schedule tables, so that a caller asking for both the energy and the demand
     * period works out the month, day type and slot once. Allocation-free.
     *
     * @param local local wall-clock seconds since 1970-01-01T00:00.
     * @return index into the schedule tables: {@code ((month0 * 3) + dayType) * slotsPerDay + slot}.
     */
    public int slotIndexAtLocal(final long local)
    {
        final long epochDay = Math.floorDiv(local, 86_400L);
        final int secondOfDay = (int)(local - epochDay * 86_400L);
        final int month = CivilCalendar.month(epochDay);
        final int dayType = dayTypeOf(epochDay).ordinal();
        final int slot = secondOfDay / (slotMinutes * 60);
        return ((month - 1) * 3 + dayType) * slotsPerDay + slot;
    }

    /**
     * @param slotIndex from {@link #slotIndexAtLocal}.
     * @return the energy period of that slot.
     */
    public int periodInSlot(final int slotIndex)
    {
        return schedule[slotIndex];
    }

    /**
     * @param slotIndex from {@link #slotIndexAtLocal}.
     * @return the demand period of that slot: one more array read than {@link #periodInSlot}, and only for a tariff
     *     with a demand schedule.
     */
    public int demandPeriodInSlot(final int slotIndex)
    {
        final byte[] demand = demandSchedule;
        return demand == null ? schedule[slotIndex] : demand[slotIndex];
    }

    /**
     * @param localEpochDay a local date.
     * @return how the schedule treats that date.
     */
    public DayType dayTypeOf(final long localEpochDay)
    {
        if (isHoliday(localEpochDay))
        {
            return DayType.HOLIDAY;
        }
        return CivilCalendar.isoDayOfWeek(localEpochDay) >= 6 ? DayType.WEEKEND : DayType.WEEKDAY;
    }

    private boolean isHoliday(final long localEpochDay)
    {
        final long[] bits = holidayBits;
        if (bits == null)
        {
            return holidayEpochDays.length > 0 && Arrays.binarySearch(holidayEpochDays, localEpochDay) >= 0;
        }
        final long bit = localEpochDay - holidayEpochDays[0];
        return bit >= 0 && (bit >>> 6) < bits.length && (bits[(int)(bit >>> 6)] & (1L << bit)) != 0;
    }

    /**
     * Sets the fixed charges, posted by calendar events: daily at each end of day, monthly at each period close.
     * Call only while building the tariff, before it is published.
     *
     * @param perDay   micro-units per meter per day, not negative.
     * @param perMonth micro-units per meter per billing period, not negative.
     * @return this.
     */
    public TouTariff withFixedCharges(final long perDay, final long perMonth)
    {
        if (perDay < 0 || perMonth < 0)
        {
            throw new IllegalArgumentException("fixed charges must not be negative");
        }
        this.fixedMicrosPerDay = perDay;
        this.fixedMicrosPerMonth = perMonth;
        return this;
    }

    /**
     * Sets block rates. Tier 1 of every period must carry the period's own rates, so a tariff reads the same with
     * or without looking at the table. Call only while building the tariff.
     *
     * @param table the tiers.
     * @return this.
     */
    public TouTariff withTiers(final TierTable table)
    {
        if (table.periodCount() != periods.length)
        {
            throw new IllegalArgumentException("tier table has " + table.periodCount() + " periods, tariff has " +
                periods.length);
        }
        for (int p = 0; p < periods.length; p++)
        {
            if (table.importRate(p, 0) != periods[p].importMicrosPerKwh() ||
                table.exportRate(p, 0) != periods[p].exportMicrosPerKwh())
            {
                throw new IllegalArgumentException("tier 1 of period '" + periods[p].name() +
                    "' must carry the period's own rates");
            }
        }
        this.tiers = table;
        return this;
    }

    /**
     * Sets the export compensation rule. Call only while building the tariff.
     *
     * @param rule                   the rule.
     * @param netSurplusMicrosPerKwh for net metering, the rate a billing period's net surplus is paid at.
     * @return this.
     */
    public TouTariff withExportRule(final ExportRule rule, final long netSurplusMicrosPerKwh)
    {
        if (netSurplusMicrosPerKwh < 0)
        {
            throw new IllegalArgumentException("net surplus rate must not be negative");
        }
        this.exportRule = Objects.requireNonNull(rule, "rule");
        this.netSurplusMicrosPerKwh = netSurplusMicrosPerKwh;
        return this;
    }

    /**
     * Sets demand charges, posted at billing-period close from the highest interval demand (energy / duration).
     * Call only while building the tariff.
     *
     * @param flatMicrosPerKw charge per kW of the period's highest demand.
     * @param touMicrosPerKw  per demand period (the TOU periods without a demand schedule), charge per kW of the
     *                        highest demand within that period; may be empty.
     * @return this.
     */
    public TouTariff withDemand(final long flatMicrosPerKw, final long[] touMicrosPerKw)
    {
        if (flatMicrosPerKw < 0 || (touMicrosPerKw.length != 0 && touMicrosPerKw.length != demandPeriodCount()))
        {
            throw new IllegalArgumentException("demand rates: flat must not be negative, TOU must be empty or one " +
                "per " + (demandSchedule == null ? "period" : "demand period"));
        }
        for (final long rate : touMicrosPerKw)
        {
            if (rate < 0)
            {
                throw new IllegalArgumentException("demand rates must not be negative");
            }
        }
        this.flatDemandMicrosPerKw = flatMicrosPerKw;
        this.touDemandMicrosPerKw = touMicrosPerKw.length == 0 ? null : touMicrosPerKw.clone();
        this.demandTiers = null;
        return this;
    }

    /**
     * Sets the billing-cycle day: a billing period runs from that local day of one month to the same day of the
     * next. 1 (the default) means calendar months. Call only while building the tariff.
     *
     * @param day 1..28.
     * @return this.
     */
    public TouTariff withBillingCycleDay(final int day)
    {
        if (day < 1 || day > 28)
        {
            throw new IllegalArgumentException("billing-cycle day must be 1..28: " + day);
        }
        this.billingCycleDay = day;
        return this;
    }

    /**
     * Prices carbon intensity: imports pay an adder, exports earn an avoided-emissions credit minted in the CARBON
     * token, both per kg of CO2 at the grid intensity of the tick's interval. Call only while building the tariff.
     *
     * @param adderMicrosPerKg  charge per kg CO2 on imports, micro-units of the tariff token.
     * @param creditMicrosPerKg credit per kg CO2 avoided by exports, micro-units of CARBON.
     * @param carryIntervals    a missing intensity: 0 rejects the tick; N carries the last known value forward for
     *                          at most N intervals. Never silently zero.
     * @return this.
     */
    public TouTariff withCarbon(final long adderMicrosPerKg, final long creditMicrosPerKg, final int carryIntervals)
    {
        if (adderMicrosPerKg < 0 || creditMicrosPerKg < 0 || carryIntervals < 0)
        {
            throw new IllegalArgumentException("carbon prices and carry-forward must not be negative");
        }
        this.carbonAdderMicrosPerKg = adderMicrosPerKg;
        this.carbonCreditMicrosPerKg = creditMicrosPerKg;
        this.carbonCarryIntervals = carryIntervals;
        return this;
    }

    /** Most intervals a missing oracle price may be carried forward (a u16 in the tariff record). */
    public static final int MAX_ORACLE_CARRY = 65_535;

    /**
     * Credits net-billing exports at the oracle price of the meter's pricing node instead of the TOU export rate.
     * Call only while building the tariff.
     *
     * @param carryIntervals a missing price: 0 rejects the tick; N carries the last published price forward for at
     *                       most N intervals, within the span already published. Never silently zero.
     * @param negativePrices what an export earns at a negative price.
     * @return this.
     */
    public TouTariff withOracleExport(final int carryIntervals, final NegativePriceRule negativePrices)
    {
        if (carryIntervals < 0 || carryIntervals > MAX_ORACLE_CARRY)
        {
            throw new IllegalArgumentException("oracle carry-forward must be 0.." + MAX_ORACLE_CARRY + ": " +
                carryIntervals);
        }
        this.exportRateSource = ExportRateSource.ORACLE;
        this.oracleCarryIntervals = carryIntervals;
        this.negativePriceRule = Objects.requireNonNull(negativePrices, "negativePrices");
        return this;
    }

    /**
     * @return where exports take their rate from.
     */
    public ExportRateSource exportRateSource()
    {
        return exportRateSource;
    }

    /**
     * @return true if exports are credited at the oracle price of the meter's pricing node.
     */
    public boolean oraclePricedExports()
    {
        return exportRateSource == ExportRateSource.ORACLE;
    }

    /**
     * @return intervals a missing oracle price may be carried forward; 0 rejects the tick instead.
     */
    public int oracleCarryIntervals()
    {
        return oracleCarryIntervals;
    }

    /**
     * @return what an oracle-priced export earns at a negative price.
     */
    public NegativePriceRule negativePriceRule()
    {
        return negativePriceRule;
    }

    /**
     * @return true if the tariff prices carbon at all.
     */
    public boolean pricesCarbon()
    {
        return carbonAdderMicrosPerKg != 0 || carbonCreditMicrosPerKg != 0;
    }

    /**
     * @return carbon adder on imports, micro-units per kg CO2.
     */
    public long carbonAdderMicrosPerKg()
    {
        return carbonAdderMicrosPerKg;
    }

    /**
     * @return avoided-emissions credit on exports, micro-units of CARBON per kg CO2.
     */
    public long carbonCreditMicrosPerKg()
    {
        return carbonCreditMicrosPerKg;
    }

    /**
     * @return intervals a missing intensity may be carried forward; 0 rejects the tick instead.
     */
    public int carbonCarryIntervals()
    {
        return carbonCarryIntervals;
    }

    /**
     * @param epochSecond an instant.
     * @return the billing period it falls in, as {@code year * 12 + month - 1} of the period's first month.
     */
    public int billingPeriodOf(final long epochSecond)
    {
        return billingPeriodOfLocal(zoneTable.localEpochSecond(epochSecond));
    }

    /**
     * The same as {@link #billingPeriodOf} for local wall-clock seconds. Allocation-free.
     *
     * @param local local wall-clock seconds since 1970-01-01T00:00.
     * @return the billing period.
     */
    public int billingPeriodOfLocal(final long local)
    {
        final int date = CivilCalendar.yyyymmdd(Math.floorDiv(local, 86_400L));
        final int year = Math.floorDiv(date, 10_000);
        final int month = (date / 100) % 100;
        final int day = date % 100;
        final int index = year * 12 + month - 1;
        return day >= billingCycleDay ? index : index - 1;
    }

    /**
     * @param billingPeriod from {@link #billingPeriodOf}.
     * @return the instant the period starts.
     */
    public long billingPeriodStart(final int billingPeriod)
    {
        final int year = Math.floorDiv(billingPeriod, 12);
        final int month = Math.floorMod(billingPeriod, 12) + 1;
        return zoneTable.startOfLocalDay(CivilCalendar.epochDay(year, month, billingCycleDay));
    }

    /**
     * @return number of tiers, 1 without a tier table.
     */
    public int tierCount()
    {
        return tiers == null ? 1 : tiers.tierCount();
    }

    /**
     * @return the tier table, or null for flat per-period rates.
     */
    public TierTable tiers()
    {
        return tiers;
    }

    /**
     * @param period a period index.
     * @param tier   a tier.
     * @return import rate, micro-units per kWh.
     */
    public long importRate(final int period, final int tier)
    {
        return tiers == null ? periods[period].importMicrosPerKwh() : tiers.importRate(period, tier);
    }

    /**
     * @param period a period index.
     * @param tier   a tier.
     * @return export (sell) rate, micro-units per kWh.
     */
    public long exportRate(final int period, final int tier)
    {
        return tiers == null ? periods[period].exportMicrosPerKwh() : tiers.exportRate(period, tier);
    }

    /**
     * @return the export compensation rule.
     */
    public ExportRule exportRule()
    {
        return exportRule;
    }

    /**
     * @return the net-metering surplus rate, micro-units per kWh.
     */
    public long netSurplusMicrosPerKwh()
    {
        return netSurplusMicrosPerKwh;
    }

    /**
     * Makes the demand charges tiered; replaces the single flat and TOU demand rates, which then read as tier 1's.
     *
     * @param tiers the tier limits and rates; per-period rates must be one per demand period, or none.
     * @return this.
     */
    public TouTariff withDemandTiers(final DemandTiers tiers)
    {
        if (tiers.periodCount() != 0 && tiers.periodCount() != demandPeriodCount())
        {
            throw new IllegalArgumentException("demand tiers need rates for every one of the " + demandPeriodCount() +
                (demandSchedule == null ? " periods" : " demand periods") + ", or for none");
        }
        final long[] tou = new long[tiers.periodCount()];
        for (int p = 0; p < tou.length; p++)
        {
            tou[p] = tiers.periodRate(p, 0);
        }
        withDemand(tiers.flatRate(0), tou);
        this.demandTiers = tiers;
        return this;
    }

    /**
     * Charges time-of-use demand by a schedule of its own instead of the energy periods. Call only while building the
     * tariff, before any time-of-use demand rates: those are then one per demand period.
     *
     * @param names    the demand periods' names, 1..32 ASCII characters each ({@link TouPeriod#journalHolds}),
     *                 distinct; at most {@link #MAX_PERIODS}.
     * @param schedule demand period per slot, shaped as the energy schedule
     *                 ({@code 12 * 3 * (1440 / slotMinutes)}, month-major, then day type; holidays in the holiday
     *                 rows, as the energy schedule reads them).
     * @return this.
     */
    public TouTariff withDemandSchedule(final List<String> names, final byte[] schedule)
    {
        if (touDemandMicrosPerKw != null || (demandTiers != null && demandTiers.periodCount() != 0))
        {
            throw new IllegalArgumentException("set the demand schedule before the time-of-use demand rates");
        }
        if (names.isEmpty() || names.size() > MAX_PERIODS)
        {
            throw new IllegalArgumentException("a demand schedule needs 1.." + MAX_PERIODS + " demand periods, got " +
                names.size());
        }
        for (int i = 0; i < names.size(); i++)
        {
            final String name = Objects.requireNonNull(names.get(i), "demand period name");
            if (name.isEmpty() || name.length() > 32 || names.indexOf(name) != i)
            {
                throw new IllegalArgumentException("demand period names must be distinct, 1..32 characters: '" + name +
                    "'");
            }
            if (!TouPeriod.journalHolds(name))
            {
                throw new IllegalArgumentException(TouPeriod.notAscii("demand period", name));
            }
        }
        checkSchedule("demand schedule", schedule, this.schedule.length, names.size());
        this.demandPeriodNames = names.toArray(new String[0]);
        this.demandSchedule = schedule.clone();
        return this;
    }

    /**
     * @return true if time-of-use demand is charged by a demand schedule of its own.
     */
    public boolean hasDemandSchedule()
    {
        return demandSchedule != null;
    }

    /**
     * @return number of demand periods: the demand schedule's, or the TOU periods' without one.
     */
    public int demandPeriodCount()
    {
        return demandSchedule == null ? periods.length : demandPeriodNames.length;
    }

    /**
     * @param index a demand period.
     * @return its name; without a demand schedule, the TOU period's.
     */
    public String demandPeriodName(final int index)
    {
        return demandSchedule == null ? periods[index].name() : demandPeriodNames[index];
    }

    /**
     * @return a copy of the demand schedule, or null without one.
     */
    public byte[] demandScheduleCopy()
    {
        return demandSchedule == null ? null : demandSchedule.clone();
    }

    /**
     * Copies the demand schedule into a buffer, for an encoder that must not allocate a copy. Only for a tariff with
     * a demand schedule; {@link #scheduleLength()} bytes are written.
     *
     * @param dst    destination.
     * @param offset where the table starts.
     */
    public void copyDemandScheduleTo(final MutableDirectBuffer dst, final int offset)
    {
        dst.putBytes(offset, demandSchedule);
    }

    /**
     * Whether two versions put every instant of a span in the same demand period, so that peaks kept per demand
     * period under one mean the same under the other: the same zone, slot length and demand period names in the same
     * order, the same demand period in every schedule slot (the demand schedule's, or the energy schedule's for a
     * version without one), and the same holidays among the span's local dates. Rates may differ. Holidays outside the
     * span do not matter, so a new version that only adds next year's holidays still agrees.
     *
     * @param other          another version.
     * @param fromEpochSecond the span's first instant.
     * @param toEpochSecond   the instant after its last.
     * @return true if their demand periods agree throughout the span.
     */
    public boolean sameDemandPeriods(final TouTariff other, final long fromEpochSecond, final long toEpochSecond)
    {
        if (!zoneTable.zone().equals(other.zoneTable.zone()) || slotMinutes != other.slotMinutes ||
            demandPeriodCount() != other.demandPeriodCount())
        {
            return false;
        }
        for (int p = 0; p < demandPeriodCount(); p++)
        {
            if (!demandPeriodName(p).equals(other.demandPeriodName(p)))
            {
                return false;
            }
        }
        final byte[] mine = demandSchedule == null ? schedule : demandSchedule;
        final byte[] theirs = other.demandSchedule == null ? other.schedule : other.demandSchedule;
        if (!Arrays.equals(mine, theirs))
        {
            return false;
        }
        final long firstDay = Math.floorDiv(zoneTable.localEpochSecond(fromEpochSecond), 86_400L);
        final long lastDay = Math.floorDiv(zoneTable.localEpochSecond(toEpochSecond - 1), 86_400L);
        return Arrays.equals(holidaysBetween(firstDay, lastDay), other.holidaysBetween(firstDay, lastDay));
    }

    private long[] holidaysBetween(final long firstDay, final long lastDay)
    {
        final int from = insertionPoint(Arrays.binarySearch(holidayEpochDays, firstDay));
        final int to = insertionPoint(Arrays.binarySearch(holidayEpochDays, lastDay + 1));
        return Arrays.copyOfRange(holidayEpochDays, from, to);
    }

    private static int insertionPoint(final int binarySearchResult)
    {
        return binarySearchResult >= 0 ? binarySearchResult : -binarySearchResult - 1;
    }

    /**
     * @return the demand tiers, or null when each demand charge has one rate.
     */
    public DemandTiers demandTiers()
    {
        return demandTiers;
    }

    /**
     * @return flat demand charge, micro-units per kW.
     */
    public long flatDemandMicrosPerKw()
    {
        return flatDemandMicrosPerKw;
    }

    /**
     * @param period a demand period index (the TOU period's without a demand schedule).
     * @return TOU demand charge of that period, micro-units per kW; 0 if none.
     */
    public long touDemandMicrosPerKw(final int period)
    {
        return touDemandMicrosPerKw == null ? 0 : touDemandMicrosPerKw[period];
    }

    /**
     * @return true if the tariff charges for demand at all.
     */
    public boolean hasDemandCharges()
    {
        return flatDemandMicrosPerKw != 0 || touDemandMicrosPerKw != null || demandTiers != null;
    }

    /**
     * @return the billing-cycle day.
     */
    public int billingCycleDay()
    {
        return billingCycleDay;
    }

    /**
     * @return fixed charge per meter per day, micro-units.
     */
    public long fixedMicrosPerDay()
    {
        return fixedMicrosPerDay;
    }

    /**
     * @return fixed charge per meter per billing period, micro-units.
     */
    public long fixedMicrosPerMonth()
    {
        return fixedMicrosPerMonth;
    }

    /**
     * @param index a period index.
     * @return the period.
     */
    public TouPeriod period(final int index)
    {
        return periods[index];
    }

    /**
     * @return number of periods.
     */
    public int periodCount()
    {
        return periods.length;
    }

    /**
     * @return stable tariff identifier.
     */
    public long tariffId()
    {
        return tariffId;
    }

    /**
     * @return version number.
     */
    public int version()
    {
        return version;
    }

    /**
     * @return first instant this version prices.
     */
    public long effectiveFromEpochSecond()
    {
        return effectiveFromEpochSecond;
    }

    /**
     * @return token import charges are posted in.
     */
    public String token()
    {
        return token;
    }

    /**
     * @return packed symbol of {@link #token()}.
     */
    public long tokenSymbol()
    {
        return tokenSymbol;
    }

    /**
     * @return packed symbol of {@link #exportToken()}.
     */
    public long exportTokenSymbol()
    {
        return exportTokenSymbol;
    }

    /**
     * @return program token export credits are minted in.
     */
    public String exportToken()
    {
        return exportToken;
    }

    /**
     * @return the tariff's zone.
     */
    public ZoneId zone()
    {
        return zoneTable.zone();
    }

    /**
     * @return width of a schedule slot in minutes.
     */
    public int slotMinutes()
    {
        return slotMinutes;
    }

    /**
     * @return a copy of the schedule table, for encoding.
     */
    public byte[] scheduleCopy()
    {
        return schedule.clone();
    }

    /**
     * @return a copy of the holiday dates, for encoding.
     */
    public long[] holidayEpochDaysCopy()
    {
        return holidayEpochDays.clone();
    }

    /**
     * @return entries in the schedule table.
     */
    public int scheduleLength()
    {
        return schedule.length;
    }

    /**
     * Copies the schedule table into a buffer, for an encoder that must not allocate a copy.
     *
     * @param dst    destination.
     * @param offset where the table starts; {@link #scheduleLength()} bytes are written.
     */
    public void copyScheduleTo(final MutableDirectBuffer dst, final int offset)
    {
        dst.putBytes(offset, schedule);
    }

    /**
     * @return number of holidays.
     */
    public int holidayCount()
    {
        return holidayEpochDays.length;
    }

    /**
     * @param index holiday, 0 to {@link #holidayCount()} - 1, in the order given.
     * @return its date, epoch day.
     */
    public long holidayEpochDay(final int index)
    {
        return holidayEpochDays[index];
    }

    /**
     * @return the zone table, shared with calendar logic.
     */
    public ZoneOffsetTable zoneTable()
    {
        return zoneTable;
    }
}
