package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.identity.accounts.Role;
import dev.portier.testing.RunningServer;
import dev.portier.web.api.ApiClient.Answer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18: the access decision answers from the grants as stored, so a grant revoked through the
 * API stops opening with the very next decision — no cache to expire, no wait. A person named by no
 * grant is still looked up (unknown: 404), though a decision only reads the person when no grant names them.
 */
class RevokedGrantIT {

    @TempDir
    static Path dir;
    static RunningServer server;
    static ApiClient api;
    static String site;
    static String lock;

    @BeforeAll
    static void start() {
        server = RunningServer.withAdmin(dir);
        api = new ApiClient(server, ApiFixtures.token(server, ApiFixtures.admin(server), Role.MANAGER, "Revocation tests"));
        site = api.post("/api/v1/sites", ApiCrudIT.site("Site", "Europe/Oslo")).id();
        lock = api.post("/api/v1/locks", ApiCrudIT.lock(site, "Door")).id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aGrantRevokedThroughTheApiStopsOpeningAtOnce() {
        String person = api.post("/api/v1/people", ApiCrudIT.person("Pat", "pat@example.com")).id();
        String grant = api.post("/api/v1/grants", ApiCrudIT.grant(person, site)).id();
        Answer before = api.post("/api/v1/access-decisions", ApiCrudIT.decision(person, lock, now()));
        assertThat(before.json().get("allowed").asBoolean()).as(before.toString()).isTrue();
        assertThat(before.text("grantId")).isEqualTo(grant);

        assertThat(api.post("/api/v1/grants/" + grant + "/revoke", ApiClient.object().put("reason", "Left")).status()).isEqualTo(200);

        Answer after = api.post("/api/v1/access-decisions", ApiCrudIT.decision(person, lock, now()));
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().get("allowed").asBoolean()).as(after.toString()).isFalse();
        assertThat(after.json().get("reasons").get(0).get("code").asText()).isEqualTo("REVOKED");
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Test
    void aPersonNoGrantNamesIsStillLookedUp() {
        String person = api.post("/api/v1/people", ApiCrudIT.person("Sam", "sam@example.com")).id();
        Answer none = api.post("/api/v1/access-decisions", ApiCrudIT.decision(person, lock, now()));
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().get("reasons").get(0).get("code").asText()).isEqualTo("NO_GRANT");
        Answer unknown = api.post("/api/v1/access-decisions", ApiCrudIT.decision("00000000-0000-0000-0000-000000000000", lock, now()));
        assertThat(unknown.status()).isEqualTo(404);
    }
}
