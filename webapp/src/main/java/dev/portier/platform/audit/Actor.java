package dev.portier.platform.audit;

/** Who did something: a signed-in user, or the system itself (userId {@code null}). */
public record Actor(String userId, String label) {
    public static final Actor SYSTEM = new Actor(null, "system");

    public static Actor anonymous(String claimedEmail) {
        return new Actor(null, claimedEmail);
    }
}
