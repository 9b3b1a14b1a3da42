package dev.portier.domain.grants;

/** What a grant amounts to at an instant: its state and its validity dates together. */
public enum GrantStatus {
    ACTIVE("Active"), NOT_YET_VALID("Not yet valid"), EXPIRED("Expired"), REVOKED("Revoked");

    private final String label;

    GrantStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
