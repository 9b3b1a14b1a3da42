package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.db.Database;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * People groups, lock groups and group grants over the REST API: CRUD and members, a group grant created at
 * {@code /api/v1/grants} with its member grants, the decision naming the group, another account's ids 404 and
 * bad input 4xx with nothing changed.
 */
class GroupsApiIT {

    private static final List<String> TABLES = List.of("people_groups", "people_group_members", "lock_groups", "lock_group_members",
            "group_grants", "grants");

    @TempDir
    static Path dir;
    static RunningServer server;
    static ApiClient alpha;
    static ApiClient beta;
    static String site;
    static String front;
    static String back;
    static String pia;
    static String ola;

    @BeforeAll
    static void start() {
        server = RunningServer.withAdmin(dir);
        SignedInUser admin = ApiFixtures.admin(server);
        SignedInUser inBeta = server.get(AccountService.class).create(admin, "Beta", "UTC");
        alpha = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Alpha token"));
        beta = new ApiClient(server, ApiFixtures.token(server, inBeta, Role.MANAGER, "Beta token"));
        site = alpha.post("/api/v1/sites", ApiCrudIT.site("HQ", "Europe/Oslo")).id();
        front = alpha.post("/api/v1/locks", ApiCrudIT.lock(site, "Front door")).id();
        back = alpha.post("/api/v1/locks", ApiCrudIT.lock(site, "Back door")).id();
        pia = alpha.post("/api/v1/people", ApiCrudIT.person("Pia", "pia@example.com")).id();
        ola = alpha.post("/api/v1/people", ApiCrudIT.person("Ola", "ola@example.com")).id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void groupsMembersAndAGroupGrantWithItsMemberGrants() {
        ApiClient.Answer created = alpha.post("/api/v1/people-groups", ApiClient.object().put("name", "Cleaning staff"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(created.id()));
        String cleaning = created.id();
        String doors = alpha.post("/api/v1/lock-groups", ApiClient.object().put("name", "Common doors")).id();
        ApiClient.Answer added = alpha.post("/api/v1/lock-groups/" + doors + "/members", members(front, back));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.json().findValuesAsText("name")).containsExactly("Front door", "Back door");
        alpha.post("/api/v1/people-groups/" + cleaning + "/members", members(pia));

        ObjectNode body = ApiCrudIT.grant(null, null).put("name", "Cleaning weekdays").put("peopleGroupId", cleaning)
                .put("lockGroupId", doors).put("schedule", "MO-FR 06:00-20:00");
        body.remove("personId");
        ApiClient.Answer grant = alpha.post("/api/v1/grants", body);
        assertThat(grant.status()).as(grant.toString()).isEqualTo(201);
        assertThat(grant.text("name")).isEqualTo("Cleaning weekdays");
        assertThat(grant.text("peopleGroupName")).isEqualTo("Cleaning staff");
        assertThat(grant.text("lockGroupName")).isEqualTo("Common doors");
        assertThat(grant.json().get("memberGrants").asInt()).isEqualTo(2);
        String groupGrant = grant.id();

        alpha.post("/api/v1/people-groups/" + cleaning + "/members", members(ola));
        assertThat(alpha.get("/api/v1/grants/" + groupGrant).json().get("memberGrants").asInt()).isEqualTo(4);
        JsonNode memberList = alpha.get("/api/v1/grants?groupGrantId=" + groupGrant).json();
        assertThat(memberList.get("total").asInt()).isEqualTo(4);
        assertThat(memberList.get("items").findValuesAsText("groupGrantId")).containsOnly(groupGrant);
        assertThat(alpha.get("/api/v1/grants?direct=true&personId=" + ola).json().get("total").asInt()).isZero();
        assertThat(alpha.get("/api/v1/group-grants").json().findValuesAsText("id")).contains(groupGrant);
        assertThat(alpha.get("/api/v1/people-groups").json().findValuesAsText("memberCount")).contains("2");

        String member = memberList.get("items").get(0).get("id").asText();
        assertThat(alpha.post("/api/v1/grants/" + member + "/revoke", ApiClient.object().put("reason", "No")).status()).isEqualTo(409);
        ObjectNode plain = ApiCrudIT.grant(pia, null).put("lockId", front);
        assertThat(alpha.put("/api/v1/grants/" + member, plain).status()).isEqualTo(409);

        String monday = Instant.parse("2026-03-02T09:00:00Z").toString();
        JsonNode allowed = alpha.post("/api/v1/access-decisions", ApiCrudIT.decision(ola, back, monday)).json();
        assertThat(allowed.get("allowed").asBoolean()).isTrue();
        assertThat(allowed.get("summary").asText()).startsWith("Allowed by grant 'Cleaning weekdays' via group Cleaning staff");
        assertThat(allowed.get("considered").get(0).get("via").asText()).contains("via group Cleaning staff");

        ApiClient.Answer removed = alpha.delete("/api/v1/people-groups/" + cleaning + "/members?id=" + ola);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.json().findValuesAsText("id")).containsExactly(pia);
        JsonNode denied = alpha.post("/api/v1/access-decisions", ApiCrudIT.decision(ola, back, Instant.now().toString())).json();
        assertThat(denied.get("allowed").asBoolean()).isFalse();
        assertThat(denied.get("reasons").findValuesAsText("code")).containsExactly("REVOKED");

        assertThat(alpha.delete("/api/v1/people-groups/" + cleaning).status()).as("a grant names it").isEqualTo(409);
        ApiClient.Answer revoked = alpha.post("/api/v1/grants/" + groupGrant + "/revoke", ApiClient.object().put("reason", "Ended"));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.text("state")).isEqualTo("REVOKED");
        assertThat(revoked.json().get("memberGrants").asInt()).isZero();

