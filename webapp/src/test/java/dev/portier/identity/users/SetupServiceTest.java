package dev.portier.identity.users;

import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditFilter;
import dev.portier.platform.audit.AuditLog;
import dev.portier.platform.db.Database;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.TestServices;
import dev.portier.platform.validation.ValidationException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetupServiceTest {

    @TempDir
    Path dir;
    TestServices services;
    SetupService setup;

    @BeforeEach
    void start() {
        services = new TestServices(dir, Clock.systemUTC());
        setup = services.get(SetupService.class);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void createsTheFirstAccountAndOwnerOnce() {
        assertThat(setup.isSetUp()).isFalse();
        SignedInUser owner = services.setUpOwner();

        assertThat(setup.isSetUp()).isTrue();
        assertThat(services.get(AccountService.class).current(owner).name()).isEqualTo("Acme");
        assertThat(services.get(AccountService.class).accountsOf(owner)).singleElement()
                .satisfies(m -> assertThat(m.role()).isEqualTo(Role.OWNER));
        assertThat(services.get(AuditLog.class).page(owner.accountId(), AuditFilter.NONE, 0, 10))
                .extracting(e -> e.action()).containsExactly(AuditAction.SETUP);
        assertThatThrownBy(services::setUpOwner).isInstanceOf(SetupService.AlreadySetUpException.class);
    }

    @Test
    void concurrentAttemptsLetExactlyOneWin() throws Exception {
        int attempts = 8;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                go.await();
                try {
                    setup.setUp(new SetupService.FirstOwner("Account " + n, "UTC", "Owner " + n,
                            "owner" + n + "@example.com", TestServices.PASSWORD));
                    return true;
                } catch (SetupService.AlreadySetUpException e) {
                    return false;
                }
            }));
        }
        go.countDown();
        int wins = 0;
        for (Future<Boolean> result : results) {
            wins += result.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(wins).isEqualTo(1);
        assertThat(count("accounts")).isEqualTo(1);
        assertThat(count("users")).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedWithEveryFieldAndWritesNothing() {
        assertThatThrownBy(() -> setup.setUp(new SetupService.FirstOwner("<b>Acme</b>", "Mars/Olympus", "",
                "not-an-email", "short")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors())
                        .containsKeys("accountName", "timeZone", "displayName", "email", "password"));
        assertThat(setup.isSetUp()).isFalse();
        assertThat(count("users")).isZero();
        assertThat(count("audit_entries")).isZero();
    }

    private int count(String table) {
        return services.get(Database.class).jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }
}
