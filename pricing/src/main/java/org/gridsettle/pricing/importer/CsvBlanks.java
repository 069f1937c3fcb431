package org.gridsettle.pricing.importer;

/**
 * Trims the blanks around a CSV field: spaces and tabs, nothing else. {@link String#trim()} also drops every other
 * control character, so a NUL byte before or after a number ({@code ,\0 1800,}) vanished and the row was accepted;
 * kept, it makes the field fail to parse and the row a bad row that names the field.
 * <p>
 * Stateless; safe from any thread.
 */
public final class CsvBlanks
{
    private CsvBlanks()
    {
    }

    /**
     * @param field a field as split from its line (line ends are already removed).
     * @return the field without leading and trailing spaces and tabs.
     */
    public static String trim(final String field)
    {
        int start = 0;
        int end = field.length();
        while (start < end && isBlank(field.charAt(start)))
        {
            start++;
        }
        while (end > start && isBlank(field.charAt(end - 1)))
        {
            end--;
        }
        return start == 0 && end == field.length() ? field : field.substring(start, end);
    }

    private static boolean isBlank(final char c)
    {
        return ' ' == c || '\t' == c;
    }
}
