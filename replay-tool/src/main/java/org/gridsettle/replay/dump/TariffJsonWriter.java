package org.gridsettle.replay.dump;

import com.fasterxml.jackson.core.JsonGenerator;
import org.gridsettle.pricing.tariff.DayType;
import org.gridsettle.pricing.tariff.DemandTiers;
import org.gridsettle.pricing.tariff.TierTable;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Writes the body of a decoded tariff version as JSON fields: its identity, zone and tokens, fixed charges, the
 * period table with rates per kWh, the schedule as one object per month with a period index per slot for each day
 * type, and the holidays as ISO dates. A tariff with a demand schedule also has {@code demandPeriods} (index, name,
 * rate per kW) and {@code demandSchedule}, shaped as {@code schedule}; its periods then carry no {@code demandPerKw},
 * and the demand tiers' {@code perPeriodPerKw} are per demand period.
 * <p>
 * Tariff records are rare, so this works on the decoded {@link TouTariff} rather than on the flyweight.
 * Not thread-safe: one per generator.
 */
final class TariffJsonWriter
{
    private final JsonFields fields;

    TariffJsonWriter(final JsonFields fields)
    {
        this.fields = fields;
    }

    void write(final TouTariff tariff) throws IOException
    {
        fields.number("tariffId", tariff.tariffId());
        fields.number("version", tariff.version());
        fields.time("effectiveFrom", tariff.effectiveFromEpochSecond());
        fields.text("zone", tariff.zone().getId());
        fields.text("token", tariff.token());
        fields.text("exportToken", tariff.exportToken());
        fields.number("slotMinutes", tariff.slotMinutes());
        fields.amount("fixedPerDay", tariff.fixedMicrosPerDay());
        fields.amount("fixedPerMonth", tariff.fixedMicrosPerMonth());
        fields.text("exportRule", tariff.exportRule().name());
        fields.rate("netSurplusRate", tariff.netSurplusMicrosPerKwh());
        fields.text("exportRateSource", tariff.exportRateSource().name());
        if (tariff.oraclePricedExports())
        {
            fields.number("oracleCarryIntervals", tariff.oracleCarryIntervals());
            fields.text("negativePrices", tariff.negativePriceRule().name());
        }
        fields.number("billingCycleDay", tariff.billingCycleDay());
        fields.amount("flatDemandPerKw", tariff.flatDemandMicrosPerKw());
        fields.amount("carbonAdderPerKg", tariff.carbonAdderMicrosPerKg());
        fields.amount("carbonCreditPerKg", tariff.carbonCreditMicrosPerKg());
        fields.number("carbonCarryIntervals", tariff.carbonCarryIntervals());
        periods(tariff);
        tiers(tariff);
        demandTiers(tariff);
        demandPeriods(tariff);
        schedule("schedule", tariff.scheduleCopy(), tariff);
        if (tariff.hasDemandSchedule())
        {
            schedule("demandSchedule", tariff.demandScheduleCopy(), tariff);
        }
        holidays(tariff);
    }

    private void demandPeriods(final TouTariff tariff) throws IOException
    {
        if (!tariff.hasDemandSchedule())
        {
            return;
        }
        final JsonGenerator json = fields.generator();
        json.writeArrayFieldStart("demandPeriods");
        for (int i = 0; i < tariff.demandPeriodCount(); i++)
        {
            json.writeStartObject();
            fields.number("index", i);
            fields.text("name", tariff.demandPeriodName(i));
            fields.amount("demandPerKw", tariff.touDemandMicrosPerKw(i));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void periods(final TouTariff tariff) throws IOException
    {
        final JsonGenerator json = fields.generator();
        json.writeArrayFieldStart("periods");
        for (int i = 0; i < tariff.periodCount(); i++)
        {
            final TouPeriod period = tariff.period(i);
            json.writeStartObject();
            fields.number("index", i);
            fields.text("name", period.name());
            fields.rate("importRate", period.importMicrosPerKwh());
            fields.rate("exportRate", period.exportMicrosPerKwh());
            if (!tariff.hasDemandSchedule())
            {
                // with a demand schedule the demand rates are the demand periods', not these periods'
                fields.amount("demandPerKw", tariff.touDemandMicrosPerKw(i));
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void demandTiers(final TouTariff tariff) throws IOException
    {
        final DemandTiers tiers = tariff.demandTiers();
        if (tiers == null)
        {
            return;
        }
        final JsonGenerator json = fields.generator();
        json.writeArrayFieldStart("demandTiers");
        for (int t = 0; t < tiers.tierCount(); t++)
        {
            json.writeStartObject();
            fields.number("tier", t);
            if (tiers.upToW(t) != Long.MAX_VALUE)
            {
                fields.number("upToW", tiers.upToW(t));
            }
            fields.amount("flatPerKw", tiers.flatRate(t));
            json.writeArrayFieldStart("perPeriodPerKw");
            for (int p = 0; p < tiers.periodCount(); p++)
            {
                json.writeString(org.gridsettle.pricing.money.MicroUnits.toDecimalString(tiers.periodRate(p, t)));
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void tiers(final TouTariff tariff) throws IOException
    {
        final TierTable tiers = tariff.tiers();
        if (tiers == null)
        {
            return;
        }
        final JsonGenerator json = fields.generator();
        json.writeObjectFieldStart("tiers");
        fields.text("basis", tiers.basis().name());
        json.writeArrayFieldStart("tiers");
        for (int t = 0; t < tiers.tierCount(); t++)
        {
            json.writeStartObject();
            fields.number("tier", t);
            if (tiers.upToWh(t) != Long.MAX_VALUE)
            {
                fields.energy("upTo", tiers.upToWh(t));
            }
            json.writeArrayFieldStart("importRates");
            for (int p = 0; p < tiers.periodCount(); p++)
            {
                json.writeString(org.gridsettle.pricing.money.MicroUnits.toDecimalString(tiers.importRate(p, t)));
            }
            json.writeEndArray();
            json.writeArrayFieldStart("exportRates");
            for (int p = 0; p < tiers.periodCount(); p++)
            {
                json.writeString(org.gridsettle.pricing.money.MicroUnits.toDecimalString(tiers.exportRate(p, t)));
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void schedule(final String name, final byte[] schedule, final TouTariff tariff) throws IOException
    {
        // the journalled table is [month][day type][slot]; one object per month keeps a line readable with jq
        final JsonGenerator json = fields.generator();
        final int slotsPerDay = 1440 / tariff.slotMinutes();
        final DayType[] dayTypes = DayType.values();
        json.writeArrayFieldStart(name);
        for (int month = 0; month < 12; month++)
        {
            json.writeStartObject();
            fields.number("month", month + 1);
            for (final DayType dayType : dayTypes)
            {
                json.writeArrayFieldStart(dayType.name().toLowerCase(Locale.ROOT));
                final int from = (month * dayTypes.length + dayType.ordinal()) * slotsPerDay;
                for (int slot = 0; slot < slotsPerDay; slot++)
                {
                    json.writeNumber(schedule[from + slot]);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void holidays(final TouTariff tariff) throws IOException
    {
        final JsonGenerator json = fields.generator();
        json.writeArrayFieldStart("holidays");
        for (final long epochDay : tariff.holidayEpochDaysCopy())
        {
            if (JsonFields.isoDate(epochDay))
            {
                json.writeString(LocalDate.ofEpochDay(epochDay).toString());
            }
            else
            {
                json.writeNumber(epochDay);
            }
        }
        json.writeEndArray();
    }
}
