package dev.portier.domain.locks;

/** Where a lock is in its life. A decommissioned lock opens for nobody. */
public enum LockState {
    PENDING_ENROLMENT("Pending enrolment"), ACTIVE("Active"), DECOMMISSIONED("Decommissioned");

    private final String label;

    LockState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
