package org.gridsettle.engine;

import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record refused MALFORMED because a value in it could not be placed (an instant outside the years the tariffs'
 * zone tables cover, which the zone lookup throws at) names the subject FORMAT.md section 5 gives its type's
 * MALFORMED rejections: the kind of a calendar record, the eventId of a DR event. Before, every such rejection had
 * subject 0. Nothing is applied, and later inputs are.
 */
class MalformedSubjectTest
{
    private static final long YEAR_6000 = ZonedDateTime.of(6000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();
    private static final long EVENT = 4_242;

    @TempDir
    Path dir;

    @Test
    void aCalendarRecordOrDrEventAtAnInstantNoZoneTablePlacesNamesItsKindOrEvent()
    {
        final long day = EngineFixture.START + 86_400;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                                                        // 1..3
            engine.calendar(CalendarCodec.PERIOD_CLOSE, YEAR_6000, EngineFixture.TARIFF);          // 4
            engine.calendar(CalendarCodec.PERIOD_CLOSE, Long.MIN_VALUE, EngineFixture.TARIFF);     // 5
            engine.publishDrEvent(EVENT, TokenSymbol.pack("DR"), EngineFixture.TARIFF, YEAR_6000,
                YEAR_6000 + 3_600, 1_000, BaselineMethod.DECLARED, 100);                          // 6
            engine.submitTick(1, 0, EngineFixture.START, 900, 1_000, 0);                          // 7: priced
            engine.calendar(CalendarCodec.END_OF_DAY, day, EngineFixture.TARIFF);                 // 8: applied
        }
        final Outputs out = Outputs.of(dir);
        final long[][] inputAndSubject = {{4, CalendarCodec.PERIOD_CLOSE}, {5, CalendarCodec.PERIOD_CLOSE},
            {6, EVENT}};
        for (final long[] expected : inputAndSubject)
        {
            assertThat(out.causedBy(expected[0])).as("input %d", expected[0]).hasSize(1);
            assertThat(Outputs.rejection(out.causedBy(expected[0]).get(0))).as("input %d", expected[0])
                .isEqualTo(ReasonCode.MALFORMED);
            assertThat(Outputs.rejectionSubject(out.causedBy(expected[0]).get(0))).as("input %d", expected[0])
                .isEqualTo(expected[1]);
        }
        // 1 kWh off-peak at the fixture's 0.30/kWh; the period was not closed by input 4 or 5
        assertThat(Outputs.transfer(out.causedBy(7).get(0)).amount()).isEqualTo(300_000);
        // the fixture tariff has no fixed charges: the end of day is applied and posts nothing, not acknowledged
        assertThat(out.causedBy(8)).isEmpty();
    }
}
