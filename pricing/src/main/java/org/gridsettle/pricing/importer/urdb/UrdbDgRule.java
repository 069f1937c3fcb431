package org.gridsettle.pricing.importer.urdb;

import java.util.Optional;

/**
 * How a URDB rate compensates distributed generation, from its {@code dgrules} field. Decides whether exports are
 * netted against imports over the month, per hour or per interval, or metered apart. Thread-safe.
 */
public enum UrdbDgRule
{
    /** "Net Metering": exports offset imports over the billing period. */
    NET_METERING("Net Metering"),
    /** "Net Billing Instantaneous": exports credited at the sell rate as they happen. */
    NET_BILLING_INSTANTANEOUS("Net Billing Instantaneous"),
    /** "Net Billing Hourly": imports and exports netted per hour, the hourly net export credited at the sell rate. */
    NET_BILLING_HOURLY("Net Billing Hourly"),
    /** "Buy All Sell All": all consumption bought and all generation sold, on separate meters. */
    BUY_ALL_SELL_ALL("Buy All Sell All");

    private static final UrdbDgRule[] VALUES = values();

    private final String urdbText;

    UrdbDgRule(final String urdbText)
    {
        this.urdbText = urdbText;
    }

    /**
     * @return the rule as URDB writes it.
     */
    public String urdbText()
    {
        return urdbText;
    }

    /**
     * @param text a URDB {@code dgrules} value, matched exactly.
     * @return the rule, or empty when the text is not one this importer knows.
     */
    public static Optional<UrdbDgRule> fromUrdb(final String text)
    {
        for (final UrdbDgRule rule : VALUES)
        {
            if (rule.urdbText.equals(text))
            {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
