package org.gridsettle.engine;

import org.gridsettle.journal.Journals;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.pricing.carbon.CarbonIntensitySeries;
import org.gridsettle.pricing.carbon.IntensitySource;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.oracle.OraclePriceSeries;
import org.gridsettle.pricing.tariff.DemandTiers;
import org.gridsettle.pricing.tariff.NegativePriceRule;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the golden journal that {@link GoldenJournalTest} checks: a small journal with every input and output
 * record type, written once per journal format version and checked in under
 * {@code engine/src/test/resources/golden/vN}. It is run by hand, never by the build (see {@code journal/FORMAT.md},
 * "Golden journal"); it refuses to write into an existing directory, because a checked-in golden journal is
 * evidence that old journals still read, and regenerating it would destroy that evidence.
 * <p>
 * The cycle files are checked in with their trailing zero bytes removed (Chronicle pre-allocates 80 MiB per cycle
 * file and 128 KiB per {@code metadata.cq4t}); every byte removed was zero and Chronicle extends a short file back
 * to its size when it opens it, so nothing is lost.
 * <p>
 * The scenario, with every input's sequence, is listed in {@link #write(SettlementEngine)}; {@link GoldenJournalTest}
 * derives its expected values from it. Single-threaded: a command-line program.
 */
public final class GoldenJournalGenerator
{
    /** Tariff id of the golden tariff. */
    static final long TARIFF = 21;
    /** Zone of the golden tariff. */
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    /** 2026-03-02T00:00 in Los Angeles (a Monday, PST) = 2026-03-02T08:00:00Z = epoch second 1,772,438,400. */
    static final long START = ZonedDateTime.of(2026, 3, 2, 0, 0, 0, 0, ZONE).toEpochSecond();
    /** Local noon on the first day: off-peak. */
    static final long NOON = START + 12 * 3600;
    /** 17:00 local on the first day: peak. */
    static final long FIVE_PM = START + 17 * 3600;
    /** End of the first local day. */
    static final long END_OF_DAY = START + 86_400;

    /** Page size the trimmed files are rounded up to. */
    private static final int PAGE = 4096;

    private GoldenJournalGenerator()
    {
    }

    /**
     * @param args one argument: the golden directory to create, for example
     *             {@code engine/src/test/resources/golden/v2}.
     * @throws IOException if a file cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        if (args.length != 1)
        {
            System.err.println("usage: GoldenJournalGenerator GOLDEN_DIR (a new directory, e.g. .../golden/v2)");
            System.exit(2);
        }
        final Path target = Path.of(args[0]);
        if (Files.exists(target))
        {
            System.err.println(target + " exists: a golden journal is never overwritten; use a new version directory");
            System.exit(2);
        }
        final Path scratch = Files.createTempDirectory("golden-journal");
        final SettlementEngine engine = SettlementEngine.builder().journalDir(scratch).build().start();
        try (engine)
        {
            write(engine);
            // format version 2 adds the market-data and demand-response records after version 1's scenario
            if (!target.getFileName().toString().equals("v1"))
            {
                writeVersion2(engine);
            }
            if (target.getFileName().toString().compareTo("v3") >= 0)
            {
                writeVersion3(engine);
            }
            if (target.getFileName().toString().compareTo("v4") >= 0)
            {
                writeVersion4(engine);
            }
            if (target.getFileName().toString().compareTo("v5") >= 0)
            {
                writeVersion5(engine);
            }
            if (target.getFileName().toString().compareTo("v6") >= 0)
            {
                writeVersion6(engine);
            }
            if (target.getFileName().toString().compareTo("v7") >= 0)
            {
                writeVersion7(engine);
            }
            if (target.getFileName().toString().compareTo("v8") >= 0)
            {
                writeVersion8(engine);
            }
            if (target.getFileName().toString().compareTo("v9") >= 0)
            {
                writeVersion9(engine);
            }
        }
        copyTrimmed(Journals.input(scratch), Journals.input(target));
        copyTrimmed(Journals.output(scratch), Journals.output(target));
        System.out.println("golden journal written to " + target);
        System.out.println("input:  " + engine.counters().inputs() + " records, digest " +
            HashChain.toHex(engine.inputDigest()));
        System.out.println("output: " + engine.counters().outputs() + " records, digest " +
            HashChain.toHex(engine.outputDigest()));
        deleteTree(scratch);
    }

    /**
     * The golden tariff: off-peak and a 16:00-21:00 peak every day, rates chosen so that two energy postings land
     * exactly on half a micro-unit (and so show the half-even rule), fixed charges per day and per period, and one
     * holiday (2026-05-25) so that the holiday list is not empty.
     *
     * @return the tariff.
     */
    static TouTariff tariff()
    {
        final byte[] schedule = new byte[12 * 3 * 24];
        for (int monthAndDayType = 0; monthAndDayType < 12 * 3; monthAndDayType++)
        {
            Arrays.fill(schedule, monthAndDayType * 24 + 16, monthAndDayType * 24 + 21, (byte)1);
        }
        return new TouTariff(TARIFF, 1, START, "USD", "SOLAR", ZONE, 60,
            List.of(new TouPeriod("off-peak", 312_345, 51_235), new TouPeriod("peak", 498_765, 99_875)),
            schedule, new long[]{LocalDate.of(2026, 5, 25).toEpochDay()})
            .withFixedCharges(330_000, 10_000_000);
    }

