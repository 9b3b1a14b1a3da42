package dev.portier.identity.security;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Slows down password guessing per email address, whether or not the address belongs to a user:
 * after {@value #FREE_FAILURES} failures each further attempt must wait twice as long as the one
 * before (2 s, 4 s, 8 s … at most 15 minutes). Beside it, per client (IP) address, so one machine
 * trying one password on many emails is slowed too: there {@value #FREE_ADDRESS_FAILURES} failures
 * are free (an office behind one NAT address mistypes too), then the same doubling. A success clears
 * the email's count, never the address's (else one valid account would reset it between guesses).
 * A quiet day forgets the failures. Stored in the database (an address's row keyed
 * {@code address:<ip>}, which no email can equal), so restarts and several instances do not reset it.
 */
@Singleton
public final class SignInThrottle {

    static final int FREE_FAILURES = 5;
    static final int FREE_ADDRESS_FAILURES = 20;
    static final String ADDRESS_KEY = "address:";
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final Database database;
    private final Clock clock;

    @Inject
    SignInThrottle(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** How long {@code email} must still wait before its next attempt; empty when it may try now. */
    public Optional<Duration> remainingWait(String email) {
        return remainingWait(email, Optional.empty());
    }

    /** How long {@code email} from {@code clientAddress} must still wait: the longer of the two waits; empty when it may try now. */
    public Optional<Duration> remainingWait(String email, Optional<String> clientAddress) {
        Instant now = clock.instant();
        return database.jdbi().withHandle(h -> longer(
                failures(h, email).flatMap(f -> remaining(f, now, FREE_FAILURES)),
                clientAddress.flatMap(a -> failures(h, addressKey(a))).flatMap(f -> remaining(f, now, FREE_ADDRESS_FAILURES))));
    }

    /** Counts a failure; answers how long the next attempt must wait (empty: none). */
    public Optional<Duration> recordFailure(String email) {
        return recordFailure(email, Optional.empty());
    }

    /** Counts a failure for {@code email} and for {@code clientAddress}; answers the longer wait (empty: none). */
    public Optional<Duration> recordFailure(String email, Optional<String> clientAddress) {
        Instant now = clock.instant();
        return database.jdbi().inTransaction(h -> {
            // Forgotten failures are gone for good: guessing at many addresses cannot grow the table for ever.
            h.createUpdate("DELETE FROM sign_in_failures WHERE last_failure_at < :cutoff")
                    .bind("cutoff", now.minus(FORGET_AFTER)).execute();
            Optional<Duration> byEmail = count(h, email, now, FREE_FAILURES);
            return longer(byEmail, clientAddress.flatMap(a -> count(h, addressKey(a), now, FREE_ADDRESS_FAILURES)));
        });
    }

    private static Optional<Duration> count(Handle h, String key, Instant now, int free) {
        int count = failures(h, key).filter(f -> !f.forgottenAt(now)).map(f -> f.count() + 1).orElse(1);
        h.createUpdate("INSERT INTO sign_in_failures (email, failures, last_failure_at) VALUES (:email, :count, :at) "
                        + "ON CONFLICT (email) DO UPDATE SET failures = :count, last_failure_at = :at")
                .bind("email", key).bind("count", count).bind("at", now).execute();
        return remaining(new Failures(count, now), now, free);
    }

    /** The row key of a client address; IPv6 text is at most 45 characters, well inside the column. */
    static String addressKey(String clientAddress) {
        String address = clientAddress.strip();
        return ADDRESS_KEY + (address.length() > 200 ? address.substring(0, 200) : address);
    }

    private static Optional<Duration> longer(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().compareTo(b.get()) >= 0 ? a : b;
    }

    public void clear(String email) {
        database.jdbi().useHandle(h -> h.createUpdate("DELETE FROM sign_in_failures WHERE email = :email")
                .bind("email", email).execute());
    }

    static Duration waitAfter(int failures) {
        return waitAfter(failures, FREE_FAILURES);
    }

    static Duration waitAfter(int failures, int free) {
        if (failures < free) {
            return Duration.ZERO;
        }
        int exponent = Math.min(failures - free + 1, 20);
        Duration wait = Duration.ofSeconds(1L << exponent);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    private static Optional<Failures> failures(Handle h, String email) {
        return h.createQuery("SELECT failures, last_failure_at FROM sign_in_failures WHERE email = :email")
                .bind("email", email)
                .map((rs, ctx) -> new Failures(rs.getInt(1), Instant.ofEpochMilli(rs.getLong(2))))
                .findOne();
    }

    private static Optional<Duration> remaining(Failures failures, Instant now, int free) {
        if (failures.forgottenAt(now)) {
            return Optional.empty();
        }
        Instant allowedAt = failures.last().plus(waitAfter(failures.count(), free));
        return allowedAt.isAfter(now) ? Optional.of(Duration.between(now, allowedAt)) : Optional.empty();
    }

    private record Failures(int count, Instant last) {
        boolean forgottenAt(Instant now) {
            return last.plus(FORGET_AFTER).isBefore(now);
        }
    }
}
