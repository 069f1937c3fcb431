package org.gridsettle.engine;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TierTable;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a customer pays for a closed billing period does not depend on the order ticks arrived in, nor on other
 * meters' ticks interleaved with theirs: tiers and net metering are settled from aggregates at close (daily tiers
 * from each local day's).
 */
class ArrivalOrderProperties
{
    private static final long APRIL =
        ZonedDateTime.of(2026, 4, 1, 0, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();

    @Property(tries = 60)
    void closedPeriodBalancesDoNotDependOnArrivalOrder(
        @ForAll @Size(min = 1, max = 12) final List<@IntRange(min = 0, max = 4_000) Integer> imports,
        @ForAll @Size(min = 1, max = 12) final List<@IntRange(min = 0, max = 4_000) Integer> exports,
        @ForAll final long shuffleSeed,
        @ForAll final boolean netMetering,
        @ForAll final boolean tiersAcrossPeriods)
    {
        // one tick per interval and meter; 3 meters, the same energies shifted per meter
        final List<long[]> ticks = new ArrayList<>();
        for (int m = 1; m <= 3; m++)
        {
            for (int i = 0; i < imports.size(); i++)
            {
                final long exportWh = i < exports.size() ? exports.get(i) * (m - 1) : 0;
                // odd intervals fall in the 16:00-21:00 peak, so both periods count towards the tiers
                final long start = EngineFixture.START + i * 900L + (i % 2 == 1 ? 17 * 3600L : 0);
                ticks.add(new long[] {m, start, imports.get(i) + m, exportWh});
            }
        }
        final List<long[]> shuffled = new ArrayList<>(ticks);
        Collections.shuffle(shuffled, new Random(shuffleSeed));

        // net metering needs tiers counted per period (a tariff with both is refused), so that pair is not drawn
        final TierBasis basis = tiersAcrossPeriods && !netMetering ? TierBasis.BILLING_PERIOD_ALL_PERIODS :
            TierBasis.BILLING_PERIOD;
        final long[] inOrder = balances(ticks, netMetering, basis);
        final long[] anyOrder = balances(shuffled, netMetering, basis);
        assertThat(anyOrder).isEqualTo(inOrder);
    }

    @Property(tries = 60)
    void closedPeriodBalancesOnDailyTiersDoNotDependOnArrivalOrder(
        @ForAll @Size(min = 1, max = 12) final List<@IntRange(min = 0, max = 4_000) Integer> imports,
        @ForAll final long shuffleSeed)
    {
        // the same energies over three local days (a tick a day in turn), so that ticks of an earlier day arrive
        // after a later day's: the tick postings then depend on the order, the days' tiered charges at close do not
        final List<long[]> ticks = new ArrayList<>();
        for (int m = 1; m <= 3; m++)
        {
            for (int i = 0; i < imports.size(); i++)
            {
                final long start = EngineFixture.START + (i % 3) * 86_400L + i * 900L + (i % 2 == 1 ? 17 * 3600L : 0);
                ticks.add(new long[] {m, start, imports.get(i) * 3L + m, 0});
            }
        }
        final List<long[]> shuffled = new ArrayList<>(ticks);
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        assertThat(balances(shuffled, false, TierBasis.DAILY)).isEqualTo(balances(ticks, false, TierBasis.DAILY));
    }

    private static long[] balances(final List<long[]> ticks, final boolean netMetering, final TierBasis basis)
    {
        final SettlementLogic logic = new SettlementLogic((b, o, l) ->
        {
        }, 32);
        final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(4096, 64));
        long seq = 0;
        // tier 1 up to 5 kWh, rates with odd micro-units so that where a tick is split, and so each tick's rounding,
        // depends on arrival order; only the period-close true-up can make the totals agree
        final int[] hours = new int[24];
        for (int h = 16; h < 21; h++)
        {
            hours[h] = 1;
        }
        final TouTariff tariff = TouTariff.hourly(EngineFixture.TARIFF, 1, EngineFixture.START, "USD", "SOLAR",
            EngineFixture.ZONE, List.of(new TouPeriod("off-peak", 123_457, 50_001),
                new TouPeriod("peak", 523_457, 100_001)), hours, hours)
            .withTiers(new TierTable(basis, new long[] {5_000, Long.MAX_VALUE},
                new long[][] {{123_457, 210_001}, {523_457, 610_001}},
                new long[][] {{50_001, 50_001}, {100_001, 100_001}}))
            .withExportRule(netMetering ? ExportRule.NET_METERING : ExportRule.NET_BILLING, 40_001);
        final TariffVersionCodec tariffCodec = new TariffVersionCodec();
        tariffCodec.wrap(buffer, 0);
        tariffCodec.encode(++seq, tariff);
        logic.apply(buffer, 0, tariffCodec.length());
        final AccountRegistrationCodec account = new AccountRegistrationCodec();
        final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec();
        final MeterTickCodec tick = new MeterTickCodec();
        final CalendarCodec calendar = new CalendarCodec();
        account.wrap(buffer, 0);
        enrolment.wrap(buffer, 0);
        tick.wrap(buffer, 0);
        calendar.wrap(buffer, 0);
        for (int m = 1; m <= 3; m++)
        {
            account.encode(++seq, 1000 + m);
            logic.apply(buffer, 0, AccountRegistrationCodec.LENGTH);
            enrolment.encode(++seq, m, 1000 + m, EngineFixture.TARIFF, EngineFixture.START, 0, 0);
            logic.apply(buffer, 0, MeterEnrolmentCodec.LENGTH);
        }
        for (final long[] t : ticks)
        {
            tick.encode(++seq, t[0], 0, t[1], 900, t[2], t[3], 0);
            logic.apply(buffer, 0, MeterTickCodec.LENGTH);
        }
        calendar.encode(++seq, CalendarCodec.PERIOD_CLOSE, APRIL, EngineFixture.TARIFF);
        logic.apply(buffer, 0, CalendarCodec.LENGTH);
        logic.ledger().checkBalanced();
        final int usd = logic.ledger().findToken(TokenSymbol.pack("USD"));
        final int solar = logic.ledger().findToken(TokenSymbol.pack("SOLAR"));
        final long[] result = new long[6];
        for (int m = 1; m <= 3; m++)
        {
            result[2 * (m - 1)] = usd < 0 ? 0 : logic.ledger().balance(1000 + m, usd);
            result[2 * (m - 1) + 1] = solar < 0 ? 0 : logic.ledger().balance(1000 + m, solar);
        }
        return result;
    }
}