    /**
     * Submits the golden scenario. Input sequences are assigned in submission order, starting at 1.
     *
     * @param engine a started engine on an empty journal.
     */
    static void write(final SettlementEngine engine)
    {
        final long solar = TokenSymbol.pack("SOLAR");
        engine.publishTariff(tariff());                                             // 1
        engine.registerAccount(1001);                                               // 2
        engine.registerAccount(1002);                                               // 3
        engine.enrolMeter(1, 1001, TARIFF, START);                                  // 4
        engine.enrolMeter(2, 1002, TARIFF, START,
            MeterEnrolmentCodec.PROGRAM_NET_METERING, TokenSymbol.pack("CAISO"));   // 5
        engine.submitTick(1, MeterTickCodec.CHANNEL_MAIN, NOON, 900, 100, 0);       // 6: energy charge
        engine.submitTick(2, MeterTickCodec.CHANNEL_MAIN, NOON, 900, 0, 2_000);     // 7: export credit
        engine.submitTick(1, MeterTickCodec.CHANNEL_MAIN, FIVE_PM, 900, 300, 0);    // 8: peak energy charge
        engine.submitTick(1, MeterTickCodec.CHANNEL_MAIN, NOON, 900, 100, 0);       // 9: exact duplicate
        engine.submitTick(1, MeterTickCodec.CHANNEL_MAIN, NOON, 900, 150, 0);       // 10: conflicting duplicate
        engine.submitCorrection(1, MeterTickCodec.CHANNEL_MAIN, NOON, 900, 150, 0); // 11: correction of 6
        engine.submitTick(1, MeterTickCodec.CHANNEL_MAIN, NOON + 900, 900, -5, 0);  // 12: negative energy
        engine.submitTick(77, MeterTickCodec.CHANNEL_MAIN, NOON, 900, 100, 0);      // 13: unknown meter
        engine.submitTick(2, MeterTickCodec.CHANNEL_MAIN, NOON + 900, 0, 100, 0);   // 14: zero-length interval
        engine.redeem(501, 1002, solar, 40_000);                                    // 15: burn
        engine.redeem(501, 1002, solar, 40_000);                                    // 16: retry
        engine.redeem(502, 1002, solar, 62_471);                                    // 17: one micro-unit too many
        engine.accrueInterest(601, solar, 500, LocalDate.of(2026, 3, 2).toEpochDay()); // 18: 5% APY
        engine.accrueInterest(602, solar, 500, LocalDate.of(2026, 3, 2).toEpochDay()); // 19: same day again
        engine.calendar(CalendarCodec.END_OF_DAY, END_OF_DAY, TARIFF);              // 20: daily fixed charges
        engine.calendar(CalendarCodec.END_OF_DAY, END_OF_DAY, TARIFF);              // 21: retry
        engine.calendar(CalendarCodec.PERIOD_CLOSE, END_OF_DAY, TARIFF);            // 22: period fixed charges
        engine.submitTick(1, MeterTickCodec.CHANNEL_MAIN, NOON + 3600, 900, 100, 0); // 23: closed period
        engine.registerAccount(1001);                                               // 24: already exists
    }

