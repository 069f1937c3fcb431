package org.gridsettle.replay.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the string meter ids of usage files into the engine's numeric meter ids.
 * <p>
 * Enrolled meters get the number the enrolment file gave them (1, 2, ... in file order). A meter the enrolment file
 * does not know still has its readings journalled, so that the engine rejects them as unknown meters and the journal
 * keeps the evidence; such a meter gets a negative number, -1, -2, ... in order of first appearance in this run,
 * which can never collide with an enrolled meter.
 * <p>
 * Not thread-safe: used by the one thread that submits readings.
 */
public final class MeterIdMap
{
    private final Map<String, Long> ids = new HashMap<>();
    private final List<String> unknown = new ArrayList<>();

    /**
     * @param enrolments the enrolled meters.
     */
    public MeterIdMap(final List<Enrolment> enrolments)
    {
        for (final Enrolment e : enrolments)
        {
            ids.put(e.usageMeterId(), e.meterId());
        }
    }

    /**
     * @param usageMeterId a meter id as a usage file names it.
     * @return the engine's meter id for it.
     */
    public long idOf(final String usageMeterId)
    {
        final Long id = ids.get(usageMeterId);
        if (id != null)
        {
            return id;
        }
        unknown.add(usageMeterId);
        final long assigned = -unknown.size();
        ids.put(usageMeterId, assigned);
        return assigned;
    }

    /**
     * @param usageMeterId a meter id as a usage file names it.
     * @return true when the enrolment file enrols it; no id is given to one it does not.
     */
    public boolean isEnrolled(final String usageMeterId)
    {
        final Long id = ids.get(usageMeterId);
        return id != null && id > 0;
    }

    /**
     * @return usage meter ids not in the enrolment file, in order of first appearance; the i-th is meter -(i+1).
     */
    public List<String> unknownMeters()
    {
        return List.copyOf(unknown);
    }
}
