package org.gridsettle.pricing.importer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words a Jackson parse error for the people who wrote the file, not for the programmers who configure the parser:
 * Jackson's own messages suggest parser features to enable (`JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS`), name
 * limits by their getter, and for a truncated file print "[Source: REDACTED (`StreamReadFeature...` disabled)...]".
 * None of that is something a user of the command line can act on; the readers put file, line and column around the
 * text returned here, and their exceptions keep the whole message on one line.
 * <p>
 * Stateless; safe from any thread.
 */
public final class JsonErrorText
{
    private static final Pattern NON_NUMERIC = Pattern.compile("^Non-standard token '([^']*)'.*$", Pattern.DOTALL);
    private static final Pattern UNCLOSED = Pattern.compile("^Unexpected end-of-input: expected close marker for " +
        "(Object|Array) \\(start marker at \\[.*?line: (\\d+), column: (\\d+)\\]\\).*$", Pattern.DOTALL);
    private static final Pattern FEATURE_ADVICE = Pattern.compile("[:;,]?\\s*enable `[^`]*` to allow");
    private static final Pattern LIMIT_GETTER = Pattern.compile(",\\s*from `[^`]*`");
    private static final Pattern COMMENT_ADVICE = Pattern.compile(
        "maybe a \\(non-standard\\) comment\\? \\(not recognized as one since Feature '\\w+' not enabled for parser\\)");

    private JsonErrorText()
    {
    }

    /**
     * @param jacksonMessage the parser's message without location ({@code getOriginalMessage()}); may be null.
     * @return plain words, free of Jackson's configuration advice.
     */
    public static String of(final String jacksonMessage)
    {
        if (jacksonMessage == null)
        {
            return "malformed JSON";
        }
        final Matcher nonNumeric = NON_NUMERIC.matcher(jacksonMessage);
        if (nonNumeric.matches())
        {
            return "'" + nonNumeric.group(1) + "' is not a JSON value: JSON has no NaN or Infinity";
        }
        final Matcher unclosed = UNCLOSED.matcher(jacksonMessage);
        if (unclosed.matches())
        {
            return "the file ends before the " + ("Object".equals(unclosed.group(1)) ? "object" : "array") +
                " opened at line " + unclosed.group(2) + ", column " + unclosed.group(3) + " is closed";
        }
        if (jacksonMessage.startsWith("Unexpected end-of-input"))
        {
            return endOfInput(jacksonMessage);
        }
        if (jacksonMessage.startsWith("Invalid UTF-8"))
        {
            // Jackson prints the bytes as a sign-extended int (0xffffc328), which names nothing a person can find
            return "found bytes that are not UTF-8 text here: save the file as UTF-8";
        }
        String text = FEATURE_ADVICE.matcher(jacksonMessage).replaceAll("");
        text = LIMIT_GETTER.matcher(text).replaceAll("");
        text = COMMENT_ADVICE.matcher(text).replaceAll("JSON has no comments");
        // anything else Jackson may add about its own configuration is cut off rather than shown
        final int leak = firstOf(text, "`", "[Source:");
        if (leak >= 0)
        {
            text = text.substring(0, leak).replaceAll("[\\s:;,(]+$", "");
        }
        return text;
    }

    private static String endOfInput(final String message)
    {
        if (message.contains("in field name"))
        {
            return "the file ends inside a field name";
        }
        if (message.contains("VALUE_STRING"))
        {
            return "the file ends inside a string";
        }
        if (message.contains("Object entries"))
        {
            return "the file ends inside an object";
        }
        if (message.contains("Array entries"))
        {
            return "the file ends inside an array";
        }
        return "the file ends before the JSON value is complete";
    }

    private static int firstOf(final String text, final String... needles)
    {
        int first = -1;
        for (final String needle : needles)
        {
            final int at = text.indexOf(needle);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }
        return first;
    }
}
