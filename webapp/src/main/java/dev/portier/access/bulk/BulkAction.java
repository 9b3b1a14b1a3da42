package dev.portier.access.bulk;

/** What a bulk change does to each selected person or card. */
public enum BulkAction {
    /** Creates one grant per person or card on the lock or site. */
    GRANT("Grant"),
    /** Revokes their grants on the lock (naming it), the site (on it or its locks) or, with neither, all of them. */
    REVOKE("Revoke");

    private final String label;

    BulkAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
