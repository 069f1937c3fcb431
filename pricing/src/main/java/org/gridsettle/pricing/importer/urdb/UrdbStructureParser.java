package org.gridsettle.pricing.importer.urdb;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads URDB rate structures (periods x tiers): {@code energyratestructure}, {@code demandratestructure} and
 * {@code flatdemandstructure}, converting every rate and bound to integer units.
 * <p>
 * Stateless and thread-safe.
 */
final class UrdbStructureParser
{
    /** Period indexes must fit the byte schedules of {@link org.gridsettle.pricing.tariff.TouTariff}. */
    static final int MAX_PERIODS = 127;
    /** Far above any published block rate; bounds the work a hostile document can ask for. */
    static final int MAX_TIERS = 64;

    private static final Set<String> ENERGY_TIER_KEYS = Set.of("rate", "adj", "max", "unit", "sell");
    private static final Set<String> DEMAND_TIER_KEYS = Set.of("rate", "adj", "max", "unit");

    private UrdbStructureParser()
    {
    }

    /**
     * @param node the {@code energyratestructure} node, present.
     * @return tiers per period, or empty after logging problems.
     */
    static Optional<List<List<UrdbEnergyTier>>> energy(final JsonNode node, final UrdbValueReader reader)
    {
        final Optional<List<List<UrdbEnergyTier>>> periods = periods(
            node, "energyratestructure", ENERGY_TIER_KEYS, UrdbStructureParser::energyTier, UrdbEnergyTier::maxWh,
            "kWh", reader);
        if (periods.isPresent())
        {
            for (int p = 0; p < periods.get().size(); p++)
            {
                if (mixesDailyAndMonthlyBounds(periods.get().get(p)))
                {
                    reader.log().add("energyratestructure[" + p + "]",
                        "mixes \"kWh\" and \"kWh daily\" tier bounds; no single reading");
                    return Optional.empty();
                }
            }
        }
        return periods;
    }

    private static boolean mixesDailyAndMonthlyBounds(final List<UrdbEnergyTier> tiers)
    {
        boolean daily = false;
        boolean monthly = false;
        for (final UrdbEnergyTier tier : tiers)
        {
            if (tier.maxWh().isPresent())
            {
                daily |= tier.daily();
                monthly |= !tier.daily();
            }
        }
        return daily && monthly;
    }

    /**
     * @param node  a {@code demandratestructure} or {@code flatdemandstructure} node, present.
     * @param field which of the two.
     * @return tiers per period, or empty after logging problems.
     */
    static Optional<List<List<UrdbDemandTier>>> demand(
        final JsonNode node, final String field, final UrdbValueReader reader)
    {
        return periods(
            node, field, DEMAND_TIER_KEYS, UrdbStructureParser::demandTier, UrdbDemandTier::maxW, "kW", reader);
    }

