package dev.portier.web.api;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portier.access.AccessDecisions;
import dev.portier.access.Subject;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockFilter;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.drivers.pulling.PullTiming;
import dev.portier.drivers.sandbox.SandboxService;
import dev.portier.drivers.sync.GrantSyncs;
import dev.portier.drivers.sync.SyncState;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.db.PageRequest;
import dev.portier.plugin.api.SandboxActions.SandboxOutcome;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.BundledPluginJar;
import dev.portier.testing.RunningServer;
import dev.portier.web.api.ApiClient.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #13's walk-through with the Tapkey plugin's jar loaded by PF4J and its sandbox (a simulated Tapkey over
 * real HTTP on loopback): a new user connects Tapkey in the browser and picks the owner account the check
 * offers; its bound locks are imported; a person gets a weekday schedule on one, which the grant sync mirrors
 * into a Tapkey grant with an iCalendar restriction; a simulated phone opens the lock exactly when Portier's
 * access decision says so, at every sample over a month across the DST change; the openings come back through
 * event pulling in entry-number order, named by the person; a change of the grant leaves exactly one active
 * Tapkey grant even when the answer of a create is lost; a revocation is followed until the lock has seen its
 * revocation list; a lock without iCal support makes the grant form warn before saving.
 */
class TapkeyEndToEndIT {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final PullTiming FAST = new PullTiming(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(500),
            Duration.ofSeconds(2), 20);

    static BrowserSupport browsers;
    @TempDir
    static Path dir;
    static RunningServer server;
    static SignedInUser admin;
    static ApiClient manager;
    static BrowserContext context;
    static Page page;

    @BeforeAll
    static void launch() throws Exception {
        BundledPluginJar.install(dir, "tapkey");
        server = RunningServer.withAdminAndPrivateHttp(dir, FAST);
        admin = ApiFixtures.admin(server);
        manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Manager token"));
        browsers = new BrowserSupport();
        context = browsers.browser().newContext();
        page = context.newPage();
        page.navigate(server.url("/login"));
        field(page, "Email").fill(RunningServer.ADMIN_EMAIL);
        field(page, "Password").fill(RunningServer.ADMIN_PASSWORD);
        button(page, "Log in").click();
        page.waitForURL(server.url("/"));
    }

    @AfterAll
    static void quit() {
        context.close();
        browsers.close();
        server.close();
    }

