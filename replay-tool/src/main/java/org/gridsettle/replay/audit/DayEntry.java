package org.gridsettle.replay.audit;

import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One account's (or meter's) local day: energy priced, postings by token and reason, and the closing balance per
 * token, each with the output sequences it comes from.
 * <p>
 * Energy is the energyWh of the day's energy-charge and export-credit transfers, a reversal counting negatively,
 * so a corrected tick counts once, at its corrected value. Not thread-safe.
 */
public final class DayEntry
{
    /** 15-minute slots in a local day; on the 25-hour day the repeated hour adds into the same slots. */
    public static final int SLOTS = 96;

    private final LocalDate date;
    /** False for a fleet-wide day, which sums every account's transfers and would cite millions of them. */
    private final boolean cites;
    private final SequenceList importSequences = new SequenceList();
    private final SequenceList exportSequences = new SequenceList();
    private final long[] importBySlot = new long[SLOTS];
    private final NavigableMap<String, NavigableMap<String, PostingCell>> postings = new TreeMap<>();
    private final NavigableMap<String, PostingCell> balanceChanges = new TreeMap<>();
    private final NavigableMap<String, Long> closingBalances = new TreeMap<>();
    private final SequenceList carbonSequences = new SequenceList();
    private long importWh;
    private long exportWh;
    private long carbonEmittedUg;
    private long carbonAvoidedUg;

    DayEntry(final LocalDate date, final boolean cites)
    {
        this.date = date;
        this.cites = cites;
    }

    /**
     * @param days days of one account, or of every account together.
     * @return their postings' amounts per token, then reason, summed; the cells carry no sequences, each day's has.
     */
    static NavigableMap<String, NavigableMap<String, PostingCell>> sumPostings(final Iterable<DayEntry> days)
    {
        final NavigableMap<String, NavigableMap<String, PostingCell>> totals = new TreeMap<>();
        for (final DayEntry day : days)
        {
            day.postings().forEach((token, reasons) -> reasons.forEach((reason, cell) ->
                totals.computeIfAbsent(token, (t) -> new TreeMap<>()).computeIfAbsent(reason, (r) -> new PostingCell())
                    .addAmount(cell.amount())));
        }
        return totals;
    }

    void addImport(final long wh, final int slot, final long sequence)
    {
        importWh = Math.addExact(importWh, wh);
        importBySlot[slot] = Math.addExact(importBySlot[slot], wh);
        cite(importSequences, sequence);
    }

    void addExport(final long wh, final long sequence)
    {
        exportWh = Math.addExact(exportWh, wh);
        cite(exportSequences, sequence);
    }

    void addCarbon(final boolean avoided, final long micrograms, final long sequence)
    {
        if (avoided)
        {
            carbonAvoidedUg = Math.addExact(carbonAvoidedUg, micrograms);
        }
        else
        {
            carbonEmittedUg = Math.addExact(carbonEmittedUg, micrograms);
        }
        cite(carbonSequences, sequence);
    }

    void addPosting(final String token, final String reason, final long signedAmount, final long sequence)
    {
        add(postings.computeIfAbsent(token, (t) -> new TreeMap<>()).computeIfAbsent(reason, (r) -> new PostingCell()),
            signedAmount, sequence);
    }

    void addBalanceChange(final String token, final long signedAmount, final long sequence)
    {
        add(balanceChanges.computeIfAbsent(token, (t) -> new PostingCell()), signedAmount, sequence);
    }

    private void add(final PostingCell cell, final long signedAmount, final long sequence)
    {
        if (cites)
        {
            cell.add(signedAmount, sequence);
        }
        else
        {
            cell.addAmount(signedAmount);
        }
    }

    private void cite(final SequenceList list, final long sequence)
    {
        if (cites)
        {
            list.add(sequence);
        }
    }

    void close(final Map<String, Long> runningBalances)
    {
        closingBalances.putAll(runningBalances);
    }

    /** @return the local day. */
    public LocalDate date()
    {
        return date;
    }

    /** @return energy imported and priced, Wh. */
    public long importWh()
    {
        return importWh;
    }

    /** @return energy exported and credited, Wh. */
    public long exportWh()
    {
        return exportWh;
    }

    /** @return the energy-charge transfers {@link #importWh()} is summed from. */
    public SequenceList importSequences()
    {
        return importSequences;
    }

    /** @return the export-credit transfers {@link #exportWh()} is summed from. */
    public SequenceList exportSequences()
    {
        return exportSequences;
    }

    /** @return CO2 of the imports carbon adders were charged on, micrograms (energy x intensity). */
    public long carbonEmittedMicrograms()
    {
        return carbonEmittedUg;
    }

    /** @return CO2 the exports carbon credits were minted for avoided, micrograms (energy x intensity). */
    public long carbonAvoidedMicrograms()
    {
        return carbonAvoidedUg;
    }

    /** @return the carbon transfers both masses are summed from. */
    public SequenceList carbonSequences()
    {
        return carbonSequences;
    }

    /** @return import per local 15-minute slot, Wh; do not modify. */
    public long[] importBySlot()
    {
        return importBySlot;
    }

    /** @return postings by token, then reason name. */
    public NavigableMap<String, NavigableMap<String, PostingCell>> postings()
    {
        return postings;
    }

    /** @return the day's net balance change per token, with every transfer that moved it. */
    public NavigableMap<String, PostingCell> balanceChanges()
    {
        return balanceChanges;
    }

    /** @return balance per token at the end of the day, every token held so far. */
    public NavigableMap<String, Long> closingBalances()
    {
        return closingBalances;
    }
}