    /** Tariff id of the version-2 tariff: carbon-priced, oracle-priced net billing, on the same TOU schedule. */
    static final long TARIFF_V2 = 22;
    /** Pricing node of the version-2 meter: a real CAISO trading hub's name, longer than 8 characters. */
    static final String NODE = "TH_NP15_GEN-APND";
    /** 17:00 local on the first day: the DR event's start. */
    static final long EVENT = FIVE_PM;

    /**
     * The version-2 tariff: the golden tariff's periods and schedule, a carbon adder of 50,000 and a credit of 40,000
     * micro-units per kg CO2 (missing intensity carried one interval), and exports priced by the oracle at the
     * meter's node (a missing price carried one interval, a negative price credited nothing).
     *
     * @return the tariff.
     */
    static TouTariff tariffV2()
    {
        final TouTariff base = tariff();
        final byte[] schedule = base.scheduleCopy();
        return new TouTariff(TARIFF_V2, 1, START, "USD", "SOLAR", ZONE, 60,
            List.of(base.period(0), base.period(1)), schedule, base.holidayEpochDaysCopy())
            .withCarbon(50_000, 40_000, 1)
            .withOracleExport(1, NegativePriceRule.ZERO_CREDIT);
    }

    /**
     * Version 2's inputs, after version 1's 24 (sequences continue at 25).
     *
     * @param engine the engine version 1's scenario was written to.
     */
    static void writeVersion2(final SettlementEngine engine)
    {
        final long caiso = TokenSymbol.pack("CAISO");
        final int hours = 24;
        final long[] starts = new long[hours];
        final int[] seconds = new int[hours];
        final long[] intensity = new long[hours];
        final byte[] sources = new byte[hours];
        final long[] lmp = new long[hours];
        for (int h = 0; h < hours; h++)
        {
            starts[h] = START + h * 3600L;
            seconds[h] = 3600;
            intensity[h] = 200_000 + h * 1_000;                                  // mg CO2 per kWh
            sources[h] = IntensitySource.ACTUAL;
            lmp[h] = h == 13 ? -5_000_000 : 30_000_000 + h * 500_000;            // micro-units per MWh
        }
        engine.publishTariff(tariffV2());                                         // 25
        engine.registerAccount(1003);                                             // 26
        engine.enrolMeter(3, 1003, TARIFF_V2, START,
            MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE, caiso, NODE);           // 27: schema-2 enrolment
        engine.publishCarbonIntensity(caiso,
            CarbonIntensitySeries.of("CAISO", starts, seconds, intensity, sources)); // 28
        engine.publishOraclePrices(OraclePriceSeries.of(NODE, starts, seconds, lmp)); // 29
        engine.submitTick(3, MeterTickCodec.CHANNEL_MAIN, NOON, 900, 400, 0);     // 30: energy + carbon adder
        engine.submitTick(3, MeterTickCodec.CHANNEL_MAIN, NOON + 900, 900, 0, 1_000); // 31: oracle + carbon credit
        engine.submitTick(3, MeterTickCodec.CHANNEL_MAIN, NOON + 3600, 900, 0, 500);  // 32: negative price: no credit
        engine.publishDrEvent(7001, TokenSymbol.pack("DR"), TARIFF_V2, EVENT, EVENT + 3600, 2_000_000,
            BaselineMethod.DECLARED, 1_000);                                      // 33: declared 1 kWh per hour
        for (int q = 0; q < 4; q++)
        {
            engine.submitTick(3, MeterTickCodec.CHANNEL_MAIN, EVENT + q * 900, 900, 100, 0); // 34-37
        }
        engine.calendar(CalendarCodec.END_OF_DAY, END_OF_DAY, TARIFF_V2);          // 38: settles the DR event
        engine.publishDrEvent(7001, TokenSymbol.pack("DR"), TARIFF_V2, EVENT, EVENT + 3600, 2_000_000,
            BaselineMethod.DECLARED, 1_000);                                      // 39: exact repeat
    }

