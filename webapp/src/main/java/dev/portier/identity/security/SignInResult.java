package dev.portier.identity.security;

import dev.portier.identity.accounts.AccountMembership;
import dev.portier.identity.users.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How a sign-in attempt ended. */
public sealed interface SignInResult {

    /** Right password; the user's accounts, first one to start in. */
    record SignedIn(User user, List<AccountMembership> accounts) implements SignInResult {
    }

    /** Wrong email or password (never says which); {@code nextWait} when the next try is throttled. */
    record Refused(Optional<Duration> nextWait) implements SignInResult {
    }

    /** Too many recent failures for this email: no password was checked. */
    record Throttled(Duration retryAfter) implements SignInResult {
    }

    /** Right password, but the user belongs to no account any more. */
    record NoAccount() implements SignInResult {
    }
}
