package dev.portier.drivers.sync;

/** How far a vendor has followed what Portier wants for one grant × lock × holder. */
public enum SyncState {
    /** Waiting for its first attempt. */
    PENDING("Pending"),
    /** An attempt failed for a reason that may pass (timeout, vendor busy or down); tried again later. */
    RETRYING("Retrying"),
    /** The vendor holds what Portier wants. */
    APPLIED("Applied"),
    /** The vendor refused for good (a limit, an input it cannot take); tried again only when the grant changes. */
    FAILED("Failed");

    private final String label;

    SyncState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
