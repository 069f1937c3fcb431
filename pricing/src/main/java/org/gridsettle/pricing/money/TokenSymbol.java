package org.gridsettle.pricing.money;

/**
 * Packs a token symbol of up to 8 ASCII characters ("USD", "SOLAR") into a long, so that postings carry their token
 * without a lookup table and the journal stays readable on its own.
 * <p>
 * Stateless and thread-safe.
 */
public final class TokenSymbol
{
    private TokenSymbol()
    {
    }

    /**
     * @param symbol 1..8 characters from A-Z and 0-9.
     * @return the packed symbol.
     */
    public static long pack(final String symbol)
    {
        if (symbol.isEmpty() || symbol.length() > 8)
        {
            throw new IllegalArgumentException("token symbol must be 1..8 characters: '" + symbol + "'");
        }
        long packed = 0;
        for (int i = 0; i < symbol.length(); i++)
        {
            final char c = symbol.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            {
                throw new IllegalArgumentException("token symbol must be A-Z or 0-9: '" + symbol + "'");
            }
            packed |= ((long)c) << (8 * i);
        }
        return packed;
    }

    /**
     * @param packed a packed symbol.
     * @return the symbol text.
     */
    public static String unpack(final long packed)
    {
        final StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < 8; i++)
        {
            final char c = (char)((packed >>> (8 * i)) & 0xFF);
            if (c == 0)
            {
                break;
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
