package org.gridsettle.benchmarks.report;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The machine and JVM a run was measured on, so a figure is never read without its context. Immutable.
 *
 * @param cores    processors available to the JVM.
 * @param cpu      CPU model, or the architecture when unknown.
 * @param os       operating system and version.
 * @param jdk      JVM name, vendor and runtime version.
 * @param maxHeap  maximum heap, bytes.
 * @param gc       garbage collectors in use.
 * @param jvmFlags the JVM's command-line arguments.
 * @param date     when the description was taken, ISO-8601 with offset.
 * @param load     one-minute system load average then (this run included), negative if unknown; above the core
 *                 count it means other work competed with the run.
 */
public record MachineInfo(
    int cores,
    String cpu,
    String os,
    String jdk,
    long maxHeap,
    String gc,
    List<String> jvmFlags,
    String date,
    double load)
{
    /**
     * @return a description of this JVM and machine.
     */
    public static MachineInfo current()
    {
        return new MachineInfo(
            Runtime.getRuntime().availableProcessors(),
            cpuModel(),
            System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
                System.getProperty("os.arch"),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.vendor") + " " +
                System.getProperty("java.runtime.version"),
            Runtime.getRuntime().maxMemory(),
            ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", ")),
            ManagementFactory.getRuntimeMXBean().getInputArguments(),
            ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String cpuModel()
    {
        final Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo))
        {
            try (var lines = Files.lines(cpuinfo))
            {
                final String model = lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(null);
                if (model != null)
                {
                    return model;
                }
            }
            catch (final IOException e)
            {
                // fall through to the architecture: the report still says what it knows
            }
        }
        return System.getProperty("os.arch");
    }
}
