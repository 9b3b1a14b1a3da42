package dev.portier.identity.security;

import dev.portier.identity.accounts.SignedInUser;
import dev.portier.identity.users.PasswordHasher;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.AccountDao;
import dev.portier.identity.accounts.AccountMembership;
import dev.portier.platform.audit.Actor;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.platform.db.Database;
import dev.portier.identity.users.User;
import dev.portier.identity.users.UserDao;
import dev.portier.platform.validation.EmailAddress;
import dev.portier.platform.validation.PasswordPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Checks email and password, throttles guessing, and records every attempt in the audit log of each
 * account the user belongs to (attempts for unknown emails are logged without an account).
 */
@Singleton
public final class SignInService {

    private final Database database;
    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final AuditLog audit;

    @Inject
    SignInService(Database database, PasswordHasher hasher, SignInThrottle throttle, AuditLog audit) {
        this.database = database;
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
    }

    /** Signing in without a network peer (tests, tools): throttled per email only. */
    public SignInResult signIn(String rawEmail, String password) {
        return signIn(rawEmail, password, Optional.empty());
    }

    /**
     * Signing in from {@code clientAddress} (the browser's IP address, as a trusted proxy reports it):
     * throttled per email and per address.
     */
    public SignInResult signIn(String rawEmail, String password, Optional<String> clientAddress) {
        String email = EmailAddress.normalize(rawEmail);
        // Nothing this long was ever accepted as a password: refuse before spending a hash on it.
        if (email.isEmpty() || email.length() > EmailAddress.MAX_LENGTH || password == null || password.isEmpty()
                || password.length() > 4 * PasswordPolicy.MAX_LENGTH) {
            return new SignInResult.Refused(Optional.empty());
        }
        Optional<User> user = database.jdbi().withExtension(UserDao.class, dao -> dao.findByEmail(email));
        List<AccountMembership> accounts = user
                .map(u -> database.jdbi().withExtension(AccountDao.class, dao -> dao.membershipsOf(u.id())))
                .orElse(List.of());

        Optional<Duration> wait = throttle.remainingWait(email, clientAddress);
        if (wait.isPresent()) {
            recordEverywhere(user, accounts, email, AuditAction.SIGN_IN_FAILED, "refused: too many recent failures");
            return new SignInResult.Throttled(wait.get());
        }

        boolean matches;
        if (user.isPresent()) {
            matches = hasher.verify(password, user.get().passwordHash());
        } else {
            hasher.verifyNothing(password);
            matches = false;
        }
        if (!matches) {
            Optional<Duration> next = throttle.recordFailure(email, clientAddress);
            recordEverywhere(user, accounts, email, AuditAction.SIGN_IN_FAILED, "wrong email or password");
            return new SignInResult.Refused(next);
        }

        throttle.clear(email);
        User signedIn = user.get();
        if (hasher.needsRehash(signedIn.passwordHash())) {
            String upgraded = hasher.hash(password);
            database.jdbi().useExtension(UserDao.class, dao -> dao.rehash(signedIn.id(), upgraded));
        }
        if (accounts.isEmpty()) {
            return new SignInResult.NoAccount();
        }
        recordEverywhere(user, accounts, email, AuditAction.SIGN_IN, null);
        return new SignInResult.SignedIn(signedIn, accounts);
    }

    public void signedOut(SignedInUser who) {
        audit.record(who.accountId(), new Actor(who.userId(), who.email()), AuditAction.SIGN_OUT, who.email(), null);
    }

    private void recordEverywhere(Optional<User> user, List<AccountMembership> accounts, String email,
            AuditAction action, String details) {
        Actor actor = user.map(u -> new Actor(u.id(), u.email())).orElse(Actor.anonymous(email));
        database.jdbi().useTransaction(h -> {
            if (accounts.isEmpty()) {
                audit.record(h, null, actor, action, email, details);
            }
            for (AccountMembership account : accounts) {
                audit.record(h, account.accountId(), actor, action, email, details);
            }
        });
    }
}
