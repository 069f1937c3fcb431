package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.engine.snapshot.SnapshotStore;
import org.gridsettle.engine.snapshot.StateOutput;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The part of a snapshot that runs on the business-logic thread, the capture, allocates nothing that grows with the
 * fleet once the buffer and the sort scratch arrays have their size: measured with the thread's allocated-bytes
 * counter, not a timing. Before, every capture allocated arrays of all ledger keys and of all accounts to sort them;
 * what is left is per tariff and per carbon region (a few KB per snapshot, once per million inputs by default).
 */
class CaptureAllocationTest
{
    private static final int CAPTURES = 20;
    private static final int BATCHES = 5;

    @Test
    void captureAllocationDoesNotGrowWithTheFleet()
    {
        final long small = allocatedPerCapture(50, false);
        final long large = allocatedPerCapture(1_000, false);
        // 20 times the meters: sorting 20 times the keys into fresh arrays would add more than 8 B a meter
        assertThat(large - small).as("extra bytes per capture for 950 more meters").isLessThan(512);
        // what is left is per tariff (its encoded record) and per carbon region: about 3 KB measured here
        assertThat(large).as("bytes per capture, 1,000 meters").isLessThan(8 * 1024);
    }

    @Test
    void aDeferredCaptureCopiedToTheEndAllocatesNoMoreThanAWholeOne()
    {
        // the per-meter copies reuse one layout and the marks of which meters are copied: nothing per meter
        final long small = allocatedPerCapture(50, true);
        final long large = allocatedPerCapture(1_000, true);
        assertThat(large - small).as("extra bytes per deferred capture for 950 more meters").isLessThan(512);
        assertThat(large).as("bytes per deferred capture, 1,000 meters").isLessThan(8 * 1024);
    }

    @Test
    void captureWritesTheBytesDataOutputStreamWrites() throws java.io.IOException
    {
        // the capture fills the window's and the billing cells' columns in one pass; the reference writes them one
        // column at a time through DataOutputStream, as snapshots were written before
        final SettlementLogic logic = fleet(300);
        final java.io.ByteArrayOutputStream reference = new java.io.ByteArrayOutputStream();
        final java.io.DataOutputStream data = new java.io.DataOutputStream(reference);
        data.write(new byte[] {'G', 'S', 'S', 'N', 'A', 'P', '0', '5'});
        data.writeLong(logic.lastInputSequence());
        data.writeLong(7);
        data.writeLong(9);
        logic.writeState(data);
        data.flush();

        final StateOutput out = new StateOutput(64);
        try
        {
            SnapshotStore.capture(logic, 7, 9, out);
            final byte[] captured = new byte[(int)out.length()];
            out.bytes().getBytes(0, captured);
            assertThat(captured).isEqualTo(reference.toByteArray());
        }
        finally
        {
            out.free();
        }
    }

    private static void capture(final SettlementLogic logic, final StateOutput out, final boolean deferred)
    {
        if (deferred)
        {
            SnapshotStore.captureDeferred(logic, 1, 2, out);
            logic.finishCapture();
        }
        else
        {
            SnapshotStore.capture(logic, 1, 2, out);
        }
    }

    private static long allocatedPerCapture(final int meters, final boolean deferred)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final SettlementLogic logic = fleet(meters);
        final StateOutput out = new StateOutput(64);
        try
        {
            // the first captures size the buffer and the scratch arrays, and warm the code
            for (int i = 0; i < CAPTURES; i++)
            {
                capture(logic, out, deferred);
            }
            final long size = out.length();
            // the least of several batches: a deoptimisation elsewhere in a shared test JVM can charge a batch with
            // reallocated objects, but a capture that allocates per meter shows in every batch
            long least = Long.MAX_VALUE;
            for (int batch = 0; batch < BATCHES; batch++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < CAPTURES; i++)
                {
                    capture(logic, out, deferred);
                }
                least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
            }
            assertThat(out.length()).isEqualTo(size);
            return least / CAPTURES;
        }
        finally
        {
            out.free();
        }
    }

    /** A tariff, per meter an account and an enrolment, then three priced ticks a meter: every account holds balances. */
    private static SettlementLogic fleet(final int meters)
    {
        final SettlementLogic logic = new SettlementLogic((b, o, l) ->
        {
        }, 8);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        long sequence = 0;
        new TariffVersionCodec().<TariffVersionCodec>wrap(buffer, 0).encode(++sequence, DrScenario.tariff());
        logic.apply(buffer, 0, TariffVersionCodec.encodedLength(DrScenario.tariff()));
        for (int m = 1; m <= meters; m++)
        {
            new AccountRegistrationCodec().<AccountRegistrationCodec>wrap(buffer, 0).encode(++sequence, 1000 + m);
            logic.apply(buffer, 0, AccountRegistrationCodec.LENGTH);
            new MeterEnrolmentCodec().<MeterEnrolmentCodec>wrap(buffer, 0).encode(++sequence, m, 1000 + m,
                EngineFixture.TARIFF, EngineFixture.START, 0, 0);
            logic.apply(buffer, 0, MeterEnrolmentCodec.LENGTH);
        }
        // a few intervals per meter, so window entries and billing cells hold different values
        for (int interval = 0; interval < 3; interval++)
        {
            for (int m = 1; m <= meters; m++)
            {
                new MeterTickCodec().<MeterTickCodec>wrap(buffer, 0).encode(++sequence, m, 0,
                    EngineFixture.START + interval * 900L, 900, 100 + m + interval, (m + interval) % 3, 0);
                logic.apply(buffer, 0, MeterTickCodec.LENGTH);
            }
        }
        assertThat(logic.ticksPriced()).isEqualTo(3L * meters);
        return logic;
    }
}
