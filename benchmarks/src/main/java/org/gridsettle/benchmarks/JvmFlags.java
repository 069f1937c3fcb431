package org.gridsettle.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags Chronicle Queue needs, as the build wrote them from the parent pom's {@code gridsettle.jvm.flags}
 * into the {@code bench.jvmflags} resource, and a check that this JVM was started with them.
 * <p>
 * A benchmark that silently runs without them either fails deep inside Chronicle or, worse, measures a JVM configured
 * differently from production, so every entry point checks first and stops with a clear message.
 * <p>
 * Stateless and thread-safe.
 */
public final class JvmFlags
{
    /** Classpath resource holding the flags, space separated. */
    public static final String RESOURCE = "/bench.jvmflags";

    private JvmFlags()
    {
    }

    /**
     * @return the flags the build says every gridsettle JVM must have.
     */
    public static List<String> required()
    {
        try (InputStream in = JvmFlags.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: build with mvn package");
            }
            final String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (text.isEmpty() || text.contains("${"))
            {
                throw new IllegalStateException(RESOURCE + " was not filtered from gridsettle.jvm.flags: " + text);
            }
            return List.of(text.split("\\s+"));
        }
        catch (final IOException e)
        {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * @return the flags this JVM was started with, as the runtime reports them.
     */
    public static List<String> actual()
    {
        return ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    /**
     * @return required flags absent from this JVM's command line; empty when all are present.
     */
    public static List<String> missing()
    {
        final List<String> actual = actual();
        final List<String> missing = new ArrayList<>();
        for (final String flag : required())
        {
            if (!actual.contains(flag))
            {
                missing.add(flag);
            }
        }
        return missing;
    }

    /**
     * Stops with a message naming the missing flags and how to get them.
     *
     * @param who what is being started, for the message.
     */
    public static void requirePresent(final String who)
    {
        final List<String> missing = missing();
        if (!missing.isEmpty())
        {
            throw new IllegalStateException(who + " must run with the JVM flags of gridsettle.jvm.flags (pom.xml); " +
                "missing " + Arrays.toString(missing.toArray()) + ". Start it through benchmarks/run.");
        }
    }
}
