package dev.portier.security;

/**
 * Who is signed in to a UI session and which of their accounts they are working in. The role is
 * deliberately absent: it is read from the database on every check, so a change of role or a
 * removal takes effect at once.
 */
public record SignedInUser(String userId, String email, String displayName, String accountId) {

    public SignedInUser inAccount(String otherAccountId) {
        return new SignedInUser(userId, email, displayName, otherAccountId);
    }
}
