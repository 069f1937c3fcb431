package org.gridsettle.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The help a newcomer reads first. picocli wraps any line longer than the usage width wherever it falls, and
 * lists each subcommand by its header (or else the first line of its description), so lines written longer
 * than the width break mid-sentence and a command without a header is summarised by half a sentence.
 */
final class HelpLayoutTest
{
    private static final int WIDTH = UsageMessageSpec.DEFAULT_USAGE_WIDTH;

    @Test
    void everyCommandHasAOneSentenceHeaderForTheCommandList()
    {
        final CommandLine settle = new CommandLine(new SettleCommand());
        for (final Map.Entry<String, CommandLine> sub : settle.getSubcommands().entrySet())
        {
            if ("help".equals(sub.getKey()))
            {
                continue;
            }
            final String[] header = sub.getValue().getCommandSpec().usageMessage().header();
            assertThat(header).as("header of %s", sub.getKey()).hasSize(1);
            assertThat(header[0]).as("header of %s", sub.getKey()).endsWith(".").hasSizeLessThanOrEqualTo(WIDTH);
        }
    }

    @Test
    void noHelpTextLineIsWrittenWiderThanPicocliWraps()
    {
        final CommandLine settle = new CommandLine(new SettleCommand());
        final List<CommandLine> commands = new ArrayList<>(settle.getSubcommands().values());
        commands.add(settle);
        final List<String> tooWide = new ArrayList<>();
        for (final CommandLine command : commands)
        {
            final UsageMessageSpec usage = command.getCommandSpec().usageMessage();
            for (final String[] block : List.of(usage.header(), usage.description(), usage.footer()))
            {
                for (final String line : block)
                {
                    if (line.length() > WIDTH)
                    {
                        tooWide.add(command.getCommandName() + ": " + line);
                    }
                }
            }
        }
        assertThat(tooWide).isEmpty();
    }

    @Test
    void theCommandListShowsEachHeaderWholeOnOneLine()
    {
        final CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        final Map<String, CommandLine> subcommands = new CommandLine(new SettleCommand()).getSubcommands();
        for (final Map.Entry<String, CommandLine> sub : subcommands.entrySet())
        {
            final String header = sub.getValue().getCommandSpec().usageMessage().header()[0];
            assertThat(run.out()).as("command list line of %s", sub.getKey()).contains(header);
        }
    }

    @Test
    void ingestAndBillHelpGiveTheMeterCsvColumnsAndTheirUnit()
    {
        // the CSV's header and its unit were said only by the error that refused a file: an engineer with readings
        // in kWh had to guess the columns from the refusal and learn of Wh from nothing
        for (final String command : List.of("ingest", "bill"))
        {
            final CliRun run = CliRun.of(command, "--help");

            final String help = run.out().replaceAll("\\s+", " ");
            assertThat(help).as(command).contains(
                "meter_id,interval_start,interval_seconds,import_wh,export_wh[,channel]")
                .contains("whole Wh");
        }
    }
}