    /** Tariff id of the version-3 tariff: the golden periods with tiered flat demand. */
    static final long TARIFF_V3 = 23;

    /**
     * The version-3 tariff: the golden tariff's periods and schedule with a tiered flat demand charge, 10.00 per kW
     * up to 2 kW and 15.00 above (a TARIFF_VERSION of schema 4).
     *
     * @return the tariff.
     */
    static TouTariff tariffV3()
    {
        final TouTariff base = tariff();
        return new TouTariff(TARIFF_V3, 1, START, "USD", "SOLAR", ZONE, 60, List.of(base.period(0), base.period(1)),
            base.scheduleCopy(), base.holidayEpochDaysCopy())
            .withDemandTiers(new DemandTiers(new long[] {2_000, Long.MAX_VALUE}, new long[] {10_000_000, 15_000_000},
                new long[0][]));
    }

    /**
     * Version 3's inputs, after version 2's 39 (sequences continue at 40).
     *
     * @param engine the engine versions 1 and 2 were written to.
     */
    static void writeVersion3(final SettlementEngine engine)
    {
        engine.publishTariff(tariffV3());                                         // 40: schema 4
        engine.registerAccount(1004);                                             // 41
        engine.enrolMeter(4, 1004, TARIFF_V3, START);                             // 42
        engine.submitTick(4, MeterTickCodec.CHANNEL_MAIN, NOON, 900, 800, 0);     // 43: 3,200 W
        engine.submitTick(4, MeterTickCodec.CHANNEL_MAIN, NOON + 900, 900, 200, 0); // 44: 800 W
        engine.calendar(CalendarCodec.PERIOD_CLOSE, END_OF_DAY, TARIFF_V3);        // 45: tiered demand
    }

    /** 17:00 local on the second day: the withdrawn event's start. */
    static final long WITHDRAWN_EVENT = EVENT + 86_400;

    /**
     * Version 4's inputs, after version 3's 45 (sequences continue at 46): a DR event withdrawn before its end of day,
     * every answer a withdrawal can get, and an event over the withdrawn one's hours.
     *
     * @param engine the engine versions 1 to 3 were written to.
     */
    static void writeVersion4(final SettlementEngine engine)
    {
        final long dr = TokenSymbol.pack("DR");
        engine.publishDrEvent(7002, dr, TARIFF_V2, WITHDRAWN_EVENT, WITHDRAWN_EVENT + 3600, 2_000_000,
            BaselineMethod.DECLARED, 1_000);                                      // 46: day 2, 17:00-18:00
        engine.withdrawDrEvent(7002, TARIFF_V2);                                  // 47: withdrawn
        engine.withdrawDrEvent(7002, TARIFF_V2);                                  // 48: repeat: duplicate
        engine.withdrawDrEvent(7001, TARIFF_V2);                                  // 49: settled at 38
        engine.withdrawDrEvent(7002, TARIFF);                                     // 50: not the event's tariff
        engine.publishDrEvent(7002, dr, TARIFF_V2, WITHDRAWN_EVENT, WITHDRAWN_EVENT + 3600, 2_000_000,
            BaselineMethod.DECLARED, 1_000);                                      // 51: a withdrawn id again
        engine.publishDrEvent(7003, dr, TARIFF_V2, WITHDRAWN_EVENT, WITHDRAWN_EVENT + 3600, 2_000_000,
            BaselineMethod.DECLARED, 1_000);                                      // 52: the same hours, a new id
        engine.calendar(CalendarCodec.END_OF_DAY, END_OF_DAY + 86_400, TARIFF_V2); // 53: settles 7003 alone
    }

