package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.identity.accounts.Role;
import dev.portier.web.api.ApiClient.Answer;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips of every resource over real HTTP, with a MANAGER token of account "Portier". */
class ApiCrudIT {

    @TempDir
    static Path dir;
    static RunningServer server;
    static ApiClient api;

    @BeforeAll
    static void start() {
        server = RunningServer.withAdmin(dir);
        SignedInUser admin = ApiFixtures.admin(server);
        api = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "CRUD tests"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void sitesAreCreatedReadChangedListedAndDeleted() {
        Answer created = api.post("/api/v1/sites", site("Harbour Offices", "Europe/Oslo").put("address", "Strandkaien 2"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.id();
        assertThat(created.raw().headers().firstValue("Location")).hasValue(server.url("/api/v1/sites/" + id));
        assertThat(created.text("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

        Answer read = api.get("/api/v1/sites/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(created.json());

        ObjectNode changed = (ObjectNode) read.json().deepCopy();
        changed.put("name", "Harbour Offices West").put("timeZone", "Europe/Vienna");
        Answer updated = api.put("/api/v1/sites/" + id, changed);
        assertThat(updated.status()).as("a response, changed, is a valid request").isEqualTo(200);
        assertThat(updated.text("name")).isEqualTo("Harbour Offices West");
        assertThat(updated.text("timeZone")).isEqualTo("Europe/Vienna");
        assertThat(updated.text("address")).isEqualTo("Strandkaien 2");
        assertThat(ids(api.get("/api/v1/sites?search=harbour%20offices%20w"))).containsExactly(id);

        assertThat(api.delete("/api/v1/sites/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/sites/" + id).status()).isEqualTo(404);
    }

    @Test
    void locksAreCreatedReadChangedFilteredAndDeleted() {
        String site = api.post("/api/v1/sites", site("Lock depot", "UTC")).id();
        Answer created = api.post("/api/v1/locks", lock(site, "Gate 1").put("driverId", "geotab").put("vendorReference", "G9AB12"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("siteName")).isEqualTo("Lock depot");
        assertThat(created.text("kind")).isEqualTo("GATE");
        String id = created.id();

        ObjectNode changed = (ObjectNode) api.get("/api/v1/locks/" + id).json().deepCopy();
        changed.put("state", "DECOMMISSIONED");
        assertThat(api.put("/api/v1/locks/" + id, changed).text("state")).isEqualTo("DECOMMISSIONED");

        assertThat(ids(api.get("/api/v1/locks?siteId=" + site + "&state=DECOMMISSIONED&kind=GATE"))).containsExactly(id);
        assertThat(ids(api.get("/api/v1/locks?siteId=" + site + "&state=ACTIVE"))).isEmpty();
        assertThat(api.get("/api/v1/locks?siteId=" + site + "&kind=").json().get("total").asInt()).as("empty filter").isEqualTo(1);

        Answer conflict = api.post("/api/v1/locks", lock(site, "Gate 2").put("driverId", "geotab").put("vendorReference", "G9AB12"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.field()).isEqualTo("vendorReference");
        assertThat(api.delete("/api/v1/sites/" + site).status()).as("a site with locks").isEqualTo(409);

        assertThat(api.delete("/api/v1/locks/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/locks/" + id).status()).isEqualTo(404);
    }

    @Test
    void peopleAreCreatedWithNormalisedContactsChangedAndDeleted() {
        Answer created = api.post("/api/v1/people", person("Ada Lovelace", "Ada@Example.com").put("phone", "+47 123 45 678"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("email")).isEqualTo("ada@example.com");
        assertThat(created.text("phone")).isEqualTo("+4712345678");
        String id = created.id();

        ObjectNode changed = (ObjectNode) created.json().deepCopy();
        changed.put("notes", "Night shift").putNull("email");
        Answer updated = api.put("/api/v1/people/" + id, changed);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.text("notes")).isEqualTo("Night shift");
        assertThat(updated.text("email")).isNull();

        api.post("/api/v1/people", person("Ada Twin", "twin@example.com"));
        Answer duplicate = api.put("/api/v1/people/" + id, person("Ada Lovelace", "TWIN@example.com"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.field()).isEqualTo("email");

        assertThat(api.delete("/api/v1/people/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/people/" + id).status()).isEqualTo(404);
    }

    @Test
    void cardsAreCreatedAssignedChangedAndDeleted() {
        String person = api.post("/api/v1/people", person("Card Holder", "holder@example.com")).id();
        Answer created = api.post("/api/v1/cards", card("GENERIC_NFC", "04:a2:2b:91:c3:5d:80").put("personId", person));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("serialNumber")).isEqualTo("04A22B91C35D80");
        assertThat(created.text("personName")).isEqualTo("Card Holder");
        assertThat(created.text("state")).isEqualTo("ACTIVE");
        String id = created.id();

        ObjectNode changed = (ObjectNode) created.json().deepCopy();
        changed.put("state", "LOST").put("label", "Blue fob");
        Answer updated = api.put("/api/v1/cards/" + id, changed);
        assertThat(updated.text("state")).isEqualTo("LOST");
        assertThat(updated.text("label")).isEqualTo("Blue fob");
        assertThat(ids(api.get("/api/v1/cards?search=blue%20fob"))).containsExactly(id);

        Answer duplicate = api.post("/api/v1/cards", card("GENERIC_NFC", "04A22B91C35D80"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.field()).isEqualTo("serialNumber");

        assertThat(api.delete("/api/v1/cards/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/cards/" + id).status()).isEqualTo(404);
    }

    @Test
    void grantsAreCreatedChangedRevokedButNeverDeleted() {
        String site = api.post("/api/v1/sites", site("Grant site", "Europe/Oslo")).id();
        String person = api.post("/api/v1/people", person("Grant Holder", "grant.holder@example.com")).id();
        Answer created = api.post("/api/v1/grants", grant(person, site)
                .put("validFrom", "2026-05-01T10:00:00+02:00").put("schedule", "mo-fr 7:00-12:00"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("validFrom")).isEqualTo("2026-05-01T08:00:00Z");
        assertThat(created.text("schedule")).isEqualTo("MO,TU,WE,TH,FR 07:00-12:00");
        assertThat(created.text("siteName")).isEqualTo("Grant site");
        assertThat(created.json().get("onDemandMinutes").asInt()).isEqualTo(30);
        assertThat(created.text("createdBy")).isEqualTo(RunningServer.ADMIN_EMAIL);
        String id = created.id();

        ObjectNode changed = (ObjectNode) created.json().deepCopy();
        changed.putArray("permissions").add("UNLOCK").add("LOCK");
        changed.put("delivery", "ON_DEMAND").put("onDemandMinutes", 15);
        Answer updated = api.put("/api/v1/grants/" + id, changed);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("permissions")).hasSize(2);
        assertThat(updated.text("delivery")).isEqualTo("ON_DEMAND");
        assertThat(ids(api.get("/api/v1/grants?personId=" + person + "&status=ACTIVE"))).containsExactly(id);

        Answer revoked = api.post("/api/v1/grants/" + id + "/revoke", ApiClient.object().put("reason", "Left the company"));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.text("state")).isEqualTo("REVOKED");
        assertThat(revoked.text("status")).isEqualTo("REVOKED");
        assertThat(revoked.text("revokeReason")).isEqualTo("Left the company");
        assertThat(ids(api.get("/api/v1/grants?personId=" + person + "&status=REVOKED"))).containsExactly(id);
        assertThat(api.put("/api/v1/grants/" + id, changed).status()).as("a revoked grant stays as it was").isEqualTo(409);

        Answer delete = api.delete("/api/v1/grants/" + id);
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.error()).contains("GET");
        assertThat(api.get("/api/v1/grants/" + id).text("state")).isEqualTo("REVOKED");
    }

    @Test
    void listsComeInPagesWithTheirTotal() {
        for (int i = 1; i <= 5; i++) {
            assertThat(api.post("/api/v1/people", person("Pager " + i, "pager" + i + "@example.com")).status()).isEqualTo(201);
        }
        Answer first = api.get("/api/v1/people?search=pager&limit=2");
        assertThat(first.json().get("total").asInt()).isEqualTo(5);
        assertThat(first.json().get("offset").asInt()).isZero();
        assertThat(first.json().get("limit").asInt()).isEqualTo(2);
        assertThat(names(first)).containsExactly("Pager 1", "Pager 2");
        assertThat(names(api.get("/api/v1/people?search=pager&limit=2&offset=2"))).containsExactly("Pager 3", "Pager 4");
        assertThat(names(api.get("/api/v1/people?search=pager&limit=2&offset=4"))).containsExactly("Pager 5");
        assertThat(names(api.get("/api/v1/people?search=pager&offset=10"))).isEmpty();
        Answer defaults = api.get("/api/v1/people?search=pager");
        assertThat(defaults.json().get("limit").asInt()).isEqualTo(50);
        assertThat(names(defaults)).hasSize(5);
        assertThat(api.get("/api/v1/people?limit=1000").status()).isEqualTo(200);
    }

    @Test
    void theAccessDecisionAllowsInsideTheScheduleWindowAndExplainsADenialOutside() {
        String site = api.post("/api/v1/sites", site("Decision site", "Europe/Oslo")).id();
        String lock = api.post("/api/v1/locks", lock(site, "Front door")).id();
        String person = api.post("/api/v1/people", person("Dora Decided", "dora@example.com")).id();
        String card = api.post("/api/v1/cards", card("GEOTAB_TAPCARD", "23456789AB").put("personId", person)).id();
        String grant = api.post("/api/v1/grants", grant(person, null).put("lockId", lock).put("schedule", "MO-FR 07:00-12:00")).id();

        // Monday 4 May 2026; Oslo is at UTC+2.
        Answer inside = api.post("/api/v1/access-decisions", decision(person, lock, "2026-05-04T08:00:00+02:00"));
        assertThat(inside.status()).isEqualTo(200);
        assertThat(inside.json().get("allowed").asBoolean()).isTrue();
        assertThat(inside.text("grantId")).isEqualTo(grant);
        assertThat(inside.text("openUntil")).isEqualTo("2026-05-04T10:00:00Z");
        assertThat(inside.text("permission")).isEqualTo("UNLOCK");
        assertThat(inside.text("timeZone")).isEqualTo("Europe/Oslo");
        assertThat(inside.json().get("reasons")).isEmpty();
        assertThat(inside.text("summary")).startsWith("Allowed");

        Answer outside = api.post("/api/v1/access-decisions", decision(person, lock, "2026-05-04T12:30:00+02:00"));
        assertThat(outside.json().get("allowed").asBoolean()).isFalse();
        assertThat(outside.text("grantId")).isNull();
        assertThat(outside.json().get("reasons").get(0).get("code").asText()).isEqualTo("OUTSIDE_SCHEDULE");
        assertThat(outside.json().get("reasons").get(0).get("description").asText()).isEqualTo("Outside the grant's schedule");
        JsonNode considered = outside.json().get("considered").get(0);
        assertThat(considered.get("grantId").asText()).isEqualTo(grant);
        assertThat(considered.get("allows").asBoolean()).isFalse();
        assertThat(considered.get("reason").asText()).isEqualTo("OUTSIDE_SCHEDULE");
        assertThat(outside.text("summary")).isEqualTo("Denied: Outside the grant's schedule");

        ObjectNode byCard = decision(null, lock, "2026-05-04T09:00:00+02:00").put("cardId", card);
        assertThat(api.post("/api/v1/access-decisions", byCard).json().get("allowed").asBoolean())
                .as("the card is covered by its person's grant").isTrue();
        ObjectNode ignition = decision(person, lock, "2026-05-04T09:00:00+02:00").put("permission", "IGNITION");
        assertThat(api.post("/api/v1/access-decisions", ignition).json().get("reasons").get(0).get("code").asText())
                .isEqualTo("MISSING_PERMISSION");
        Answer now = api.post("/api/v1/access-decisions", ApiClient.object().put("personId", person).put("lockId", lock));
        assertThat(now.status()).isEqualTo(200);
        assertThat(now.text("at")).as("now when absent").isNotNull();
    }

    @Test
    void addressesMethodsAndMediaTypesTheApiDoesNotServeAnswerInJson() {
        Answer unknown = api.get("/api/v1/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isNotBlank();
        assertThat(unknown.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(api.get("/api/elsewhere").status()).isEqualTo(404);
        assertThat(api.get("/api/elsewhere").error()).isNotBlank();
        assertThat(api.send("PATCH", "/api/v1/sites", "{}").status()).isEqualTo(405);
        assertThat(api.send("PATCH", "/api/v1/sites", "{}").error()).contains("POST");

        Answer refusedByJetty = api.get("/api/v1/sites/..%2f..%2fhealth");
        assertThat(refusedByJetty.status()).isEqualTo(400);
        assertThat(refusedByJetty.error()).as(refusedByJetty.body()).isNotBlank();
        Answer hugeHeader = api.withToken("ptr_" + "a".repeat(20_000)).get("/api/v1/sites");
        assertThat(hugeHeader.status()).isEqualTo(431);
        assertThat(hugeHeader.error()).as(hugeHeader.body()).isNotBlank();

        Answer plainText = api.send("POST", "/api/v1/sites", "name=HQ", "text/plain", "application/json");
        assertThat(plainText.status()).isEqualTo(415);
        assertThat(plainText.error()).contains("application/json");
        Answer html = api.send("GET", "/api/v1/sites", null, null, "text/html");
        assertThat(html.status()).isEqualTo(406);
        assertThat(html.json().get("error").asText()).contains("application/json");
    }

    @Test
    void theOpenApiDocumentListsEveryPathWithItsMethodsAndTheBearerScheme() {
        Answer doc = api.withToken(null).get("/api/openapi.json");
        assertThat(doc.status()).as("no token needed").isEqualTo(200);
        JsonNode paths = doc.json().get("paths");
        assertThat(methods(paths, "/api/v1/sites")).containsExactlyInAnyOrder("get", "post");
        assertThat(methods(paths, "/api/v1/sites/{id}")).containsExactlyInAnyOrder("get", "put", "delete");
        assertThat(methods(paths, "/api/v1/locks")).containsExactlyInAnyOrder("get", "post");
        assertThat(methods(paths, "/api/v1/locks/{id}")).containsExactlyInAnyOrder("get", "put", "delete");
        assertThat(methods(paths, "/api/v1/people")).containsExactlyInAnyOrder("get", "post");
        assertThat(methods(paths, "/api/v1/people/{id}")).containsExactlyInAnyOrder("get", "put", "delete");
        assertThat(methods(paths, "/api/v1/cards")).containsExactlyInAnyOrder("get", "post");
        assertThat(methods(paths, "/api/v1/cards/{id}")).containsExactlyInAnyOrder("get", "put", "delete");
        assertThat(methods(paths, "/api/v1/cards/{id}/keys")).containsExactly("get");
        assertThat(methods(paths, "/api/v1/grants")).containsExactlyInAnyOrder("get", "post");
        assertThat(methods(paths, "/api/v1/grants/{id}")).containsExactlyInAnyOrder("get", "put");
        assertThat(methods(paths, "/api/v1/grants/{id}/revoke")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/grants/{id}/schedule.ics")).containsExactly("get");
        assertThat(methods(paths, "/api/v1/access-decisions")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/locks/{lockId}/events")).containsExactly("get");
        assertThat(methods(paths, "/api/v1/events")).containsExactly("get");
        assertThat(methods(paths, "/api/v1/reservations")).containsExactlyInAnyOrder("get", "post");
        assertThat(methods(paths, "/api/v1/reservations/capacity")).containsExactly("get");
        assertThat(methods(paths, "/api/v1/reservations/{id}")).containsExactlyInAnyOrder("get", "put");
        assertThat(methods(paths, "/api/v1/reservations/{id}/cancel")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/locks/{lockId}/commands")).containsExactlyInAnyOrder("get", "post");
        assertThat(methods(paths, "/api/v1/trust/device-enrolment-codes")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/trust/devices/{id}/block")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/trust/lock-enrolments")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/trust/revocation-exposure")).containsExactly("get");
        assertThat(methods(paths, "/api/v1/mobile/devices")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/mobile/keys")).containsExactly("get");
        assertThat(methods(paths, "/api/v1/mobile/locks/{lockId}/events")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/mobile/on-demand-keys")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/mobile/material")).containsExactly("get");
        assertThat(methods(paths, "/api/v1/mobile/locks/{lockId}/enrolment/inputs")).containsExactly("get");
        assertThat(methods(paths, "/api/v1/mobile/locks/{lockId}/enrolment")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/locks/{lockId}/enrolment/inputs")).containsExactly("get");
        assertThat(methods(paths, "/api/v1/locks/{lockId}/enrolment")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/connections")).containsExactlyInAnyOrder("get", "post");
        assertThat(methods(paths, "/api/v1/connections/{id}")).containsExactly("get");
        assertThat(methods(paths, "/api/v1/connections/{id}/test")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/webhooks")).containsExactlyInAnyOrder("get", "post");
        assertThat(methods(paths, "/api/v1/webhooks/{id}")).containsExactlyInAnyOrder("get", "put", "delete");
        assertThat(methods(paths, "/api/v1/webhooks/{id}/rotate-secret")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/webhooks/{id}/deliveries")).containsExactly("get");
        assertThat(methods(paths, "/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/webhooks/{id}/test")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/holiday-calendars")).containsExactlyInAnyOrder("get", "post");
        assertThat(methods(paths, "/api/v1/holiday-calendars/{id}")).containsExactlyInAnyOrder("get", "put", "delete");
        assertThat(methods(paths, "/api/v1/holiday-calendars/{id}/holidays")).containsExactlyInAnyOrder("get", "post");
        assertThat(methods(paths, "/api/v1/holiday-calendars/{id}/holidays/{holidayId}")).containsExactly("delete");
        assertThat(methods(paths, "/api/v1/holiday-calendars/{id}/holidays/import")).containsExactly("post");
        for (String groups : new String[] {"/api/v1/people-groups", "/api/v1/lock-groups"}) {
            assertThat(methods(paths, groups)).containsExactlyInAnyOrder("get", "post");
            assertThat(methods(paths, groups + "/{id}")).containsExactlyInAnyOrder("get", "put", "delete");
            assertThat(methods(paths, groups + "/{id}/members")).containsExactlyInAnyOrder("get", "post", "delete");
        }
        assertThat(methods(paths, "/api/v1/group-grants")).containsExactly("get");
        assertThat(methods(paths, "/api/v1/what-if/grants")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/what-if/grants/{id}")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/what-if/grants/{id}/revoke")).containsExactly("post");
        for (String groups : new String[] {"/api/v1/what-if/people-groups", "/api/v1/what-if/lock-groups"}) {
            assertThat(methods(paths, groups + "/{id}/members")).containsExactly("post");
            assertThat(methods(paths, groups + "/{id}/members/remove")).containsExactly("post");
        }
        assertThat(methods(paths, "/api/v1/bulk-changes")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/bulk-changes/preview")).containsExactly("post");
        assertThat(methods(paths, "/api/v1/bulk-changes/{id}")).containsExactly("get");
        assertThat(paths.size()).as("the API's paths and the plugin endpoints' pattern").isEqualTo(71);

        JsonNode bearer = doc.json().get("components").get("securitySchemes").get("bearer");
        assertThat(bearer.get("type").asText()).isEqualTo("http");
        assertThat(bearer.get("scheme").asText()).isEqualTo("bearer");
        assertThat(doc.json().get("security").get(0).has("bearer")).isTrue();
        JsonNode listLocks = paths.get("/api/v1/locks").get("get");
        assertThat(listLocks.get("parameters").findValuesAsText("name")).contains("search", "siteId", "kind", "state", "offset", "limit");
        assertThat(listLocks.get("responses").get("default").toString()).contains("#/components/responses/OtherError");
        assertThat(doc.json().get("components").get("responses").get("OtherError").toString()).contains("#/components/schemas/Error");
    }

    private static List<String> methods(JsonNode paths, String path) {
        assertThat(paths.has(path)).as(path).isTrue();
        List<String> methods = new ArrayList<>();
        paths.get(path).fieldNames().forEachRemaining(methods::add);
        return methods;
    }

    static List<String> ids(Answer list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().get("items").findValuesAsText("id");
    }

    private static List<String> names(Answer list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        list.json().get("items").forEach(item -> names.add(item.get("name").asText()));
        return names;
    }

    static ObjectNode site(String name, String timeZone) {
        return ApiClient.object().put("name", name).put("timeZone", timeZone);
    }

    static ObjectNode lock(String siteId, String name) {
        return ApiClient.object().put("siteId", siteId).put("name", name).put("kind", name.startsWith("Gate") ? "GATE" : "DOOR")
                .put("state", "ACTIVE");
    }

    static ObjectNode person(String name, String email) {
        return ApiClient.object().put("name", name).put("email", email);
    }

    static ObjectNode card(String type, String serial) {
        return ApiClient.object().put("cardType", type).put("serialNumber", serial);
    }

    /** A grant for a person on a whole site (siteId may be replaced by a lockId). */
    static ObjectNode grant(String personId, String siteId) {
        ObjectNode grant = ApiClient.object().put("personId", personId).put("delivery", "PRE_ISSUED");
        if (siteId != null) {
            grant.put("siteId", siteId);
        }
        grant.putArray("permissions").add("UNLOCK");
        return grant;
    }

    static ObjectNode decision(String personId, String lockId, String at) {
        ObjectNode decision = ApiClient.object().put("lockId", lockId).put("at", at);
        if (personId != null) {
            decision.put("personId", personId);
        }
        return decision;
    }
}
