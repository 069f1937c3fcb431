package org.gridsettle.pricing.importer.urdb;

import org.gridsettle.pricing.money.MicroUnits;

/**
 * Maps the first-meter fixed charge of a URDB rate ({@code fixedchargefirstmeter} or {@code fixedmonthlycharge})
 * onto {@link org.gridsettle.pricing.tariff.TouTariff#withFixedCharges}: "$/day" becomes the daily charge, "$/month"
 * the charge per billing period, and "$/year" is refused, because the tariff levies nothing yearly.
 * <p>
 * A non-zero additional-meter charge ({@code fixedchargeeaaddl}) is refused, because gridsettle has one meter per
 * enrolment; so is a non-zero minimum charge ({@code mincharge}, {@code minmonthlycharge}, {@code annualmincharge}),
 * because gridsettle has no minimum-bill logic. A zero charge is no charge and maps as nothing.
 * <p>
 * Stateless and thread-safe.
 */
final class UrdbFixedChargeMapper
{
    private UrdbFixedChargeMapper()
    {
    }

    /**
     * @param rate the rate.
     * @param log  receives every problem found.
     * @return the fixed charges; all zero when there are none or after logging problems.
     */
    static FixedCharges map(final UrdbRate rate, final UrdbProblemLog log)
    {
        FixedCharges fixed = FixedCharges.NONE;
        if (rate.fixedChargeFirstMeter().isPresent())
        {
            fixed = firstMeter(rate.fixedChargeFirstMeter().get(), log);
        }
        rate.fixedChargeAdditionalMeter().ifPresent((charge) -> refuseUnlessZero(
            charge, "for each additional meter: gridsettle prices one meter per enrolment", log));
        for (final UrdbCharge minimum : rate.minimumCharges())
        {
            refuseUnlessZero(minimum, "minimum charge: gridsettle has no minimum-bill logic", log);
        }
        return fixed;
    }

    private static FixedCharges firstMeter(final UrdbCharge charge, final UrdbProblemLog log)
    {
        if (charge.micros() < 0)
        {
            log.add(charge.field(), describe(charge) + " is a credit; TouTariff fixed charges are not negative");
            return FixedCharges.NONE;
        }
        return switch (charge.unit())
        {
            case PER_DAY -> new FixedCharges(charge.micros(), 0);
            case PER_MONTH -> new FixedCharges(0, charge.micros());
            case PER_YEAR ->
            {
                if (charge.micros() != 0)
                {
                    log.add(charge.field(), describe(charge) + ": TouTariff levies fixed charges per day or per " +
                        "billing period, not per year");
                }
                yield FixedCharges.NONE;
            }
        };
    }

    private static void refuseUnlessZero(final UrdbCharge charge, final String reason, final UrdbProblemLog log)
    {
        if (charge.micros() != 0)
        {
            log.add(charge.field(), describe(charge) + " " + reason);
        }
    }

    private static String describe(final UrdbCharge charge)
    {
        return MicroUnits.toDecimalString(charge.micros()) + " " + charge.unit().urdbText();
    }

    /**
     * Fixed charges ready for {@link org.gridsettle.pricing.tariff.TouTariff#withFixedCharges}.
     *
     * @param perDay   micro-units per day.
     * @param perMonth micro-units per billing period.
     */
    record FixedCharges(long perDay, long perMonth)
    {
        static final FixedCharges NONE = new FixedCharges(0, 0);
    }
}