    /** Noon local on the third day, in the billing period after version 1's close. */
    static final long DAY3_NOON = NOON + 2 * 86_400;

    /**
     * Version 5's inputs, after version 4's 53 (sequences continue at 54): an enrolment with reading limits
     * (METER_ENROLMENT schema 3), readings at and above them, and a re-enrolment without limits (schema 2) that
     * clears them.
     *
     * @param engine the engine versions 1 to 4 were written to.
     */
    static void writeVersion5(final SettlementEngine engine)
    {
        engine.registerAccount(1005);                                               // 54
        engine.enrolMeter(5, 1005, TARIFF, START, 0, 0, null, 12_000, 5_000);        // 55: 12 kW in, 5 kW out
        engine.submitTick(5, MeterTickCodec.CHANNEL_MAIN, DAY3_NOON, 900, 3_000, 0); // 56: at the import limit
        engine.submitTick(5, MeterTickCodec.CHANNEL_MAIN, DAY3_NOON + 900, 900, 3_001, 0);   // 57: above it
        engine.submitTick(5, MeterTickCodec.CHANNEL_MAIN, DAY3_NOON + 1800, 900, 0, 1_251);  // 58: export above
        engine.enrolMeter(5, 1005, TARIFF, START);                                  // 59: limits cleared
        engine.submitTick(5, MeterTickCodec.CHANNEL_MAIN, DAY3_NOON + 900, 900, 3_001, 0);   // 60: now priced
    }

    /** 17:00 local on the third day: version 6's first DR event. */
    static final long DAY3_EVENT = EVENT + 2 * 86_400;

    /**
     * Version 6's inputs, after version 5's 60 (sequences continue at 61): a DR event published with an OpenADR
     * modification number (DR_EVENT schema 2), its resend at a higher modification (a duplicate: the engine does not
     * settle by it), a changed copy at a higher one still (a conflict all the same), a second event without a number
     * (schema 1, as every event was written before), a reading in each event hour and the end of day that settles
     * both.
     *
     * @param engine the engine versions 1 to 5 were written to.
     */
    static void writeVersion6(final SettlementEngine engine)
    {
        final long dr = TokenSymbol.pack("DR");
        engine.registerAccount(1006);                                                     // 61
        engine.enrolMeter(6, 1006, TARIFF, START, MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE, 0); // 62
        engine.publishDrEvent(7004, dr, TARIFF, DAY3_EVENT, DAY3_EVENT + 3600, 2_000_000,
            BaselineMethod.DECLARED, 1_000, 3);                                            // 63: modification 3
        engine.publishDrEvent(7004, dr, TARIFF, DAY3_EVENT, DAY3_EVENT + 3600, 2_000_000,
            BaselineMethod.DECLARED, 1_000, 4);                                            // 64: resent at 4
        engine.publishDrEvent(7004, dr, TARIFF, DAY3_EVENT + 3600, DAY3_EVENT + 7200, 2_000_000,
            BaselineMethod.DECLARED, 1_000, 5);                                            // 65: changed, at 5
        engine.publishDrEvent(7005, dr, TARIFF, DAY3_EVENT + 3600, DAY3_EVENT + 7200, 2_000_000,
            BaselineMethod.DECLARED, 1_000);                                               // 66: schema 1
        engine.submitTick(6, MeterTickCodec.CHANNEL_MAIN, DAY3_EVENT, 3600, 400, 0);        // 67: 7004's hour
        engine.submitTick(6, MeterTickCodec.CHANNEL_MAIN, DAY3_EVENT + 3600, 3600, 600, 0); // 68: 7005's hour
        engine.calendar(CalendarCodec.END_OF_DAY, END_OF_DAY + 2 * 86_400, TARIFF);        // 69: settles both
    }

