package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.identity.accounts.Role;
import dev.portier.web.api.ApiClient.Answer;
import dev.portier.identity.apitokens.ApiToken;
import dev.portier.identity.apitokens.ApiTokenService;
import dev.portier.platform.audit.AuditEntry;
import dev.portier.platform.audit.AuditFilter;
import dev.portier.platform.audit.AuditLog;
import dev.portier.platform.db.PageRequest;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may call what: no token or a bad one is 401 everywhere, a VIEWER token reads but never writes. */
class ApiAccessIT {

    @TempDir
    static Path dir;
    static RunningServer server;
    static SignedInUser admin;
    static ApiClient manager;
    static ApiClient viewer;
    static String revokedSecret;
    static String site;
    static String lock;
    static String person;
    static String card;
    static String grant;

    @BeforeAll
    static void start() {
        server = RunningServer.withAdmin(dir);
        admin = ApiFixtures.admin(server);
        manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Manager token"));
        viewer = new ApiClient(server, ApiFixtures.token(server, admin, Role.VIEWER, "Viewer token"));
        ApiTokenService tokens = server.get(ApiTokenService.class);
        var revoked = tokens.create(admin, "Revoked token", Role.MANAGER);
        tokens.revoke(admin, revoked.token().id());
        revokedSecret = revoked.secret();

        site = manager.post("/api/v1/sites", ApiCrudIT.site("Access site", "UTC")).id();
        lock = manager.post("/api/v1/locks", ApiCrudIT.lock(site, "Door")).id();
        person = manager.post("/api/v1/people", ApiCrudIT.person("Pat", "pat@example.com")).id();
        card = manager.post("/api/v1/cards", ApiCrudIT.card("GEOTAB_TAPCARD", "ABCDEFGH12")).id();
        grant = manager.post("/api/v1/grants", ApiCrudIT.grant(person, site)).id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every operation of /api/v1, with a body valid for it. */
    static Stream<Arguments> everyOperation() {
        ObjectNode siteBody = ApiCrudIT.site("Other", "UTC");
        ObjectNode lockBody = ApiCrudIT.lock(site, "Other door");
        ObjectNode personBody = ApiCrudIT.person("Other", "other@example.com");
        ObjectNode cardBody = ApiCrudIT.card("GEOTAB_TAPCARD", "BCDEFGHJ12");
        ObjectNode grantBody = ApiCrudIT.grant(person, site);
        return Stream.of(
                Arguments.of("GET", "/api/v1/sites", null), Arguments.of("POST", "/api/v1/sites", siteBody),
                Arguments.of("GET", "/api/v1/sites/" + site, null), Arguments.of("PUT", "/api/v1/sites/" + site, siteBody),
                Arguments.of("DELETE", "/api/v1/sites/" + site, null),
                Arguments.of("GET", "/api/v1/locks", null), Arguments.of("POST", "/api/v1/locks", lockBody),
                Arguments.of("GET", "/api/v1/locks/" + lock, null), Arguments.of("PUT", "/api/v1/locks/" + lock, lockBody),
                Arguments.of("DELETE", "/api/v1/locks/" + lock, null),
                Arguments.of("GET", "/api/v1/people", null), Arguments.of("POST", "/api/v1/people", personBody),
                Arguments.of("GET", "/api/v1/people/" + person, null), Arguments.of("PUT", "/api/v1/people/" + person, personBody),
                Arguments.of("DELETE", "/api/v1/people/" + person, null),
                Arguments.of("GET", "/api/v1/cards", null), Arguments.of("POST", "/api/v1/cards", cardBody),
                Arguments.of("GET", "/api/v1/cards/" + card, null), Arguments.of("PUT", "/api/v1/cards/" + card, cardBody),
                Arguments.of("DELETE", "/api/v1/cards/" + card, null),
                Arguments.of("GET", "/api/v1/grants", null), Arguments.of("POST", "/api/v1/grants", grantBody),
                Arguments.of("GET", "/api/v1/grants/" + grant, null), Arguments.of("PUT", "/api/v1/grants/" + grant, grantBody),
                Arguments.of("POST", "/api/v1/grants/" + grant + "/revoke", ApiClient.object().put("reason", "Test")),
                Arguments.of("POST", "/api/v1/access-decisions", ApiClient.object().put("personId", person).put("lockId", lock)),
                Arguments.of("GET", "/api/v1/no-such-thing", null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyOperation")
    void withoutAnActiveTokenEveryOperationIs401AndChangesNothing(String method, String path, Object body) {
        String before = ApiFixtures.storedData(server);
        for (String authorization : new String[] {null, "Basic YWRtaW46cGFzc3dvcmQ=", "Bearer", "Bearer ptr_nonsense",
                "Bearer " + revokedSecret}) {
            Answer answer = new ApiClient(server, null).send(method, path, body, "application/json", null, authorization);
            assertThat(answer.status()).as(authorization + " → " + answer).isEqualTo(401);
            assertThat(answer.error()).isNotBlank();
            assertThat(answer.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
        assertThat(ApiFixtures.storedData(server)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyOperation")
    void aViewerTokenReadsAndAsksButEveryWriteIs403AndChangesNothing(String method, String path, Object body) {
        String before = ApiFixtures.storedData(server);
        Answer answer = viewer.send(method, path, body);
        boolean reads = method.equals("GET") || path.endsWith("/access-decisions");
        if (path.endsWith("no-such-thing")) {
            assertThat(answer.status()).isEqualTo(404);
        } else if (reads) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        } else {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.error()).isEqualTo("This needs the Manager role; the API token acts as Viewer");
        }
        assertThat(ApiFixtures.storedData(server)).isEqualTo(before);
    }

    @Test
    void aTokensLastUseIsRecordedAndWhatItDoesIsAuditedInItsName() {
        ApiTokenService tokens = server.get(ApiTokenService.class);
        var created = tokens.create(admin, "Audited token", Role.MANAGER);
        assertThat(tokens.get(admin, created.token().id()).lastUsedAt()).isNull();

        ApiClient api = new ApiClient(server, created.secret());
        assertThat(api.post("/api/v1/sites", ApiCrudIT.site("Audited site", "UTC")).status()).isEqualTo(201);

        ApiToken used = tokens.get(admin, created.token().id());
        assertThat(used.lastUsedAt()).isNotNull();
        List<AuditEntry> entries = server.get(AuditLog.class).page(admin.accountId(), new AuditFilter(null, "Audited site", null, null), 0, 5);
        assertThat(entries).extracting(AuditEntry::actor).containsExactly("API token “Audited token” of " + RunningServer.ADMIN_EMAIL);
        assertThat(entries).extracting(AuditEntry::actorUserId).containsExactly(admin.userId());

        tokens.revoke(admin, created.token().id());
        assertThat(api.get("/api/v1/sites").status()).isEqualTo(401);
        assertThat(tokens.list(admin, PageRequest.first(50))).filteredOn(t -> t.name().equals("Audited token"))
                .extracting(ApiToken::stateLabel).containsExactly("Revoked");
    }
}
