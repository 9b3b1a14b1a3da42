package dev.portier.access.bulk;

/** What a bulk change does to each selected person or card. */
public enum BulkAction {
    /** Creates one grant per person or card on the lock or site. */
    GRANT("Grant"),
    /** Revokes their grants on the lock (naming it), the site (on it or its locks) or, with neither, all of them. */
    REVOKE("Revoke"),
    /** Adds the selected people to a people group: the group's grants then reach them as member grants. */
    ADD_TO_GROUP("Add to group");

    private final String label;

    BulkAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
