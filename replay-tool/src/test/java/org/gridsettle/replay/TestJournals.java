package org.gridsettle.replay;

import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;

import java.time.ZoneId;
import java.util.List;

/**
 * What the dump tests of more than one package write journals with, and damage them by: a flat tariff with two
 * customers on it, and the byte search that finds one record in a cycle file. Stateless.
 */
public final class TestJournals
{
    private TestJournals()
    {
    }

    /**
     * Submits inputs 1 to 5: tariff 11 with one flat period (imports 0.30 USD/kWh, exports 0.05 SOLAR/kWh, in UTC,
     * in force from 1970), accounts 1001 and 1002, and meter 1 on account 1001, meter 2 on 1002.
     *
     * @param engine a started engine with an empty journal.
     * @return the input sequence of the last of them, 5, for a test that numbers the inputs it submits next.
     */
    public static long flatTariffTwoCustomers(final SettlementEngine engine)
    {
        engine.publishTariff(TouTariff.hourly(11, 1, 0, "USD", "SOLAR", ZoneId.of("UTC"),
            List.of(new TouPeriod("flat", 300_000, 50_000)), new int[24], new int[24]));
        engine.registerAccount(1001);
        engine.registerAccount(1002);
        engine.enrolMeter(1, 1001, 11, 0);
        engine.enrolMeter(2, 1002, 11, 0);
        return 5;
    }

    /**
     * @param haystack bytes to search, a cycle file's.
     * @param needle   bytes to find, a record's header.
     * @return where the needle first stands in the haystack, or -1.
     */
    public static int indexOf(final byte[] haystack, final byte[] needle)
    {
        for (int i = 0; i <= haystack.length - needle.length; i++)
        {
            int j = 0;
            while (j < needle.length && haystack[i + j] == needle[j])
            {
                j++;
            }
            if (j == needle.length)
            {
                return i;
            }
        }
        return -1;
    }
}
