package org.gridsettle.replay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.HAND_TARIFF;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * {@code settle ingest --dr-events}: OpenADR 2.0b events settled end to end. The payloads are the
 * EnerNOC/oadr2-ven-python sample {@code openadr20b_Sample_oadrDistributeEvent.xml} (Apache-2.0) and
 * {@code openadr_weekday_afternoon_2026-04-29.xml}, hand-made from it (its header comment states the changes; see
 * {@code src/test/resources/ingest/README.md}). The tariff is the hand-written URDB rate in America/Los_Angeles.
 */
class IngestDrCommandTest
{
    private static final String SAMPLE = "ingest/openadr20b_Sample_oadrDistributeEvent.xml";
    private static final String WEEKDAY = "ingest/openadr_weekday_afternoon_2026-04-29.xml";
    private static final String MODIFICATION_BEFORE = "ingest/openadr_modification_before_2026-04-29.xml";
    private static final String MODIFICATION_AFTER = "ingest/openadr_modification_after_2026-04-29.xml";
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    /** The 10 weekdays before Wednesday 2026-04-29, oldest first: the 10-in-10 baseline days. */
    private static final int[] BASELINE_DAYS = {15, 16, 17, 20, 21, 22, 23, 24, 27, 28};
    /** M-1 and M-2 take part in demand response; M-3, with M-1's readings, does not. */
    private static final String METERS = "meter_id,account_id,programs\n" +
        "M-1,1001,demand_response\nM-2,1002,net_metering;demand_response\nM-3,1003,\n";

    @TempDir
    Path tmp;

    /**
     * The event: Wednesday 2026-04-29 16:00-19:00 PDT (Event_939393 modification 2), 10-in-10 baseline with the day-of
     * adjustment (the default), 0.123457 DR per kWh reduced. Readings are hourly, in the adjustment window (12:00,
     * 13:00, 14:00 local: hours first-4 .. first-2) and the event hours (16, 17, 18), on the 10 baseline days and the
     * event day. By TenInTenBaseline and DrSettlementCalculator, every division half-even:
     * <pre>
     * M-1, baseline days d = 1..10: window 1,000 Wh an hour, so W = 10 x 3,000 = 30,000;
     *      hour 16: 2,000 each day, S = 20,000; hour 17: 2,100 on days 1-5 and 2,000 on 6-10, S = 20,500;
     *      hour 18: 1,800 + d, S = 18,000 + 55 = 18,055.
     *      Event day window 1,100 an hour: A = 3,300; ratio = 10 x 3,300 x 10^6 / 30,000 = 1,100,000 ppm.
     *      B(16) = 20,000 x 1.1 / 10 = 2,200; B(17) = 20,500 x 1.1 / 10 = 2,255;
     *      B(18) = 18,055 x 1.1 / 10 = 1,986.05 -> 1,986.
     *      Actual 1,200, 1,300, 2,000: reduction 1,000 + 955 + max(0, 1,986 - 2,000) = 1,955 Wh
     *      (the hour above baseline offsets nothing).
     *      Credit = 1,955 x 123,457 / 1,000 = 241,358.435 micro -> 241,358 = 0.241358 DR.
     * M-2: window 500 Wh an hour, W = 15,000; hours 16-18: 1,500 each day except hour 16 on day 10, 1,505:
     *      S(16) = 15,005, S(17) = S(18) = 15,000.
     *      Event day window 700 an hour: A = 2,100; raw ratio 10 x 2,100 x 10^6 / 15,000 = 1,400,000, capped to
     *      1,200,000. B(16) = 15,005 x 1.2 / 10 = 1,800.6 -> 1,801; B(17) = B(18) = 1,800.
     *      Actual 900 each: reduction 901 + 900 + 900 = 2,701 Wh.
     *      Credit = 2,701 x 123,457 / 1,000 = 333,457.357 micro -> 333,457 = 0.333457 DR.
     * Together 4,656 Wh reduced, 574,815 micro = 0.574815 DR; M-3 is not dispatched.
     * </pre>
     */
    @Test
    void aWeekdayAfternoonEventSettlesTwoEnrolledMetersAsWorkedOutByHand() throws IOException
    {
        final Path journal = tmp.resolve("journal");

        final CliRun run = ingest(journal, usage(true), path(WEEKDAY), "--dr-incentive", "0.123457");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // the sample's event names a group, a resource and an end device; gridsettle settles whole enrolled meters.
        // Line 164 of the fixture is the <oadr:oadrEvent> of modification 2, the one journalled
        assertThat(run.err().lines()).containsExactly(
            TestResources.zoneAssumed("ingest", "urdb_hand_written_untiered_tou.json"),
            TestResources.netMeteringNotHonoured("M-2"),
            "settle ingest: warning: openadr_weekday_afternoon_2026-04-29.xml line 164: DR event \"Event_939393\" " +
                "targets groupID Group_123, resourceID RES_123, endDeviceAsset/mrid Exterior_Lighting, which " +
                "gridsettle does not select meters by: it is settled for every meter the enrolment file puts in " +
                "demand response");
        assertThat(run.out())
            .contains("dr events: 1 journalled from openadr_weekday_afternoon_2026-04-29.xml (10in10-adjusted " +
                "baseline, 0.123457 DR per kWh reduced); 0 withdrawn, 2 skipped, 1 superseded by a later " +
                "modification\n")
            .contains("dr event \"Event_939393\" (modification 2, near) -> engine id 939393 (its digits): " +
                "2026-04-29 16:00-19:00 America/Los_Angeles: 2 meters credited in this run for 4.656 kWh reduced: " +
                "0.574815 DR\n")
            .contains("dr skipped: \"Event_939394\" cancelled; \"Event_939395\" test event (testEvent \"true\")\n")
            .contains("dr rejections: none\n")
            // the funding leg into the DR fund is not counted again
            .contains("token DR     dr_incentive 0.574815\n");

        // the journal: one DR event, modification 2's hours; the cancelled and test events, at the same hours, would
        // have been rejected DR_EVENT_OVERLAP had they been journalled
        final String inputs = CliRun.of("dump", "--journal", journal.toString(), "--input").out();
        assertThat(inputs.lines().filter((l) -> l.contains("\"type\":\"dr_event\""))).singleElement().asString()
            .contains("\"eventId\":939393,", "\"programToken\":\"DR\"", "\"start\":\"2026-04-29T23:00:00Z\"",
                "\"end\":\"2026-04-30T02:00:00Z\"", "\"incentive\":\"0.123457\"",
                "\"baselineMethod\":\"TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT\"");
        final List<String> credits = CliRun.of("dump", "--journal", journal.toString()).out().lines()
            .filter((l) -> l.contains("\"reason\":\"DR_INCENTIVE\"") && l.contains("\"debitAccount\":3,")).toList();
        assertThat(credits).hasSize(2);
        assertThat(credits.get(0)).contains("\"creditAccount\":1001,", "\"amount\":\"0.241358\"",
            "\"energyWh\":1955,", "\"rate\":\"0.123457\"", "\"baselineDays\":10");
        assertThat(credits.get(1)).contains("\"creditAccount\":1002,", "\"amount\":\"0.333457\"",
            "\"energyWh\":2701,", "\"baselineDays\":10");
        assertThat(CliRun.of("verify", "--journal", journal.toString()).out()).contains("verify: intact");

        // a later run cannot change a settled event: modification 3 an hour later is journalled and rejected
        final Path later = write("later.xml", Files.readString(Path.of(path(WEEKDAY)))
            .replace("<ei:modificationNumber>2</ei:modificationNumber>",
                "<ei:modificationNumber>3</ei:modificationNumber>")
            .replace("2026-04-29T23:00:00.000Z", "2026-04-30T00:00:00Z"));
        final CliRun second = ingest(journal, usage(true), later.toString(), "--dr-incentive", "0.123457");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("(modification 3, near) -> engine id 939393 (its digits): 2026-04-29 " +
            "17:00-20:00 America/Los_Angeles: rejected by the engine: CONFLICTING_DUPLICATE")
            .contains("dr rejections: CONFLICTING_DUPLICATE=1").doesNotContain("token DR");
        // and says what that means for the money: the VTN moved the event, the journalled hours are still paid
        assertThat(second.out()).contains("rejected by the engine: CONFLICTING_DUPLICATE (the journal holds this " +
            "eventID already, with other hours, incentive or baseline, and this copy cannot replace it: it has " +
            "settled, and settlement is final, or it was journalled without a modification number or at this one; " +
            "the journalled version stands)\n");
        // published as a publication, not a modification: the event had settled
        assertThat(CliRun.of("dump", "--journal", journal.toString(), "--input").out().lines()
            .filter((l) -> l.contains("\"type\":\"dr_event\""))).hasSize(2)
            .noneMatch((l) -> l.contains("modification\":"));
    }

