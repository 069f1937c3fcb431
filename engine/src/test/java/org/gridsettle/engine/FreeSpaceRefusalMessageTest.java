package org.gridsettle.engine;

import org.gridsettle.journal.JournalWriteException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refusal a host meets when {@code build()} finds less room than {@code .minFreeSpace(bytes)} asks: its figures
 * must show the shortfall. In whole MiB rounded down, 1.5 MB free against 1.6 MB asked read "1 MiB free, below the
 * 1 MiB needed", and any setting under a MiB "0 MiB free, below the 0 MiB needed".
 */
class FreeSpaceRefusalMessageTest
{
    private static final Path DIR = Path.of("/var/lib/gridsettle/journal");

    @Test
    void aShortfallWithinAMebibyteIsShownInBytes()
    {
        assertThat(JournalWriteException.tooLittleSpace(DIR, 1_500_000, 1_600_000).getMessage())
            .contains("(1500000 bytes free, below the 1600000 bytes needed to start)");
        assertThat(JournalWriteException.tooLittleSpace(DIR, 50_000, 100_000).getMessage())
            .contains("(50000 bytes free, below the 100000 bytes needed to start)");
    }

    @Test
    void theDefaultsShortfallIsStillShownInMebibytes()
    {
        assertThat(JournalWriteException.tooLittleSpace(DIR, (31L << 20) + 5, SettlementEngine.DEFAULT_MIN_FREE_SPACE)
            .getMessage())
            .isEqualTo("no space left on device in " + DIR + " (31 MiB free, below the 32 MiB needed to start); " +
                "nothing was written: free space, then start again");
    }
}
