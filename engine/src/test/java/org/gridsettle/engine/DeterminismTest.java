package org.gridsettle.engine;

import org.gridsettle.journal.Journals;
import org.gridsettle.journal.pretouch.Pretouch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeterminismTest
{
    @TempDir
    Path tmp;

    @Test
    void sameTicksTwiceGiveByteIdenticalOutputJournalsAndEqualDigests()
    {
        final long digestA = run(tmp.resolve("a"));
        final long digestB = run(tmp.resolve("b"));

        final List<byte[]> outA = EngineFixture.readAll(Journals.output(tmp.resolve("a")));
        final List<byte[]> outB = EngineFixture.readAll(Journals.output(tmp.resolve("b")));
        // 20 meters x 96 intervals, one transfer each (import or export, never both in the fixture)
        assertThat(outA).hasSize(20 * 96);
        assertThat(outB).hasSameSizeAs(outA);
        for (int i = 0; i < outA.size(); i++)
        {
            assertThat(outB.get(i)).as("output record %d", i).isEqualTo(outA.get(i));
        }
        assertThat(digestB).isEqualTo(digestA);
        assertThat(EngineFixture.readAll(Journals.input(tmp.resolve("b"))))
            .usingElementComparator(java.util.Arrays::compare)
            .containsExactlyElementsOf(EngineFixture.readAll(Journals.input(tmp.resolve("a"))));
    }

    @ParameterizedTest
    @EnumSource(value = Pretouch.class, names = {"IDLE", "THREAD", "ADAPTIVE"})
    void pretouchingChangesNoByteOfEitherJournal(final Pretouch mode)
    {
        final long plain = run(tmp.resolve("plain"), Pretouch.OFF);
        final long pretouched = run(tmp.resolve("pretouched"), mode);

        assertThat(pretouched).isEqualTo(plain);
        for (final boolean input : new boolean[] {true, false})
        {
            final List<byte[]> expected = EngineFixture.readAll(
                input ? Journals.input(tmp.resolve("plain")) : Journals.output(tmp.resolve("plain")));
            assertThat(expected).hasSizeGreaterThanOrEqualTo(20 * 96);
            assertThat(EngineFixture.readAll(
                input ? Journals.input(tmp.resolve("pretouched")) : Journals.output(tmp.resolve("pretouched"))))
                .usingElementComparator(java.util.Arrays::compare)
                .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void differentTicksGiveADifferentDigest()
    {
        final long digestA = run(tmp.resolve("a"));
        final long digestC;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(tmp.resolve("c")).build().start())
        {
            EngineFixture.setUp(engine, 20);
            EngineFixture.submitDay(engine, 20, 95);
            engine.close();
            digestC = engine.outputDigest();
        }
        assertThat(digestC).isNotEqualTo(digestA);
    }

    private static long run(final Path dir)
    {
        return run(dir, Pretouch.OFF);
    }

    private static long run(final Path dir, final Pretouch pretouch)
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).pretouch(pretouch).build().start();
        try (engine)
        {
            EngineFixture.setUp(engine, 20);
            EngineFixture.submitDay(engine, 20, 96);
        }
        return engine.outputDigest();
    }
}
