package org.gridsettle.replay.ingest;

/**
 * What every IntervalReading of one IntervalBlock shares once the feed's links are resolved: the meter it belongs
 * to and how to read its values, or the reason none of them can be delivered.
 * <p>
 * Immutable; safe from any thread.
 */
final class EspiBlockContext
{
    private final String meterId;
    private final EspiReadingType readingType;
    private final String problem;

    private EspiBlockContext(final String meterId, final EspiReadingType readingType, final String problem)
    {
        this.meterId = meterId;
        this.readingType = readingType;
        this.problem = problem;
    }

    /**
     * @param meterId     meter the readings belong to.
     * @param readingType a valid reading type.
     * @return a context whose readings can be delivered.
     */
    static EspiBlockContext of(final String meterId, final EspiReadingType readingType)
    {
        return new EspiBlockContext(meterId, readingType, null);
    }

    /**
     * @param problem why no reading of the block can be delivered.
     * @return a context that turns every reading into a bad record.
     */
    static EspiBlockContext unusable(final String problem)
    {
        return new EspiBlockContext(null, null, problem);
    }

    String meterId()
    {
        return meterId;
    }

    EspiReadingType readingType()
    {
        return readingType;
    }

    String problem()
    {
        return problem;
    }
}
