package org.gridsettle.replay.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import org.gridsettle.journal.CauseEventTime;
import org.gridsettle.journal.EventTimeRange;
import org.gridsettle.journal.InputEventTimes;
import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.Journals;
import org.gridsettle.replay.dump.JournalDump;
import org.gridsettle.replay.dump.JsonFields;
import org.gridsettle.replay.dump.RecordJsonWriter;
import org.gridsettle.replay.dump.RecordSubject;
import org.gridsettle.replay.dump.RedemptionInputs;
import org.gridsettle.replay.dump.TokenSupply;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code settle dump}: prints one journal's records as JSON lines, verifying them as it reads. Wires the options
 * to {@link JournalDump}; the rendering is {@link RecordJsonWriter}'s.
 * <p>
 * picocli creates one instance per invocation and calls it on the invoking thread; not thread-safe.
 */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    header = "Print one journal's records as JSON lines, for people and jq.",
    description = {
        "Print one journal's records as JSON, one object per line, for people and jq:",
        "every field by name, amounts and rates as decimal strings, energies in kWh",
        "and Wh, times in ISO-8601 UTC, tokens and reason codes by name.",
        "The journal is verified as it is read (XXH64 chain, SHA-256 checkpoints). At",
        "a corrupt record, the records before it are printed, one line on stderr",
        "names the record, and the exit code is 1. A cycle file cut short or with",
        "a damaged header is refused before anything is printed, as Chronicle",
        "could not open it without changing it. A journal whose last cycle files",
        "were removed is printed, then named on stderr with exit code 1. The half",
        "asked for is printed even when the other half is gone; the half asked for",
        "gone is exit code 1, as in settle verify. An archive of closed cycle files",
        "ends with such a roll: --archive prints it without that complaint.",
        "In the output journal a REDEMPTION transfer, and a refusal of a redemption,",
        "also show the requestId of the request, read from the input journal: from",
        "the first such request to the last, by binary search over long gaps, each",
        "input read verified (one that fails its checks is named on stderr, exit",
        "code 1); settle verify checks the whole input journal."},
    footer = {"", "Examples:",
        "  settle dump --journal demo-data/journal --limit 5",
        "  settle dump --journal DIR --input --from 1200 --limit 10",
        "  settle dump --journal DIR --account 100001 --since 2026-03-03T08:00:00Z",
        "  settle dump --journal DIR --since 2026-03-03T00:00:00Z \\",
        "      --until 2026-03-04T00:00:00Z",
        "  settle dump --journal DIR | jq -r 'select(.reason == \"INTEREST\") | .amount'",
        "  settle dump --journal DIR --supply --as-of 1534118"})
public final class DumpCommand implements Callable<Integer>
{
    /** Exit code when the journal fails verification part-way. */
    static final int CORRUPT = 1;

    @Option(names = "--journal", required = true, paramLabel = "DIR",
        description = "Journal directory holding input/ and output/.")
    private Path journal;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Which which;

    @Option(names = "--from", paramLabel = "SEQ", defaultValue = "0",
        description = "Start at sequence SEQ (input sequences for --input, output sequences for --output), found " +
            "by binary search; the chain is verified from there on.")
    private long fromSequence;

    @Option(names = "--since", paramLabel = "TIME",
        description = "Only records about this event time or later: a tick's or transfer's interval start, a " +
            "calendar event, an effective-from; a duplicate acknowledgement's input's. Records about no time (a " +
            "redemption, a rejection) are left out. ISO-8601, e.g. 2026-03-02T00:00:00Z.")
    private String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only records about an event time before TIME.")
    private String until;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Subject subject;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + Long.MAX_VALUE,
        description = "Print at most N records.", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
    private long limit;

    @Option(names = "--checkpoints", description = "Also print the SHA-256 checkpoint records.")
    private boolean checkpoints;

    @Option(names = "--archive", description = "The journal is an archive of closed cycle files: its last cycle " +
        "file closed by a roll to a later day is its end, not cycle files removed.")
    private boolean archive;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    private boolean verbose;

    @Option(names = "--supply", description = "Instead of records, one line per token of what a treasurer " +
        "reconciles from the output journal's transfers: minted (issuance's debits less the credits it took back), " +
        "redeemed, reserve (minted - redeemed), interest (paid by yield), held and owed (customers' balances above " +
        "and below zero: in a program token, owed is a credit taken back after it was redeemed; in a charge token, " +
        "charges due), accountsOwing, outstanding (held - owed), and the revenue, drFund, carbonFund, " +
        "issuanceBalance and yieldBalance balances. A journal that fails its checks prints nothing (exit 1). Takes " +
        "--as-of and --archive only.")
    private boolean supply;

