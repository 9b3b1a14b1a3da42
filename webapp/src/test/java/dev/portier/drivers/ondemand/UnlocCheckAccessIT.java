package dev.portier.drivers.ondemand;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portier.identity.accounts.AccountService;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.plugin.api.ConnectionState;
import dev.portier.plugin.api.SandboxActions;
import dev.portier.plugin.api.SandboxActions.SandboxOutcome;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.identity.security.SignInResult;
import dev.portier.identity.security.SignInService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.testing.RunningServer;
import dev.portier.testing.UnlocPlugin;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unloc asks Portier's check-access endpoint over real HTTP, with the Unloc plugin's jar installed
 * in a real server: two accounts, each with its own Unloc connection and key. The site is in UTC and
 * schedules are built around the current minute, so the expected key ends are exact instants.
 */
class UnlocCheckAccessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_A = "alpha-unloc-key-0123456789";
    private static final String KEY_B = "beta-unloc-key-0123456789";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    @TempDir
    static Path dir;
    static RunningServer server;
    static SignedInUser alpha;
    static SignedInUser beta;
    static String siteA;
    static String lockA;
    static String lockB;
    static String connectionA;
    static String connectionB;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        UnlocPlugin.install(dir);
        server = RunningServer.withAdmin(dir);
        SignInResult.SignedIn ok = (SignInResult.SignedIn) server.get(SignInService.class)
                .signIn(RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);
        alpha = new SignedInUser(ok.user().id(), ok.user().email(), ok.user().displayName(), ok.accounts().getFirst().accountId());
        beta = server.get(AccountService.class).create(alpha, "Beta", "UTC");

        connectionA = connection(alpha, KEY_A);
        connectionB = connection(beta, KEY_B);
        siteA = server.get(SiteService.class).create(alpha, new SiteDraft("Harbour", "", "UTC")).id();
        String siteB = server.get(SiteService.class).create(beta, new SiteDraft("Beta site", "", "UTC")).id();
        lockA = lock(alpha, siteA, "Front door", "unloc-front", connectionA);
        lock(alpha, siteA, "Side door", "unloc-side", connectionA);
        // The same Unloc lock id in the other account, on its own connection.
        lockB = lock(beta, siteB, "Beta door", "unloc-front", connectionB);
        lock(beta, siteB, "Beta only", "unloc-beta-only", connectionB);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String connection(SignedInUser who, String key) {
        String id = server.get(ConnectionService.class).create(who, new ConnectionDraft("Unloc", UnlocPlugin.DRIVER_ID,
                Map.of("apiHeader", "X-Api-Key", "apiKey", key, "mode", "sandbox"))).id();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (server.get(ConnectionRuntime.class).status(id).state() != ConnectionState.ONLINE) {
            assertThat(System.nanoTime()).as("the Unloc connection comes online: %s",
                    server.get(ConnectionRuntime.class).status(id)).isLessThan(deadline);
            Thread.onSpinWait();
        }
        return id;
    }

    private static String lock(SignedInUser who, String site, String name, String reference, String connection) {
        return server.get(LockService.class).create(who, new LockDraft(site, name, LockKind.DOOR, UnlocPlugin.DRIVER_ID,
                reference, LockState.ACTIVE, connection)).id();
    }

    private static String person(SignedInUser who, String name, String phone) {
        return server.get(PersonService.class).create(who, new PersonDraft(name, null, phone, "")).id();
    }

    private static String grant(SignedInUser who, String person, String lock, Instant validUntil, String schedule, int minutes) {
        return server.get(GrantService.class).create(who, new GrantDraft(person, null, lock, null, null, validUntil, schedule,
                Set.of(Permission.UNLOCK), Delivery.ON_DEMAND, minutes)).id();
    }

    /** A schedule with one window from {@code from} to {@code to} after now (UTC, whole minutes). */
    private static String window(Duration from, Duration to) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime start = now.plus(from);
        LocalDateTime end = now.plus(to);
        String day = start.getDayOfWeek().name().substring(0, 2);
        return day + " " + HH_MM.format(start) + "-" + HH_MM.format(end);
    }

    private static Instant windowEnd(Duration to) {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plus(to).toInstant(ZoneOffset.UTC);
    }

    @Test
    void grantedInsideTheWindowWithTheGrantsOnDemandDuration() throws Exception {
        person(alpha, "Ada", "+47 400 00 001");
        grant(alpha, personId("+4740000001"), lockA, null, window(Duration.ofHours(-1), Duration.ofHours(2)), 45);

        HttpResponse<String> response = checkAccess("unloc-front", "+4740000001", KEY_A);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                "{\"lockId\":\"unloc-front\",\"appUserId\":\"+4740000001\",\"hasAccess\":true,\"keyData\":{\"duration\":2700}}"));
    }

    @Test
    void theKeyIsCutAtTheWindowsEnd() throws Exception {
        person(alpha, "Bea", "+4740000002");
        grant(alpha, personId("+4740000002"), lockA, null, window(Duration.ofHours(-1), Duration.ofMinutes(11)), 30);
        JsonNode answer = JSON.readTree(checkAccess("unloc-front", "+4740000002", KEY_A).body());
        assertThat(answer.get("hasAccess").asBoolean()).isTrue();
        assertThat(answer.get("keyData").has("duration")).isFalse();
        assertThat(Instant.parse(answer.get("keyData").get("end").asText())).isEqualTo(windowEnd(Duration.ofMinutes(11)));
    }

    @Test
    void theKeyIsCutAtTheGrantsEnd() throws Exception {
        person(alpha, "Cid", "+4740000003");
        Instant validUntil = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(7));
        grant(alpha, personId("+4740000003"), lockA, validUntil, null, 60);
        JsonNode answer = JSON.readTree(checkAccess("unloc-front", "+4740000003", KEY_A).body());
        assertThat(answer.get("hasAccess").asBoolean()).isTrue();
        assertThat(Instant.parse(answer.get("keyData").get("end").asText())).isEqualTo(validUntil);
    }

    @Test
    void deniedOutsideTheScheduleAndAfterRevocation() throws Exception {
        person(alpha, "Dee", "+4740000004");
        String dee = personId("+4740000004");
        grant(alpha, dee, lockA, null, window(Duration.ofHours(2), Duration.ofHours(3)), 30);
        assertDenied(checkAccess("unloc-front", "+4740000004", KEY_A), "unloc-front", "+4740000004");

        person(alpha, "Eve", "+4740000005");
        String granted = grant(alpha, personId("+4740000005"), lockA, null, null, 30);
        assertThat(JSON.readTree(checkAccess("unloc-front", "+4740000005", KEY_A).body()).get("hasAccess").asBoolean()).isTrue();
        server.get(GrantService.class).revoke(alpha, granted, "Left the company");
        assertDenied(checkAccess("unloc-front", "+4740000005", KEY_A), "unloc-front", "+4740000005");
    }

    /** Issue #15 item 7: before, a grant of pre-issued keys also answered Unloc's on-demand question. */
    @Test
    void aGrantOfPreIssuedKeysDoesNotAlsoAnswerOnDemand() throws Exception {
        person(alpha, "Pre", "+4740000012");
        String preIssued = server.get(GrantService.class).create(alpha, new GrantDraft(personId("+4740000012"), null, lockA, null,
                null, null, null, Set.of(Permission.UNLOCK), Delivery.PRE_ISSUED, null)).id();
        assertDenied(checkAccess("unloc-front", "+4740000012", KEY_A), "unloc-front", "+4740000012");
        String reasons = server.get(dev.portier.platform.db.Database.class).jdbi().withHandle(h -> h.createQuery(
                        "SELECT details FROM lock_events WHERE type = 'UNLOC_CHECK_ACCESS' AND details LIKE '%+4740000012%' "
                                + "ORDER BY received_at DESC LIMIT 1").mapTo(String.class).one());
        assertThat(reasons).contains("NO_ON_DEMAND_GRANT");

        grant(alpha, personId("+4740000012"), lockA, null, null, 10);
        JsonNode onDemand = JSON.readTree(checkAccess("unloc-front", "+4740000012", KEY_A).body());
        assertThat(onDemand.get("hasAccess").asBoolean()).as("an on-demand grant beside it answers").isTrue();
        assertThat(onDemand.get("keyData").get("duration").asInt()).isEqualTo(600);
        assertThat(preIssued).isNotBlank();
    }

    @Test
    void anUnknownLockOrPersonIsAPlainDenial() throws Exception {
        person(alpha, "Fay", "+4740000006");
        grant(alpha, personId("+4740000006"), lockA, null, null, 30);
        assertDenied(checkAccess("no-such-lock", "+4740000006", KEY_A), "no-such-lock", "+4740000006");
        assertDenied(checkAccess("unloc-front", "+4749999999", KEY_A), "unloc-front", "+4749999999");
    }

    @Test
    void aWrongOrMissingKeyIs401() throws Exception {
        assertError(checkAccess("unloc-front", "+4740000001", "wrong-key-0123456789"), 401, "Missing or wrong API key");
        assertError(send(url(connectionA) + "?lockId=unloc-front&appUserId=%2B4740000001", "X-Other", KEY_A), 401,
                "Missing or wrong API key");
        assertError(send(url(connectionB) + "?lockId=unloc-front&appUserId=%2B4740000001", "X-Api-Key", KEY_A), 401,
                "Missing or wrong API key");
    }

    @Test
    void theHostResolvesTheConnectionAndAnUnknownOneIs404() throws Exception {
        assertError(send("/api/plugins/unloc/connections/no-such-connection/check-access?lockId=unloc-front&appUserId=%2B4740000001",
                "X-Api-Key", KEY_A), 404, "No running connection no-such-connection of plugin unloc");
        assertThat(send("/api/plugins/example/connections/" + connectionA + "/check-access?lockId=unloc-front", "X-Api-Key", KEY_A)
                .statusCode()).as("a connection of another plugin").isEqualTo(404);
    }

    @Test
    void theOldSharedUrlStillWorksForOneReleaseRoutedByTheKey() throws Exception {
        person(alpha, "Old", "+4740000011");
        grant(alpha, personId("+4740000011"), lockA, null, null, 30);
        JsonNode answer = JSON.readTree(send("/api/plugins/unloc/check-access?lockId=unloc-front&appUserId=%2B4740000011",
                "X-Api-Key", KEY_A).body());
        assertThat(answer.get("hasAccess").asBoolean()).isTrue();
        HttpResponse<String> nobody = send("/api/plugins/unloc/check-access?lockId=unloc-front&appUserId=%2B4740000011",
                "X-Api-Key", "wrong-key-0123456789");
        assertThat(nobody.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(nobody.body()).get("error").asText()).startsWith("No connection of unloc accepts this request");
    }

    @Test
    void aMalformedPhoneIs400() throws Exception {
        assertError(checkAccess("unloc-front", "4740000001", KEY_A), 400,
                "appUserId must be a phone number in E.164 format, like +4712345678");
        assertError(checkAccess("unloc-front", "+47 abc", KEY_A), 400,
                "appUserId must be a phone number in E.164 format, like +4712345678");
        assertError(send(url(connectionA) + "?lockId=unloc-front", "X-Api-Key", KEY_A), 400, "appUserId is required");
    }

    @Test
    void aPhoneInAnotherNotationStillMatches() throws Exception {
        person(alpha, "Gus", "+47 400 00 007");
        grant(alpha, personId("+4740000007"), lockA, null, null, 20);
        for (String raw : new String[] {"+4740000007", "0047 400 00 007", "+47-400-00-007"}) {
            JsonNode answer = JSON.readTree(checkAccess("unloc-front", raw, KEY_A).body());
            assertThat(answer.get("appUserId").asText()).as(raw).isEqualTo("+4740000007");
            assertThat(answer.get("hasAccess").asBoolean()).as(raw).isTrue();
        }
        // Unloc's own example: the + sent unencoded (query decoding makes it a space).
        JsonNode unencoded = JSON.readTree(send(url(connectionA) + "?lockId=unloc-front&appUserId=+4740000007",
                "X-Api-Key", KEY_A).body());
        assertThat(unencoded.get("hasAccess").asBoolean()).isTrue();
    }

    @Test
    void twoAccountsConnectionsNeverSeeEachOthersLocks() throws Exception {
        person(beta, "Hal", "+4740000008");
        String hal = server.get(PersonService.class).findByPhone(beta.accountId(), "+4740000008").orElseThrow().id();
        grant(beta, hal, lockB, null, null, 15);

        assertThat(JSON.readTree(checkAccess("unloc-front", "+4740000008", KEY_B).body()).get("keyData").get("duration").asInt())
                .isEqualTo(900);
        assertDenied(checkAccess("unloc-front", "+4740000008", KEY_A), "unloc-front", "+4740000008");
        assertDenied(checkAccess("unloc-beta-only", "+4740000008", KEY_A), "unloc-beta-only", "+4740000008");
    }

    @Test
    void theSandboxSimulatorScansAStickerThroughPortiersHttpEndpoint() throws Exception {
        person(alpha, "Ivy", "+4740000009");
        grant(alpha, personId("+4740000009"), lockA, null, null, 25);
        DriverCallResult<SandboxOutcome> result = server.get(ConnectionRuntime.class).callCapability(connectionA,
                SandboxActions.class, "scan a sticker", sandbox -> sandbox.run(new SandboxActions.SandboxRun("scan-sticker",
                        Map.of("lock", lockA, "phone", "+4740000009"), URI.create(server.url("")))));
        assertThat(result).isInstanceOfSatisfying(DriverCallResult.Succeeded.class, ok -> {
            SandboxOutcome outcome = (SandboxOutcome) ok.value();
            assertThat(outcome.succeeded()).isTrue();
            assertThat(outcome.transcript()).anySatisfy(line -> assertThat(line).contains("GET " + server.url(
                    url(connectionA) + "?lockId=unloc-front&appUserId=+4740000009")))
                    .anySatisfy(line -> assertThat(line).contains("\"hasAccess\":true,\"keyData\":{\"duration\":1500}"))
                    .anySatisfy(line -> assertThat(line).contains("creates a temporary key").contains("1500 s"));
        });
    }

    /** The question reaches the connection's event sink and lands on the lock's timeline, with who asked and the verdict. */
    @Test
    void everyQuestionAboutAKnownLockIsRecordedAsAnEventOnThatLock() throws Exception {
        String since = String.valueOf(System.currentTimeMillis() - 1);
        checkAccess("unloc-front", "+4740000010", KEY_A);
        checkAccess("unloc-side", "+4740000010", KEY_A);
        checkAccess("no-such-lock", "+4740000010", KEY_A);

        java.util.List<java.util.Map<String, Object>> recorded = server.get(dev.portier.platform.db.Database.class).jdbi().withHandle(h ->
                h.createQuery("SELECT e.lock_id, e.connection_id, e.details FROM lock_events e WHERE e.type = 'UNLOC_CHECK_ACCESS' "
                                + "AND e.received_at >= :since AND e.details LIKE '%+4740000010%'")
                        .bind("since", Long.parseLong(since)).mapToMap().list());
        assertThat(recorded).hasSize(2);
        assertThat(recorded).anySatisfy(row -> {
            assertThat(row.get("lock_id")).isEqualTo(lockA);
            assertThat(row.get("connection_id")).isEqualTo(connectionA);
        });
    }

    private static String personId(String phone) {
        return server.get(PersonService.class).findByPhone(alpha.accountId(), phone).orElseThrow().id();
    }

    private static void assertDenied(HttpResponse<String> response, String lockId, String appUserId) throws IOException {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.createObjectNode().put("lockId", lockId)
                .put("appUserId", appUserId).put("hasAccess", false));
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo(message);
    }

    /** Asks the connection whose key this is (or connection A, for a wrong key) at its own URL. */
    private HttpResponse<String> checkAccess(String lockId, String phone, String key) throws IOException, InterruptedException {
        String connection = KEY_B.equals(key) ? connectionB : connectionA;
        return send(url(connection) + "?lockId=" + encode(lockId) + "&appUserId=" + encode(phone), "X-Api-Key", key);
    }

    private static String url(String connectionId) {
        return "/api/plugins/unloc/connections/" + connectionId + "/check-access";
    }

    private HttpResponse<String> send(String path, String header, String key) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).header(header, key).timeout(Duration.ofSeconds(20))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
