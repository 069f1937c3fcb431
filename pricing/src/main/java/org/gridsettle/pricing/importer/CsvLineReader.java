package org.gridsettle.pricing.importer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;

import org.gridsettle.pricing.importer.ImportException;

/**
 * Reads a simple CSV file line by line for the CSV importers (carbon, oracle prices, meter data), counting lines for error messages.
 * <p>
 * Lines are capped at {@link #MAX_LINE_CHARS} so a file without newlines cannot exhaust memory. Fields are split on
 * commas and trimmed; quotes are refused rather than half-supported, since none of the expected columns needs them.
 * Not thread-safe: one per import.
 */
public final class CsvLineReader
{
    static final int MAX_LINE_CHARS = 4096;

    private final Reader reader;
    private final String source;
    private final StringBuilder line = new StringBuilder(128);
    private int lineNumber;
    private boolean endOfInput;

    public CsvLineReader(final Reader reader, final String source)
    {
        this.reader = reader;
        this.source = source;
    }

    /**
     * @return the next line without its terminator, a BOM stripped from line 1, or null at end of input.
     */
    public String next() throws IOException
    {
        if (endOfInput)
        {
            return null;
        }
        line.setLength(0);
        lineNumber++;
        int c;
        try
        {
            while ((c = reader.read()) != -1 && c != '\n')
            {
                if (line.length() == MAX_LINE_CHARS)
                {
                    throw new ImportException(source, location(), "expected at most " + MAX_LINE_CHARS +
                        " characters per line");
                }
                line.append((char)c);
            }
        }
        catch (final CharacterCodingException ex)
        {
            throw new ImportException(source, location(), "expected UTF-8 text", ex);
        }
        if (c == -1)
        {
            endOfInput = true;
            if (line.length() == 0)
            {
                return null;
            }
        }
        final int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r')
        {
            line.setLength(length - 1);
        }
        if (lineNumber == 1 && line.length() > 0 && line.charAt(0) == '\uFEFF')
        {
            line.deleteCharAt(0);
        }
        return line.toString();
    }

    /**
     * @return location of the line last returned, such as {@code line 7}.
     */
    public String location()
    {
        return "line " + lineNumber;
    }

    /**
     * @param text  a line.
     * @param count number of fields required.
     * @return the trimmed fields.
     */
    public String[] split(final String text, final int count)
    {
        if (text.indexOf('"') >= 0)
        {
            throw new ImportException(source, location(), "expected unquoted fields, found a '\"'");
        }
        final String[] fields = text.split(",", -1);
        if (fields.length != count)
        {
            throw new ImportException(source, location(), "expected " + count + " comma-separated fields, found " +
                fields.length);
        }
        for (int i = 0; i < count; i++)
        {
            fields[i] = fields[i].trim();
        }
        return fields;
    }
}
