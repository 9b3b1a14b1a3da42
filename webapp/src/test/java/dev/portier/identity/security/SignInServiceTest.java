package dev.portier.identity.security;

import dev.portier.identity.accounts.SignedInUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditFilter;
import dev.portier.platform.audit.AuditLog;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.testing.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignInServiceTest {

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    TestServices services;
    SignInService signIns;
    SignedInUser owner;

    @BeforeEach
    void start() {
        services = new TestServices(dir, clock);
        signIns = services.get(SignInService.class);
        owner = services.setUpOwner();
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void rightPasswordSignsInWhateverTheEmailsCase() {
        assertThat(signIns.signIn(" Owner@Example.COM ", TestServices.PASSWORD))
                .isInstanceOfSatisfying(SignInResult.SignedIn.class, ok -> {
                    assertThat(ok.user().id()).isEqualTo(owner.userId());
                    assertThat(ok.accounts()).hasSize(1);
                });
        assertThat(audit(AuditAction.SIGN_IN)).isEqualTo(1);
    }

    @Test
    void wrongPasswordAndUnknownEmailLookTheSame() {
        SignInResult wrong = signIns.signIn("owner@example.com", "wrong password!");
        SignInResult unknown = signIns.signIn("nobody@example.com", "wrong password!");
        assertThat(wrong).isEqualTo(unknown).isInstanceOf(SignInResult.Refused.class);
        assertThat(audit(AuditAction.SIGN_IN_FAILED)).as("the known user's failure is in their account's log").isEqualTo(1);
    }

    @Test
    void afterFiveFailuresEachAttemptWaitsLonger() {
        for (int i = 1; i <= 4; i++) {
            assertThat(signIns.signIn("owner@example.com", "wrong password!"))
                    .isEqualTo(new SignInResult.Refused(java.util.Optional.empty()));
        }
        assertThat(signIns.signIn("owner@example.com", "wrong password!"))
                .isEqualTo(new SignInResult.Refused(java.util.Optional.of(Duration.ofSeconds(2))));

        // Even the right password is not checked while the wait lasts.
        assertThat(signIns.signIn("owner@example.com", TestServices.PASSWORD))
                .isEqualTo(new SignInResult.Throttled(Duration.ofSeconds(2)));

        clock.advance(Duration.ofSeconds(2));
        assertThat(signIns.signIn("owner@example.com", "wrong password!"))
                .isEqualTo(new SignInResult.Refused(java.util.Optional.of(Duration.ofSeconds(4))));
        clock.advance(Duration.ofSeconds(4));
        assertThat(signIns.signIn("owner@example.com", "wrong password!"))
                .isEqualTo(new SignInResult.Refused(java.util.Optional.of(Duration.ofSeconds(8))));

        clock.advance(Duration.ofSeconds(8));
        assertThat(signIns.signIn("owner@example.com", TestServices.PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
        assertThat(signIns.signIn("owner@example.com", "wrong password!"))
                .as("success resets the count").isEqualTo(new SignInResult.Refused(java.util.Optional.empty()));
    }

    @Test
    void unknownEmailsAreThrottledAlike() {
        for (int i = 1; i <= 5; i++) {
            signIns.signIn("ghost@example.com", "wrong password!");
        }
        assertThat(signIns.signIn("ghost@example.com", "wrong password!")).isInstanceOf(SignInResult.Throttled.class);
        assertThat(signIns.signIn("owner@example.com", TestServices.PASSWORD))
                .as("other emails are unaffected").isInstanceOf(SignInResult.SignedIn.class);
    }

    @Test
    void failuresAreForgottenAfterAQuietDay() {
        for (int i = 1; i <= 7; i++) {
            signIns.signIn("ghost" + i + "@example.com", "wrong password!");
        }
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        signIns.signIn("new@example.com", "wrong password!");
        int rows = services.get(dev.portier.platform.db.Database.class).jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sign_in_failures").mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void oneAddressGuessingAcrossManyEmailsIsThrottledAndOtherAddressesAreNot() {
        java.util.Optional<String> attacker = java.util.Optional.of("203.0.113.7");
        // Each email fails only once, so the per-email limit never bites; the address's does.
        for (int i = 1; i < SignInThrottle.FREE_ADDRESS_FAILURES; i++) {
            assertThat(signIns.signIn("ghost" + i + "@example.com", "wrong password!", attacker))
                    .as("attempt " + i).isEqualTo(new SignInResult.Refused(java.util.Optional.empty()));
        }
        assertThat(signIns.signIn("last-ghost@example.com", "wrong password!", attacker))
                .isEqualTo(new SignInResult.Refused(java.util.Optional.of(Duration.ofSeconds(2))));
        assertThat(signIns.signIn("owner@example.com", TestServices.PASSWORD, attacker))
                .as("even the right password waits: the address is throttled").isInstanceOf(SignInResult.Throttled.class);
        assertThat(signIns.signIn("owner@example.com", TestServices.PASSWORD, java.util.Optional.of("198.51.100.1")))
                .as("another address is unaffected").isInstanceOf(SignInResult.SignedIn.class);

        clock.advance(Duration.ofSeconds(3));
        assertThat(signIns.signIn("owner@example.com", TestServices.PASSWORD, attacker)).isInstanceOf(SignInResult.SignedIn.class);
        assertThat(signIns.signIn("ghost1@example.com", "wrong password!", attacker))
                .as("a success does not reset the address's count").isEqualTo(
                        new SignInResult.Refused(java.util.Optional.of(Duration.ofSeconds(4))));
    }

    @Test
    void waitsAreCapped() {
        assertThat(SignInThrottle.waitAfter(4)).isZero();
        assertThat(SignInThrottle.waitAfter(5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(SignInThrottle.waitAfter(50)).isEqualTo(Duration.ofMinutes(15));
    }

    private long audit(AuditAction action) {
        return services.get(AuditLog.class).count(owner.accountId(), new AuditFilter(action, null, null, null));
    }
}