    /** Tariff id of the version-7 tariff: the golden periods with TOU demand by a demand schedule of its own. */
    static final long TARIFF_V7 = 27;
    /** Demand period of the version-7 tariff outside 06:00-12:00: 1.50 per kW. */
    static final int V7_ANYTIME = 0;
    /** Demand period of the version-7 tariff from 06:00 to 12:00 every day: 4.00 per kW. */
    static final int V7_MORNING = 1;

    /**
     * The version-7 tariff: the golden tariff's periods and schedule (off-peak 0, peak 1 from 16:00 to 21:00), and
     * TOU demand by a demand schedule of its own (a TARIFF_VERSION of schema 5): demand period 0 "anytime" outside
     * 06:00-12:00 at 1.50 per kW, 1 "morning" from 06:00 to 12:00 at 4.00 per kW, every day type. So an 11:00 tick
     * is energy period 0 and demand period 1, a 17:00 tick energy period 1 and demand period 0.
     *
     * @return the tariff.
     */
    static TouTariff tariffV7()
    {
        final TouTariff base = tariff();
        final byte[] demand = new byte[12 * 3 * 24];
        for (int monthAndDayType = 0; monthAndDayType < 12 * 3; monthAndDayType++)
        {
            Arrays.fill(demand, monthAndDayType * 24 + 6, monthAndDayType * 24 + 12, (byte)V7_MORNING);
        }
        return new TouTariff(TARIFF_V7, 1, START, "USD", "SOLAR", ZONE, 60, List.of(base.period(0), base.period(1)),
            base.scheduleCopy(), base.holidayEpochDaysCopy())
            .withDemandSchedule(List.of("anytime", "morning"), demand)
            .withDemand(0, new long[] {1_500_000, 4_000_000});
    }

    /**
     * Version 7's inputs, after version 6's 69 (sequences continue at 70): a tariff with a demand schedule, ticks in
     * both of its demand periods (each another index than its energy period), a correction that lowers the morning
     * peak, and the period close that charges each demand period's peak.
     *
     * @param engine the engine versions 1 to 6 were written to.
     */
    static void writeVersion7(final SettlementEngine engine)
    {
        engine.publishTariff(tariffV7());                                               // 70: schema 5
        engine.registerAccount(1007);                                                   // 71
        engine.enrolMeter(7, 1007, TARIFF_V7, START);                                   // 72
        engine.submitTick(7, MeterTickCodec.CHANNEL_MAIN, START + 11 * 3600, 900, 500, 0); // 73: morning, 2,000 W
        engine.submitTick(7, MeterTickCodec.CHANNEL_MAIN, FIVE_PM, 900, 750, 0);        // 74: anytime, 3,000 W
        engine.submitCorrection(7, MeterTickCodec.CHANNEL_MAIN, START + 11 * 3600, 900, 400, 0); // 75: to 1,600 W
        engine.calendar(CalendarCodec.PERIOD_CLOSE, END_OF_DAY, TARIFF_V7);              // 76: demand per period
    }

    /** Tuesday 2026-04-07 17:00 local: a day of April, after version 7's close of March for its tariff. */
    static final long V8_EVENT = ZonedDateTime.of(2026, 4, 7, 17, 0, 0, 0, ZONE).toEpochSecond();

