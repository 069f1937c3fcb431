package org.gridsettle.pricing.money;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenSymbolTest
{
    @Test
    void packsCharactersLittleEndianOneBytePerCharacter()
    {
        // "USD": 'U' = 0x55 in byte 0, 'S' = 0x53 in byte 1, 'D' = 0x44 in byte 2 (ASCII table)
        assertThat(TokenSymbol.pack("USD")).isEqualTo(0x44_53_55L);
        // "A" = 0x41
        assertThat(TokenSymbol.pack("A")).isEqualTo(0x41L);
        // "SOLAR": S 0x53, O 0x4F, L 0x4C, A 0x41, R 0x52
        assertThat(TokenSymbol.pack("SOLAR")).isEqualTo(0x52_41_4C_4F_53L);
        // eight characters use all eight bytes: "ZZZZZZZZ" = 0x5A repeated
        assertThat(TokenSymbol.pack("ZZZZZZZZ")).isEqualTo(0x5A5A5A5A5A5A5A5AL);
    }

    @Test
    void unpacksHandPackedValues()
    {
        assertThat(TokenSymbol.unpack(0x44_53_55L)).isEqualTo("USD");
        assertThat(TokenSymbol.unpack(0x4D_45_4EL)).isEqualTo("NEM"); // N 0x4E, E 0x45, M 0x4D
        assertThat(TokenSymbol.unpack(0L)).isEmpty();
    }

    @Property(tries = 2000)
    void packThenUnpackIsTheIdentity(@ForAll("symbols") final String symbol)
    {
        assertThat(TokenSymbol.unpack(TokenSymbol.pack(symbol))).isEqualTo(symbol);
    }

    @Property(tries = 2000)
    void differentSymbolsPackDifferently(@ForAll("symbols") final String a, @ForAll("symbols") final String b)
    {
        assertThat(TokenSymbol.pack(a) == TokenSymbol.pack(b)).isEqualTo(a.equals(b));
    }

    @Provide
    Arbitrary<String> symbols()
    {
        return Arbitraries.strings().withCharRange('A', 'Z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "NINECHARS", "usd", "US D", "$NEM", "SOL-AR", "\u00C9UR", "A\u0000"})
    void rejectsBadSymbols(final String symbol)
    {
        assertThatThrownBy(() -> TokenSymbol.pack(symbol))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("token symbol must be");
    }

    @Test
    void rejectionMessageNamesTheSymbol()
    {
        assertThatThrownBy(() -> TokenSymbol.pack("usd")).hasMessageContaining("'usd'");
        assertThatThrownBy(() -> TokenSymbol.pack("NINECHARS")).hasMessageContaining("1..8");
    }
}
