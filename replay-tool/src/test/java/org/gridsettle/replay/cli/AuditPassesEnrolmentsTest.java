package org.gridsettle.replay.cli;

import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.replay.audit.AuditWriter;
import org.gridsettle.replay.audit.InputRegistry;
import org.gridsettle.replay.demo.DemoTariff;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An audit written in account groups is the single pass's, byte for byte, on the enrolments that cut accounts from
 * meters unevenly: a meter that moved to another account at a period close (its postings under both, so in two
 * groups), an account with no meter, a meter enrolled on a second account from the same instant (the registry lists
 * it under both; its postings are the second's, and the first has none), and accounts whose postings are all before
 * the reported days. Every format, every grouping down to one account a pass, with ranges that cut the move or leave
 * accounts with no reported day, and {@code --meter} of the moved meter.
 */
class AuditPassesEnrolmentsTest
{
    private static final long MOVED = 42;
    private static final long MARCH_ONLY = 43;
    private static final long FIRST = 100_000;
    private static final long SECOND = 100_001;
    private static final long NO_METER = 100_002;
    private static final long FORMER = 100_003;
    private static final long SECOND_OWNER = 100_004;

    @TempDir
    static Path dir;

    private static Path journal;
    private static VerificationReport verified;

    @BeforeAll
    static void enrolments()
    {
        final long march = AuditMovedMeterTest.MARCH;
        final long april = AuditMovedMeterTest.APRIL;
        journal = dir.resolve("journal");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).build().start())
        {
            engine.publishTariff(DemoTariff.create(march));
            engine.registerAccount(FIRST);
            engine.registerAccount(SECOND);
            engine.registerAccount(NO_METER);
            engine.registerAccount(FORMER);
            engine.registerAccount(SECOND_OWNER);
            engine.enrolMeter(MOVED, FIRST, DemoTariff.TARIFF_ID, march);
            engine.enrolMeter(MARCH_ONLY, FORMER, DemoTariff.TARIFF_ID, march);
            // the engine takes this one: the meter's postings are SECOND_OWNER's, none FORMER's
            engine.enrolMeter(MARCH_ONLY, SECOND_OWNER, DemoTariff.TARIFF_ID, march);
            engine.submitTick(MOVED, MeterTickCodec.CHANNEL_MAIN, march, 3_600, 1_000, 0);
            engine.submitTick(MARCH_ONLY, MeterTickCodec.CHANNEL_MAIN, march + 3_600, 3_600, 700, 300);
            engine.calendar(CalendarCodec.END_OF_DAY, march + 86_400, DemoTariff.TARIFF_ID);
            engine.calendar(CalendarCodec.PERIOD_CLOSE, april, DemoTariff.TARIFF_ID);
            engine.enrolMeter(MOVED, SECOND, DemoTariff.TARIFF_ID, april);
            engine.submitTick(MOVED, MeterTickCodec.CHANNEL_MAIN, april, 3_600, 2_000, 0);
            engine.submitTick(MOVED, MeterTickCodec.CHANNEL_MAIN, april + 86_400, 3_600, 500, 0);
        }
        verified = JournalVerifier.verify(journal);
        final InputRegistry registry = InputRegistry.read(journal);
        assertThat(registry.metersByAccount()).isEqualTo(new TreeMap<>(java.util.Map.of(FIRST, List.of(MOVED),
            SECOND, List.of(MOVED), NO_METER, List.of(), FORMER, List.of(MARCH_ONLY),
            SECOND_OWNER, List.of(MARCH_ONLY))));
    }

    @Test
    void everyAccountInAnyGroupingWritesTheBytesOfOnePass()
    {
        final NavigableMap<Long, List<Long>> all = InputRegistry.read(journal).metersByAccount();
        for (final LocalDate[] range : new LocalDate[][] {{null, null}, {LocalDate.parse("2026-04-01"), null},
            {null, LocalDate.parse("2026-04-02")}, {LocalDate.parse("2026-03-02"), LocalDate.parse("2026-04-02")}})
        {
            sameInEveryGrouping(all, 0, range);
        }
    }

    @Test
    void theMovedMetersAuditInGroupsWritesTheBytesOfOnePass()
    {
        final NavigableMap<Long, List<Long>> owners = new TreeMap<>();
        owners.put(FIRST, List.of(MOVED));
        owners.put(SECOND, List.of(MOVED));
        sameInEveryGrouping(owners, MOVED, new LocalDate[] {null, null});
        sameInEveryGrouping(owners, MOVED, new LocalDate[] {LocalDate.parse("2026-04-01"), null});
    }

    private static void sameInEveryGrouping(final NavigableMap<Long, List<Long>> selected, final long meter,
        final LocalDate[] range)
    {
        for (final String format : List.of("csv", "json", "html"))
        {
            final String single = audit(selected, meter, format, range, Long.MAX_VALUE);
            for (long metersPerGroup = 1; metersPerGroup < selected.size(); metersPerGroup++)
            {
                assertThat(audit(selected, meter, format, range, metersPerGroup))
                    .as("%s of %s from %s to %s in groups of %d meters", format, selected.keySet(), range[0],
                        range[1], metersPerGroup)
                    .isEqualTo(single);
            }
        }
    }

    private static String audit(final NavigableMap<Long, List<Long>> selected, final long meter, final String format,
        final LocalDate[] range, final long metersPerGroup)
    {
        final StringWriter out = new StringWriter();
        try (AuditPasses audit = new AuditPasses(journal, verified, TestResources.LOS_ANGELES, range[0], range[1],
            "selection", selected, meter, metersPerGroup, new PrintWriter(new StringWriter()), dir))
        {
            assertThat(audit.passes()).isEqualTo(metersPerGroup >= selected.size() ? 1 : (int) Math.ceil(
                selected.size() / (double) metersPerGroup));
            audit.firstPass();
            audit.replayDemandResponse();
            audit.write(AuditWriter.of(format, new PrintWriter(out)));
        }
        return out.toString();
    }
}
