package org.gridsettle.benchmarks.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allocation row prints a thread's bytes per tick and, in brackets, every thread's, which includes it: the
 * all-thread window must enclose the thread's. The raw-append ceiling measures the thread that also takes the
 * all-thread samples, and its own window used to include that sampling's arrays (a --quick run printed "raw-append
 * thread 0.010 B/tick (0.003)", the part above the whole, and above the engine's 0.006).
 */
class ThreadAllocationWindowTest
{
    @TempDir
    Path tmp;

    @Test
    void theCeilingThreadsOwnFigureIsPartOfEveryThreadsFigure()
    {
        final ThroughputResult ceiling = RawAppendCeiling.run(HarnessConfig.tiny(tmp.resolve("out")), tmp.resolve("q"));

        assertThat(ceiling.allocatedBytes()).isNotNegative()
            .isLessThanOrEqualTo(ceiling.allThreadsAllocatedBytes());
    }
}
