package dev.portier.domain.events;

/**
 * What a batch of lock events did to the log.
 *
 * @param accepted   events stored by this call
 * @param duplicates events whose (lock, entry number) was already stored (or came twice in the
 *                   batch); the stored one is kept, as the lock's log never changes an entry
 */
public record BatchResult(int accepted, int duplicates) {
}
