package org.gridsettle.pricing.importer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.regex.Pattern;

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

    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,10}");

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

    /**
     * Reads line 1 as a header that must be one of two, ignoring spaces.
     *
     * @param first  the first accepted header.
     * @param second the second accepted header.
     * @return 0 if the header is {@code first}, 1 if it is {@code second}.
     * @throws IOException     if the reader fails.
     * @throws ImportException if the header is neither, or the input is empty.
     */
    public int readHeader(final String first, final String second) throws IOException
    {
        final String header = next();
        final String trimmed = null == header ? null : header.replace(" ", "");
        if (first.equals(trimmed))
        {
            return 0;
        }
        if (second.equals(trimmed))
        {
            return 1;
        }
        throw new ImportException(source, "line 1", "expected header " + first + " or " + second + ", found " +
            ImportException.quote(header));
    }

    /**
     * Parses an {@code interval_seconds} field of the line last returned.
     *
     * @param text the trimmed field.
     * @return the interval length, from 1 to {@link Integer#MAX_VALUE}.
     * @throws ImportException if the field is not such a whole number, naming the line.
     */
    public int parseIntervalSeconds(final String text)
    {
        if (SECONDS.matcher(text).matches())
        {
            final long seconds = Long.parseLong(text);
            if (seconds > 0 && seconds <= Integer.MAX_VALUE)
            {
                return (int)seconds;
            }
        }
        throw new ImportException(source, location(), "expected interval_seconds as a whole number from 1 to " +
            Integer.MAX_VALUE + ", found " + ImportException.quote(text));
    }
}
