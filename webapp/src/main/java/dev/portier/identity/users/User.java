package dev.portier.identity.users;

import java.time.Instant;

/** Someone who signs in. The password hash never leaves the users and security packages' services. */
public record User(String id, String email, String displayName, String passwordHash, Instant createdAt,
        Instant passwordChangedAt) {

    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + "]";
    }
}
