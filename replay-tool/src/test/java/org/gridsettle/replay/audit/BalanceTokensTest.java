package org.gridsettle.replay.audit;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balance chart's tokens are those an account with a reported day held by its last reported day, as they were
 * when every account's days were held (the union of the reported days' closing balances): a token moved only by an
 * account with no reported day, or moved only on or after {@code --to}, is not charted.
 */
class BalanceTokensTest
{
    private static final LocalDate FROM = LocalDate.parse("2026-03-02");
    private static final LocalDate TO = LocalDate.parse("2026-03-04");

    @Test
    void aTokenIsChartedWhenAnAccountWithAReportedDayHeldItBeforeTheEnd()
    {
        final BalanceTokens tokens = new BalanceTokens(FROM, TO);
        // no reported day: its USD balance is on no reported day of its own
        tokens.add(1, FROM.minusDays(1), "USD");
        // held SOLAR since before the range, which its reported day's closing balances carry
        tokens.add(2, FROM.minusDays(1), "SOLAR");
        tokens.add(2, FROM.plusDays(1), "DR");
        // NEM moved only after the range: no reported day's balance has it yet
        tokens.add(3, TO, "NEM");
        tokens.add(3, FROM, "CARBON");

        assertThat(tokens.held()).containsExactly("CARBON", "DR", "SOLAR");
    }

    @Test
    void withoutARangeEveryTokenMovedIsCharted()
    {
        final BalanceTokens tokens = new BalanceTokens(null, null);
        tokens.add(1, FROM, "USD");
        tokens.add(2, TO, "SOLAR");

        assertThat(tokens.held()).containsExactly("SOLAR", "USD");
    }
}
