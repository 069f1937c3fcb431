package org.gridsettle.journal.pretouch;

/**
 * Whether and where the pages of a journal's cycle file are prepared ahead of its writer, so that appends do not
 * take the page faults of fresh pages. The journals' bytes are the same in every mode; only who pays, and when,
 * changes.
 * <p>
 * Threading: immutable constants; thread-safe.
 */
public enum Pretouch
{
    /** The writer faults each fresh page in itself, on its first append to it. */
    OFF,
    /**
     * The writer's own thread writes the next pages while it waits for input ({@link IdlePretoucher}): no extra
     * thread, nothing done at full throughput, where the writer never waits.
     */
    IDLE,
    /**
     * A daemon thread of its own touches the pages ahead through the writer's mapping ({@link JournalPretoucher}):
     * the writer then takes no page fault at all, which raises throughput at full load, but the extra thread costs
     * milliseconds of tail latency at an offered rate on a machine without a core to spare.
     */
    THREAD,
    /**
     * Both: the writer's own thread prepares the pages while it waits, as {@link #IDLE}, and a daemon thread touches
     * them through the writer's mapping only where that falls behind, as at full throughput, where the writer never
     * waits ({@link JournalPretoucher} as a backstop). At an offered rate the daemon thread stays parked.
     */
    ADAPTIVE;

    /**
     * @return whether the writer's own thread prepares pages while it waits ({@link IdlePretoucher}), which needs the
     *     wait strategy that calls it.
     */
    public boolean usesIdleTime()
    {
        return this == IDLE || this == ADAPTIVE;
    }

    /**
     * @return whether a daemon thread touches pages ahead ({@link JournalPretoucher}).
     */
    public boolean usesThread()
    {
        return this == THREAD || this == ADAPTIVE;
    }

    /**
     * @return whether that daemon thread touches only where the writer's own thread has fallen behind.
     */
    public boolean threadIsBackstop()
    {
        return this == ADAPTIVE;
    }
}
