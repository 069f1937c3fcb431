package org.gridsettle.replay.ingest;

import java.util.List;

/**
 * One OpenADR 2.0b {@code oadrDistributeEvent} file as read by {@link OpenAdrReader}.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param source    file name.
 * @param requestId {@code pyld:requestID}.
 * @param vtnId     {@code ei:vtnID}: the VTN that sent it.
 * @param events    its {@code oadr:oadrEvent}s, in document order.
 */
public record OpenAdrPayload(String source, String requestId, String vtnId, List<OpenAdrEvent> events)
{
    /**
     * Freezes the list.
     */
    public OpenAdrPayload
    {
        events = List.copyOf(events);
    }
}
