package org.gridsettle.replay.ingest;

/**
 * A CSV field cannot be used; the message says which and why. Thrown and caught within one row's parsing, so it
 * carries no stack trace: bad rows may be many and the trace would say nothing the message does not.
 * <p>
 * Immutable.
 */
final class BadFieldException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * @param problem which field and what is wrong with it.
     */
    BadFieldException(final String problem)
    {
        super(problem, null, false, false);
    }
}
