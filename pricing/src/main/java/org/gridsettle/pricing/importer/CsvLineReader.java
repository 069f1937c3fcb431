package org.gridsettle.pricing.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.regex.Pattern;

import org.gridsettle.pricing.importer.ImportException;

/**
 * Reads a simple CSV file line by line for the CSV importers (carbon, oracle prices, meter data), counting lines for error messages.
 * <p>
 * Lines are capped at {@link #MAX_LINE_CHARS} so a file without newlines cannot exhaust memory. Fields are split on
 * commas and trimmed; quotes are refused rather than half-supported, since none of the expected columns needs them.
 * <p>
 * Invalid UTF-8 is reported at its own line only when this reader decodes the bytes itself
 * ({@link #CsvLineReader(InputStream, String)}): a decoding {@link Reader} such as {@link java.io.InputStreamReader}
 * decodes thousands of characters ahead, so its error may surface while an earlier line is being read.
 * <p>
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

    /**
     * @param reader the text; not closed.
     * @param source short name of the input for messages, usually the file name.
     */
    public CsvLineReader(final Reader reader, final String source)
    {
        this.reader = reader;
        this.source = source;
    }

    /**
     * Reads UTF-8 bytes, decoding each line strictly when it is reached, so invalid UTF-8 is blamed on its own line.
     *
     * @param in     the bytes; not closed.
     * @param source short name of the input for messages, usually the file name.
     */
    public CsvLineReader(final InputStream in, final String source)
    {
        this(new Utf8LineReader(in), source);
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
     * @return the fields, trimmed of spaces and tabs (see {@link CsvBlanks}).
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
            fields[i] = CsvBlanks.trim(fields[i]);
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

    /**
     * Checks a name field (region, pricing node) of the line last returned. Names become keys in a journal and rows
     * in audit reports that are opened in spreadsheets, so a name must start with a letter or digit: a cell starting
     * with {@code = + - @}, a tab or a carriage return is run as a formula by spreadsheets (CSV injection), and
     * refusing it is safer than escaping it, since an escaped name would no longer be the name in the file. Control
     * characters are refused anywhere in the name.
     *
     * @param text     the trimmed field.
     * @param column   what the name is, for messages: {@code region} or {@code node}.
     * @param maxChars longest name accepted.
     * @return the name, unchanged.
     * @throws ImportException if the name is empty, too long, starts with anything but a letter or digit, or holds a
     *                         control character, naming the line.
     */
    public String parseName(final String text, final String column, final int maxChars)
    {
        if (text.isEmpty() || text.length() > maxChars)
        {
            throw new ImportException(source, location(), "expected a " + column + " name of 1 to " + maxChars +
                " characters, found " + ImportException.quote(text));
        }
        if (!Character.isLetterOrDigit(text.codePointAt(0)))
        {
            throw new ImportException(source, location(), "expected a " + column + " name starting with a letter or " +
                "digit, found " + ImportException.quote(text) + " (a cell starting with = + - @ runs as a formula " +
                "in a spreadsheet)");
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (Character.isISOControl(text.charAt(i)))
            {
                throw new ImportException(source, location(), "expected a " + column + " name without control " +
                    "characters, found one at character " + (i + 1) + " of " + ImportException.quote(text));
            }
        }
        return text;
    }
}
