package dev.portier.drivers.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditEntry;
import dev.portier.platform.audit.AuditFilter;
import dev.portier.platform.audit.AuditLog;
import dev.portier.platform.db.Database;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.http.OutboundHttpModule;
import dev.portier.drivers.plugins.PluginsModule;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.identity.security.SignInResult;
import dev.portier.identity.security.SignInService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.config.PortierConfig;
import dev.portier.testing.TestServices;
import dev.portier.identity.users.UserService;
import dev.portier.platform.validation.ValidationException;
import dev.portier.platform.validation.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections over a real database and a real plugin host with a test driver that declares every kind of setting. */
class ConnectionServiceTest {

    static final String SECRET = "very-secret-api-key-4711";

    @TempDir
    Path dir;
    TestServices services;
    ConnectionService connections;
    SignedInUser owner;

    @BeforeEach
    void start() throws Exception {
        SchemaPlugin.install(dir);
        services = new TestServices(PortierConfig.forDataDir(dir), Clock.systemUTC(), new OutboundHttpModule(), new PluginsModule(),
                new ConnectionsModule());
        connections = services.get(ConnectionService.class);
        owner = services.setUpOwner();
    }

    @AfterEach
    void stop() {
        services.close();
    }

    static Map<String, String> values(String apiKey) {
        Map<String, String> values = new HashMap<>();
        values.put("baseUrl", "https://vendor.example.com");
        values.put("apiKey", apiKey);
        values.put("pollSeconds", "20");
        values.put("region", "eu");
        return values;
    }

    @Test
    void secretsAreSealedAndNeverInTheRowTheRecordOrTheAudit() throws Exception {
        Connection created = connections.create(owner, new ConnectionDraft("Main door", SchemaPlugin.DRIVER_ID, values(SECRET)));

        assertThat(created.settings()).containsEntry("baseUrl", "https://vendor.example.com").doesNotContainKey("apiKey");
        assertThat(created.storedSecrets()).containsExactly("apiKey");
        assertThat(created.toString()).doesNotContain(SECRET);
        String row = services.get(Database.class).jdbi().withHandle(h -> h.createQuery(
                        "SELECT name || driver_id || settings FROM connections WHERE id = :id")
                .bind("id", created.id()).mapTo(String.class).one());
        assertThat(row).contains("vendor.example.com").doesNotContain(SECRET);
        List<String> sealed = services.get(Database.class).jdbi().withHandle(h -> h.createQuery(
                "SELECT ciphertext FROM secrets WHERE connection_id = :id").bind("id", created.id()).mapTo(String.class).list());
        assertThat(sealed).hasSize(1).noneMatch(c -> c.contains(SECRET));
        if (dev.portier.testing.TestDatabase.postgres()) {
            assertThat(rowsContaining(SECRET)).isEmpty();
        } else {
            assertThat(databaseFiles()).isNotEmpty().allSatisfy(file ->
                    assertThat(Files.readAllBytes(file)).asString(java.nio.charset.StandardCharsets.ISO_8859_1).doesNotContain(SECRET));
        }
        assertThat(audit()).noneMatch(e -> (e.target() + e.details()).contains(SECRET));

        assertThat(connections.driverConfiguration(owner.accountId(), created.id()))
                .containsEntry("apiKey", SECRET).containsEntry("region", "eu");
    }

    @Test
    void aBlankSecretOnUpdateKeepsTheStoredValueAndANewOneReplacesIt() {
        Connection created = connections.create(owner, new ConnectionDraft("Main door", SchemaPlugin.DRIVER_ID, values(SECRET)));
        Map<String, String> changed = values("");
        changed.put("region", "us");
        Connection updated = connections.update(owner, created.id(), new ConnectionDraft("Front door", null, changed));
        assertThat(updated.name()).isEqualTo("Front door");
        assertThat(updated.settings()).containsEntry("region", "us");
        assertThat(connections.driverConfiguration(owner.accountId(), created.id())).containsEntry("apiKey", SECRET);

        connections.update(owner, created.id(), new ConnectionDraft("Front door", null, values("rotated")));
        assertThat(connections.driverConfiguration(owner.accountId(), created.id())).containsEntry("apiKey", "rotated");
        // Newest first: the rotation names the secret it set, never its value.
        assertThat(audit()).extracting(AuditEntry::action)
                .containsSubsequence(AuditAction.UPDATED, AuditAction.UPDATED, AuditAction.CREATED);
        assertThat(audit().getFirst().details()).contains("apiKey").doesNotContain("rotated");
        assertThat(audit().get(1).details()).contains("region").doesNotContain("apiKey");
    }

    @Test
    void badSettingsAndUnknownDriversAreRefusedWithTheirFieldAndNothingIsWritten() {
        Map<String, String> bad = values(SECRET);
        bad.put("pollSeconds", "often");
        assertThatThrownBy(() -> connections.create(owner, new ConnectionDraft("Door", SchemaPlugin.DRIVER_ID, bad)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.firstField()).isEqualTo("pollSeconds"));
        assertThatThrownBy(() -> connections.create(owner, new ConnectionDraft("Door", "no-such-driver", values(SECRET))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.firstField()).isEqualTo("driverId"));
        assertThat(connections.count(owner)).isZero();
        int secrets = services.get(Database.class).jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM secrets")
                .mapTo(Integer.class).one());
        assertThat(secrets).isZero();

