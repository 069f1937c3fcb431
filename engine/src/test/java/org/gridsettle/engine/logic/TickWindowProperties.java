package org.gridsettle.engine.logic;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link TickWindow#find} answers, against a model that keeps each accepted interval as a record and checks
 * overlap with plain interval arithmetic: no bits shared with the window's packed keys.
 */
class TickWindowProperties
{
    private static final int SLOTS = 12;
    private static final long T0 = 1_772_438_400L; // 2026-03-02T08:00:00Z
    private static final int[] LENGTHS = {300, 900, 1_800, 3_600};

    private record Interval(long start, int channel, int seconds)
    {
        boolean overlaps(final Interval other)
        {
            return channel == other.channel && start < other.start + other.seconds && other.start < start + seconds;
        }
    }

    /**
     * Each draw is a tick: a start in 5-minute steps over four hours, one of two channels and four lengths. The tick
     * is inserted when the window answers ABSENT, as the engine accepts it then.
     */
    @Property(tries = 500)
    void findAgreesWithTheModel(
        @ForAll @Size(min = 1, max = 80) final List<@IntRange(min = 0, max = 48 * 2 * 4 - 1) Integer> draws)
    {
        final TickWindow window = new TickWindow(SLOTS);
        window.ensureMeters(2);
        final int meter = 1;
        final List<Interval> kept = new ArrayList<>();
        for (final int draw : draws)
        {
            final Interval tick = new Interval(T0 + (draw / 8) * 300L, draw % 2, LENGTHS[(draw / 2) % 4]);
            final long key = TickWindow.key(tick.start, tick.channel, tick.seconds);
            final int found = window.find(meter, key);
            final Interval same = kept.stream().filter(tick::equals).findFirst().orElse(null);
            final Interval oldest = kept.stream().min(Comparator.comparingLong(Interval::start)
                .thenComparingInt(Interval::channel).thenComparingInt(Interval::seconds)).orElse(null);
            if (same != null)
            {
                assertThat(found).as("%s is kept", tick).isGreaterThanOrEqualTo(0);
            }
            else if (kept.size() == SLOTS && (tick.start < oldest.start ||
                tick.start == oldest.start && tick.channel < oldest.channel))
            {
                assertThat(found).as("%s is older than %s", tick, oldest).isEqualTo(TickWindow.TOO_OLD);
            }
            else if (kept.stream().anyMatch(tick::overlaps))
            {
                assertThat(found).as("%s overlaps %s", tick, kept).isEqualTo(TickWindow.OVERLAPS);
            }
            else
            {
                assertThat(found).as("%s is new to %s", tick, kept).isEqualTo(TickWindow.ABSENT);
                window.insert(meter, key, 1, 0, 1, 1, 0, -1, TickWindow.NO_PLACE);
                if (kept.size() == SLOTS)
                {
                    kept.remove(oldest);
                }
                kept.add(tick);
            }
        }
    }

    @Test
    void anEntryFromASnapshotWithoutLengthsMatchesItsStartAtAnyLength() throws IOException
    {
        final TickWindow written = new TickWindow(SLOTS);
        written.ensureMeters(1);
        written.insert(0, TickWindow.key(T0, 0, 900), 250, 0, 1, 4, 0, -1, TickWindow.NO_PLACE);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        written.writeState(new DataOutputStream(bytes), 1);
        final byte[] state = bytes.toByteArray();
        // rewrite the key column as builds before lengths wrote it: slots, count, then start << 4 | channel
        final ByteBuffer keys = ByteBuffer.wrap(state, 2 * Integer.BYTES, SLOTS * Long.BYTES);
        for (int e = 0; e < SLOTS; e++)
        {
            final long key = keys.getLong(keys.position());
            keys.putLong(key == Long.MIN_VALUE ? key : T0 << 4);
        }

        final TickWindow legacy = new TickWindow(SLOTS);
        legacy.readState(new DataInputStream(new ByteArrayInputStream(state)), true);
        final int entry = legacy.find(0, TickWindow.key(T0, 0, 3_600));
        assertThat(entry).as("a re-send, whatever its length").isGreaterThanOrEqualTo(0);
        assertThat(legacy.importWh(entry)).isEqualTo(250);
        assertThat(legacy.find(0, TickWindow.key(T0 + 900, 0, 900))).as("after its start").isEqualTo(TickWindow.ABSENT);
        assertThat(legacy.find(0, TickWindow.key(T0 - 900, 0, 1_800))).as("across its start")
            .isEqualTo(TickWindow.OVERLAPS);
        assertThat(legacy.latestStart(0)).isEqualTo(T0);

        final TickWindow current = new TickWindow(SLOTS);
        current.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), false);
        assertThat(current.find(0, TickWindow.key(T0, 0, 3_600))).as("a known length").isEqualTo(TickWindow.OVERLAPS);
        assertThat(current.find(0, TickWindow.key(T0, 0, 900))).isGreaterThanOrEqualTo(0);
    }
}
