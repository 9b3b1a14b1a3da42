package dev.portier.identity.accounts;

/** An account a user belongs to, with the user's role there. */
public record AccountMembership(String accountId, String accountName, String timeZone, Role role) {
}
