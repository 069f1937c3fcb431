package org.gridsettle.journal.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The fixed-width pricing-node field of {@link OraclePriceCodec} and {@link MeterEnrolmentCodec} (version 2):
 * {@value #WIDTH} bytes of ASCII, zero-padded. Real ISO node names (CAISO {@code TH_NP15_GEN-APND}, PJM
 * {@code WESTERN HUB}, ERCOT {@code HB_WEST}) are longer than the 8 characters a packed symbol holds, and the longest
 * seen in CAISO's and PJM's lists stay within 32.
 * <p>
 * A valid name is 1 to 32 printable ASCII characters (0x20-0x7E) without comma or double quote (so it stays one CSV
 * field), not starting or ending with a space; every byte after the name is zero. All zero bytes mean "no node".
 * <p>
 * Stateless and thread-safe. The byte-level methods do not allocate; {@link #read} and {@link #write} do and are for
 * the API and tools, not the per-tick path.
 */
public final class PricingNodeField
{
    /** Width of the field in bytes. */
    public static final int WIDTH = 32;

    private PricingNodeField()
    {
    }

    /**
     * @param name a node name.
     * @return null if it is a valid node name, otherwise what is wrong with it.
     */
    public static String problem(final String name)
    {
        if (name == null || name.isEmpty() || name.length() > WIDTH)
        {
            return "a pricing node name must be 1 to " + WIDTH + " characters";
        }
        for (int i = 0; i < name.length(); i++)
        {
            if (!allowed(name.charAt(i)))
            {
                return "a pricing node name must be printable ASCII without comma or double quote";
            }
        }
        if (name.charAt(0) == ' ' || name.charAt(name.length() - 1) == ' ')
        {
            return "a pricing node name must not start or end with a space";
        }
        return null;
    }

    /**
     * @param name a node name.
     * @return the name, if valid.
     * @throws IllegalArgumentException if it is not, saying why.
     */
    public static String requireValid(final String name)
    {
        final String problem = problem(name);
        if (problem != null)
        {
            throw new IllegalArgumentException(problem + ": '" + name + "'");
        }
        return name;
    }

    /**
     * Writes a node name, or zeros for none.
     *
     * @param buffer destination.
     * @param at     first byte of the field.
     * @param name   a valid node name, or null for none.
     * @throws IllegalArgumentException if the name is not valid.
     */
    public static void write(final MutableDirectBuffer buffer, final int at, final String name)
    {
        buffer.setMemory(at, WIDTH, (byte)0);
        if (name == null)
        {
            return;
        }
        // requireValid admits printable ASCII only, so each char is its byte: no array to allocate
        RecordFlyweight.putAsciiChars(buffer, at, requireValid(name));
    }

    /**
     * @param buffer source.
     * @param at     first byte of the field.
     * @return true if the field is all zero (no node).
     */
    public static boolean isNone(final DirectBuffer buffer, final int at)
    {
        return buffer.getLong(at) == 0 && buffer.getLong(at + 8) == 0 && buffer.getLong(at + 16) == 0 &&
            buffer.getLong(at + 24) == 0;
    }

    /**
     * Checks the bytes of a field as {@link #problem} checks a name; allocation-free.
     *
     * @param buffer source.
     * @param at     first byte of the field.
     * @return true if the field holds a valid name or no node.
     */
    public static boolean isWellFormed(final DirectBuffer buffer, final int at)
    {
        int length = 0;
        while (length < WIDTH && buffer.getByte(at + length) != 0)
        {
            if (!allowed((char)(buffer.getByte(at + length) & 0xFF)))
            {
                return false;
            }
            length++;
        }
        for (int i = length; i < WIDTH; i++)
        {
            if (buffer.getByte(at + i) != 0)
            {
                return false;
            }
        }
        return length == 0 || (buffer.getByte(at) != ' ' && buffer.getByte(at + length - 1) != ' ');
    }

    /**
     * @param buffer source.
     * @param at     first byte of the field.
     * @return the node name up to the first zero byte, or null for none; does not check the bytes.
     */
    public static String read(final DirectBuffer buffer, final int at)
    {
        int length = 0;
        while (length < WIDTH && buffer.getByte(at + length) != 0)
        {
            length++;
        }
        if (length == 0)
        {
            return null;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static boolean allowed(final char c)
    {
        return c >= 0x20 && c <= 0x7E && c != ',' && c != '"';
    }
}
