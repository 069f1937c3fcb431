package org.gridsettle.pricing.importer.urdb;

import java.util.Objects;

/**
 * One reason a URDB tariff cannot be imported or mapped faithfully: the field at fault and why.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param label  URDB {@code label} of the tariff at fault, or empty when it has none or the document is unreadable.
 * @param field  path of the field inside the document, for example {@code items[0].energyratestructure[1][0].rate}.
 * @param reason why it cannot be priced faithfully.
 */
public record UrdbProblem(String label, String field, String reason)
{
    /**
     * Validates the problem.
     */
    public UrdbProblem
    {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }
}