        String empty = alpha.post("/api/v1/lock-groups", ApiClient.object().put("name", "Garage")).id();
        assertThat(alpha.put("/api/v1/lock-groups/" + empty, ApiClient.object().put("name", "Garages")).text("name")).isEqualTo("Garages");
        assertThat(alpha.delete("/api/v1/lock-groups/" + empty).status()).isEqualTo(204);
        assertThat(alpha.get("/api/v1/lock-groups/" + empty).status()).isEqualTo(404);
    }

    @Test
    void anotherAccountsGroupIdsAre404AndItsPeopleAndLocksAreRefused() {
        String group = alpha.post("/api/v1/people-groups", ApiClient.object().put("name", "Alpha only")).id();
        String locks = alpha.post("/api/v1/lock-groups", ApiClient.object().put("name", "Alpha doors")).id();
        String before = stored();
        for (ApiClient.Answer answer : List.of(beta.get("/api/v1/people-groups/" + group),
                beta.put("/api/v1/people-groups/" + group, ApiClient.object().put("name", "Taken")),
                beta.delete("/api/v1/people-groups/" + group), beta.get("/api/v1/people-groups/" + group + "/members"),
                beta.post("/api/v1/people-groups/" + group + "/members", members(pia)),
                beta.delete("/api/v1/people-groups/" + group + "/members?id=" + pia),
                beta.get("/api/v1/lock-groups/" + locks), beta.post("/api/v1/lock-groups/" + locks + "/members", members(front)),
                beta.get("/api/v1/people-groups/" + locks))) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
        }
        String betaGroup = beta.post("/api/v1/people-groups", ApiClient.object().put("name", "Beta staff")).id();
        String mid = stored();
        ApiClient.Answer foreignPerson = beta.post("/api/v1/people-groups/" + betaGroup + "/members", members(pia));
        assertThat(foreignPerson.status()).isEqualTo(400);
        assertThat(foreignPerson.field()).isEqualTo("members");
        ObjectNode steal = ApiCrudIT.grant(null, null).put("name", "Steal").put("peopleGroupId", betaGroup).put("lockGroupId", locks);
        steal.remove("personId");
        assertThat(beta.post("/api/v1/grants", steal).status()).isEqualTo(400);
        assertThat(stored()).isEqualTo(mid);
        assertThat(before).isNotEqualTo(mid);
    }

    @Test
    void badInputAnswers4xxAndChangesNothing() {
        String group = alpha.post("/api/v1/people-groups", ApiClient.object().put("name", "Tenants")).id();
        String before = stored();
        List<ApiClient.Answer> answers = new ArrayList<>();
        answers.add(alpha.post("/api/v1/people-groups", ApiClient.object().put("name", " ")));
        answers.add(alpha.post("/api/v1/people-groups", ApiClient.object().put("name", "x".repeat(101))));
        answers.add(alpha.post("/api/v1/people-groups/" + group + "/members", members(pia, "no-such-person")));
        answers.add(alpha.post("/api/v1/people-groups/" + group + "/members", members()));
        answers.add(alpha.post("/api/v1/people-groups/" + group + "/members", members(front)));
        ObjectNode noName = ApiCrudIT.grant(null, null).put("peopleGroupId", group).put("lockId", front);
        noName.remove("personId");
        answers.add(alpha.post("/api/v1/grants", noName));
        ObjectNode twoSubjects = ApiCrudIT.grant(pia, null).put("name", "Two").put("peopleGroupId", group).put("lockId", front);
        answers.add(alpha.post("/api/v1/grants", twoSubjects));
        for (ApiClient.Answer answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        }
        ApiClient.Answer duplicate = alpha.post("/api/v1/people-groups", ApiClient.object().put("name", "TENANTS"));
        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
        assertThat(stored()).isEqualTo(before);
    }

    private static ObjectNode members(String... ids) {
        ObjectNode body = ApiClient.object();
        var array = body.putArray("ids");
        for (String id : ids) {
            array.add(id);
        }
        return body;
    }

    private static String stored() {
        return server.get(Database.class).jdbi().withHandle(h -> TABLES.stream()
                .map(table -> table + h.createQuery("SELECT * FROM " + table).mapToMap().list().stream().map(Object::toString).sorted()
                        .toList())
                .collect(Collectors.joining("\n")));
    }
}
