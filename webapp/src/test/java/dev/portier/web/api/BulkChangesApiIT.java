package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditFilter;
import dev.portier.platform.audit.AuditLog;
import dev.portier.platform.db.Database;
import dev.portier.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/bulk-changes} and {@code /api/v1/what-if} over HTTP: previews, 202s, 404s, 400s and a replayed key. */
class BulkChangesApiIT {

    @TempDir
    static Path dir;
    static RunningServer server;
    static SignedInUser admin;
    static String token;
    static ApiClient alpha;
    static ApiClient beta;
    static String site;
    static String lock;
    static List<String> people = new ArrayList<>();
    static String betasPerson;

    @BeforeAll
    static void start() {
        server = RunningServer.withAdmin(dir);
        admin = ApiFixtures.admin(server);
        SignedInUser inBeta = server.get(AccountService.class).create(admin, "Beta", "UTC");
        token = ApiFixtures.token(server, admin, Role.MANAGER, "Alpha token");
        alpha = new ApiClient(server, token);
        beta = new ApiClient(server, ApiFixtures.token(server, inBeta, Role.MANAGER, "Beta token"));
        site = alpha.post("/api/v1/sites", ApiCrudIT.site("HQ", "Europe/Oslo")).id();
        lock = alpha.post("/api/v1/locks", ApiCrudIT.lock(site, "Front door")).id();
        alpha.post("/api/v1/locks", ApiCrudIT.lock(site, "Back door"));
        for (String name : List.of("Ada", "Ben", "Cy")) {
            people.add(alpha.post("/api/v1/people", ApiCrudIT.person(name, name.toLowerCase() + "@example.com")).id());
        }
        betasPerson = beta.post("/api/v1/people", ApiCrudIT.person("Bea", "bea@example.com")).id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ObjectNode grantSite(List<String> who) {
        ObjectNode body = ApiClient.object().put("action", "GRANT").put("siteId", site).put("delivery", "PRE_ISSUED");
        who.forEach(body.putArray("people")::add);
        body.putArray("permissions").add("UNLOCK");
        return body;
    }

    private static int rows(String table) {
        return server.get(Database.class).jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table)
                .mapTo(Integer.class).one());
    }

    @Test
    void previewThenApplyWithAReplayedKeyMakesOneChangeWithOneAuditEntry() throws Exception {
        int grantsBefore = rows("grants");
        long bulkEntriesBefore = server.get(AuditLog.class).count(admin.accountId(),
                new AuditFilter(AuditAction.BULK_CHANGE, null, null, null));
        ApiClient.Answer preview = alpha.post("/api/v1/bulk-changes/preview", grantSite(people));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().get("gained")).hasSize(6);
        assertThat(preview.json().get("keysIssued").asInt()).isEqualTo(6);
        assertThat(preview.json().get("locksGaining").asInt()).isEqualTo(2);
        assertThat(rows("grants")).as("a preview saves nothing").isEqualTo(grantsBefore);

        String body = ApiClient.JSON.writeValueAsString(grantSite(people));
        HttpResponse<String> first = ApiConventionsIT.sendTo(server, "POST", "/api/v1/bulk-changes", token, body,
                Map.of("Idempotency-Key", "bulk-1"));
        HttpResponse<String> again = ApiConventionsIT.sendTo(server, "POST", "/api/v1/bulk-changes", token, body,
                Map.of("Idempotency-Key", "bulk-1"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        JsonNode run = ApiClient.JSON.readTree(first.body());
        assertThat(run.get("state").asText()).isEqualTo("DONE");
        assertThat(run.get("grantsChanged").asInt()).isEqualTo(3);
        assertThat(first.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/bulk-changes/"
                + run.get("id").asText()));
        assertThat(rows("grants")).isEqualTo(grantsBefore + 3);
        assertThat(server.get(AuditLog.class).count(admin.accountId(), new AuditFilter(AuditAction.BULK_CHANGE, null, null, null)))
                .isEqualTo(bulkEntriesBefore + 1);

        ApiClient.Answer fetched = alpha.get("/api/v1/bulk-changes/" + run.get("id").asText());
        assertThat(fetched.json().get("items")).hasSize(3);
        assertThat(beta.get("/api/v1/bulk-changes/" + run.get("id").asText()).status()).isEqualTo(404);

        // Revoking them all: the what-if of one grant, then the bulk revoke's preview loses every pair.
        String oneGrant = alpha.get("/api/v1/grants?personId=" + people.getFirst()).json().get("items").get(0).get("id").asText();
        ApiClient.Answer whatIf = alpha.post("/api/v1/what-if/grants/" + oneGrant + "/revoke",
                ApiClient.object().put("reason", "Moved out"));
        assertThat(whatIf.status()).as(whatIf.body()).isEqualTo(200);
        assertThat(whatIf.json().get("lost")).hasSize(2);
        assertThat(whatIf.json().get("keysWithdrawn").asInt()).isEqualTo(2);
        ObjectNode revoke = ApiClient.object().put("action", "REVOKE").put("reason", "Moved out");
        people.forEach(revoke.putArray("people")::add);
        assertThat(alpha.post("/api/v1/bulk-changes/preview", revoke).json().get("lost")).hasSize(6);
        assertThat(alpha.get("/api/v1/grants/" + oneGrant).text("state")).as("the what-ifs revoked nothing").isEqualTo("ACTIVE");
    }

    @Test
    void whatIfOfCreatingAGrantShowsTheGainAndSavesNothing() {
        int grants = rows("grants");
        int audit = rows("audit_entries");
        ObjectNode grant = ApiCrudIT.grant(people.get(1), null).put("lockId", lock);
        ApiClient.Answer whatIf = alpha.post("/api/v1/what-if/grants", grant);
        assertThat(whatIf.status()).as(whatIf.body()).isEqualTo(200);
        assertThat(rows("grants")).isEqualTo(grants);
        assertThat(rows("audit_entries")).isEqualTo(audit);
        assertThat(beta.post("/api/v1/what-if/grants/" + "no-such-grant", grant).status()).isEqualTo(404);
        assertThat(alpha.post("/api/v1/what-if/grants", ApiCrudIT.grant(people.get(1), null)).status())
                .as("no lock or site").isEqualTo(400);
    }

    @Test
    void whatIfOfAMembershipChangeShowsTheGroupGrantsPairs() {
        dev.portier.domain.groups.GroupService groups = server.get(dev.portier.domain.groups.GroupService.class);
        String group = groups.create(admin, dev.portier.domain.groups.GroupKind.PEOPLE, "Cleaning staff").id();
        server.get(dev.portier.domain.grants.GroupGrantService.class).create(admin, new dev.portier.domain.grants.GroupGrantDraft(
                "Cleaning", null, null, group, null, site, null, null, null, null,
                java.util.EnumSet.of(dev.portier.domain.grants.Permission.UNLOCK), dev.portier.domain.grants.Delivery.ON_DEMAND, null));
        int grants = rows("grants");
        ObjectNode ids = ApiClient.object();
        ids.putArray("ids").add(people.get(2));

        ApiClient.Answer joining = alpha.post("/api/v1/what-if/people-groups/" + group + "/members", ids);
        assertThat(joining.status()).as(joining.body()).isEqualTo(200);
        assertThat(joining.json().get("gained")).hasSize(2);
        assertThat(joining.json().get("keysIssued").asInt()).as("on-demand grants issue no keys ahead").isZero();
        assertThat(rows("grants")).isEqualTo(grants);
        assertThat(groups.members(admin, dev.portier.domain.groups.GroupKind.PEOPLE, group)).isEmpty();
        assertThat(beta.post("/api/v1/what-if/people-groups/" + group + "/members", ids).status()).isEqualTo(404);
    }

    @Test
    void badInputIs404Or400AndChangesNothing() {
        int grants = rows("grants");
        int changes = rows("bulk_changes");
        ApiClient.Answer empty = alpha.post("/api/v1/bulk-changes", grantSite(List.of()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.field()).isEqualTo("people");
        assertThat(alpha.post("/api/v1/bulk-changes", grantSite(List.of(people.getFirst(), betasPerson))).status())
                .as("another account's person").isEqualTo(404);
        assertThat(alpha.post("/api/v1/bulk-changes/preview", grantSite(List.of("no-such-person"))).status()).isEqualTo(404);
        assertThat(alpha.post("/api/v1/bulk-changes", grantSite(people).put("siteId", "no-such-site")).status()).isEqualTo(404);
        assertThat(alpha.post("/api/v1/bulk-changes", grantSite(people).put("action", "EXPLODE")).status()).isEqualTo(400);
        assertThat(beta.post("/api/v1/bulk-changes", grantSite(List.of(betasPerson))).status())
                .as("Beta's person on Alpha's site").isEqualTo(404);
        assertThat(rows("grants")).isEqualTo(grants);
        assertThat(rows("bulk_changes")).isEqualTo(changes);
    }

    @Test
    void aLargeChangeAnswersRunningAndIsFollowedToDone() throws Exception {
        List<String> many = new ArrayList<>();
        PersonService personService = server.get(PersonService.class);
        for (int i = 0; i < 60; i++) {
            many.add(personService.create(admin, new PersonDraft("Many " + i, "many" + i + "@example.com", null, null)).id());
        }
        ObjectNode body = grantSite(many).put("delivery", "ON_DEMAND");
        ApiClient.Answer started = alpha.post("/api/v1/bulk-changes", body);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.text("state")).isEqualTo("RUNNING");
        String location = started.raw().headers().firstValue("Location").orElseThrow();
        String path = location.substring(location.indexOf("/api/"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        ApiClient.Answer run = started;
        while ("RUNNING".equals(run.text("state")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            run = alpha.get(path);
        }
        assertThat(run.text("state")).as(run.body()).isEqualTo("DONE");
        assertThat(run.json().get("done").asInt()).isEqualTo(60);
        assertThat(run.json().get("grantsChanged").asInt()).isEqualTo(60);
    }
}
