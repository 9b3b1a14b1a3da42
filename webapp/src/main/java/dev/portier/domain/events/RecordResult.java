package dev.portier.domain.events;

/**
 * What one lock event did to the log.
 *
 * @param accepted {@code true} when stored by this call, {@code false} when its (lock, entry
 *                 number) was stored before
 */
public record RecordResult(boolean accepted) {

    public boolean duplicate() {
        return !accepted;
    }
}
