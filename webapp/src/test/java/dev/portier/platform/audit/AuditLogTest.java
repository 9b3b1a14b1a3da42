package dev.portier.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.identity.security.SignInService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.testing.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    TestServices services;
    AuditLog audit;
    SignedInUser owner;

    @BeforeEach
    void start() {
        services = new TestServices(dir, clock);
        audit = services.get(AuditLog.class);
        owner = services.setUpOwner();
        clock.advance(Duration.ofHours(1));
        services.get(SignInService.class).signIn("owner@example.com", "wrong password!");
        clock.advance(Duration.ofHours(1));
        services.get(SignInService.class).signIn("owner@example.com", TestServices.PASSWORD);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void newestFirstAndPaged() {
        assertThat(audit.page(owner.accountId(), AuditFilter.NONE, 0, 10)).extracting(AuditEntry::action)
                .containsExactly(AuditAction.SIGN_IN, AuditAction.SIGN_IN_FAILED, AuditAction.SETUP);
        assertThat(audit.page(owner.accountId(), AuditFilter.NONE, 1, 1)).extracting(AuditEntry::action)
                .containsExactly(AuditAction.SIGN_IN_FAILED);
        assertThat(audit.count(owner.accountId(), AuditFilter.NONE)).isEqualTo(3);
    }

    @Test
    void filtersByActionTextAndTime() {
        assertThat(audit.page(owner.accountId(), new AuditFilter(AuditAction.SIGN_IN, null, null, null), 0, 10))
                .hasSize(1);
        assertThat(audit.page(owner.accountId(), new AuditFilter(null, "WRONG email", null, null), 0, 10))
                .extracting(AuditEntry::action).containsExactly(AuditAction.SIGN_IN_FAILED);
        assertThat(audit.count(owner.accountId(), new AuditFilter(null, "100%_", null, null))).isZero();
        assertThat(audit.page(owner.accountId(), new AuditFilter(null, null,
                Instant.parse("2026-03-01T10:30:00Z"), Instant.parse("2026-03-01T11:30:00Z")), 0, 10))
                .extracting(AuditEntry::action).containsExactly(AuditAction.SIGN_IN_FAILED);
    }

    @Test
    void anotherAccountSeesNothing() {
        assertThat(audit.count("some-other-account", AuditFilter.NONE)).isZero();
    }
}
