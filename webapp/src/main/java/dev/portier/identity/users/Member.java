package dev.portier.identity.users;

import dev.portier.identity.accounts.Role;
import java.time.Instant;

/** A user as seen from one account: a row of the users page. */
public record Member(String userId, String email, String displayName, Role role, Instant memberSince) {
}