    /**
     * Version 8's inputs, after version 7's 76 (sequences continue at 77): a DR event published at OpenADR
     * modification 3, withdrawn by a cancellation at modification 4 (DR_EVENT_WITHDRAWAL schema 2), and the
     * cancellation repeated at modification 5, which the engine acknowledges as a duplicate: it settles nothing by
     * the number.
     *
     * @param engine the engine versions 1 to 7 were written to.
     */
    static void writeVersion8(final SettlementEngine engine)
    {
        engine.publishDrEvent(8001, TokenSymbol.pack("DR"), TARIFF_V7, V8_EVENT, V8_EVENT + 3600, 2_000_000,
            BaselineMethod.DECLARED, 1_000, 3);                                     // 77: DR_EVENT schema 2
        engine.withdrawDrEvent(8001, TARIFF_V7, 4);                                 // 78: withdrawal schema 2
        engine.withdrawDrEvent(8001, TARIFF_V7, 5);                                 // 79: repeat: duplicate
    }

    /** 17:00 local on the fourth day: version 9's event, before it is modified. */
    static final long DAY4_EVENT = EVENT + 3 * 86_400;

    /**
     * Version 9's inputs, after version 8's 79 (sequences continue at 80): a DR event published at OpenADR
     * modification 1 for 17:00-18:00, its modification 2 (DR_EVENT schema 3) moving it to 18:00-19:00, a stale
     * modification at 1 (CONFLICTING_DUPLICATE), a reading in each hour, the end of day that settles the modified
     * hours (meter 6's declared 1,000 Wh less 600 read at 18:00: 400 Wh at 2.00 DR per kWh, 0.800000 DR; the 17:00
     * reading of 400 Wh earns nothing), and a modification of the settled event (CONFLICTING_DUPLICATE).
     *
     * @param engine the engine versions 1 to 8 were written to.
     */
    static void writeVersion9(final SettlementEngine engine)
    {
        final long dr = TokenSymbol.pack("DR");
        engine.publishDrEvent(9001, dr, TARIFF, DAY4_EVENT, DAY4_EVENT + 3600, 2_000_000,
            BaselineMethod.DECLARED, 1_000, 1);                                            // 80: 17:00-18:00
        engine.modifyDrEvent(9001, dr, TARIFF, DAY4_EVENT + 3600, DAY4_EVENT + 7200, 2_000_000,
            BaselineMethod.DECLARED, 1_000, 2);                                            // 81: now 18:00-19:00
        engine.modifyDrEvent(9001, dr, TARIFF, DAY4_EVENT, DAY4_EVENT + 3600, 2_000_000,
            BaselineMethod.DECLARED, 1_000, 1);                                            // 82: stale
        engine.submitTick(6, MeterTickCodec.CHANNEL_MAIN, DAY4_EVENT, 3600, 400, 0);        // 83: the old hour
        engine.submitTick(6, MeterTickCodec.CHANNEL_MAIN, DAY4_EVENT + 3600, 3600, 600, 0); // 84: the new hour
        engine.calendar(CalendarCodec.END_OF_DAY, END_OF_DAY + 3 * 86_400, TARIFF);        // 85: settles 18:00-19:00
        engine.modifyDrEvent(9001, dr, TARIFF, DAY4_EVENT + 7200, DAY4_EVENT + 10_800, 2_000_000,
            BaselineMethod.DECLARED, 1_000, 3);                                            // 86: settled: refused
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path p : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(p);
            }
        }
    }

    private static void copyTrimmed(final Path from, final Path to) throws IOException
    {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from))
        {
            for (final Path file : files.sorted().toList())
            {
                if (file.getFileName().toString().equals("writer.lock"))
                {
                    // the writer's empty lock file, not part of the journal: the golden journals before v6 have none
                    continue;
                }
                final byte[] bytes = Files.readAllBytes(file);
                int end = bytes.length;
                while (end > 0 && bytes[end - 1] == 0)
                {
                    end--;
                }
                final int kept = Math.min(bytes.length, (end + PAGE - 1) / PAGE * PAGE);
                Files.write(to.resolve(file.getFileName().toString()), Arrays.copyOf(bytes, kept));
            }
        }
    }
}
