package dev.portier.access;

/** Why a grant, or the whole decision, does not let the subject in. */
public enum DenialReason {
    NO_GRANT("No grant covers this person or card on this lock"),
    REVOKED("The grant was revoked"),
    NOT_YET_VALID("The grant is not valid yet"),
    EXPIRED("The grant has expired"),
    OUTSIDE_SCHEDULE("Outside the grant's schedule"),
    HOLIDAY_CLOSED("Closed on a holiday of the site's calendar"),
    MISSING_PERMISSION("The grant does not include this permission"),
    CARD_LOST("The card is marked lost"),
    CARD_RETIRED("The card is retired"),
    LOCK_DECOMMISSIONED("The lock is decommissioned"),
    NO_ON_DEMAND_GRANT("Asked for a key on demand, but the grants that allow it deliver pre-issued keys");

    private final String description;

    DenialReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
