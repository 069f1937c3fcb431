package org.gridsettle.pricing.importer.urdb;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Decides, for each top-level field of a URDB rate, whether it is descriptive, read by the importer, or a charge the
 * importer cannot price; refuses the last kind by name, and refuses fields it does not know, because an unknown field
 * may change the price.
 * <p>
 * Stateless and thread-safe.
 */
final class UrdbFieldPolicy
{
    /** Descriptive fields: they say what the rate is and who it applies to, never what it charges. */
    static final Set<String> DESCRIPTIVE = Set.of(
        "uri", "eiaid", "sector", "description", "source", "sourceparent", "approved", "is_default", "country",
        "supersedes", "supercedes", "revisions", "servicetype", "voltagecategory", "phasewiring",
        "peakkwcapacitymin", "peakkwcapacitymax", "peakkwcapacityhistory", "peakkwhusagemin", "peakkwhusagemax",
        "peakkwhusagehistory", "voltageminimum", "voltagemaximum", "energycomments", "demandcomments",
        "basicinformationcomments");

    /** Fields the rate parser reads into {@link UrdbRate}. */
    static final Set<String> READ = Set.of(
        "label", "name", "utility", "startdate", "enddate",
        "energyratestructure", "energyweekdayschedule", "energyweekendschedule",
        "demandratestructure", "demandweekdayschedule", "demandweekendschedule",
        "flatdemandstructure", "flatdemandmonths", "demandwindow", "demandrateunit", "flatdemandunit", "demandunits",
        "fixedchargefirstmeter", "fixedmonthlycharge", "fixedchargeunits", "fixedchargeeaaddl",
        "mincharge", "minchargeunits", "minmonthlycharge", "annualmincharge", "usenetmetering", "dgrules");

    /**
     * Fields that only qualify a refused charge: inert unless that charge is present, and then the charge itself is
     * the field refused.
     */
    static final Set<String> COMPANIONS = Set.of("lookbackrange", "lookbackmonths", "coincidentrateunit");

    /** Fields this importer refuses by name when they charge something: they are URDB's all the same. */
    static final Set<String> REFUSED = Set.of(
        "coincidentratestructure", "coincidentrateschedule", "energyattrs", "demandattrs", "fixedattrs",
        "lookbackpercent", "demandratchetpercentage", "demandreactivepowercharge", "fueladjustmentsmonthly");

    private UrdbFieldPolicy()
    {
    }

    /**
     * @param item a JSON object read as a rate.
     * @return a problem when it has fields and none of them is a URDB rate's: a document of another kind (a carbon
     *         intensity response, an OpenADR or Green Button file converted to JSON) given as a tariff, which would
     *         otherwise be refused as a rate with unknown fields; null otherwise.
     */
    static String notARate(final JsonNode item)
    {
        final List<String> names = new ArrayList<>();
        for (final Iterator<String> it = item.fieldNames(); it.hasNext(); )
        {
            final String name = it.next();
            if (DESCRIPTIVE.contains(name) || READ.contains(name) || COMPANIONS.contains(name) ||
                REFUSED.contains(name))
            {
                return null;
            }
            names.add(UrdbValueReader.quote(name));
        }
        if (names.isEmpty())
        {
            return null;
        }
        final int shown = Math.min(names.size(), 5);
        return "not a URDB rate: none of its fields (" + String.join(", ", names.subList(0, shown)) +
            (names.size() > shown ? ", ..." : "") + ") is one a URDB rate has, such as energyratestructure, " +
            "fixedmonthlycharge or label; expected OpenEI URDB JSON, one rate object or {\"items\": [...]}";
    }

    /**
     * Logs a problem for every field of the rate that is unknown or a charge this importer cannot price.
     *
     * @param item   the rate object.
     * @param reader receives problems.
     */
    static void check(final JsonNode item, final UrdbValueReader reader)
    {
        for (final Iterator<String> names = item.fieldNames(); names.hasNext(); )
        {
            final String field = names.next();
            final JsonNode value = item.get(field);
            if (DESCRIPTIVE.contains(field) || READ.contains(field) || COMPANIONS.contains(field) ||
                UrdbValueReader.isAbsent(value))
            {
                continue;
            }
            switch (field)
            {
                case "coincidentratestructure", "coincidentrateschedule" ->
                    refuseUnlessEmpty(value, field, "coincident demand charges are not supported", reader);
                case "energyattrs", "demandattrs", "fixedattrs" -> refuseAttributes(value, field, reader);
                case "lookbackpercent" -> refuseLookback(value, reader);
                case "demandratchetpercentage" ->
                    refuseUnlessZero(value, field, "demand ratchets are not supported", reader);
                case "demandreactivepowercharge" ->
                    refuseUnlessZero(value, field, "reactive power charges are not supported", reader);
                case "fueladjustmentsmonthly" ->
                    refuseUnlessZero(value, field, "monthly fuel adjustments are not supported", reader);
                default -> reader.log().add(
                    UrdbValueReader.fieldName(field), "unknown URDB field; cannot tell whether it changes the price");
            }
        }
    }

    private static void refuseUnlessEmpty(
        final JsonNode value, final String field, final String reason, final UrdbValueReader reader)
    {
        if (!(value.isContainerNode() && value.isEmpty()))
        {
            reader.log().add(field, reason);
        }
    }

    /**
     * URDB attributes are free text ("Voltage discount: 3% above 12 kV") that only a person can apply.
     */
    private static void refuseAttributes(final JsonNode value, final String field, final UrdbValueReader reader)
    {
        if (value.isContainerNode() && value.isEmpty())
        {
            return;
        }
        final JsonNode first = value.isArray() ? value.get(0) : value;
        final String example = first != null && first.isObject() && first.fieldNames().hasNext() ?
            ", first " + UrdbValueReader.quote(first.fieldNames().next()) : "";
        reader.log().add(field, (value.isArray() ? value.size() : 1) +
            " free-text attribute(s) cannot be interpreted" + example);
    }

    private static void refuseLookback(final JsonNode value, final UrdbValueReader reader)
    {
        final BigDecimal percent = reader.decimal(value, "lookbackpercent");
        if (percent != null && percent.signum() != 0)
        {
            reader.log().add("lookbackpercent", "lookback demand (" + percent +
                " of past peaks sets the billed demand) is not supported");
        }
    }

    private static void refuseUnlessZero(
        final JsonNode value, final String field, final String reason, final UrdbValueReader reader)
    {
        final int problemsBefore = reader.log().size();
        if (anyNonZero(value, field, reader) && reader.log().size() == problemsBefore)
        {
            reader.log().add(field, reason);
        }
    }

    private static boolean anyNonZero(final JsonNode value, final String field, final UrdbValueReader reader)
    {
        if (value.isArray())
        {
            boolean nonZero = false;
            for (int i = 0; i < value.size(); i++)
            {
                nonZero |= anyNonZero(value.get(i), field + "[" + i + "]", reader);
            }
            return nonZero;
        }
        if (UrdbValueReader.isAbsent(value))
        {
            return false;
        }
        final BigDecimal number = reader.decimal(value, field);
        return number != null && number.signum() != 0;
    }
}