        connections.create(owner, new ConnectionDraft("Door", SchemaPlugin.DRIVER_ID, values(SECRET)));
        assertThatThrownBy(() -> connections.create(owner, new ConnectionDraft(" Door ", SchemaPlugin.DRIVER_ID, values(SECRET))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.firstField()).isEqualTo("name"));
    }

    @Test
    void anotherAccountsConnectionIsNotFoundAndViewersOnlyRead() {
        Connection created = connections.create(owner, new ConnectionDraft("Door", SchemaPlugin.DRIVER_ID, values(SECRET)));
        SignedInUser other = services.get(AccountService.class).create(owner, "Beta", "Europe/Oslo");
        assertThatThrownBy(() -> connections.get(other, created.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> connections.update(other, created.id(), new ConnectionDraft("X", null, values(""))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> connections.delete(other, created.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> connections.driverConfiguration(other.accountId(), created.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(connections.list(other, 0, 10)).isEmpty();

        services.get(UserService.class).addMember(owner, new UserService.NewMember("vic@example.com", "Vic", Role.VIEWER,
                "viewer password 1"));
        SignInResult.SignedIn ok = (SignInResult.SignedIn) services.get(SignInService.class).signIn("vic@example.com",
                "viewer password 1");
        SignedInUser viewer = new SignedInUser(ok.user().id(), "vic@example.com", "Vic", owner.accountId());
        assertThat(connections.list(viewer, 0, 10)).extracting(Connection::name).containsExactly("Door");
        assertThatThrownBy(() -> connections.create(viewer, new ConnectionDraft("X", SchemaPlugin.DRIVER_ID, values(SECRET))))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> connections.delete(viewer, created.id())).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void deletingRemovesTheConnectionAndItsSecrets() {
        Connection created = connections.create(owner, new ConnectionDraft("Door", SchemaPlugin.DRIVER_ID, values(SECRET)));
        connections.delete(owner, created.id());
        assertThatThrownBy(() -> connections.get(owner, created.id())).isInstanceOf(NotFoundException.class);
        int secrets = services.get(Database.class).jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM secrets")
                .mapTo(Integer.class).one());
        assertThat(secrets).isZero();
        assertThat(audit()).extracting(AuditEntry::action).contains(AuditAction.DELETED);
    }

    @Test
    void aLockOfAConnectionTakesItsDriverAndKeepsTheConnectionFromBeingDeleted() {
        Connection created = connections.create(owner, new ConnectionDraft("Door", SchemaPlugin.DRIVER_ID, values(SECRET)));
        Site site = services.get(SiteService.class).create(owner, new SiteDraft("Depot", null, "Europe/Oslo"));
        LockService locks = services.get(LockService.class);
        Lock lock = locks.create(owner, new LockDraft(site.id(), "Front", LockKind.DOOR, "typed-driver", "door-1",
                LockState.ACTIVE, created.id()));
        assertThat(lock.connectionId()).isEqualTo(created.id());
        assertThat(lock.driverId()).isEqualTo(SchemaPlugin.DRIVER_ID);

        assertThatThrownBy(() -> connections.delete(owner, created.id()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("1 lock(s)");

        SignedInUser other = services.get(AccountService.class).create(owner, "Beta", "Europe/Oslo");
        Site otherSite = services.get(SiteService.class).create(other, new SiteDraft("Beta depot", null, "Europe/Oslo"));
        assertThatThrownBy(() -> locks.create(other, new LockDraft(otherSite.id(), "Sneaky", LockKind.DOOR, null, "door-2",
                LockState.ACTIVE, created.id())))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.firstField()).isEqualTo("connectionId"));

        Lock unlinked = locks.update(owner, lock.id(), new LockDraft(site.id(), "Front", LockKind.DOOR, null, null,
                LockState.ACTIVE));
        assertThat(unlinked.connectionId()).isNull();
        assertThat(unlinked.driverId()).isNull();
        connections.delete(owner, created.id());
    }

    private List<AuditEntry> audit() {
        return services.get(AuditLog.class).page(owner.accountId(), AuditFilter.NONE, 0, 100);
    }

    /** The SQLite file and its journal files: the secret must not be in any of them. */
    /** PostgreSQL's files are the server's: every row of every table of the schema, as text, instead. */
    private List<String> rowsContaining(String text) {
        return services.get(Database.class).jdbi().withHandle(h -> {
            List<String> tables = h.createQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'").mapTo(String.class).list();
            assertThat(tables).contains("connections", "secrets", "audit_entries");
            return tables.stream().filter(table -> h.createQuery("SELECT COUNT(*) FROM " + table + " t WHERE t::text LIKE :text")
                    .bind("text", "%" + text + "%").mapTo(Integer.class).one() > 0).toList();
        });
    }

    private List<Path> databaseFiles() throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().contains(".db")).toList();
        }
    }
}
