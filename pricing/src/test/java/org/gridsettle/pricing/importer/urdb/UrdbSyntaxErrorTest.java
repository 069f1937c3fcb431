package org.gridsettle.pricing.importer.urdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Documents that are not well-formed JSON, or break a reading limit: each must fail with one line naming the file,
 * the line and column, and the JSON path reached.
 */
class UrdbSyntaxErrorTest
{
    private final UrdbImporter importer = new UrdbImporter();

    private UrdbImportException unreadable(final String source, final String json)
    {
        final UrdbImportException ex =
            catchThrowableOfType(UrdbImportException.class, () -> importer.read(source, json));
        assertThat(ex).as("expected a syntax error").isNotNull();
        assertThat(ex.getMessage())
            .doesNotContain("\n", "\r")
            .startsWith(source + ":" + ex.line() + ":" + ex.column() + ": unreadable URDB JSON at ");
        assertThat(ex.problems()).hasSize(1);
        return ex;
    }

    @Test
    void emptyFileIsLocatedAtItsStart(@TempDir final Path dir) throws IOException
    {
        final Path empty = Files.write(dir.resolve("empty.json"), new byte[0]);

        final UrdbImportException ex = catchThrowableOfType(UrdbImportException.class, () -> importer.read(empty));

        assertThat(ex.getMessage())
            .isEqualTo("empty.json:1:1: unreadable URDB JSON at (document root): empty document");
        assertThat(ex.line()).isEqualTo(1);
        assertThat(ex.column()).isEqualTo(1);
    }

    @Test
    void whitespaceOnlyIsEmpty()
    {
        final UrdbImportException ex = unreadable("blank.json", "  \n\n  ");

        assertThat(ex.problems().get(0).reason()).isEqualTo("empty document");
        assertThat(ex.line()).isEqualTo(3);
    }

    @Test
    void truncatedJsonGivesLineColumnAndPath()
    {
        final String full = UrdbJsonFixture.touEnergyOnly().json();
        final int cut = full.indexOf("\"adj\"");
        final String truncated = full.substring(0, cut);

        final UrdbImportException ex = unreadable("truncated.json", truncated);

        final int lines = (int)truncated.chars().filter((c) -> c == '\n').count() + 1;
        assertThat(ex.line()).isEqualTo(lines);
        // The parser stops inside period 1's tier object, just after reading its "rate".
        assertThat(ex.problems().get(0).field()).isEqualTo("energyratestructure[1][0].rate");
        assertThat(ex.getMessage()).endsWith(": the file ends inside an object");
    }

    @Test
    void nanIsNotJson()
    {
        final UrdbImportException ex = unreadable("nan.json",
            "{\"label\": \"x\",\n \"energyratestructure\": [[{\"rate\": NaN}]]}");

        assertThat(ex.line()).isEqualTo(2);
        assertThat(ex.column()).isGreaterThan(1);
        assertThat(ex.problems().get(0).field()).isEqualTo("energyratestructure[0][0].rate");
        assertThat(ex.getMessage()).contains("'NaN'");
    }

    @Test
    void duplicateKeysHaveNoSingleReading()
    {
        final UrdbImportException ex = unreadable("dup.json",
            "{\"energyratestructure\": [[{\"rate\": 0.1, \"rate\": 0.2}]]}");

        assertThat(ex.problems().get(0).field()).isEqualTo("energyratestructure[0][0].rate");
        assertThat(ex.getMessage()).contains("Duplicate field 'rate'");
    }

    @Test
    void contentAfterTheDocumentIsRefused()
    {
        final UrdbImportException ex = unreadable("two.json", "{}\n{}");

        assertThat(ex.problems().get(0).reason()).isEqualTo("content after the end of the JSON value");
        assertThat(ex.line()).isEqualTo(2);
    }

    @Test
    @Timeout(10)
    void deepNestingIsStoppedAtTheConfiguredDepth()
    {
        final String deep = "{\"energyratestructure\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";

        final UrdbImportException ex = unreadable("deep.json", deep);

        assertThat(ex.getMessage())
            .contains("nesting depth")
            .contains("maximum allowed (" + UrdbJsonReader.MAX_NESTING_DEPTH);
        assertThat(ex.problems().get(0).field()).startsWith("energyratestructure[0][0]");
    }

    @Test
    @Timeout(20)
    void hugeArraysAreStoppedByTheTokenLimit()
    {
        final int entries = (int)UrdbJsonReader.MAX_TOKEN_COUNT + 10;
        final StringBuilder sb = new StringBuilder(entries * 2 + 64).append("{\"label\": \"big\", \"revisions\": [0");
        for (int i = 1; i < entries; i++)
        {
            sb.append(",0");
        }
        final String huge = sb.append("]}").toString();

        final UrdbImportException ex = unreadable("huge.json", huge);

        assertThat(ex.getMessage()).contains("Token count").contains(String.valueOf(UrdbJsonReader.MAX_TOKEN_COUNT));
        assertThat(ex.problems().get(0).field()).startsWith("revisions[");
    }

    @Test
    void overlongStringsAreStopped()
    {
        final String longText = "x".repeat(UrdbJsonReader.MAX_STRING_LENGTH + 1);

        final UrdbImportException ex = unreadable("long.json", "{\"description\": \"" + longText + "\"}");

        assertThat(ex.getMessage()).contains("String value length");
        assertThat(ex.problems().get(0).field()).isEqualTo("description");
    }

    @Test
    void invalidUtf8IsLocated(@TempDir final Path dir) throws IOException
    {
        final byte[] json = "{\"name\": \"Caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        final Path file = Files.write(dir.resolve("latin1.json"), json);

        final UrdbImportException ex = catchThrowableOfType(UrdbImportException.class, () -> importer.read(file));

        assertThat(ex.getMessage()).doesNotContain("\n").startsWith("latin1.json:1:");
        assertThat(ex.getMessage()).containsIgnoringCase("UTF-8");
    }

    @Test
    void missingFileIsNamed(@TempDir final Path dir)
    {
        final UrdbImportException ex =
            catchThrowableOfType(UrdbImportException.class, () -> importer.read(dir.resolve("absent.json")));

        // no "-1:-1": a file that cannot be read has no line and column to name
        assertThat(ex.getMessage())
            .isEqualTo("absent.json: unreadable URDB JSON at (document): cannot read: no such file");
    }
}
