package org.gridsettle.replay.audit;

/**
 * Escapes text for HTML element content and double- or single-quoted attribute values. Every string that reaches
 * the report goes through here, including the ones we made ourselves, so that a journal path or a token name can
 * never open a tag.
 * <p>
 * Stateless; safe from any thread.
 */
public final class HtmlText
{
    private HtmlText()
    {
    }

    /**
     * @param text any text.
     * @return the text with {@code & < > " '} replaced by character references and control characters by spaces.
     */
    public static String escape(final String text)
    {
        final StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(Character.isISOControl(c) && c != '\n' ? ' ' : c);
            }
        }
        return sb.toString();
    }
}
