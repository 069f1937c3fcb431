package org.gridsettle.pricing.tariff;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Period and demand period names are journalled as ASCII (TARIFF_VERSION, FORMAT.md section 5): a name with an accent
 * was journalled with '?' in its place ("Econ?mica") and read back so by replay, dump and every bill, without a word.
 * Such a name is now refused when the tariff is built, before anything is journalled.
 */
class PeriodNameTest
{
    @Test
    void aPeriodNameOutsidePrintableAsciiIsRefusedNamingIt()
    {
        assertThatThrownBy(() -> new TouPeriod("Económica", 100_000, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("period name must be ASCII without NUL")
            .hasMessageContaining("'Económica'");
        // a NUL ends a name in the journal: "peak\0x" would read back as "peak"
        assertThatThrownBy(() -> new TouPeriod("peak\0x", 100_000, 0)).isInstanceOf(IllegalArgumentException.class);
        // every printable ASCII character is kept
        assertThat(new TouPeriod(" !~peak-2 (summer)", 1, 0).name()).isEqualTo(" !~peak-2 (summer)");
        // a control character is journalled as given, and older builds journalled it: a tariff version decoded from
        // their journals must still be accepted (JournalledPeriodNameTest); the tariff file readers refuse it
        assertThat(new TouPeriod("peak\t", 1, 0).name()).isEqualTo("peak\t");
        assertThat(TouPeriod.isPrintableAscii("peak\t")).isFalse();
    }

    @Test
    void aDemandPeriodNameOutsidePrintableAsciiIsRefusedNamingIt()
    {
        final TouTariff tariff = TouTariff.hourly(1, 1, 0, "USD", "SOLAR", ZoneId.of("Europe/Madrid"),
            List.of(new TouPeriod("valle", 100_000, 0)), new int[24], new int[24]);
        assertThatThrownBy(() -> tariff.withDemandSchedule(List.of("punta", "día"), new byte[36 * 24]))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("demand period name must be ASCII without NUL")
            .hasMessageContaining("'día'");
    }
}