    @Option(names = "--as-of", paramLabel = "SEQ", description = "With --supply: count only the outputs of input " +
        "sequences 1 to SEQ (the state after input SEQ, as a balance query's asOfSequence names it; for a day, the " +
        "sequence of its END_OF_DAY input in settle dump --input).")
    private Long asOf;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException
    {
        if (fromSequence < 0)
        {
            throw new IllegalArgumentException("--from must not be negative: " + fromSequence);
        }
        if (limit < 0)
        {
            throw new IllegalArgumentException("--limit must not be negative: " + limit);
        }
        // no journal at all is bad usage (exit 2). The half asked for is printed whether or not the other is there,
        // so that what is left of damaged evidence can be read; the half asked for gone is a journal that fails its
        // checks (exit 1), as every other command that reads it reports it
        JournalDirectory.requireEitherHalf(journal);
        if (supply || asOf != null)
        {
            return supply();
        }
        final boolean input = which != null && which.input;
        final Path queue = input ? Journals.input(journal) : Journals.output(journal);
        if (!JournalDirectory.holdsCycleFiles(queue))
        {
            throw new JournalCorruptException("no journal at " + queue + ": the journal's " +
                (input ? "input" : "output") + " half is gone (settle verify --journal " + journal + ")");
        }
        final PrintWriter out = spec.commandLine().getOut();
        // a duplicate acknowledgement is about its cause's time: the input journal is read alongside, when needed
        // the input half, when there is one, names the redemption request behind a REDEMPTION output
        final RedemptionInputs redemptions = new RedemptionInputs(input ||
            !JournalDirectory.holdsCycleFiles(Journals.input(journal)) ? null : Journals.input(journal));
        try (JsonGenerator json = RecordJsonWriter.jsonLines(out);
            InputEventTimes causes = new InputEventTimes(Journals.input(journal));
            redemptions)
        {
            try
            {
                final JournalDump dump = new JournalDump(new RecordJsonWriter(json).redemptions(redemptions),
                    input ? Journals.INPUT : Journals.OUTPUT, fromSequence, limit, checkpoints)
                    .eventTimes(eventTimes(causes)).subject(subject == null ? null : subject.selection(redemptions))
                    .stopWhen(() -> flushFailed(json, out));
                if (archive)
                {
                    dump.archive();
                }
                final long printed = dump.run(queue);
                final String half = input ? "input" : "output";
                if (printed == 0 && limit > 0 && fromSequence > 1 && since == null && until == null &&
                    subject == null)
                {
                    // with no time filter, a seek inside the journal prints at least its first record: an empty
                    // output here means the seek went past the end, which is said so it is not taken for an answer
                    note("--from " + fromSequence + " is past the " + half + " journal's last record: nothing to print");
                }
                else if (printed == 0 && limit > 0 && subject != null)
                {
                    // a mistyped meter or account prints nothing, which must not read as "it has no records"
                    // without the reader being told that no record of the range asked for names it at all
                    note("no " + half + " record" + (fromSequence > 1 || since != null || until != null ?
                        " in the range asked for" : "") + " is about " + subject.describe() + ": nothing to print");
                }
            }
            catch (final JournalCorruptException e)
            {
                // what was verified is already printed; say where it stopped, on its own line
                json.flush();
                out.flush();
                final PrintWriter err = spec.commandLine().getErr();
                err.println("settle dump: " + OneLineErrors.message(e));
                err.flush();
                return CORRUPT;
            }
        }
        out.flush();
        if (redemptions.problem() != null)
        {
            // every output is printed; the requests behind those of redemptions after the failure are not named
            final PrintWriter err = spec.commandLine().getErr();
            err.println("settle dump: the input journal, read for the redemption requests, fails its checks: " +
                redemptions.problem());
            err.flush();
            return CORRUPT;
        }
        return 0;
    }

