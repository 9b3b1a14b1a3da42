package dev.portier.plugin.api;

import java.util.List;

/**
 * Capability {@link Capability#EVENT_PULLING}: fetches a lock's log entries from the vendor. Called
 * periodically on a host worker; may block. Answering entries already delivered is harmless.
 */
public interface EventPulling {

    /** Entries with an entry number above {@code afterEntryNumber}, in any order. */
    List<LockEvent> pull(LockRef lock, long afterEntryNumber);
}
