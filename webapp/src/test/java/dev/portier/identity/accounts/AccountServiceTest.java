package dev.portier.identity.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditFilter;
import dev.portier.platform.audit.AuditLog;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.TestServices;
import dev.portier.platform.validation.ValidationException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountServiceTest {

    @TempDir
    Path dir;
    TestServices services;
    AccountService accounts;
    SignedInUser owner;

    @BeforeEach
    void start() {
        services = new TestServices(dir, Clock.systemUTC());
        accounts = services.get(AccountService.class);
        owner = services.setUpOwner();
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void aUserCreatesASecondAccountOwnsItAndSwitchesBack() {
        SignedInUser inBeta = accounts.create(owner, "  Beta Depot ", "America/New_York");

        assertThat(accounts.current(inBeta).name()).isEqualTo("Beta Depot");
        assertThat(accounts.accountsOf(owner)).extracting(AccountMembership::accountName, AccountMembership::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Acme", Role.OWNER),
                        org.assertj.core.groups.Tuple.tuple("Beta Depot", Role.OWNER));
        assertThat(accounts.current(accounts.switchTo(inBeta, owner.accountId())).name()).isEqualTo("Acme");

        AuditLog audit = services.get(AuditLog.class);
        assertThat(audit.page(inBeta.accountId(), AuditFilter.NONE, 0, 10)).extracting(e -> e.action())
                .containsExactly(AuditAction.ACCOUNT_CREATED);
        assertThat(audit.count(owner.accountId(), new AuditFilter(AuditAction.ACCOUNT_CREATED, null, null, null)))
                .as("the other account's log does not show it").isZero();
    }

    @Test
    void badNamesAndZonesAreRefused() {
        assertThatThrownBy(() -> accounts.create(owner, "<b>x</b>", "Nowhere/Special"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).containsKeys("name", "timeZone"));
        assertThat(accounts.accountsOf(owner)).hasSize(1);
    }
}
