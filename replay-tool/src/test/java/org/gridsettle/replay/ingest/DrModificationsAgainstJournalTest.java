package org.gridsettle.replay.ingest;

import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an ingest's OpenADR events compare with the modification numbers a journal holds ({@link JournalledCalendar},
 * {@link DrWithdrawals}, {@link DrPublications}), at the boundaries: a cancellation at the journalled number is stale,
 * an event to settle at it is published, one below it is superseded; the highest number of an event's records counts;
 * another tariff's records and schema-1 records give none. The payload is
 * {@code openadr_weekday_afternoon_2026-04-29.xml} (Event_939393 modification 2 near, Event_939394 cancelled; see
 * {@link DrEventFilesTest}), edited as each test says. The journals' DR_EVENT records are published through the
 * engine API without a tariff: the engine rejects them UNKNOWN_TARIFF, but they are journalled inputs, which is all
 * the ingest reads.
 */
class DrModificationsAgainstJournalTest
{
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final long TARIFF = 1;
    private static final long DR = TokenSymbol.pack("DR");
    private static final long START = Instant.parse("2026-04-29T23:00:00Z").getEpochSecond();
    private static final DrProgram ADJUSTED =
        new DrProgram("DR", 500_000, BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT);

    @TempDir
    Path tmp;

    @Test
    void theHighestModificationOfAnEventsRecordsOfTheTariffIsWhatTheJournalHolds()
    {
        final Path journal = tmp.resolve("journal");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).build().start())
        {
            publish(engine, 939393, TARIFF, 3);
            publish(engine, 939393, TARIFF, 5);
            publish(engine, 939393, TARIFF, 4);
            publish(engine, 939393, TARIFF + 1, 9);
            publish(engine, 939394, TARIFF, DrEventCodec.UNKNOWN_MODIFICATION);
        }
        final JournalledCalendar journalled = read(journal);

        assertThat(journalled.drEventModification(939393)).isEqualTo(5);
        assertThat(journalled.drEventModification(939394)).isEqualTo(DrEventCodec.UNKNOWN_MODIFICATION);
        assertThat(journalled.holdsDrEvent(939394)).isTrue();
        assertThat(journalled.drEventModification(1)).isEqualTo(DrEventCodec.UNKNOWN_MODIFICATION);
    }

    @Test
    void aCancellationAtTheJournalledModificationIsStaleAndOneAboveItIsWithdrawn() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).build().start())
        {
            publish(engine, 939393, TARIFF, 2);
            publish(engine, 939394, TARIFF, DrEventCodec.UNKNOWN_MODIFICATION);
        }
        final JournalledCalendar journalled = read(journal);

        // Event_939393 cancelled at modification 2, the journal's own: not newer, so stale
        final DrEventFiles atTwo = DrEventFiles.read(List.of(cancelledAt(2)), ADJUSTED, LA);
        assertThat(DrWithdrawals.stale(atTwo, journalled)).singleElement().satisfies((o) ->
        {
            assertThat(o.older().engineId()).isEqualTo(939393);
            assertThat(o.journalledModification()).isEqualTo(2);
        });
        // Event_939394, journalled without a number, is withdrawn, and said to be unchecked
        assertThat(DrWithdrawals.due(atTwo, journalled)).singleElement().satisfies((c) ->
        {
            assertThat(c.engineId()).isEqualTo(939394);
            assertThat(DrWithdrawals.unchecked(c, journalled)).isTrue();
        });

        final DrEventFiles atThree = DrEventFiles.read(List.of(cancelledAt(3)), ADJUSTED, LA);
        assertThat(DrWithdrawals.stale(atThree, journalled)).isEmpty();
        assertThat(DrWithdrawals.due(atThree, journalled)).extracting(DrEventFiles.Cancelled::engineId)
            .containsExactly(939393L, 939394L);
        assertThat(DrWithdrawals.unchecked(DrWithdrawals.due(atThree, journalled).get(0), journalled)).isFalse();
    }

    @Test
    void anEventBelowTheJournalledModificationIsSupersededAndOneAtItIsPublished()
    {
        final Path journal = tmp.resolve("journal");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).build().start())
        {
            publish(engine, 939393, TARIFF, 3);
        }
        final JournalledCalendar journalled = read(journal);
        final Path payload = RecordingSink.resource("openadr_weekday_afternoon_2026-04-29.xml");

        // the payload's Event_939393 is modification 2: below 3
        final DrEventFiles two = DrEventFiles.read(List.of(payload), ADJUSTED, LA);
        assertThat(DrPublications.due(two, journalled)).isEmpty();
        assertThat(DrPublications.superseded(two, journalled)).singleElement().satisfies((o) ->
        {
            assertThat(o.older().event().modificationNumber()).isEqualTo(2);
            assertThat(o.journalledModification()).isEqualTo(3);
        });

        final JournalledCalendar atTwo = read(writeJournalAt(2));
        assertThat(DrPublications.due(two, atTwo)).extracting(DrEventFiles.Mapped::engineId).containsExactly(939393L);
        assertThat(DrPublications.superseded(two, atTwo)).isEmpty();
    }

    private Path writeJournalAt(final long modification)
    {
        final Path journal = tmp.resolve("journal-" + modification);
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).build().start())
        {
            publish(engine, 939393, TARIFF, modification);
        }
        return journal;
    }

    /** @return the weekday payload with Event_939393 cancelled at the given modification (its only copy). */
    private Path cancelledAt(final long modification) throws IOException
    {
        final String weekday = Files.readString(RecordingSink.resource("openadr_weekday_afternoon_2026-04-29.xml"));
        return Files.writeString(tmp.resolve("cancelled-" + modification + ".xml"), weekday
            .replace("<ei:modificationNumber>1</ei:modificationNumber>",
                "<ei:modificationNumber>0</ei:modificationNumber>")
            .replace("<ei:modificationNumber>2</ei:modificationNumber>",
                "<ei:modificationNumber>" + modification + "</ei:modificationNumber>")
            .replaceFirst("<ei:eventStatus>near</ei:eventStatus>", "<ei:eventStatus>cancelled</ei:eventStatus>"));
    }

    private static void publish(
        final SettlementEngine engine, final long eventId, final long tariffId, final long modification)
    {
        if (modification == DrEventCodec.UNKNOWN_MODIFICATION)
        {
            engine.publishDrEvent(eventId, DR, tariffId, START, START + 3_600, 500_000,
                BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT, 0);
        }
        else
        {
            engine.publishDrEvent(eventId, DR, tariffId, START, START + 3_600, 500_000,
                BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT, 0, modification);
        }
    }

    private static JournalledCalendar read(final Path journal)
    {
        return JournalledCalendar.read(journal, TARIFF, 1, (buffer, offset, length, position) ->
        {
        }, (sequence) -> true);
    }
}
