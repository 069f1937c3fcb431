package org.gridsettle.engine.logic;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.gridsettle.engine.ledger.Ledger;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry guesses the next meter in enrolment order before it looks in its map, and caches each meter's ledger
 * slot in its stride; neither may ever change an answer. A plain {@code HashMap} is the model.
 */
class MeterRegistryProperties
{
    @Property(tries = 200)
    void indexOfAgreesWithAMapInAnyLookupOrder(
        @ForAll @Size(min = 1, max = 60) final List<@LongRange(min = 1, max = 40) Long> enrolments,
        @ForAll @Size(max = 200) final List<@LongRange(min = 0, max = 45) Long> lookups,
        @ForAll final boolean restoreHalfway) throws IOException
    {
        MeterRegistry registry = new MeterRegistry();
        final Map<Long, Integer> model = new HashMap<>();
        for (final long meterId : enrolments)
        {
            // a re-enrolment keeps the meter's index
            final int index = registry.enrol(meterId, 1000 + meterId, 7, 0, 0, 0);
            assertThat(index).isEqualTo(model.computeIfAbsent(meterId, id -> model.size()));
        }
        for (int i = 0; i < lookups.size(); i++)
        {
            if (restoreHalfway && i == lookups.size() / 2)
            {
                registry = roundTrip(registry);
            }
            final long meterId = lookups.get(i);
            assertThat(registry.indexOf(meterId)).isEqualTo(model.getOrDefault(meterId, MeterRegistry.NO_METER));
        }
    }

    @Property(tries = 50)
    void sequentialLookupsFindEveryMeterAfterAMiss(@ForAll @IntRange(min = 1, max = 500) final int meters)
    {
        final MeterRegistry registry = new MeterRegistry();
        for (int m = 0; m < meters; m++)
        {
            registry.enrol(10_000 + 3L * m, 1000 + m, 7, 0, 0, 0);
        }
        assertThat(registry.indexOf(5)).isEqualTo(MeterRegistry.NO_METER);
        for (int round = 0; round < 2; round++)
        {
            for (int m = 0; m < meters; m++)
            {
                assertThat(registry.indexOf(10_000 + 3L * m)).isEqualTo(m);
            }
        }
    }

    @Property(tries = 200)
    void eachCaptureListsTheAccountsSortedWhateverWasCapturedBefore(
        @ForAll @Size(min = 1, max = 60) final List<@LongRange(min = 1, max = 1_000) Long> accounts,
        @ForAll @Size(max = 4) final List<@IntRange(min = 0, max = 59) Integer> captureAfter) throws IOException
    {
        // the registry keeps the sorted accounts between captures; a plain sorted set is the model
        final MeterRegistry registry = new MeterRegistry();
        final java.util.TreeSet<Long> model = new java.util.TreeSet<>();
        for (int i = 0; i < accounts.size(); i++)
        {
            assertThat(registry.registerAccount(accounts.get(i))).isEqualTo(model.add(accounts.get(i)));
            if (captureAfter.contains(i) || i == accounts.size() - 1)
            {
                assertThat(capturedAccounts(state(registry))).containsExactlyElementsOf(model);
            }
        }
        // a registry that captured before, restored over with fewer accounts, lists the restored ones
        final MeterRegistry fewer = new MeterRegistry();
        fewer.registerAccount(5_000);
        registry.readState(new DataInputStream(new ByteArrayInputStream(state(fewer))));
        assertThat(capturedAccounts(state(registry))).containsExactly(5_000L);
    }

    @Test
    void reEnrolmentOnAnotherAccountForgetsTheCachedLedgerSlot()
    {
        final MeterRegistry registry = new MeterRegistry();
        final Ledger ledger = new Ledger();
        ledger.slotOf(1); // a system account takes slot 0
        final int meter = registry.enrol(42, 1001, 7, 0, 0, 0);
        final int first = registry.ledgerSlotOf(meter, ledger);
        assertThat(first).isEqualTo(ledger.findSlot(1001));
        registry.enrol(42, 1002, 7, 0, 0, 0);
        final int second = registry.ledgerSlotOf(meter, ledger);
        assertThat(second).isEqualTo(ledger.findSlot(1002)).isNotEqualTo(first);
    }

    private static MeterRegistry roundTrip(final MeterRegistry registry) throws IOException
    {
        final MeterRegistry restored = new MeterRegistry();
        restored.readState(new DataInputStream(new ByteArrayInputStream(state(registry))));
        return restored;
    }

    private static byte[] state(final MeterRegistry registry) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            registry.writeState(out);
        }
        return bytes.toByteArray();
    }

    /** The account set at the start of a registry's snapshot: a count, then the accounts. */
    private static List<Long> capturedAccounts(final byte[] state) throws IOException
    {
        final DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
        final int count = in.readInt();
        final List<Long> accounts = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            accounts.add(in.readLong());
        }
        return accounts;
    }
}
