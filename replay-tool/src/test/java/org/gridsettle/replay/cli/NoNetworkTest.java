package org.gridsettle.replay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine and the CLI open no socket (DESIGN.md, "No network"). An in-process {@code settle demo --meters 50
 * --days 1} runs with two independent detectors:
 * <ul>
 *   <li>socket factories for {@link Socket}, {@link ServerSocket} and {@link DatagramSocket} that record the caller
 *       and throw, so any java.net socket (HttpURLConnection included) fails loudly and is named;</li>
 *   <li>this JVM's socket file descriptors ({@code socket:[inode]} links in {@code /proc/self/fd}), listed before,
 *       every millisecond during and after the run: any new one (NIO channels and native code included, which the
 *       factories cannot see) is reported with its row from {@code /proc/self/net/tcp, tcp6, udp, udp6, unix}.</li>
 * </ul>
 * Both detectors are shown to work by positive controls after the run. The factories can be installed only once per
 * JVM and stay installed: for the rest of this module's test JVM every java.net socket is refused, which nothing else
 * here needs. Linux only for the descriptor check (skipped elsewhere by the absence of /proc).
 */
class NoNetworkTest
{
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

    @TempDir
    Path tmp;

    @Test
    void theDemoOpensNoSocketAndNoChronicleAnalyticsIsOnTheClassPath() throws Exception
    {
        installRecordingFactories();
        ATTEMPTS.clear();
        final Set<String> before = socketInodes();
        final Set<String> seen = new ConcurrentSkipListSet<>();
        final AtomicLong samples = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread sampler = new Thread(() ->
        {
            while (running.get())
            {
                seen.addAll(socketInodes());
                samples.incrementAndGet();
                sleepAMillisecond();
            }
        }, "socket-sampler");
        sampler.setDaemon(true);
        sampler.start();
        final CliRun run;
        try
        {
            run = CliRun.of("demo", "--meters", "50", "--days", "1", "--dir", tmp.toString());
        }
        finally
        {
            running.set(false);
            sampler.join();
        }
        seen.addAll(socketInodes());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("4,800 priced").contains("replay: identical");
        assertThat(ATTEMPTS).as("java.net sockets requested during the demo").isEmpty();
        assertThat(samples.get()).as("descriptor samples taken during the demo").isPositive();
        final Set<String> opened = new TreeSet<>(seen);
        opened.removeAll(before);
        assertThat(describe(opened)).as("sockets this JVM opened during the demo").isEmpty();
        System.out.println("no-network: " + samples.get() + " descriptor samples during the demo, socket inodes " +
            "before " + before + ", seen " + seen);

        assertThatThrownBy(() -> Class.forName("net.openhft.chronicle.analytics.Analytics"))
            .isInstanceOf(ClassNotFoundException.class);
        assertThat(getClass().getClassLoader().getResource("net/openhft/chronicle/analytics")).isNull();
        assertThat(System.getProperty("java.class.path")).contains("chronicle-queue")
            .doesNotContain("chronicle-analytics");
    }

    @Test
    void theDetectorsSeeASocketWhenOneIsOpened() throws Exception
    {
        installRecordingFactories();
        ATTEMPTS.clear();
        assertThatThrownBy(Socket::new).hasMessageContaining("Socket refused: no network");
        assertThat(ATTEMPTS).singleElement().asString().startsWith("Socket");
        ATTEMPTS.clear();

        final Set<String> before = socketInodes();
        // a Unix-domain socket: a socket descriptor without touching any network
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX))
        {
            final Set<String> during = new TreeSet<>(socketInodes());
            during.removeAll(before);
            assertThat(channel.isOpen()).isTrue();
            assertThat(describe(during)).singleElement().asString().contains("unix");
        }
    }

    @SuppressWarnings("deprecation")
    private static void installRecordingFactories() throws IOException
    {
        if (!INSTALLED.compareAndSet(false, true))
        {
            return;
        }
        Socket.setSocketImplFactory(() -> refuse("Socket"));
        ServerSocket.setSocketFactory(() -> refuse("ServerSocket"));
        DatagramSocket.setDatagramSocketImplFactory(() -> refuse("DatagramSocket"));
    }

    private static <T> T refuse(final String kind)
    {
        final StringBuilder caller = new StringBuilder(kind);
        for (final StackTraceElement e : new Throwable().getStackTrace())
        {
            caller.append(" <- ").append(e);
        }
        ATTEMPTS.add(caller.toString());
        throw new IllegalStateException(kind + " refused: no network allowed in gridsettle tests");
    }

    /**
     * @return the inodes of this JVM's socket descriptors; empty where /proc does not exist.
     */
    private static Set<String> socketInodes()
    {
        final Path fds = Path.of("/proc/self/fd");
        final Set<String> inodes = new TreeSet<>();
        if (!Files.isDirectory(fds))
        {
            return inodes;
        }
        try (Stream<Path> links = Files.list(fds))
        {
            for (final Path link : (Iterable<Path>)links::iterator)
            {
                try
                {
                    final String target = Files.readSymbolicLink(link).toString();
                    if (target.startsWith("socket:["))
                    {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                }
                catch (final IOException e)
                {
                    // the descriptor closed while listing: it is gone either way
                }
            }
        }
        catch (final IOException e)
        {
            throw new IllegalStateException("cannot list " + fds, e);
        }
        return inodes;
    }

    /**
     * @return one line per inode: the /proc/self/net table and row naming it, or "socket inode N" if none does.
     */
    private static List<String> describe(final Set<String> inodes) throws IOException
    {
        final List<String> found = new ArrayList<>();
        for (final String inode : inodes)
        {
            String row = "socket inode " + inode + " (in no tcp/udp/unix table)";
            for (final String table : new String[] {"tcp", "tcp6", "udp", "udp6", "unix"})
            {
                final Path file = Path.of("/proc/self/net", table);
                if (!Files.isReadable(file))
                {
                    continue;
                }
                for (final String line : Files.readAllLines(file))
                {
                    final List<String> columns = List.of(line.trim().split("\\s+"));
                    final int inodeColumn = "unix".equals(table) ? 6 : 9;
                    if (columns.size() > inodeColumn && inode.equals(columns.get(inodeColumn)))
                    {
                        row = table + ": " + line.trim();
                    }
                }
            }
            found.add(row);
        }
        return Collections.unmodifiableList(found);
    }

    private static void sleepAMillisecond()
    {
        try
        {
            Thread.sleep(1);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }
}
