package org.gridsettle.replay.ingest;

import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

import org.gridsettle.pricing.importer.CsvBlanks;

/**
 * Checks a CSV header against the columns a reader takes, and says what differs: a header is quoted in messages cut
 * at 40 characters, which hides a wrong fourth or fifth column, so the first column that differs is named instead.
 * A first line whose first column is not the expected one is most likely no header at all, and is quoted whole.
 * <p>
 * Stateless; safe from any thread.
 */
final class CsvHeaderCheck
{
    private CsvHeaderCheck()
    {
    }

    /**
     * @param text       the header line.
     * @param fields     its fields, split.
     * @param columns    the columns the reader takes, in order.
     * @param minColumns how many of them a file must have.
     * @param expected   the header as the reader's messages write it.
     * @param note       for a column that differs, its index and lower-case name, a note to add (or "").
     * @return null when the header holds the first {@code minColumns} or more of {@code columns}, in order; else why
     *         not, in one line.
     */
    static String problem(final String text, final List<String> fields, final String[] columns,
        final int minColumns, final String expected, final BiFunction<Integer, String, String> note)
    {
        if (fields.isEmpty() || !columns[0].equals(column(fields, 0)))
        {
            return "header " + DisplayText.quote(text) + ", expected " + expected;
        }
        for (int i = 1; i < Math.min(fields.size(), columns.length); i++)
        {
            if (!columns[i].equals(column(fields, i)))
            {
                final String extra = note.apply(i, column(fields, i));
                return "header column " + (i + 1) + " is " + DisplayText.quote(CsvBlanks.trim(fields.get(i))) +
                    ", expected " + columns[i] + (extra.isEmpty() ? " (the header must be " + expected + ")" : extra);
            }
        }
        if (fields.size() < minColumns || fields.size() > columns.length)
        {
            return "header has " + fields.size() + " columns, expected " + (minColumns == columns.length ?
                "" + minColumns : minColumns + (columns.length == minColumns + 1 ? " or " : " to ") + columns.length) +
                " (the header must be " + expected + ")";
        }
        return null;
    }

    private static String column(final List<String> fields, final int index)
    {
        return CsvBlanks.trim(fields.get(index)).toLowerCase(Locale.ROOT);
    }
}
