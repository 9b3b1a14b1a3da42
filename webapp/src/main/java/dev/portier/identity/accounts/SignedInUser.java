package dev.portier.identity.accounts;

/**
 * Who is calling a service and in which account: a person signed in to a UI session, or an API
 * token acting for the account. The role is deliberately absent: {@link Authorization} reads it from
 * the database on every check, so a change of role, a removal or a revoked token takes effect at once.
 *
 * <p>For a token caller {@code apiTokenId} names the token, {@code userId} and {@code email} are the
 * person who created it and {@code displayName} names the token; for a person it is {@code null}.
 */
public record SignedInUser(String userId, String email, String displayName, String accountId, String apiTokenId) {

    /** A person signed in to the UI. */
    public SignedInUser(String userId, String email, String displayName, String accountId) {
        this(userId, email, displayName, accountId, null);
    }

    /** An API token of {@code accountId}, created by {@code creatorUserId} / {@code creatorEmail}. */
    public static SignedInUser viaApiToken(String tokenId, String tokenName, String creatorUserId, String creatorEmail,
            String accountId) {
        return new SignedInUser(creatorUserId, creatorEmail, "API token “" + tokenName + "”", accountId, tokenId);
    }

    public boolean isApiToken() {
        return apiTokenId != null;
    }

    /** How the audit log names this caller: the email, or the token and who created it. */
    public String actorLabel() {
        return isApiToken() ? displayName + " of " + email : email;
    }

    public SignedInUser inAccount(String otherAccountId) {
        return new SignedInUser(userId, email, displayName, otherAccountId, apiTokenId);
    }
}
