package org.gridsettle.replay.ingest;

import java.util.List;

/**
 * Splits one CSV line into fields, RFC 4180 style: comma separated, a field may be wrapped in double quotes, and a
 * doubled quote inside quotes is one quote. Quoted fields cannot span lines; such a line reports a problem.
 * <p>
 * Stateless; safe from any thread.
 */
final class CsvFieldSplitter
{
    private CsvFieldSplitter()
    {
    }

    /**
     * @param line   the line, without its line end.
     * @param fields cleared, then filled with the fields in order.
     * @return null on success, else why the line cannot be split.
     */
    static String split(final String line, final List<String> fields)
    {
        fields.clear();
        final StringBuilder quoted = new StringBuilder();
        int i = 0;
        final int length = line.length();
        while (true)
        {
            final int fieldNumber = fields.size() + 1;
            if (i < length && '"' == line.charAt(i))
            {
                quoted.setLength(0);
                i++;
                boolean closed = false;
                while (i < length)
                {
                    final char c = line.charAt(i++);
                    if ('"' == c)
                    {
                        if (i < length && '"' == line.charAt(i))
                        {
                            quoted.append('"');
                            i++;
                        }
                        else
                        {
                            closed = true;
                            break;
                        }
                    }
                    else
                    {
                        quoted.append(c);
                    }
                }
                if (!closed)
                {
                    return "field " + fieldNumber + " opens a quote that is not closed on this line";
                }
                while (i < length && ' ' == line.charAt(i))
                {
                    i++;
                }
                if (i < length && ',' != line.charAt(i))
                {
                    return "field " + fieldNumber + " has text after its closing quote";
                }
                fields.add(quoted.toString());
            }
            else
            {
                // an unquoted field is the line's own characters: one copy, not an append a character
                final int start = i;
                while (i < length && ',' != line.charAt(i))
                {
                    if ('"' == line.charAt(i++))
                    {
                        return "field " + fieldNumber + " has a quote inside an unquoted value";
                    }
                }
                fields.add(line.substring(start, i));
            }
            if (i >= length)
            {
                return null;
            }
            i++; // the comma
        }
    }
}
