package org.gridsettle.replay.rerate;

import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Original and re-rated amounts per (account, token, reason), each the change in the customer's balance (credits
 * minus debits), micro-units. Sorted by account, token, reason so that the CSV is in a stable order.
 * <p>
 * Not thread-safe; filled and read by one thread.
 */
public final class RerateTotals
{
    /** Index of the recorded amount in a row. */
    public static final int ORIGINAL = 0;
    /** Index of the re-rated amount in a row. */
    public static final int RERATED = 1;

    private final NavigableMap<Long, NavigableMap<String, NavigableMap<String, long[]>>> rows = new TreeMap<>();

    void add(final int which, final long account, final String token, final String reason, final long amount)
    {
        final long[] row = rows.computeIfAbsent(account, (a) -> new TreeMap<>())
            .computeIfAbsent(token, (t) -> new TreeMap<>()).computeIfAbsent(reason, (r) -> new long[2]);
        row[which] = Math.addExact(row[which], amount);
    }

    /**
     * @return account, then token, then reason, to {@code {original, rerated}}.
     */
    public NavigableMap<Long, NavigableMap<String, NavigableMap<String, long[]>>> rows()
    {
        return rows;
    }

    /**
     * @return per token, then reason, {@code {original, rerated}} over every account.
     */
    public NavigableMap<String, NavigableMap<String, long[]>> fleet()
    {
        final NavigableMap<String, NavigableMap<String, long[]>> fleet = new TreeMap<>();
        rows.values().forEach((tokens) -> tokens.forEach((token, reasons) -> reasons.forEach((reason, row) ->
        {
            final long[] sum = fleet.computeIfAbsent(token, (t) -> new TreeMap<>())
                .computeIfAbsent(reason, (r) -> new long[2]);
            sum[ORIGINAL] = Math.addExact(sum[ORIGINAL], row[ORIGINAL]);
            sum[RERATED] = Math.addExact(sum[RERATED], row[RERATED]);
        })));
        return fleet;
    }
}
