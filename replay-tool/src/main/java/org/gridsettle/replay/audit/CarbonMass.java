package org.gridsettle.replay.audit;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * CO2 mass of carbon postings, kept exactly in micrograms: a carbon transfer's energy (Wh) times its rate field (grid
 * intensity, mg CO2 per kWh) is micrograms with no rounding, so a day's or a report's total is an exact sum an
 * auditor can redo from the postings. Shown in kg to the gram.
 * <p>
 * Stateless; safe from any thread.
 */
final class CarbonMass
{
    private static final int MICROGRAMS_PER_KG_DIGITS = 9;

    private CarbonMass()
    {
    }

    /**
     * @param energyWh  a carbon posting's energy.
     * @param mgPerKwh  its rate field: the intensity it was priced at.
     * @return the CO2 it stands for, micrograms.
     */
    static long micrograms(final long energyWh, final long mgPerKwh)
    {
        return Math.multiplyExact(energyWh, mgPerKwh);
    }

    /**
     * @param micrograms CO2 mass.
     * @return kg with three decimals, rounded half-even, for example {@code "0.081"}.
     */
    static String kg(final long micrograms)
    {
        return BigDecimal.valueOf(micrograms, MICROGRAMS_PER_KG_DIGITS).setScale(3, RoundingMode.HALF_EVEN)
            .toPlainString();
    }
}
