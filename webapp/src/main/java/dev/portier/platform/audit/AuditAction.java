package dev.portier.platform.audit;

/** The kinds of administrative action the audit log records. */
public enum AuditAction {
    SETUP("Set up Portier"),
    ACCOUNT_CREATED("Created account"),
    SIGN_IN("Signed in"),
    SIGN_IN_FAILED("Sign-in failed"),
    SIGN_OUT("Signed out"),
    USER_ADDED("Added user"),
    ROLE_CHANGED("Changed role"),
    USER_REMOVED("Removed user"),
    PASSWORD_CHANGED("Changed password"),
    CREATED("Created"),
    UPDATED("Updated"),
    DELETED("Deleted"),
    REVOKED("Revoked"),
    CANCELLED("Cancelled"),
    COMMAND_SENT("Sent command"),
    IMPORTED("Imported"),
    EXPORTED("Exported"),
    BULK_CHANGE("Bulk change");

    private final String label;

    AuditAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
