package org.gridsettle.pricing.importer.urdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one URDB rate, so the importer reports all of them at once instead of the first.
 * <p>
 * Not thread-safe: one per rate being parsed.
 */
final class UrdbProblemLog
{
    private final String pathPrefix;
    private final String label;
    private final List<UrdbProblem> problems = new ArrayList<>();

    /**
     * @param pathPrefix prefix of every field path, {@code ""} or {@code "items[2]."}.
     * @param label      the rate's label, or empty.
     */
    UrdbProblemLog(final String pathPrefix, final String label)
    {
        this.pathPrefix = pathPrefix;
        this.label = label;
    }

    void add(final String field, final String reason)
    {
        problems.add(new UrdbProblem(label, pathPrefix + field, reason));
    }

    int size()
    {
        return problems.size();
    }

    List<UrdbProblem> problems()
    {
        return problems;
    }

    String pathPrefix()
    {
        return pathPrefix;
    }
}