    private static <T> Optional<List<List<T>>> periods(
        final JsonNode node,
        final String field,
        final Set<String> tierKeys,
        final TierReader<T> tierReader,
        final Function<T, OptionalLong> maxOf,
        final String boundUnit,
        final UrdbValueReader reader)
    {
        final UrdbProblemLog log = reader.log();
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_PERIODS)
        {
            log.add(field, "expected 1.." + MAX_PERIODS + " periods of tiers, got " + UrdbValueReader.describe(node));
            return Optional.empty();
        }
        final int problemsBefore = log.size();
        final List<List<T>> periods = new ArrayList<>(node.size());
        for (int p = 0; p < node.size(); p++)
        {
            final String periodPath = field + "[" + p + "]";
            final JsonNode period = node.get(p);
            if (!period.isArray() || period.isEmpty() || period.size() > MAX_TIERS)
            {
                log.add(periodPath, "expected 1.." + MAX_TIERS + " tiers, got " + UrdbValueReader.describe(period));
                continue;
            }
            final List<T> tiers = new ArrayList<>(period.size());
            for (int t = 0; t < period.size(); t++)
            {
                final String tierPath = periodPath + "[" + t + "]";
                final JsonNode tier = period.get(t);
                if (!tier.isObject())
                {
                    log.add(tierPath, "expected a tier object, got " + UrdbValueReader.describe(tier));
                    continue;
                }
                final int tierProblemsBefore = log.size();
                for (final Iterator<String> names = tier.fieldNames(); names.hasNext(); )
                {
                    final String name = names.next();
                    if (!tierKeys.contains(name))
                    {
                        log.add(tierPath + "." + UrdbValueReader.fieldName(name),
                            "unknown tier field; cannot tell whether it changes the price");
                    }
                }
                final T parsed = tierReader.read(tier, tierPath, reader);
                if (parsed != null && log.size() == tierProblemsBefore)
                {
                    tiers.add(parsed);
                }
            }
            if (tiers.size() == period.size())
            {
                checkBoundsRise(tiers, maxOf, boundUnit, periodPath, log);
            }
            periods.add(tiers);
        }
        return log.size() == problemsBefore ? Optional.of(periods) : Optional.empty();
    }

    /**
     * URDB tier bounds are cumulative: each tier but the last needs a bound above the one before, or a later tier
     * could never apply and the structure has no single reading. The bounds are named in the file's unit, kWh or kW,
     * not in the Wh or W they were converted to, which the file holds nowhere.
     */
    private static <T> void checkBoundsRise(
        final List<T> tiers,
        final Function<T, OptionalLong> maxOf,
        final String boundUnit,
        final String periodPath,
        final UrdbProblemLog log)
    {
        long previous = 0;
        for (int t = 0; t < tiers.size() - 1; t++)
        {
            final OptionalLong max = maxOf.apply(tiers.get(t));
            if (max.isEmpty())
            {
                log.add(periodPath + "[" + t + "].max", "missing, but tier " + (t + 1) + " follows");
                return;
            }
            if (max.getAsLong() <= previous)
            {
                log.add(periodPath + "[" + t + "].max", "tier bounds must rise: " +
                    inFileUnit(max.getAsLong(), boundUnit) + " after " + inFileUnit(previous, boundUnit));
                return;
            }
            previous = max.getAsLong();
        }
        final OptionalLong lastMax = maxOf.apply(tiers.get(tiers.size() - 1));
        if (tiers.size() > 1 && lastMax.isPresent() && lastMax.getAsLong() <= previous)
        {
            log.add(periodPath + "[" + (tiers.size() - 1) + "].max", "tier bounds must rise: " +
                inFileUnit(lastMax.getAsLong(), boundUnit) + " after " + inFileUnit(previous, boundUnit));
        }
    }

    /**
     * @param milli a bound in thousandths of {@code unit} (Wh of a kWh bound, W of a kW one).
     * @return it as the file writes it, in {@code unit}: 100000 Wh is "100 kWh", 500 W "0.5 kW".
     */
    private static String inFileUnit(final long milli, final String unit)
    {
        return BigDecimal.valueOf(milli, 3).stripTrailingZeros().toPlainString() + " " + unit;
    }

    private static UrdbEnergyTier energyTier(final JsonNode tier, final String path, final UrdbValueReader reader)
    {
        final BigDecimal charge = rateWithAdjustment(tier, path, reader);
        final OptionalLong micros = charge == null ?
            OptionalLong.empty() : reader.micros(charge, path, "rate+adj", "$/kWh");
        final BigDecimal sellRate = optionalDecimal(tier, "sell", path, reader);
        final OptionalLong sell = sellRate == null ?
            OptionalLong.empty() : reader.micros(sellRate, path + ".sell", "sell", "$/kWh");
        final boolean daily = isDailyEnergyUnit(tier, path, reader);
        final OptionalLong maxWh = bound(tier, path, "kWh", "Wh", reader);
        return micros.isPresent() ? new UrdbEnergyTier(micros.getAsLong(), sell, maxWh, daily) : null;
    }

    /**
     * @return true for "kWh daily"; false for "kWh" or no unit; logs a problem for any other unit, and for a bound
     * without a unit, since it could be monthly or daily.
     */
    private static boolean isDailyEnergyUnit(final JsonNode tier, final String path, final UrdbValueReader reader)
    {
        final JsonNode unitNode = tier.get("unit");
        if (UrdbValueReader.isAbsent(unitNode))
        {
            if (!UrdbValueReader.isAbsent(tier.get("max")))
            {
                reader.log().add(path + ".unit", "missing: cannot tell whether max bounds monthly or daily kWh");
            }
            return false;
        }
        final Optional<String> unit = reader.text(unitNode, path + ".unit");
        if (unit.isEmpty() || "kWh".equals(unit.get()))
        {
            return false;
        }
        if ("kWh daily".equals(unit.get()))
        {
            return true;
        }
        if ("kWh/kW".equals(unit.get()) || "kWh/kW daily".equals(unit.get()))
        {
            reader.log().add(path + ".unit", "\"" + unit.get() +
                "\" tiers scale with the customer's demand; not supported");
        }
        else
        {
            reader.log().add(path + ".unit", "unknown energy tier unit " + UrdbValueReader.quote(unit.get()));
        }
        return false;
    }

    private static UrdbDemandTier demandTier(final JsonNode tier, final String path, final UrdbValueReader reader)
    {
        final BigDecimal charge = rateWithAdjustment(tier, path, reader);
        final OptionalLong micros = charge == null ?
            OptionalLong.empty() : reader.micros(charge, path, "rate+adj", "$/kW");
        final JsonNode unitNode = tier.get("unit");
        if (!UrdbValueReader.isAbsent(unitNode))
        {
            final Optional<String> unit = reader.text(unitNode, path + ".unit");
            if (unit.isPresent() && !"kW".equals(unit.get()))
            {
                reader.log().add(path + ".unit", "only kW demand tiers are supported, got " +
                    UrdbValueReader.quote(unit.get()));
            }
        }
        final OptionalLong maxW = bound(tier, path, "kW", "W", reader);
        return micros.isPresent() ? new UrdbDemandTier(micros.getAsLong(), maxW) : null;
    }

    private static OptionalLong bound(
        final JsonNode tier, final String path, final String unit, final String milliUnit, final UrdbValueReader reader)
    {
        final BigDecimal max = optionalDecimal(tier, "max", path, reader);
        return max == null ? OptionalLong.empty() : reader.positiveMillis(max, path + ".max", unit, milliUnit);
    }

    /**
     * Summed as exact decimals so that one rounding, at most, happens on the way to micro-units.
     */
    private static BigDecimal rateWithAdjustment(final JsonNode tier, final String path, final UrdbValueReader reader)
    {
        if (UrdbValueReader.isAbsent(tier.get("rate")))
        {
            reader.log().add(path + ".rate", "missing");
            return null;
        }
        final BigDecimal rate = reader.decimal(tier.get("rate"), path + ".rate");
        // An absent adjustment is no adjustment: that is URDB's meaning, not a guess.
        final BigDecimal adj = UrdbValueReader.isAbsent(tier.get("adj")) ?
            BigDecimal.ZERO : reader.decimal(tier.get("adj"), path + ".adj");
        return rate == null || adj == null ? null : rate.add(adj);
    }

    /**
     * @return the decimal, or null when the key is absent or after logging a problem.
     */
    private static BigDecimal optionalDecimal(
        final JsonNode tier, final String key, final String path, final UrdbValueReader reader)
    {
        final JsonNode node = tier.get(key);
        return UrdbValueReader.isAbsent(node) ? null : reader.decimal(node, path + "." + key);
    }

    /**
     * Reads one tier object; returns null or logs problems when it cannot.
     */
    @FunctionalInterface
    private interface TierReader<T>
    {
        T read(JsonNode tier, String path, UrdbValueReader reader);
    }
}
