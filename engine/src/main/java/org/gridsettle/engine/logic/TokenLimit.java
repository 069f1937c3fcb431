package org.gridsettle.engine.logic;

import org.agrona.collections.LongHashSet;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.TouTariff;

/**
 * Keeps the tokens the engine could ever post in within the ledger's {@link Ledger#MAX_TOKENS}.
 * <p>
 * The ledger numbers tokens at their first posting, in the middle of applying an input: a token beyond its limit
 * there could only halt the engine, after part of the input was posted, and halt it again at every restart, since
 * recovery re-applies the same input. So the limit is checked where tokens are declared instead: a tariff version
 * or a DR event that would bring the tokens of the ledger, of every tariff version and of every DR event over the
 * limit is rejected (TOKEN_LIMIT) before anything of it takes effect. Redemptions and interest only ever use
 * tokens that already hold balances. A withdrawn DR event never posts, so its token counts only if the ledger or
 * another tariff version or event holds it; settled and pending events keep theirs.
 * <p>
 * Runs on the business-logic thread, at tariff and DR event inputs only; allocates a set each time, off the tick path.
 */
final class TokenLimit
{
    static final long CARBON = TokenSymbol.pack("CARBON");

    private TokenLimit()
    {
    }

    /**
     * @param ledger    the ledger, for the tokens already in use.
     * @param tariffs   every accepted tariff version.
     * @param events    every accepted DR event; withdrawn ones are not counted.
     * @param tariff    a tariff version about to be accepted, or null.
     * @param drToken   the program token of a DR event about to be accepted, or 0.
     * @return true if every token that could then be posted fits the ledger.
     */
    static boolean admits(
        final Ledger ledger,
        final TariffBook tariffs,
        final DrEventBook events,
        final TouTariff tariff,
        final long drToken)
    {
        final LongHashSet tokens = new LongHashSet();
        for (int i = 0, n = ledger.tokenCount(); i < n; i++)
        {
            tokens.add(TokenSymbol.pack(ledger.tokenSymbol(i)));
        }
        tariffs.collectTokens(tokens);
        for (int i = 0, n = events.count(); i < n; i++)
        {
            // a withdrawn event never posts; a token it shares with balances is counted by the ledger above
            if (!events.withdrawn(i))
            {
                tokens.add(events.token(i));
            }
        }
        if (tariff != null)
        {
            addTokensOf(tariff, tokens);
        }
        if (drToken != 0)
        {
            tokens.add(drToken);
        }
        return tokens.size() <= Ledger.MAX_TOKENS;
    }

    static void addTokensOf(final TouTariff tariff, final LongHashSet tokens)
    {
        tokens.add(tariff.tokenSymbol());
        tokens.add(tariff.exportTokenSymbol());
        if (tariff.pricesCarbon())
        {
            tokens.add(CARBON);
        }
    }
}