    /**
     * A VTN's modification of an event a first run journalled and left pending (its readings stop the day before):
     * the second run's payload moves its end from 19:00 to 18:00, and the end of day settles 16:00-18:00. By the hand
     * calculation above, B(16) and B(17) are the same: M-1 1,000 + 955 = 1,955 Wh, 0.241358 DR, as before (its 18:00
     * hour was above baseline); M-2 901 + 900 = 1,801 Wh, 1,801 x 123,457 / 1,000 = 222,346.057 micro -> 0.222346 DR
     * (was 0.333457 over three hours). Together 3,756 Wh and 0.463704 DR.
     */
    @Test
    void aLaterRunsModificationOfAPendingEventReplacesItAndItsNewHoursSettle() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        final CliRun first = ingest(journal, usage(false), path(MODIFICATION_BEFORE), "--dr-incentive", "0.123457");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("(modification 2, near) -> engine id 939393 (its digits): 2026-04-29 " +
            "16:00-19:00 America/Los_Angeles: pending");

        final CliRun second = ingest(journal, usage(true), path(MODIFICATION_AFTER), "--dr-incentive", "0.123457");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("dr event \"Event_939393\" (modification 3, near) -> engine id 939393 " +
            "(its digits): 2026-04-29 16:00-18:00 America/Los_Angeles: modified (replaces modification 2, " +
            "journalled by an earlier ingest), now 16:00-18:00; 2 meters credited in this run for 3.756 kWh " +
            "reduced: 0.463704 DR\n").contains("dr rejections: none\n");