    @Test
    void aWeekdayScheduleOpensTheSimulatedLockExactlyWhenPortierSaysSoAndTheRestFollows() throws Exception {
        String connectionId = connectTapkey("Office Tapkey", "Sandbox office");

        eventually("the bound locks are imported", () -> lockNamed("Front door") != null && lockNamed("Bike shed") != null);
        Lock frontDoor = lockNamed("Front door");
        server.get(SiteService.class).update(admin, frontDoor.siteId(), new SiteDraft("Office Tapkey", null, OSLO.getId()));
        page.navigate(server.url("/locks/" + frontDoor.id()));
        assertThat(page.locator(".vendor-facts")).containsText("Time restrictions: Supported");

        String personId = manager.post("/api/v1/people", ApiCrudIT.person("Ada Lovelace", "ada@example.com")).id();
        Answer granted = manager.post("/api/v1/grants", ApiCrudIT.grant(personId, null).put("lockId", frontDoor.id())
                .put("schedule", "mo-fr 8:00-17:00"));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
        String grantId = granted.id();
        eventually("the grant reaches Tapkey", () -> applied(grantId));
        assertThat(run(connectionId, "show-grants", Map.of("lock", frontDoor.id()))).anySatisfy(line ->
                assertThat(line).contains("RRULE"));

        // The phone opens exactly when Portier decides it may: a month across the change to summer time (28 March 2027).
        AccessDecisions decisions = server.get(AccessDecisions.class);
        int opened = 0;
        for (LocalDate day = LocalDate.of(2027, 3, 15); day.isBefore(LocalDate.of(2027, 4, 15)); day = day.plusDays(1)) {
            for (LocalTime time : List.of(LocalTime.of(2, 30), LocalTime.of(7, 59), LocalTime.of(8, 0), LocalTime.of(12, 0),
                    LocalTime.of(16, 59), LocalTime.of(17, 0), LocalTime.of(22, 0))) {
                LocalDateTime local = LocalDateTime.of(day, time);
                boolean portier = decisions.explain(admin, new Subject.Person(personId), frontDoor.id(), Permission.UNLOCK,
                        local.atZone(OSLO).toInstant()).allowed();
                List<String> attempt = run(connectionId, "phone-unlock", Map.of("lock", frontDoor.id(), "email", "ada@example.com",
                        "at", local.toString()));
                boolean tapkey = attempt.stream().anyMatch(line -> line.startsWith("Opened"));
                assertThat(tapkey).as("%s at %s: %s", local, OSLO, attempt).isEqualTo(portier);
                opened += tapkey ? 1 : 0;
            }
        }
        assertThat(opened).as("23 weekdays × 08:00, 12:00, 16:59").isEqualTo(23 * 3);

        // The openings come back through event pulling, by entry number, named by the person.
        run(connectionId, "upload-log", Map.of("lock", frontDoor.id()));
        int expected = opened;
        eventually("the openings are pulled", () -> unlockEvents(frontDoor.id()).size() == expected);
        List<JsonNode> events = unlockEvents(frontDoor.id());
        assertThat(events).allSatisfy(e -> assertThat(e.get("details").get("person").asText()).isEqualTo("Ada Lovelace"));
        TreeMap<Long, JsonNode> byEntry = new TreeMap<>();
        events.forEach(e -> byEntry.put(e.get("entryNumber").asLong(), e));
        assertThat(byEntry).hasSize(expected);
        page.navigate(server.url("/locks/" + frontDoor.id() + "/timeline"));
        assertThat(page.getByText("Unlocked", new com.microsoft.playwright.Page.GetByTextOptions().setExact(true)).first()).isVisible();

        // A change is revoke + recreate; a lost answer of the create does not make a second grant.
        Answer changed = manager.put("/api/v1/grants/" + grantId, ApiCrudIT.grant(personId, null).put("lockId", frontDoor.id())
                .put("schedule", "mo-fr 9:00-17:00"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        eventually("the change reaches Tapkey", () -> applied(grantId) && activeGrants(connectionId, frontDoor.id()) == 1);
        run(connectionId, "drop-next-create", Map.of());
        manager.put("/api/v1/grants/" + grantId, ApiCrudIT.grant(personId, null).put("lockId", frontDoor.id())
                .put("schedule", "mo-fr 10:00-17:00"));
        eventually("the second change reaches Tapkey", () -> applied(grantId) && activeGrants(connectionId, frontDoor.id()) == 1);
        assertThat(run(connectionId, "show-grants", Map.of("lock", frontDoor.id()))).anySatisfy(line ->
                assertThat(line).contains("T100000"));

        // Revocation: followed until the lock has seen the list that carries it.
        Answer revoked = manager.post("/api/v1/grants/" + grantId + "/revoke", ApiClient.object().put("reason", "Left"));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        eventually("Tapkey revoked it", () -> revocations().stream().anyMatch(r -> r.stage().equals("REVOKED_AT_VENDOR")));
        page.navigate(server.url("/revocation-exposure"));
        assertThat(page.locator("vaadin-grid.vendor-revocations")).containsText("the lock has not seen it yet");
        assertThat(page.locator("vaadin-grid.vendor-revocations")).containsText("Ada Lovelace");
        run(connectionId, "sync-revocation-list", Map.of("lock", frontDoor.id()));
        eventually("the lock has the revocation list", () -> revocations().isEmpty());

        // A lock that cannot take time restrictions: the grant form warns before saving, and nothing is saved on "back".
        Lock bikeShed = lockNamed("Bike shed");
        String shedGrant = manager.post("/api/v1/grants", ApiCrudIT.grant(personId, null).put("lockId", bikeShed.id())
                .put("schedule", "mo-fr 8:00-17:00")).id();
        page.navigate(server.url("/grants/" + shedGrant));
        button(page, "Save").click();
        Locator warning = page.locator(".save-warnings");
        assertThat(warning).containsText("Bike shed");
        assertThat(warning).containsText("It will enforce: no time restriction");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Back to the form")).click();
        assertThat(warning).isHidden();
    }

    /** Adds a Tapkey sandbox connection in the browser: the check offers the owner accounts, the user picks one. */
    private static String connectTapkey(String name, String ownerAccount) {
        page.navigate(server.url("/connections/new"));
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.locator("vaadin-select").first().click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText("Tapkey")).first().click();
        field(page, "Name").fill(name);
        button(page, "Check settings").click();
        Locator owner = dialog.locator("vaadin-select", new Locator.LocatorOptions().setHasText("Owner account"));
        owner.locator("vaadin-select-value-button").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(ownerAccount).setExact(true)).click();
        button(page, "Check settings").click();
        assertThat(page.getByText("The driver accepts these settings.")).isVisible();
        button(page, "Save").click();
        assertThat(page.getByText("Connection " + name + " was added")).isVisible();
        return server.get(ConnectionService.class).list(admin, 0, 50).stream().filter(c -> c.name().equals(name))
                .map(Connection::id).findFirst().orElseThrow();
    }

    private static Lock lockNamed(String name) {
        return server.get(LockService.class).list(admin, LockFilter.NONE, new PageRequest(0, 100)).stream()
                .filter(l -> l.name().equals(name)).findFirst().orElse(null);
    }

    private static boolean applied(String grantId) {
        var syncs = server.get(GrantSyncs.class).ofGrant(admin, grantId);
        return !syncs.isEmpty() && syncs.stream().allMatch(s -> s.state() == SyncState.APPLIED);
    }

    private static List<GrantSyncs.RevocationUnderWay> revocations() {
        return server.get(GrantSyncs.class).revocationsUnderWay(admin, 10);
    }

    /** How many of the lock's grants the simulated Tapkey holds as active ("Show the lock's Tapkey grants"). */
    private static long activeGrants(String connectionId, String lockId) {
        return run(connectionId, "show-grants", Map.of("lock", lockId)).stream().filter(line -> line.contains("(active)")).count();
    }

    private static List<JsonNode> unlockEvents(String lockId) {
        List<JsonNode> found = new ArrayList<>();
        manager.get("/api/v1/locks/" + lockId + "/events?limit=500").json().get("items").forEach(event -> {
            if (event.get("type").asText().equals("UNLOCKED")) {
                found.add(event);
            }
        });
        return found;
    }

    private static List<String> run(String connectionId, String action, Map<String, String> inputs) {
        SandboxOutcome outcome = server.get(SandboxService.class).run(admin, connectionId, action, inputs);
        assertThat(outcome.succeeded()).as(action + ": " + String.join("\n", outcome.transcript())).isTrue();
        return outcome.transcript();
    }

    private static void eventually(String what, BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (done.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Not within 60 s: " + what);
    }
}
