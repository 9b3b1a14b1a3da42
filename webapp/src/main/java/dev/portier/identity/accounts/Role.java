package dev.portier.identity.accounts;

/** What a user may do in one account. Declared from most to least powerful. */
public enum Role {
    /** Everything, including who else belongs to the account. */
    OWNER("Owner"),
    /** Manages sites, locks, people, cards and grants. */
    MANAGER("Manager"),
    /** Reads everything, logs included; changes nothing. */
    VIEWER("Viewer");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether this role includes everything {@code required} may do. */
    public boolean includes(Role required) {
        return ordinal() <= required.ordinal();
    }
}
