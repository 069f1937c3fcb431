package org.gridsettle.pricing.importer.urdb;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One URDB rate as read, in integer units: everything that prices energy, demand, fixed and minimum charges and
 * exports, so that a tariff model can map it without going back to the JSON. Descriptive URDB fields (sector,
 * sources) are not kept; free-text comments are kept as {@code comments}, since they may name a charge no structure
 * carries and only a person can tell.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param source                     file name, plus {@code items[i]} when the document held several rates.
 * @param label                      URDB {@code label}, the rate's id in URDB.
 * @param name                       URDB {@code name}.
 * @param utility                    URDB {@code utility}.
 * @param startDate                  URDB {@code startdate}.
 * @param endDate                    URDB {@code enddate}.
 * @param energy                     energy charges, when the rate has any.
 * @param demand                     time-of-use demand charges, when the rate has any.
 * @param flatDemand                 flat demand charges, when the rate has any.
 * @param demandWindowMinutes        URDB {@code demandwindow}: minutes over which demand is averaged.
 * @param fixedChargeFirstMeter      {@code fixedchargefirstmeter} with {@code fixedchargeunits}, or the older
 *                                   {@code fixedmonthlycharge}.
 * @param fixedChargeAdditionalMeter {@code fixedchargeeaaddl}: the charge for each additional meter.
 * @param minimumCharges             {@code mincharge}, {@code minmonthlycharge} and {@code annualmincharge}, as given.
 * @param useNetMetering             URDB {@code usenetmetering}.
 * @param dgRule                     URDB {@code dgrules}.
 * @param roundings                  one line per value rounded half-even to a micro-unit, for the audit trail.
 * @param comments                   one line per non-blank free-text comment field ({@link #COMMENT_FIELDS}), naming
 *                                   it and quoting its text on one line: not priced, for a person to check.
 */
public record UrdbRate(
    String source,
    Optional<String> label,
    Optional<String> name,
    Optional<String> utility,
    Optional<Instant> startDate,
    Optional<Instant> endDate,
    Optional<UrdbTouEnergy> energy,
    Optional<UrdbTouDemand> demand,
    Optional<UrdbFlatDemand> flatDemand,
    OptionalInt demandWindowMinutes,
    Optional<UrdbCharge> fixedChargeFirstMeter,
    Optional<UrdbCharge> fixedChargeAdditionalMeter,
    List<UrdbCharge> minimumCharges,
    Optional<Boolean> useNetMetering,
    Optional<UrdbDgRule> dgRule,
    List<String> roundings,
    List<String> comments)
{
    /** URDB's free-text comment fields, where a utility's riders, taxes and adjustments are described in words. */
    public static final List<String> COMMENT_FIELDS =
        List.of("energycomments", "demandcomments", "basicinformationcomments");

    /**
     * Validates and freezes the rate.
     */
    public UrdbRate
    {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(utility, "utility");
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(endDate, "endDate");
        Objects.requireNonNull(energy, "energy");
        Objects.requireNonNull(demand, "demand");
        Objects.requireNonNull(flatDemand, "flatDemand");
        Objects.requireNonNull(demandWindowMinutes, "demandWindowMinutes");
        Objects.requireNonNull(fixedChargeFirstMeter, "fixedChargeFirstMeter");
        Objects.requireNonNull(fixedChargeAdditionalMeter, "fixedChargeAdditionalMeter");
        minimumCharges = List.copyOf(minimumCharges);
        Objects.requireNonNull(useNetMetering, "useNetMetering");
        Objects.requireNonNull(dgRule, "dgRule");
        roundings = List.copyOf(roundings);
        comments = List.copyOf(comments);
    }

    /**
     * Where the rate starts pricing in a zone. URDB records no zone and stores a date as the instant 00:00 UTC of the
     * day it means (FPL RS-1's 2015-06-01 is 1433116800, 2015-06-01T00:00:00Z), so the day is the startdate's UTC
     * date, and it starts at that day's local midnight: in Florida 2015-06-01 00:00 EDT, four hours after the
     * startdate; in Berlin 2015-06-01 00:00 CEST, two hours before it. Moving the startdate on to the next local
     * midnight instead, as ingest did, lost the day the rate names east of UTC, where 00:00 UTC is already morning.
     * Where the day begins in a daylight-saving gap (Beirut's 2015-03-29, whose clocks went from 00:00 to 01:00), it
     * starts at the day's first local time.
     *
     * @param zone the utility's zone.
     * @return the first instant of the startdate's calendar day in {@code zone}; empty when the rate has no
     *         startdate.
     */
    public Optional<Instant> startsPricingIn(final ZoneId zone)
    {
        return startDate.map((start) -> LocalDate.ofInstant(start, ZoneOffset.UTC).atStartOfDay(zone).toInstant());
    }

    /**
     * The earliest instant a reading, a bill's range or a recorded tariff start may begin at under the rate: the
     * earlier of {@link #startsPricingIn} and the startdate itself. West of UTC the startdate is the earlier, and
     * journals written before the start moved to the local midnight began there, which must still map; east of UTC
     * the local midnight is, and a reading at 00:30 on the startdate's day is the rate's, not before it.
     *
     * @param zone the utility's zone.
     * @return the earliest start; empty when the rate has no startdate.
     */
    public Optional<Instant> earliestStartIn(final ZoneId zone)
    {
        return startDate.map((start) ->
        {
            final Instant midnight = startsPricingIn(zone).orElseThrow();
            return midnight.isBefore(start) ? midnight : start;
        });
    }

    /**
     * @return the label, or the empty string when the rate has none; what error messages cite.
     */
    public String labelOrEmpty()
    {
        return label.orElse("");
    }
}