    private int supply() throws IOException
    {
        if (!supply)
        {
            throw new IllegalArgumentException("--as-of " + asOf + " is a --supply option: add --supply");
        }
        final String other = which != null && which.input ? "--input" : fromSequence != 0 ? "--from" :
            since != null ? "--since" : until != null ? "--until" : subject != null ? "--meter or --account" :
            limit != Long.MAX_VALUE ? "--limit" : checkpoints ? "--checkpoints" : null;
        if (other != null)
        {
            throw new IllegalArgumentException("--supply adds up the whole output journal and takes --as-of and " +
                "--archive only, not " + other);
        }
        if (asOf != null && asOf < 1)
        {
            throw new IllegalArgumentException("--as-of must be an input sequence, 1 or more: " + asOf);
        }
        final Path queue = Journals.output(journal);
        if (!JournalDirectory.holdsCycleFiles(queue))
        {
            throw new JournalCorruptException("no journal at " + queue + ": the journal's output half is gone " +
                "(settle verify --journal " + journal + ")");
        }
        final TokenSupply totals = new TokenSupply(asOf == null ? Long.MAX_VALUE : asOf);
        final PrintWriter out = spec.commandLine().getOut();
        try
        {
            totals.run(queue, archive);
        }
        catch (final JournalCorruptException e)
        {
            // nothing is printed: a sum over part of a journal that fails its checks is no reconciliation
            final PrintWriter err = spec.commandLine().getErr();
            err.println("settle dump: " + OneLineErrors.message(e));
            err.flush();
            return CORRUPT;
        }
        try (JsonGenerator json = RecordJsonWriter.jsonLines(out))
        {
            totals.write(new JsonFields(json));
        }
        out.flush();
        if (totals.countedNoTransfer())
        {
            // an empty output is no answer a treasurer can tell from a failure: say that nothing was posted yet
            note(asOf == null ? "the output journal holds no transfer: no token was posted, so there is no line" :
                "no transfer was caused by input " + asOf + " or an earlier one: nothing was minted, held or owed " +
                "as of it, so there is no line");
        }
        if (asOf != null && totals.asOfInput() < asOf)
        {
            final PrintWriter err = spec.commandLine().getErr();
            err.println("settle dump: note: the output journal holds no output of an input after " +
                totals.asOfInput() + ": the figures are as of that input, and as of --as-of " + asOf +
                " if the input journal reaches it");
            err.flush();
        }
        return 0;
    }

    private void note(final String text)
    {
        final PrintWriter err = spec.commandLine().getErr();
        err.println("settle dump: note: " + text);
        err.flush();
    }

    private static boolean flushFailed(final JsonGenerator json, final PrintWriter out)
    {
        try
        {
            json.flush();
        }
        catch (final IOException e)
        {
            return true;
        }
        return out.checkError();
    }

    private EventTimeRange eventTimes(final CauseEventTime causes)
    {
        if (since == null && until == null)
        {
            return null;
        }
        final long from = since == null ? Long.MIN_VALUE + 1 : OptionValues.instant("--since", since);
        final long to = until == null ? Long.MAX_VALUE : OptionValues.instant("--until", until);
        if (from >= to)
        {
            throw new IllegalArgumentException("--since " + since + " is not before --until " + until);
        }
        return new EventTimeRange(from, to, causes);
    }

    /**
     * Whose records: every record unless one meter or one account is named.
     */
    static final class Subject
    {
        @Option(names = "--meter", paramLabel = "ID", required = true,
            description = "Only the records about this meter: its ticks, enrolments, transfers, rejections and " +
                "duplicate acknowledgements.")
        private Long meter;

        @Option(names = "--account", paramLabel = "ID", required = true,
            description = "Only the records about this account: its registration, enrolments, redemptions, the " +
                "transfers that debit or credit it, its rejections (every refusal of its redemptions, whatever its " +
                "subject, and no other account's, found by the request in the input journal) and duplicate " +
                "acknowledgements.")
        private Long account;

        RecordSubject selection(final RedemptionInputs redemptions)
        {
            if (meter != null && meter == 0)
            {
                // transfers about no meter (interest, redemptions) carry meter id 0, and the engine enrols no meter 0
                throw new IllegalArgumentException("--meter 0 is no meter: the transfers about no meter (interest, " +
                    "redemptions) carry it; select them with --account");
            }
            if (meter != null)
            {
                return RecordSubject.meter(meter);
            }
            // a refusal of the account's redemption may name the request id: found by its cause, in the input journal
            // (none when the input half is gone or is the one dumped), as each refusal is met
            return RecordSubject.account(account).redemptions(redemptions);
        }

        String describe()
        {
            return meter != null ? "meter " + meter : "account " + account;
        }
    }

    /**
     * Which journal: the output journal unless {@code --input}.
     */
    static final class Which
    {
        @Option(names = "--input", required = true, description = "Dump the input journal.")
        private boolean input;

        @Option(names = "--output", required = true, description = "Dump the output journal (the default).")
        private boolean output;
    }
}
