package org.gridsettle.pricing.importer.urdb;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridsettle.pricing.money.MicroUnits;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the fixed and minimum charges of a URDB rate with the period each is levied per.
 * <p>
 * Stateless and thread-safe.
 */
final class UrdbChargeParser
{
    private UrdbChargeParser()
    {
    }

    /**
     * {@code fixedchargefirstmeter} with {@code fixedchargeunits}, or the older {@code fixedmonthlycharge} (the FPL
     * sample's form), and {@code fixedchargeeaaddl}, levied per additional meter. When both first-meter forms are
     * given they must agree.
     *
     * @return the charges given; each empty when there is none or after logging problems.
     */
    static FixedCharges fixed(final JsonNode item, final UrdbValueReader reader)
    {
        final Optional<UrdbChargeUnit> unit = unit(item, "fixedchargeunits", reader);
        final Optional<UrdbCharge> additional = charge(item, "fixedchargeeaaddl", unit, "fixedchargeunits", reader);
        final Optional<UrdbCharge> first = charge(item, "fixedchargefirstmeter", unit, "fixedchargeunits", reader);
        final Optional<UrdbCharge> monthly = charge(
            item, "fixedmonthlycharge", Optional.of(UrdbChargeUnit.PER_MONTH), "", reader);
        if (first.isPresent() && monthly.isPresent())
        {
            if (first.get().micros() != monthly.get().micros() || first.get().unit() != monthly.get().unit())
            {
                reader.log().add("fixedchargefirstmeter", "disagrees with fixedmonthlycharge: " +
                    describe(first.get()) + " against " + describe(monthly.get()));
                reader.log().add("fixedmonthlycharge", "disagrees with fixedchargefirstmeter");
                return new FixedCharges(Optional.empty(), additional);
            }
            return new FixedCharges(first, additional);
        }
        return new FixedCharges(first.isPresent() ? first : monthly, additional);
    }

    /**
     * URDB has kept three spellings of a minimum bill over the years; each one given is kept as it is.
     *
     * @return the minimum charges given, possibly none.
     */
    static List<UrdbCharge> minimums(final JsonNode item, final UrdbValueReader reader)
    {
        final List<UrdbCharge> minimums = new ArrayList<>(3);
        charge(item, "mincharge", unit(item, "minchargeunits", reader), "minchargeunits", reader)
            .ifPresent(minimums::add);
        charge(item, "minmonthlycharge", Optional.of(UrdbChargeUnit.PER_MONTH), "", reader).ifPresent(minimums::add);
        charge(item, "annualmincharge", Optional.of(UrdbChargeUnit.PER_YEAR), "", reader).ifPresent(minimums::add);
        return minimums;
    }

    private static Optional<UrdbChargeUnit> unit(
        final JsonNode item, final String unitsField, final UrdbValueReader reader)
    {
        final JsonNode node = item.get(unitsField);
        if (UrdbValueReader.isAbsent(node))
        {
            return Optional.empty();
        }
        final Optional<String> text = reader.text(node, unitsField);
        if (text.isEmpty())
        {
            return Optional.empty();
        }
        final Optional<UrdbChargeUnit> unit = UrdbChargeUnit.fromUrdb(text.get());
        if (unit.isEmpty())
        {
            reader.log().add(unitsField, "unknown charge unit " + UrdbValueReader.quote(text.get()) +
                "; known: $/day, $/month, $/year");
        }
        return unit;
    }

    private static Optional<UrdbCharge> charge(
        final JsonNode item,
        final String field,
        final Optional<UrdbChargeUnit> unit,
        final String unitsField,
        final UrdbValueReader reader)
    {
        final JsonNode node = item.get(field);
        if (UrdbValueReader.isAbsent(node))
        {
            return Optional.empty();
        }
        final BigDecimal amount = reader.decimal(node, field);
        if (amount == null)
        {
            return Optional.empty();
        }
        if (unit.isEmpty())
        {
            // A zero charge per any period is no charge; any other amount without its period has no single reading.
            if (amount.signum() != 0 && UrdbValueReader.isAbsent(item.get(unitsField)))
            {
                reader.log().add(unitsField, "missing: cannot tell whether " + field + " " + amount +
                    " is per day, month or year");
            }
            return Optional.empty();
        }
        final OptionalLong micros = reader.micros(amount, field, "charge", unit.get().urdbText());
        return micros.isPresent() ?
            Optional.of(new UrdbCharge(field, micros.getAsLong(), unit.get())) : Optional.empty();
    }

    private static String describe(final UrdbCharge charge)
    {
        return MicroUnits.toDecimalString(charge.micros()) + " " + charge.unit().urdbText();
    }

    /**
     * The fixed charges of one rate.
     *
     * @param firstMeter      charge for the first (or only) meter.
     * @param additionalMeter charge for each further meter.
     */
    record FixedCharges(Optional<UrdbCharge> firstMeter, Optional<UrdbCharge> additionalMeter)
    {
    }
}
