package dev.portier.plugin.api;

/**
 * Why the access decision said no ({@link AccessDecider.AccessAnswer#reasons()}). Drivers map them to
 * the vendor's codes or LED patterns; the host never sends them as free text. Pure value; any thread.
 */
public enum DenialReason {
    /** No grant covers this subject at this lock (also: unknown lock or subject). */
    NO_GRANT,
    /** The grant or key was revoked. */
    REVOKED,
    /** The grant starts later. */
    NOT_YET_VALID,
    /** The grant has ended. */
    EXPIRED,
    /** The grant is valid, but not at this time of the week. */
    OUTSIDE_SCHEDULE,
    /**
     * The grant is valid, but the day is a holiday of the site's calendar and the grant is closed on
     * holidays (or outside its holiday hours). Since 2.3.0; a driver that does not know it may treat it like
     * {@link #OUTSIDE_SCHEDULE}.
     */
    HOLIDAY_CLOSED,
    /** The grant does not include the asked {@link Permission}. */
    MISSING_PERMISSION,
    /** The card was reported lost. */
    CARD_LOST,
    /** The card was retired. */
    CARD_RETIRED,
    /** The lock is decommissioned. */
    LOCK_DECOMMISSIONED,
    /** Asked on demand, but the grants that allow it deliver pre-issued keys, not keys on demand. Since 2.1.0. */
    NO_ON_DEMAND_GRANT
}