        final List<String> events = CliRun.of("dump", "--journal", journal.toString(), "--input").out().lines()
            .filter((l) -> l.contains("\"type\":\"dr_event\"")).toList();
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).contains("\"schemaVersion\":2,", "\"modificationNumber\":2")
            .doesNotContain("\"modification\":");
        assertThat(events.get(1)).contains("\"schemaVersion\":3,", "\"end\":\"2026-04-30T01:00:00Z\"",
            "\"modificationNumber\":3", "\"modification\":true");
        final List<String> credits = CliRun.of("dump", "--journal", journal.toString()).out().lines()
            .filter((l) -> l.contains("\"reason\":\"DR_INCENTIVE\"") && l.contains("\"debitAccount\":3,")).toList();
        assertThat(credits).hasSize(2);
        assertThat(credits.get(0)).contains("\"creditAccount\":1001,", "\"amount\":\"0.241358\"", "\"energyWh\":1955,");
        assertThat(credits.get(1)).contains("\"creditAccount\":1002,", "\"amount\":\"0.222346\"", "\"energyWh\":1801,");
        assertThat(CliRun.of("replay", "--journal", journal.toString()).out()).contains("identical");
    }

    /**
     * After a modification the event is held at its number: the first payload fed again is older and skipped, and a
     * cancellation above it withdraws the modified event.
     */
    @Test
    void aModifiedEventKeepsItsNumberForAnOlderCopyAndACancellation() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        assertThat(ingest(journal, usage(false), path(MODIFICATION_BEFORE), "--dr-incentive", "0.123457").exitCode())
            .isZero();
        final CliRun second = ingest(journal, usage(false), path(MODIFICATION_AFTER), "--dr-incentive", "0.123457");
        assertThat(second.out()).contains("modified (replaces modification 2, journalled by an earlier ingest), now " +
            "16:00-18:00; pending");

        final CliRun again = ingest(journal, usage(false), path(MODIFICATION_BEFORE), "--dr-incentive", "0.123457");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("dr events: 0 journalled").contains("1 older than the journal's modification");

        final Path cancelled = write("cancelled.xml", Files.readString(Path.of(path(MODIFICATION_AFTER)))
            .replace("<ei:modificationNumber>3</ei:modificationNumber>",
                "<ei:modificationNumber>4</ei:modificationNumber>")
            .replace("<ei:eventStatus>near</ei:eventStatus>", "<ei:eventStatus>cancelled</ei:eventStatus>"));
        final CliRun cancel = ingest(journal, usage(true), cancelled.toString(), "--dr-incentive", "0.123457");
        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        assertThat(cancel.out()).contains("dr events: 0 journalled").contains("1 withdrawn").doesNotContain("token DR");
    }

    /**
     * A modification the engine refused is tried again when the VTN sends it again: the engine holds the event at the
     * number it took, not at the refused one's. The first run journals Event_939393 (modification 2, 16:00-19:00) and
     * Event_424242 (13:00-15:00); the VTN then moves Event_939393 to 14:00-16:00 (modification 3), which overlaps
     * Event_424242, still active: refused DR_EVENT_OVERLAP. The third payload cancels Event_424242 and still holds
     * modification 3: the cancellation is withdrawn first, and modification 3 then replaces the event.
     */
    @Test
    void aModificationTheEngineRefusedIsAModificationWhenSentAgain() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        final String moved = oadrEvent("Event_939393", 3, "near", "2026-04-29T21:00:00.000Z", "PT2H");
        final CliRun first = ingest(journal, usage(false), payload("first.xml",
            oadrEvent("Event_939393", 2, "near", "2026-04-29T23:00:00.000Z", "PT3H"),
            oadrEvent("Event_424242", 0, "near", "2026-04-29T20:00:00.000Z", "PT2H")).toString(),
            "--dr-incentive", "0.123457");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("dr events: 2 journalled");

        final CliRun second = ingest(journal, usage(false), payload("second.xml", moved,
            oadrEvent("Event_424242", 0, "near", "2026-04-29T20:00:00.000Z", "PT2H")).toString(),
            "--dr-incentive", "0.123457");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("(modification 3, near) -> engine id 939393 (its digits): 2026-04-29 " +
            "14:00-16:00 America/Los_Angeles: rejected by the engine: DR_EVENT_OVERLAP (a modification of the " +
            "version an earlier ingest journalled at modification 2, which stands and settles as journalled)");

        final CliRun third = ingest(journal, usage(false), payload("third.xml", moved,
            oadrEvent("Event_424242", 1, "cancelled", "2026-04-29T20:00:00.000Z", "PT2H")).toString(),
            "--dr-incentive", "0.123457");
        assertThat(third.exitCode()).as(third.err()).isZero();
        assertThat(third.out()).contains("1 withdrawn").contains("(modification 3, near) -> engine id 939393 (its " +
            "digits): 2026-04-29 14:00-16:00 America/Los_Angeles: modified (replaces modification 2, journalled by " +
            "an earlier ingest), now 14:00-16:00; pending").contains("dr rejections: none\n");
        final List<String> events = CliRun.of("dump", "--journal", journal.toString(), "--input").out().lines()
            .filter((l) -> l.contains("\"type\":\"dr_event\"") && l.contains("\"modificationNumber\":3")).toList();
        assertThat(events).hasSize(2).allMatch((l) -> l.contains("\"modification\":true"));
    }

    /** @return Event_939393 of {@link #MODIFICATION_AFTER} as another event id, number, status, start and length. */
    private static String oadrEvent(final String id, final int modification, final String status, final String start,
        final String duration) throws IOException
    {
        final String file = Files.readString(Path.of(path(MODIFICATION_AFTER)));
        final String event = file.substring(file.indexOf("\t<oadr:oadrEvent>"),
            file.indexOf("</oadr:oadrEvent>") + "</oadr:oadrEvent>\n".length());
        return event.replace("Event_939393", id)
            .replace("<ei:modificationNumber>3<", "<ei:modificationNumber>" + modification + "<")
            .replace("<ei:eventStatus>near<", "<ei:eventStatus>" + status + "<")
            .replace("2026-04-29T23:00:00.000Z", start)
            .replace("<xcal:duration>PT2H<", "<xcal:duration>" + duration + "<");
    }

    /** @return a payload of {@link #MODIFICATION_AFTER}'s envelope holding these events. */
    private Path payload(final String name, final String... events) throws IOException
    {
        final String file = Files.readString(Path.of(path(MODIFICATION_AFTER)));
        return write(name, file.substring(0, file.indexOf("\t<oadr:oadrEvent>")) + String.join("", events) +
            file.substring(file.indexOf("</oadr:oadrEvent>") + "</oadr:oadrEvent>\n".length()));
    }

    @Test
    void demandResponseOptionsWithoutDrEventsAreRefusedAsTheIncentiveIs() throws IOException
    {
        // --dr-incentive without --dr-events was refused, but --dr-baseline declared and --dr-token were accepted and
        // did nothing: an engineer who forgot --dr-events learnt of it from a summary without a DR line
        for (final String[] option : new String[][] {{"--dr-baseline", "declared"}, {"--dr-token", "DRX"},
            {"--dr-incentive", "0.5"}, {"--ven-id", "ven_py"}})
        {
            final Path journal = tmp.resolve("journal" + option[0]);
            final CliRun run = CliRun.of("ingest", "--journal", journal.toString(), "--tariff", path(HAND_TARIFF),
                "--meters", write("meters.csv", METERS).toString(), "--usage", usage(true).toString(), option[0],
                option[1]);

            assertThat(run.exitCode()).as(option[0]).isEqualTo(2);
            assertThat(run.err().lines()).as(option[0])
                .containsExactly("settle ingest: " + option[0] + " needs --dr-events FILE");
            assertThat(journal).doesNotExist();
        }
    }

    @Test
    void eventsWithNoMeterInDemandResponseSaySoInsteadOfZeroMetersCreditedAlone() throws IOException
    {
        // the enrolment file of an engineer who forgot the programs column: the event is journalled and settles, but
        // dispatches no meter, and "0 meters credited" read like three households that did not shed load
        final Path journal = tmp.resolve("journal");
        final Path meters = write("meters-no-dr.csv", "meter_id,account_id\nM-1,1001\nM-2,1002\nM-3,1003\n");

        final CliRun run = CliRun.of("ingest", "--journal", journal.toString(), "--tariff", path(HAND_TARIFF),
            "--meters", meters.toString(), "--usage", usage(true).toString(), "--dr-events", path(WEEKDAY),
            "--dr-incentive", "0.123457");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("settle ingest: warning: the enrolment file puts no meter in " +
            "demand response (its programs column's demand_response): the 1 DR event journalled dispatches no meter " +
            "and pays nothing\n");
        assertThat(run.out()).contains("0 meters credited in this run for 0.000 kWh reduced: 0.000000 DR\n");
    }

    @Test
    void anEventWhoseDayTheReadingsDoNotReachStaysPendingAndEndsNoDayOfItsMonth() throws IOException
    {
        final CliRun run = ingest(tmp.resolve("journal"), usage(false), path(WEEKDAY), "--dr-incentive", "0.5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
            .contains("-> engine id 939393 (its digits): 2026-04-29 16:00-19:00 America/Los_Angeles: pending: no end " +
                "of day after it in this run")
            .doesNotContain("token DR");
        // the readings stay within April, the month left open: no end of day at all, so no daily charge either
        assertThat(CliRun.of("dump", "--journal", tmp.resolve("journal").toString(), "--input").out())
            .doesNotContain("\"type\":\"calendar\"");
    }

    @Test
    void anEventSettledByAnEarlierRunIsReportedSoWhenItsPayloadIsIngestedAgain() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        ingest(journal, usage(true), path(WEEKDAY), "--dr-incentive", "0.123457");

        // the next run brings May's readings and, as a VTN's payloads are often fed again, the same event
        final Path may = write("may.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-1,2026-05-04T10:00:00-07:00,3600,100,0\n");
        final CliRun again = ingest(journal, may, path(WEEKDAY), "--dr-incentive", "0.123457");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("dr event \"Event_939393\" (modification 2, near) -> engine id 939393 " +
            "(its digits): 2026-04-29 16:00-19:00 America/Los_Angeles: settled by an earlier ingest of this journal")
            .doesNotContain("0 meters credited").doesNotContain("token DR");
    }

    @Test
    void anEventPublishedAfterItsDayEndedStaysPendingInsteadOfCreditingNothing() throws IOException
    {
        // the first run has the readings to May 2 but not the event file: April closes, its days end
        final Path journal = tmp.resolve("journal");
        final Path usage = usage(true);
        Files.writeString(usage, "M-1,2026-05-02T10:00:00-07:00,3600,100,0\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(CliRun.of("ingest", "--journal", journal.toString(), "--tariff", path(HAND_TARIFF), "--meters",
            write("meters.csv", METERS).toString(), "--usage", usage.toString()).exitCode()).isZero();

        // run again with it: every end of day of this run is one the journal has, which the engine acknowledges as a
        // duplicate and settles nothing at
        final CliRun late = ingest(journal, usage, path(WEEKDAY), "--dr-incentive", "0.123457");

        assertThat(late.exitCode()).as(late.err()).isZero();
        assertThat(late.out()).contains("2026-04-29 16:00-19:00 America/Los_Angeles: pending: no end of day after " +
            "it in this run").doesNotContain("0 meters credited");
        assertThat(CliRun.of("dump", "--journal", journal.toString()).out()).doesNotContain("DR_INCENTIVE");
    }

    /**
     * Two OpenADR payloads made from the weekday one, in two ingests: the VTN first sends Event_939393 active
     * (modification 2), then cancels it (modification 3, eventStatus cancelled). The first run has no readings of the
     * event day, so the event waits for its end of day; the second run has them and one in May, so April closes and
     * every day of it ends, the event's too, which without the cancellation would pay 0.574815 DR (the first test's
     * hand calculation, same readings). The cancellation withdraws the event first.
     */
    @Test
    void aCancellationOfAnEventAnEarlierRunJournalledWithdrawsItAndNoIncentiveIsPaid() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        final String weekday = Files.readString(Path.of(path(WEEKDAY)));
        final Path active = write("active.xml",
            weekday.replaceFirst("<ei:eventStatus>near</ei:eventStatus>", "<ei:eventStatus>active</ei:eventStatus>"));
        final CliRun first = ingest(journal, usage(false), active.toString(), "--dr-incentive", "0.123457");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("(modification 2, active) -> engine id 939393 (its digits): 2026-04-29 " +
            "16:00-19:00 America/Los_Angeles: pending");

        final Path cancelled = write("cancelled.xml", cancelled(weekday));
        final Path usage = usage(true);
        Files.writeString(usage, "M-1,2026-05-02T10:00:00-07:00,3600,100,0\n", java.nio.file.StandardOpenOption.APPEND);
        final CliRun second = ingest(journal, usage, cancelled.toString(), "--dr-incentive", "0.123457");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out())
            .contains("dr events: 0 journalled from cancelled.xml (10in10-adjusted baseline, 0.123457 DR per kWh " +
                "reduced); 1 withdrawn, 2 skipped, 1 superseded by a later modification\n")
            .contains("dr event \"Event_939393\" (modification 3, cancelled) -> engine id 939393 (its digits): " +
                "withdrawn: an earlier ingest journalled it; it will not settle, and pays no incentive\n")
            // Event_939394 was cancelled and never journalled: skipped, as before
            .contains("dr skipped: \"Event_939394\" cancelled; \"Event_939395\" test event")
            .contains("dr rejections: none\n")
            .doesNotContain("token DR");
        final String inputs = CliRun.of("dump", "--journal", journal.toString(), "--input").out();
        // journalled with the cancellation's modification number (DR_EVENT_WITHDRAWAL schema 2), so the journal
        // shows which of the VTN's messages called the event off
        assertThat(inputs.lines().filter((l) -> l.contains("\"type\":\"dr_event_withdrawal\""))).singleElement()
            .asString().contains("\"eventId\":939393,", "\"tariffId\":", "\"schemaVersion\":2,",
                "\"modificationNumber\":3");
        // the event day was ended (April closed) and settled nothing: no DR was minted or paid
        assertThat(inputs).contains("\"at\":\"2026-04-30T07:00:00Z\"");
        assertThat(CliRun.of("dump", "--journal", journal.toString()).out()).doesNotContain("DR_INCENTIVE");
        assertThat(CliRun.of("replay", "--journal", journal.toString()).out()).contains("replay: identical");

        // the cancellation sent again: withdrawn already, so nothing more is journalled for it
        final Path may = write("may.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-1,2026-05-04T10:00:00-07:00,3600,100,0\n");
        final CliRun third = ingest(journal, may, cancelled.toString(), "--dr-incentive", "0.123457");
        assertThat(third.exitCode()).as(third.err()).isZero();
        assertThat(third.out()).contains("0 withdrawn, 3 skipped")
            .contains("dr skipped: \"Event_939393\" cancelled, withdrawn by an earlier ingest (engine id 939393);");
        assertThat(CliRun.of("dump", "--journal", journal.toString(), "--input").out().lines()
            .filter((l) -> l.contains("\"type\":\"dr_event_withdrawal\""))).hasSize(1);
    }

    @Test
    void aCancellationOfAnEventAlreadySettledIsJournalledAndRefusedAndTheCreditsStand() throws IOException
    {
        // the first run settles the event and pays the first test's 0.574815 DR
        final Path journal = tmp.resolve("journal");
        assertThat(ingest(journal, usage(true), path(WEEKDAY), "--dr-incentive", "0.123457").out())
            .contains("0.574815 DR");

        final Path may = write("may.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-1,2026-05-04T10:00:00-07:00,3600,100,0\n");
        final Path cancelled = write("cancelled.xml", cancelled(Files.readString(Path.of(path(WEEKDAY)))));
        final CliRun late = ingest(journal, may, cancelled.toString(), "--dr-incentive", "0.123457");

        assertThat(late.exitCode()).as(late.err()).isZero();
        assertThat(late.out()).contains("0 withdrawn")
            .contains("-> engine id 939393 (its digits): withdrawal rejected by the engine: DR_EVENT_SETTLED (an end " +
                "of day settled and credited it before the cancellation came; settlement is final)")
            .contains("dr rejections: DR_EVENT_SETTLED=1");
        final List<String> credits = CliRun.of("dump", "--journal", journal.toString()).out().lines()
            .filter((l) -> l.contains("\"reason\":\"DR_INCENTIVE\"") && l.contains("\"debitAccount\":3,")).toList();
        assertThat(credits).hasSize(2);

        // the same payload fed again: the refusal is journalled already, so nothing more is journalled for it
        final Path june = write("june.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-1,2026-06-04T10:00:00-07:00,3600,100,0\n");
        final CliRun again = ingest(journal, june, cancelled.toString(), "--dr-incentive", "0.123457");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("0 withdrawn, 3 skipped").contains("dr rejections: none\n")
            .contains("dr skipped: \"Event_939393\" cancelled, settled before an earlier ingest's withdrawal of it " +
                "(engine id 939393);");
        assertThat(CliRun.of("dump", "--journal", journal.toString(), "--input").out().lines()
            .filter((l) -> l.contains("\"type\":\"dr_event_withdrawal\""))).hasSize(1);
    }

    /**
     * A VTN that calls an event off and calls the same hours again under a new id sends both in one payload: the
     * cancellation of Event_939393 (journalled by the first run) and Event_939394 over its hours. The withdrawal has to
     * reach the engine before the new event, or the new one overlaps the event still pending and is refused.
     */
    @Test
    void anEventOverTheHoursOfOneCancelledInTheSamePayloadIsJournalledAndSettles() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        final String weekday = Files.readString(Path.of(path(WEEKDAY)));
        assertThat(ingest(journal, usage(false), path(WEEKDAY), "--dr-incentive", "0.123457").out())
            .contains("-> engine id 939393 (its digits): 2026-04-29 16:00-19:00 America/Los_Angeles: pending");

        // Event_939394 has Event_939393's hours; here it is live instead of cancelled
        final Path recalled = write("recalled.xml", cancelled(weekday.replace(
            "<ei:eventStatus>cancelled</ei:eventStatus>", "<ei:eventStatus>near</ei:eventStatus>")));
        final Path usage = usage(true);
        Files.writeString(usage, "M-1,2026-05-02T10:00:00-07:00,3600,100,0\n", java.nio.file.StandardOpenOption.APPEND);
        final CliRun second = ingest(journal, usage, recalled.toString(), "--dr-incentive", "0.123457");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out())
            .contains("-> engine id 939393 (its digits): withdrawn: an earlier ingest journalled it")
            .contains("dr rejections: none\n")
            // the first test's credits: the same readings and hours, now under the new id
            .contains("-> engine id 939394 (its digits): 2026-04-29 16:00-19:00 America/Los_Angeles: 2 meters " +
                "credited in this run for 4.656 kWh reduced: 0.574815 DR\n");
        assertThat(CliRun.of("replay", "--journal", journal.toString()).out()).contains("replay: identical");
    }

    /**
     * A stale cancellation fed after the event it predates: the first run journals Event_939393 at modification 3,
     * active; the second is fed an older payload (an archive re-fed, a VTN resend) in which modification 2 cancelled
     * it. The journal says it holds modification 3, so the cancellation is reported as stale and not withdrawn: the
     * event settles with the second run's readings and pays the first test's hand-worked 0.574815 DR.
     */
    @Test
    void aStaleCancellationFedAfterANewerModificationDoesNotWithdrawTheEvent() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        final String weekday = Files.readString(Path.of(path(WEEKDAY)));
        final Path newer = write("newer.xml", weekday
            .replace("<ei:modificationNumber>2</ei:modificationNumber>",
                "<ei:modificationNumber>3</ei:modificationNumber>")
            .replaceFirst("<ei:eventStatus>near</ei:eventStatus>", "<ei:eventStatus>active</ei:eventStatus>"));
        final CliRun first = ingest(journal, usage(false), newer.toString(), "--dr-incentive", "0.123457");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("(modification 3, active) -> engine id 939393 (its digits): 2026-04-29 " +
            "16:00-19:00 America/Los_Angeles: pending");

        final Path stale = write("stale.xml", weekday.replaceFirst("<ei:eventStatus>near</ei:eventStatus>",
            "<ei:eventStatus>cancelled</ei:eventStatus>"));
        final Path usage = usage(true);
        Files.writeString(usage, "M-1,2026-05-02T10:00:00-07:00,3600,100,0\n", java.nio.file.StandardOpenOption.APPEND);
        final CliRun second = ingest(journal, usage, stale.toString(), "--dr-incentive", "0.123457");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out())
            .contains("dr events: 0 journalled from stale.xml (10in10-adjusted baseline, 0.123457 DR per kWh " +
                "reduced); 0 withdrawn, 2 skipped, 1 superseded by a later modification, 1 older than the journal's " +
                "modification\n")
            .contains("dr event \"Event_939393\" (modification 2, cancelled) -> engine id 939393 (its digits): " +
                "stale, not withdrawn: the journal holds modification 3 of the event, and a cancellation takes back " +
                "only an older one\n")
            .contains("dr skipped: \"Event_939394\" cancelled; \"Event_939395\" test event")
            .contains("dr rejections: none\n")
            .contains("token DR     dr_incentive 0.574815\n");
        final String inputs = CliRun.of("dump", "--journal", journal.toString(), "--input").out();
        assertThat(inputs).doesNotContain("\"type\":\"dr_event_withdrawal\"");
        final List<String> credits = CliRun.of("dump", "--journal", journal.toString()).out().lines()
            .filter((l) -> l.contains("\"reason\":\"DR_INCENTIVE\"") && l.contains("\"debitAccount\":3,")).toList();
        assertThat(credits).hasSize(2);
        assertThat(credits.get(0)).contains("\"creditAccount\":1001,", "\"amount\":\"0.241358\"");
        assertThat(credits.get(1)).contains("\"creditAccount\":1002,", "\"amount\":\"0.333457\"");
        assertThat(CliRun.of("replay", "--journal", journal.toString()).out()).contains("replay: identical");
    }

    /**
     * An older modification of a journalled event, to settle: the first run journals Event_939393 at modification 3
     * (16:00-19:00), the second is fed modification 2 an hour later. It is skipped as superseded, instead of being
     * journalled and rejected CONFLICTING_DUPLICATE; the journal keeps one DR event.
     */
    @Test
    void anOlderModificationOfAJournalledEventIsSkippedAsSuperseded() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        final String weekday = Files.readString(Path.of(path(WEEKDAY)));
        final CliRun first = ingest(journal, usage(false), write("newer.xml", weekday.replace(
            "<ei:modificationNumber>2</ei:modificationNumber>", "<ei:modificationNumber>3</ei:modificationNumber>"))
            .toString(), "--dr-incentive", "0.123457");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("DR event \"Event_939393\" targets groupID Group_123");

        final Path older = write("older.xml", weekday.replace("2026-04-29T23:00:00.000Z", "2026-04-30T00:00:00Z"));
        final CliRun second = ingest(journal, usage(false), older.toString(), "--dr-incentive", "0.123457");

        assertThat(second.exitCode()).as(second.err()).isZero();
        // the event the run skips is not "settled for every meter" by it, so it gets no warning of how it settles
        assertThat(second.err()).doesNotContain("DR event \"Event_939393\" targets");
        assertThat(second.out())
            .contains("dr events: 0 journalled from older.xml (10in10-adjusted baseline, 0.123457 DR per kWh " +
                "reduced); 0 withdrawn, 2 skipped, 1 superseded by a later modification, 1 older than the journal's " +
                "modification\n")
            .contains("dr event \"Event_939393\" (modification 2, near) -> engine id 939393 (its digits): " +
                "superseded, not journalled: the journal holds modification 3 of the event, which an older one " +
                "does not change\n")
            .contains("dr rejections: none\n");
        assertThat(CliRun.of("dump", "--journal", journal.toString(), "--input").out().lines()
            .filter((l) -> l.contains("\"type\":\"dr_event\""))).singleElement().asString()
            .contains("\"modificationNumber\":3");
    }

    /**
     * A journal written before format version 6 holds its DR events without a modification number (DR_EVENT schema
     * 1): here the engine API without one, as the older ingest called it, publishes Event_939393's hours. A
     * cancellation of it is withdrawn as before, and the report says the comparison was not possible.
     */
    @Test
    void aCancellationOfAnEventJournalledWithoutAModificationNumberIsStillWithdrawn() throws Exception
    {
        final Path journal = journalWithSchemaOneEvent();
        assertThat(CliRun.of("dump", "--journal", journal.toString(), "--input").out().lines()
            .filter((l) -> l.contains("\"type\":\"dr_event\""))).singleElement().asString()
            .contains("\"schemaVersion\":1,").doesNotContain("modificationNumber");

        final Path cancelled = write("cancelled.xml", cancelled(Files.readString(Path.of(path(WEEKDAY)))));
        final Path usage = usage(true);
        Files.writeString(usage, "M-1,2026-05-02T10:00:00-07:00,3600,100,0\n", java.nio.file.StandardOpenOption.APPEND);
        final CliRun second = ingest(journal, usage, cancelled.toString(), "--dr-incentive", "0.123457");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out())
            .contains("dr event \"Event_939393\" (modification 3, cancelled) -> engine id 939393 (its digits): " +
                "withdrawn: an earlier ingest journalled it; it will not settle, and pays no incentive (the journal " +
                "holds it without a modification number, as written before format version 6, so whether this " +
                "cancellation is newer could not be checked)\n")
            .doesNotContain("token DR");
        assertThat(CliRun.of("dump", "--journal", journal.toString(), "--input").out().lines()
            .filter((l) -> l.contains("\"type\":\"dr_event_withdrawal\""))).hasSize(1);
        assertThat(CliRun.of("dump", "--journal", journal.toString()).out()).doesNotContain("DR_INCENTIVE");
    }

    /**
     * The active payload fed again after a cancellation withdrew its event: the first run journals Event_939393 at
     * modification 2, the second withdraws it (cancelled at modification 3), the third is fed the first run's payload
     * again. The engine would reject any DR_EVENT under the withdrawn id DR_EVENT_WITHDRAWN, so the copy, not newer
     * than the journal's modification 3 (the cancellation's, which the withdrawal carries since format version 8), is
     * skipped with one line and nothing is journalled for it.
     */
    @Test
    void anEventWithdrawnByAnEarlierRunIsSkippedWhenItsOlderPayloadIsFedAgain() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        final String weekday = Files.readString(Path.of(path(WEEKDAY)));
        final Path active = write("active.xml",
            weekday.replaceFirst("<ei:eventStatus>near</ei:eventStatus>", "<ei:eventStatus>active</ei:eventStatus>"));
        assertThat(ingest(journal, usage(false), active.toString(), "--dr-incentive", "0.123457").exitCode())
            .isZero();
        final CliRun withdrawal = ingest(journal, usage(false), write("cancelled.xml", cancelled(weekday)).toString(),
            "--dr-incentive", "0.123457");
        assertThat(withdrawal.out()).contains("(modification 3, cancelled) -> engine id 939393 (its digits): " +
            "withdrawn: an earlier ingest journalled it");

        final CliRun again = ingest(journal, usage(true), active.toString(), "--dr-incentive", "0.123457");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out())
            .contains("dr events: 0 journalled from active.xml (10in10-adjusted baseline, 0.123457 DR per kWh " +
                "reduced); 0 withdrawn, 2 skipped, 1 superseded by a later modification, 1 withdrawn by an earlier " +
                "run\n")
            .contains("dr event \"Event_939393\" (modification 2, active) -> engine id 939393 (its digits): " +
                "skipped: withdrawn by an earlier run, at modification 3, and this copy is not newer; not " +
                "journalled\n")
            .contains("dr rejections: none\n")
            .doesNotContain("token DR");
        // the journal holds the first run's DR_EVENT and the second's withdrawal, and no rejection of a third copy
        final String inputs = CliRun.of("dump", "--journal", journal.toString(), "--input").out();
        assertThat(inputs.lines().filter((l) -> l.contains("\"type\":\"dr_event\""))).hasSize(1);
        assertThat(CliRun.of("dump", "--journal", journal.toString()).out()).doesNotContain("DR_EVENT_WITHDRAWN");
        assertThat(CliRun.of("replay", "--journal", journal.toString()).out()).contains("replay: identical");
    }

    /**
     * A re-issue after the cancellation: a payload of Event_939393 at modification 4, above the journal's 2, is
     * newer than anything the journal holds. It is journalled, as what the VTN sent, and the engine rejects it
     * DR_EVENT_WITHDRAWN (a withdrawn id stays withdrawn, journal/FORMAT.md DR_EVENT_WITHDRAWAL); the report says
     * why and what the VTN must do. Fed once more, the journal holds its modification 4, and it is skipped.
     */
    @Test
    void aReissueOfAWithdrawnEventIsJournalledRejectedAndExplainedOnce() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        final String weekday = Files.readString(Path.of(path(WEEKDAY)));
        assertThat(ingest(journal, usage(false), path(WEEKDAY), "--dr-incentive", "0.123457").exitCode()).isZero();
        assertThat(ingest(journal, usage(false), write("cancelled.xml", cancelled(weekday)).toString(),
            "--dr-incentive", "0.123457").out()).contains("withdrawn: an earlier ingest journalled it");
        final Path reissue = write("reissue.xml", weekday.replace("<ei:modificationNumber>2</ei:modificationNumber>",
            "<ei:modificationNumber>4</ei:modificationNumber>"));

        final CliRun third = ingest(journal, usage(false), reissue.toString(), "--dr-incentive", "0.123457");

        assertThat(third.exitCode()).as(third.err()).isZero();
        assertThat(third.out())
            .contains("dr event \"Event_939393\" (modification 4, near) -> engine id 939393 (its digits): " +
                "2026-04-29 16:00-19:00 America/Los_Angeles: rejected by the engine: DR_EVENT_WITHDRAWN (an earlier " +
                "run withdrew this eventID at the VTN's cancellation, and this newer modification re-issues it: the " +
                "engine settles nothing under a withdrawn id; the VTN must re-issue the event under a new eventID " +
                "for it to settle)\n")
            .contains("dr rejections: DR_EVENT_WITHDRAWN=1\n");

        final CliRun fourth = ingest(journal, usage(false), reissue.toString(), "--dr-incentive", "0.123457");
        assertThat(fourth.out())
            .contains("dr event \"Event_939393\" (modification 4, near) -> engine id 939393 (its digits): " +
                "skipped: withdrawn by an earlier run, at modification 4, and this copy is not newer; not " +
                "journalled\n")
            .contains("dr rejections: none\n");
        assertThat(CliRun.of("dump", "--journal", journal.toString(), "--input").out().lines()
            .filter((l) -> l.contains("\"type\":\"dr_event\""))).hasSize(2);
    }

    /**
     * An event a journal written before format version 6 holds without a modification number, withdrawn: a copy fed
     * again cannot be compared, and the engine would settle nothing under the withdrawn id whatever it is, so it is
     * skipped, and the line says the comparison was not possible and that a re-issue needs a new eventID.
     */
    @Test
    void aCopyOfAWithdrawnEventJournalledWithoutAModificationNumberIsSkippedAndSaysSo() throws Exception
    {
        final Path journal = journalWithSchemaOneEvent();
        // withdrawn without a number too, as every withdrawal was journalled before format version 8 (schema 1)
        try (org.gridsettle.engine.SettlementEngine engine =
            org.gridsettle.engine.SettlementEngine.builder().journalDir(journal).build().start())
        {
            engine.withdrawDrEvent(939393, org.gridsettle.replay.tariff.TariffDocument.TARIFF_ID);
        }

        final CliRun again = ingest(journal, usage(false), path(WEEKDAY), "--dr-incentive", "0.123457");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out())
            .contains("dr event \"Event_939393\" (modification 2, near) -> engine id 939393 (its digits): skipped: " +
                "withdrawn by an earlier run, which journalled it without a modification number (before format " +
                "version 6), so whether this copy is newer could not be checked; the engine settles nothing under a " +
                "withdrawn id, so a re-issue must come under a new eventID; not journalled\n")
            .contains("dr rejections: none\n");
        assertThat(CliRun.of("dump", "--journal", journal.toString(), "--input").out().lines()
            .filter((l) -> l.contains("\"type\":\"dr_event\""))).hasSize(1);
    }

    /**
     * @return a journal of the baseline days' readings in which Event_939393's hours are published through the engine
     *         API without a modification number, as the ingest before format version 6 did (DR_EVENT schema 1).
     */
    private Path journalWithSchemaOneEvent() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        assertThat(CliRun.of("ingest", "--journal", journal.toString(), "--tariff", path(HAND_TARIFF), "--meters",
            write("meters.csv", METERS).toString(), "--usage", usage(false).toString()).exitCode()).isZero();
        final long start = java.time.ZonedDateTime.of(2026, 4, 29, 16, 0, 0, 0, LA).toEpochSecond();
        try (org.gridsettle.engine.SettlementEngine engine =
            org.gridsettle.engine.SettlementEngine.builder().journalDir(journal).build().start())
        {
            engine.publishDrEvent(939393, org.gridsettle.pricing.money.TokenSymbol.pack("DR"),
                org.gridsettle.replay.tariff.TariffDocument.TARIFF_ID, start, start + 3 * 3_600, 123_457,
                org.gridsettle.pricing.dr.BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT, 0);
        }
        return journal;
    }

    /** @return the weekday payload with Event_939393 cancelled by modification 3. */
    private static String cancelled(final String weekday)
    {
        return weekday.replace("<ei:modificationNumber>2</ei:modificationNumber>",
                "<ei:modificationNumber>3</ei:modificationNumber>")
            .replaceFirst("<ei:eventStatus>near</ei:eventStatus>", "<ei:eventStatus>cancelled</ei:eventStatus>");
    }

    @Test
    void aPendingEventSettlesInTheLaterRunWhoseReadingsReachItsEndEvenWithoutItsPayload() throws IOException
    {
        // the first run journals the event without its day's readings: pending, "a later ingest whose readings pass
        // its day settles it"
        final Path journal = tmp.resolve("journal");
        final CliRun first = ingest(journal, usage(false), path(WEEKDAY), "--dr-incentive", "0.123457");
        assertThat(first.out()).contains("pending: no end of day after it in this run");

        // the next run has the event day's readings, and no event file: the event is in the journal already
        final List<String> baselineDays = Files.readAllLines(usage(false));
        final List<String> eventDayRows = new ArrayList<>(Files.readAllLines(usage(true)));
        eventDayRows.removeAll(baselineDays.subList(1, baselineDays.size()));
        final Path eventDay = write("day.csv", String.join("\n", eventDayRows) + "\n");
        final CliRun second = CliRun.of("ingest", "--journal", journal.toString(), "--tariff", path(HAND_TARIFF),
            "--meters", write("meters.csv", METERS).toString(), "--usage", eventDay.toString());

        assertThat(second.exitCode()).as(second.err()).isZero();
        // the credits of the first test: the same readings, settled in two runs
        assertThat(second.out()).contains("token DR     dr_incentive 0.574815\n");
    }

    @Test
    void theRealSamplesNonWholeHourEventIsRefusedInOneLineBeforeAnythingIsJournalled() throws IOException
    {
        final Path journal = tmp.resolve("journal");

        final CliRun run = ingest(journal, usage(true), path(SAMPLE), "--dr-incentive", "0.5");

        assertThat(run.exitCode()).isEqualTo(2);
        // 2001-12-17T09:40:47Z is 01:40:47 PST; the sample's oadrEvent starts on line 11
        assertThat(run.err().lines()).containsExactly("settle ingest: openadr20b_Sample_oadrDistributeEvent.xml: " +
            "line 11: event \"Event_939393\": starts at 2001-12-17T09:40:47Z, 01:40:47 local in America/Los_Angeles, " +
            "not on a local hour; lasts PT30M, not whole hours: DR events settle in whole local hours of one local " +
            "day of the tariff's zone; nothing was journalled");
        assertThat(run.out()).isEmpty();
        assertThat(journal).doesNotExist();
    }

    @Test
    void twoEventIdsThatMapToOneEngineIdAreRefused() throws IOException
    {
        // the weekday payload with its cancelled event made a live one on the next day, and named Test_0939393: its
        // one run of digits is 939393 too
        final Path payload = write("two.xml", Files.readString(Path.of(path(WEEKDAY)))
            .replace("<ei:eventID>Event_939394</ei:eventID>", "<ei:eventID>Test_0939393</ei:eventID>")
            .replace("<ei:eventStatus>cancelled</ei:eventStatus>", "<ei:eventStatus>far</ei:eventStatus>")
            .replaceFirst("(Test_0939393(?s:.*?))2026-04-29T23:00:00Z", "$12026-04-30T23:00:00Z"));
        final Path journal = tmp.resolve("journal");

        final CliRun run = ingest(journal, usage(true), payload.toString(), "--dr-incentive", "0.5");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
            .startsWith("settle ingest: two.xml: line ")
            .contains("event \"Test_0939393\" maps to engine event id 939393 (its digits), as does event " +
                "\"Event_939393\" (two.xml line ")
            .endsWith("nothing was journalled");
        assertThat(journal).doesNotExist();
    }

    @Test
    void programOptionsAreCheckedBeforeAnyFileIsRead() throws IOException
    {
        final Path usage = usage(true);

        final CliRun sevenDecimals = ingest(tmp.resolve("a"), usage, path(WEEKDAY), "--dr-incentive", "0.1234567");
        final CliRun noIncentive = ingest(tmp.resolve("b"), usage, path(WEEKDAY));
        final CliRun badMethod = ingest(tmp.resolve("c"), usage, path(WEEKDAY), "--dr-incentive", "1",
            "--dr-baseline", "10of10");

        assertThat(sevenDecimals.exitCode()).isEqualTo(2);
        assertThat(sevenDecimals.err().lines()).containsExactly("settle ingest: --dr-incentive 0.1234567: 7 " +
            "decimals; amounts are micro-units, so at most 6 decimals are kept and none is rounded away");
        assertThat(noIncentive.exitCode()).isEqualTo(2);
        assertThat(noIncentive.err()).startsWith("settle ingest: --dr-events needs --dr-incentive DECIMAL");
        assertThat(badMethod.exitCode()).isEqualTo(2);
        assertThat(badMethod.err()).startsWith("settle ingest: --dr-baseline 10of10: expected 10in10, " +
            "10in10-adjusted or declared");
        assertThat(tmp.resolve("a")).doesNotExist();
        // an empty venID would skip every event addressed to a VEN
        final CliRun emptyVen = ingest(tmp.resolve("d"), usage, path(WEEKDAY), "--dr-incentive", "1", "--ven-id", " ");
        assertThat(emptyVen.exitCode()).isEqualTo(2);
        assertThat(emptyVen.err().lines()).containsExactly("settle ingest: --ven-id is empty: give the venID your " +
            "VTN addresses events to");
        assertThat(tmp.resolve("d")).doesNotExist();
    }

    @Test
    void aPowerBaselineIsRefusedAsADeclaredBaseline() throws IOException
    {
        // the W_Baseline sample (EnerNOC/oadr2-ven-python, Apache-2.0) moved to whole hours: dtstart 16:00 PDT for
        // PT3H, its baseline from the same instant; its baseline stays powerReal in W at scale d
        final Path payload = write("power.xml",
            Files.readString(Path.of(path("ingest/openadr20b_Sample_oadrDistributeEvent_W_Baseline.xml")))
                .replace("2001-12-17T09:40:47.000Z", "2026-04-29T23:00:00Z")
                .replace("<xcal:duration>PT30M</xcal:duration>", "<xcal:duration>PT3H</xcal:duration>")
                .replace("2001-12-17T09:30:47Z", "2026-04-29T23:00:00Z"));

        final CliRun run = ingest(tmp.resolve("journal"), usage(true), payload.toString(), "--dr-incentive", "0.5",
            "--dr-baseline", "declared");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("settle ingest: power.xml: line 6: event \"Event_939393\": " +
            "its eiEventBaseline is powerReal in W (scale d), not energyReal in Wh: the declared baseline is energy " +
            "per hour, and a power is not read as an hour's average demand, which the payload does not say it is; " +
            "use --dr-baseline 10in10 or 10in10-adjusted; nothing was journalled");
        assertThat(tmp.resolve("journal")).doesNotExist();
    }

    @Test
    void withTheVensOwnIdAnEventAddressedToItSettlesWithoutAWarning() throws IOException
    {
        final Path journal = tmp.resolve("journal");

        final CliRun run = ingest(journal, usage(true), baselineSampleInWholeHours().toString(),
            "--dr-incentive", "0.123457", "--ven-id", "ven_py");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("DR event");
        // the first test's hours and readings, so its hand-worked credits
        assertThat(run.out())
            .contains("dr events: 1 journalled from ven.xml (10in10-adjusted baseline, 0.123457 DR per kWh " +
                "reduced); 0 withdrawn, 0 skipped, 0 superseded by a later modification\n")
            .contains("dr event \"Event_939393\" (modification 1, far) -> engine id 939393 (its digits): " +
                "2026-04-29 16:00-19:00 America/Los_Angeles: 2 meters credited in this run for 4.656 kWh reduced: " +
                "0.574815 DR\n")
            .doesNotContain("dr skipped");
    }

    @Test
    void anEventAddressedToAnotherVenIsSkippedListedAndPaysNothing() throws IOException
    {
        // an aggregator's file: the event is ven_py's, and this run settles other_ven's meters
        final Path journal = tmp.resolve("journal");

        final CliRun run = ingest(journal, usage(true), baselineSampleInWholeHours().toString(),
            "--dr-incentive", "0.123457", "--ven-id", "other_ven");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("DR event");
        assertThat(run.out())
            .contains("dr events: 0 journalled from ven.xml (10in10-adjusted baseline, 0.123457 DR per kWh " +
                "reduced); 0 withdrawn, 1 skipped, 0 superseded by a later modification\n")
            .contains("dr skipped: \"Event_939393\" addressed to venID \"ven_py\", not to --ven-id other_ven\n")
            .doesNotContain("dr event \"Event_939393\"")
            .doesNotContain("token DR");
        final String inputs = CliRun.of("dump", "--journal", journal.toString(), "--input").out();
        assertThat(inputs).doesNotContain("\"type\":\"dr_event\"");
        assertThat(CliRun.of("dump", "--journal", journal.toString()).out()).doesNotContain("DR_INCENTIVE");
    }

    @Test
    void withoutAVenIdAnEventNamingVenIdsSettlesWithAWarningThatSaysHowToSelectThem() throws IOException
    {
        final Path journal = tmp.resolve("journal");

        final CliRun run = ingest(journal, usage(true), baselineSampleInWholeHours().toString(),
            "--dr-incentive", "0.123457");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // line 6 of the sample is its <oadr:oadrEvent>
        assertThat(run.err()).contains("settle ingest: warning: ven.xml line 6: DR event \"Event_939393\" targets " +
            "venID ven_py, which gridsettle does not select meters by: it is settled for every meter the enrolment " +
            "file puts in demand response; give --ven-id with your VEN's venID to settle only the events addressed " +
            "to it\n");
        assertThat(run.out()).contains("2 meters credited in this run for 4.656 kWh reduced: 0.574815 DR\n");
    }

    /**
     * @return the W_Baseline sample (EnerNOC/oadr2-ven-python, Apache-2.0), whose eiTarget is {@code venID ven_py},
     *         moved to the first test's event hours: dtstart 16:00 PDT on 2026-04-29 for PT3H.
     */
    private Path baselineSampleInWholeHours() throws IOException
    {
        return write("ven.xml",
            Files.readString(Path.of(path("ingest/openadr20b_Sample_oadrDistributeEvent_W_Baseline.xml")))
                .replace("2001-12-17T09:40:47.000Z", "2026-04-29T23:00:00Z")
                .replace("<xcal:duration>PT30M</xcal:duration>", "<xcal:duration>PT3H</xcal:duration>"));
    }

    /**
     * @param eventDay true to include the event day's readings.
     * @return the usage CSV worked out in the first test's Javadoc, hourly, by local hour in Los Angeles.
     */
    private Path usage(final boolean eventDay) throws IOException
    {
        final List<String> rows = new ArrayList<>(List.of("meter_id,interval_start,interval_seconds,import_wh," +
            "export_wh"));
        for (int d = 1; d <= BASELINE_DAYS.length; d++)
        {
            final LocalDate day = LocalDate.of(2026, 4, BASELINE_DAYS[d - 1]);
            for (final String meter : List.of("M-1", "M-3"))
            {
                hours(rows, meter, day, 1000, 1000, 1000, 2000, d <= 5 ? 2100 : 2000, 1800 + d);
            }
            hours(rows, "M-2", day, 500, 500, 500, d == 10 ? 1505 : 1500, 1500, 1500);
        }
        if (eventDay)
        {
            final LocalDate day = LocalDate.of(2026, 4, 29);
            for (final String meter : List.of("M-1", "M-3"))
            {
                hours(rows, meter, day, 1100, 1100, 1100, 1200, 1300, 2000);
            }
            hours(rows, "M-2", day, 700, 700, 700, 900, 900, 900);
        }
        return write("usage.csv", String.join("\n", rows) + "\n");
    }

    /** Adds readings for local hours 12, 13, 14 (the adjustment window) and 16, 17, 18 (the event). */
    private static void hours(final List<String> rows, final String meter, final LocalDate day, final long... wh)
    {
        final int[] hours = {12, 13, 14, 16, 17, 18};
        for (int i = 0; i < hours.length; i++)
        {
            rows.add(meter + "," + day.atTime(hours[i], 0).atZone(LA).toInstant() + ",3600," + wh[i] + ",0");
        }
    }

    private CliRun ingest(final Path journal, final Path usage, final String drEvents, final String... more)
        throws IOException
    {
        final List<String> args = new ArrayList<>(List.of("ingest", "--journal", journal.toString(),
            "--tariff", path(HAND_TARIFF), "--meters", write("meters.csv", METERS).toString(),
            "--usage", usage.toString(), "--dr-events", drEvents));
        args.addAll(Arrays.asList(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(tmp.resolve(name), text);
    }
}
