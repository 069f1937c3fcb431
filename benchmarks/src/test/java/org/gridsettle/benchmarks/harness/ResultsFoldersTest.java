package org.gridsettle.benchmarks.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scratch folder is deleted whole when the run ends or is stopped, so the run must start with it new or empty: a
 * {@code --work} naming a folder that holds anything (a data disk's mount point, the results folder's parent) would
 * otherwise lose it.
 */
class ResultsFoldersTest
{
    @TempDir
    Path tmp;

    @Test
    void aScratchFolderHoldingAFileIsRefusedAndTheFileKept() throws Exception
    {
        final Path work = Files.createDirectories(tmp.resolve("data"));
        final Path file = Files.writeString(work.resolve("keep.txt"), "someone's data");
        final HarnessConfig config = HarnessConfig.parse(
            new String[] {"--quick", "--out", tmp.resolve("results").toString(), "--work", work.toString()}, tmp);

        assertThatThrownBy(() -> ResultsFolders.prepare(config)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("scratch folder " + work).hasMessageContaining("not empty");
        assertThat(file).hasContent("someone's data");
    }

    @Test
    void aScratchFolderHoldingTheResultsFolderIsRefused()
    {
        final HarnessConfig config = HarnessConfig.parse(
            new String[] {"--quick", "--out", tmp.resolve("bench/run-1").toString(), "--work",
                tmp.resolve("bench").toString()}, tmp);

        assertThatThrownBy(() -> ResultsFolders.prepare(config)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("scratch folder " + tmp.resolve("bench"));
    }

    @Test
    void aNewOrEmptyScratchFolderIsTaken() throws Exception
    {
        final Path empty = Files.createDirectories(tmp.resolve("empty"));
        ResultsFolders.prepare(HarnessConfig.parse(
            new String[] {"--quick", "--out", tmp.resolve("r1").toString(), "--work", empty.toString()}, tmp));
        ResultsFolders.prepare(HarnessConfig.parse(
            new String[] {"--quick", "--out", tmp.resolve("r2").toString()}, tmp));

        assertThat(empty).isEmptyDirectory();
        assertThat(tmp.resolve("r2").resolve("work")).isEmptyDirectory();
    }
}
