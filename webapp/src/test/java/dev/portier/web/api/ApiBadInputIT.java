package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.identity.accounts.Role;
import dev.portier.web.api.ApiClient.Answer;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input on every endpoint — missing fields, wrong types, huge strings, invalid phone numbers and
 * card serials, unknown time zones and enum values, malformed JSON, bad query parameters — is a 4xx
 * with a JSON error naming the field, and writes nothing.
 */
class ApiBadInputIT {

    private static final String HUGE = "x".repeat(100_000);

    @TempDir
    static Path dir;
    static RunningServer server;
    static ApiClient api;
    static String site;
    static String lock;
    static String person;
    static String card;
    static String grant;
    static String van;

    /** One bad request and what must come back; {@code field} null when no field is to blame. */
    record BadRequest(String label, String method, String path, Object body, int status, String field) {
        @Override
        public String toString() {
            return method + " " + path.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}") + ": " + label;
        }
    }

    @BeforeAll
    static void start() {
        server = RunningServer.withAdmin(dir);
        api = new ApiClient(server, ApiFixtures.token(server, ApiFixtures.admin(server), Role.MANAGER, "Bad input tests"));
        site = api.post("/api/v1/sites", ApiCrudIT.site("Site", "Europe/Oslo")).id();
        lock = api.post("/api/v1/locks", ApiCrudIT.lock(site, "Door")).id();
        person = api.post("/api/v1/people", ApiCrudIT.person("Pat", "pat@example.com")).id();
        api.post("/api/v1/people", ApiCrudIT.person("Sam", "sam@example.com"));
        card = api.post("/api/v1/cards", ApiCrudIT.card("GEOTAB_TAPCARD", "ABCDEFGH12")).id();
        grant = api.post("/api/v1/grants", ApiCrudIT.grant(person, site)).id();
        van = api.post("/api/v1/locks", ReservationsApiIT.vehicle(site, "Van", null, null)).id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<BadRequest> badRequests() {
        Stream.Builder<BadRequest> cases = Stream.builder();
        for (String[] target : new String[][] {{"POST", "/api/v1/sites"}, {"PUT", "/api/v1/sites/" + site}}) {
            String m = target[0];
            String p = target[1];
            cases.add(new BadRequest("missing name", m, p, ApiClient.object().put("timeZone", "UTC"), 400, "name"))
                    .add(new BadRequest("huge name", m, p, ApiCrudIT.site(HUGE, "UTC"), 400, "name"))
                    .add(new BadRequest("name too long", m, p, ApiCrudIT.site("x".repeat(101), "UTC"), 400, "name"))
                    .add(new BadRequest("name with markup", m, p, ApiCrudIT.site("<script>", "UTC"), 400, "name"))
                    .add(new BadRequest("name a number", m, p, with(ApiCrudIT.site("x", "UTC"), o -> o.put("name", 42)), 400, "name"))
                    .add(new BadRequest("name an object", m, p, with(ApiCrudIT.site("x", "UTC"), o -> o.putObject("name")), 400, "name"))
                    .add(new BadRequest("unknown time zone", m, p, ApiCrudIT.site("HQ", "Mars/Olympus"), 400, "timeZone"))
                    .add(new BadRequest("offset time zone", m, p, ApiCrudIT.site("HQ", "+02:00"), 400, "timeZone"))
                    .add(new BadRequest("missing time zone", m, p, ApiClient.object().put("name", "HQ"), 400, "timeZone"))
                    .add(new BadRequest("address too long", m, p, ApiCrudIT.site("HQ", "UTC").put("address", HUGE), 400, "address"))
                    .add(new BadRequest("unknown field", m, p, ApiCrudIT.site("HQ", "UTC").put("timezone", "UTC"), 400, "timezone"))
                    .add(new BadRequest("malformed JSON", m, p, "{\"name\": \"HQ\", ", 400, null))
                    .add(new BadRequest("trailing garbage", m, p, "{\"name\": \"HQ\", \"timeZone\": \"UTC\"} x", 400, null))
                    .add(new BadRequest("duplicate key", m, p, "{\"name\": \"HQ\", \"name\": \"B\", \"timeZone\": \"UTC\"}", 400, null))
                    .add(new BadRequest("a list, not an object", m, p, "[]", 400, null))
                    .add(new BadRequest("a string, not an object", m, p, "\"HQ\"", 400, null))
                    .add(new BadRequest("empty body", m, p, "", 400, null))
                    .add(new BadRequest("body over 1 MiB", m, p, ApiCrudIT.site("x".repeat(1_100_000), "UTC"), 413, null));
        }
        for (String[] target : new String[][] {{"POST", "/api/v1/locks"}, {"PUT", "/api/v1/locks/" + lock}}) {
            String m = target[0];
            String p = target[1];
            cases.add(new BadRequest("missing site", m, p, ApiCrudIT.lock(null, "Door").putNull("siteId"), 400, "siteId"))
                    .add(new BadRequest("unknown site", m, p, ApiCrudIT.lock("nope", "Door"), 400, "siteId"))
                    .add(new BadRequest("unknown kind", m, p, ApiCrudIT.lock(site, "Door").put("kind", "SPACESHIP"), 400, "kind"))
                    .add(new BadRequest("kind in lower case", m, p, ApiCrudIT.lock(site, "Door").put("kind", "door"), 400, "kind"))
                    .add(new BadRequest("kind a number", m, p, ApiCrudIT.lock(site, "Door").put("kind", 0), 400, "kind"))
                    .add(new BadRequest("empty state", m, p, ApiCrudIT.lock(site, "Door").put("state", ""), 400, "state"))
                    .add(new BadRequest("missing state", m, p, ApiCrudIT.lock(site, "Door").putNull("state"), 400, "state"))
                    .add(new BadRequest("bad driver id", m, p, ApiCrudIT.lock(site, "Door").put("driverId", "Bad Driver!")
                            .put("vendorReference", "X1"), 400, "driverId"))
                    .add(new BadRequest("vendor reference without driver", m, p, ApiCrudIT.lock(site, "Door")
                            .put("vendorReference", "X1"), 400, "driverId"))
                    .add(new BadRequest("huge name", m, p, ApiCrudIT.lock(site, HUGE), 400, "name"));
        }
        for (String[] target : new String[][] {{"POST", "/api/v1/people"}, {"PUT", "/api/v1/people/" + person}}) {
            String m = target[0];
            String p = target[1];
            cases.add(new BadRequest("invalid phone", m, p, ApiCrudIT.person("Pat", null).putNull("email").put("phone", "12345"), 400, "phone"))
                    .add(new BadRequest("phone with letters", m, p, ApiCrudIT.person("Pat", "p@example.com").put("phone", "+47 CALL ME"), 400,
                            "phone"))
                    .add(new BadRequest("phone too short", m, p, ApiCrudIT.person("Pat", "p@example.com").put("phone", "+47 1"), 400, "phone"))
                    .add(new BadRequest("phone a number", m, p, ApiCrudIT.person("Pat", "p@example.com").put("phone", 4712345678L), 400,
                            "phone"))
                    .add(new BadRequest("invalid email", m, p, ApiCrudIT.person("Pat", "not-an-email"), 400, "email"))
                    .add(new BadRequest("neither email nor phone", m, p, ApiClient.object().put("name", "Pat"), 400, "email"))
                    .add(new BadRequest("missing name", m, p, ApiClient.object().put("email", "p@example.com"), 400, "name"))
                    .add(new BadRequest("notes too long", m, p, ApiCrudIT.person("Pat", "p@example.com").put("notes", HUGE), 400, "notes"))
                    .add(new BadRequest("another's email", m, p, ApiCrudIT.person("Pat", m.equals("POST") ? "PAT@example.com"
                            : "SAM@example.com"), 409, "email"));
        }
        for (String[] target : new String[][] {{"POST", "/api/v1/cards"}, {"PUT", "/api/v1/cards/" + card}}) {
            String m = target[0];
            String p = target[1];
            cases.add(new BadRequest("Geotab serial with 0, 1, I or O", m, p, ApiCrudIT.card("GEOTAB_TAPCARD", "01IOABCD12"), 400, "serialNumber"))
                    .add(new BadRequest("Geotab serial too short", m, p, ApiCrudIT.card("GEOTAB_TAPCARD", "ABCDEFGH1"), 400, "serialNumber"))
                    .add(new BadRequest("NFC serial not hex", m, p, ApiCrudIT.card("GENERIC_NFC", "XYZXYZXY"), 400, "serialNumber"))
                    .add(new BadRequest("NFC serial of 5 bytes", m, p, ApiCrudIT.card("GENERIC_NFC", "0102030405"), 400, "serialNumber"))
                    .add(new BadRequest("huge serial", m, p, ApiCrudIT.card("GENERIC_NFC", HUGE), 400, "serialNumber"))
                    .add(new BadRequest("unknown card type", m, p, ApiCrudIT.card("MAGSTRIPE", "ABCDEFGH12"), 400, "cardType"))
                    .add(new BadRequest("missing card type", m, p, ApiClient.object().put("serialNumber", "ABCDEFGH12"), 400, "cardType"))
                    .add(new BadRequest("unknown state", m, p, ApiCrudIT.card("GEOTAB_TAPCARD", "BCDEFGHJ12").put("state", "STOLEN"), 400,
                            "state"))
                    .add(new BadRequest("unknown person", m, p, ApiCrudIT.card("GEOTAB_TAPCARD", "BCDEFGHJ12").put("personId", "nope"), 400,
                            "personId"))
                    .add(new BadRequest("serial a list", m, p, with(ApiCrudIT.card("GEOTAB_TAPCARD", "x"), o -> o.putArray("serialNumber")),
                            400, "serialNumber"));
        }
        for (String[] target : new String[][] {{"POST", "/api/v1/grants"}, {"PUT", "/api/v1/grants/" + grant}}) {
            String m = target[0];
            String p = target[1];
            cases.add(new BadRequest("person and card", m, p, ApiCrudIT.grant(person, site).put("cardId", card), 400, "subject"))
                    .add(new BadRequest("no subject", m, p, ApiCrudIT.grant(null, site).putNull("personId"), 400, "subject"))
                    .add(new BadRequest("lock and site", m, p, ApiCrudIT.grant(person, site).put("lockId", lock), 400, "target"))
                    .add(new BadRequest("no permissions", m, p, with(ApiCrudIT.grant(person, site), o -> o.putArray("permissions")), 400,
                            "permissions"))
                    .add(new BadRequest("unknown permission", m, p, with(ApiCrudIT.grant(person, site),
                            o -> o.putArray("permissions").add("FLY")), 400, "permissions"))
                    .add(new BadRequest("null permission", m, p, with(ApiCrudIT.grant(person, site),
                            o -> o.putArray("permissions").addNull()), 400, "permissions"))
                    .add(new BadRequest("permissions not a list", m, p, ApiCrudIT.grant(person, site).put("permissions", "UNLOCK"), 400,
                            "permissions"))
                    .add(new BadRequest("unknown delivery", m, p, ApiCrudIT.grant(person, site).put("delivery", "BY_MAIL"), 400, "delivery"))
                    .add(new BadRequest("validFrom not an instant", m, p, ApiCrudIT.grant(person, site).put("validFrom", "yesterday"), 400,
                            "validFrom"))
                    .add(new BadRequest("validFrom without zone", m, p, ApiCrudIT.grant(person, site).put("validFrom", "2026-05-01T08:00"),
                            400, "validFrom"))
                    .add(new BadRequest("validFrom as epoch number", m, p, ApiCrudIT.grant(person, site).put("validFrom", 1777622400), 400,
                            "validFrom"))
                    .add(new BadRequest("until before from", m, p, ApiCrudIT.grant(person, site).put("validFrom", "2026-05-02T00:00:00Z")
                            .put("validUntil", "2026-05-01T00:00:00Z"), 400, "validUntil"))
                    .add(new BadRequest("bad schedule", m, p, ApiCrudIT.grant(person, site).put("schedule", "XX 25:00-26:00"), 400, "schedule"))
                    .add(new BadRequest("huge schedule", m, p, ApiCrudIT.grant(person, site).put("schedule", HUGE), 400, "schedule"))
                    .add(new BadRequest("minutes as text", m, p, ApiCrudIT.grant(person, site).put("onDemandMinutes", "30"), 400,
                            "onDemandMinutes"))
                    .add(new BadRequest("minutes as fraction", m, p, ApiCrudIT.grant(person, site).put("onDemandMinutes", 1.5), 400,
                            "onDemandMinutes"))
                    .add(new BadRequest("zero minutes", m, p, ApiCrudIT.grant(person, site).put("onDemandMinutes", 0), 400, "onDemandMinutes"))
                    .add(new BadRequest("minutes beyond int", m, p, ApiCrudIT.grant(person, site).put("onDemandMinutes", 99_999_999_999L), 400,
                            "onDemandMinutes"))
                    .add(new BadRequest("unknown person", m, p, ApiCrudIT.grant("nope", site), 400, "subject"));
        }
        // Java parses instants up to year 999,999,999; stored as epoch milliseconds they overflowed into a 500.
        String farFuture = "+999999999-12-31T23:59:59Z";
        String farPast = "-999999999-01-01T00:00:00Z";
        for (String[] target : new String[][] {{"POST", "/api/v1/grants"}, {"PUT", "/api/v1/grants/" + grant}}) {
            cases.add(new BadRequest("validUntil beyond year 9999", target[0], target[1],
                            ApiCrudIT.grant(person, site).put("validUntil", farFuture), 400, "validUntil"))
                    .add(new BadRequest("validFrom before year 1", target[0], target[1],
                            ApiCrudIT.grant(person, site).put("validFrom", farPast), 400, "validFrom"))
                    .add(new BadRequest("validFrom beyond year 9999", target[0], target[1],
                            ApiCrudIT.grant(person, site).put("validFrom", "+10000-01-01T00:00:00Z"), 400, "validFrom"));
        }
        ObjectNode farBooking = ApiClient.object().put("lockId", van).put("personId", person).put("begin", "2026-05-01T08:00:00Z")
                .put("end", farFuture);
        farBooking.putArray("permissions").add("Unlock");
        cases.add(new BadRequest("end beyond year 9999", "POST", "/api/v1/reservations", farBooking, 400, "end"))
                .add(new BadRequest("begin before year 1", "POST", "/api/v1/reservations", farBooking.deepCopy()
                        .put("begin", farPast).put("end", "2026-05-01T08:00:00Z"), 400, "begin"))
                .add(new BadRequest("at beyond year 9999", "POST", "/api/v1/access-decisions",
                        ApiCrudIT.decision(person, lock, farFuture), 400, "at"))
                .add(new BadRequest("from beyond year 9999", "GET", "/api/v1/events?from=%2B999999999-12-31T23:59:59Z", null, 400, "from"))
                .add(new BadRequest("to before year 1", "GET", "/api/v1/events?to=-999999999-01-01T00:00:00Z", null, 400, "to"))
                .add(new BadRequest("reservations from beyond year 9999", "GET", "/api/v1/reservations?lockId=" + van
                        + "&from=%2B999999999-12-31T23:59:59Z", null, 400, "from"));
        String revoke = "/api/v1/grants/" + grant + "/revoke";
        cases.add(new BadRequest("missing reason", "POST", revoke, ApiClient.object(), 400, "reason"))
                .add(new BadRequest("blank reason", "POST", revoke, ApiClient.object().put("reason", "  "), 400, "reason"))
                .add(new BadRequest("huge reason", "POST", revoke, ApiClient.object().put("reason", HUGE), 400, "reason"))
                .add(new BadRequest("reason a number", "POST", revoke, ApiClient.object().put("reason", 7), 400, "reason"))
                .add(new BadRequest("no body", "POST", revoke, "", 400, null))
                .add(new BadRequest("malformed JSON", "POST", revoke, "{reason: 'x'}", 400, null));
        String decide = "/api/v1/access-decisions";
        cases.add(new BadRequest("no subject", "POST", decide, ApiClient.object().put("lockId", lock), 400, "subject"))
                .add(new BadRequest("person and card", "POST", decide, ApiClient.object().put("personId", person).put("cardId", card)
                        .put("lockId", lock), 400, "subject"))
                .add(new BadRequest("no lock", "POST", decide, ApiClient.object().put("personId", person), 400, "lockId"))
                .add(new BadRequest("unknown lock", "POST", decide, ApiClient.object().put("personId", person).put("lockId", "nope"), 404, null))
                .add(new BadRequest("at not an instant", "POST", decide, ApiCrudIT.decision(person, lock, "tomorrow"), 400, "at"))
                .add(new BadRequest("unknown permission", "POST", decide, ApiCrudIT.decision(person, lock, "2026-05-04T08:00:00Z")
                        .put("permission", "FLY"), 400, "permission"))
                .add(new BadRequest("malformed JSON", "POST", decide, "{", 400, null));
        for (String list : new String[] {"sites", "locks", "people", "cards", "grants"}) {
            String p = "/api/v1/" + list;
            cases.add(new BadRequest("limit 0", "GET", p + "?limit=0", null, 400, "limit"))
                    .add(new BadRequest("limit 1001", "GET", p + "?limit=1001", null, 400, "limit"))
                    .add(new BadRequest("limit not a number", "GET", p + "?limit=ten", null, 400, "limit"))
                    .add(new BadRequest("negative offset", "GET", p + "?offset=-1", null, 400, "offset"));
        }
        cases.add(new BadRequest("unknown kind filter", "GET", "/api/v1/locks?kind=SPACESHIP", null, 400, "kind"))
                .add(new BadRequest("unknown state filter", "GET", "/api/v1/locks?state=on", null, 400, "state"))
                .add(new BadRequest("unknown status filter", "GET", "/api/v1/grants?status=weird", null, 400, "status"));
        return cases.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedWithAJsonErrorAndWritesNothing(BadRequest bad) {
        String before = ApiFixtures.storedData(server);

        Answer answer = api.send(bad.method(), bad.path(), bad.body());

        assertThat(answer.status()).as(answer.body().length() > 300 ? answer.body().substring(0, 300) : answer.body())
                .isEqualTo(bad.status());
        assertThat(answer.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(answer.error()).as("a message for people").isNotBlank().doesNotContain("java.", "Exception", "dev.portier", "`");
        assertThat(answer.error().length()).as("huge input is not echoed").isLessThanOrEqualTo(300);
        assertThat(answer.field()).isEqualTo(bad.field());
        assertThat(ApiFixtures.storedData(server)).as("nothing written").isEqualTo(before);
    }

    private static ObjectNode with(ObjectNode node, Consumer<ObjectNode> change) {
        change.accept(node);
        return node;
    }
}
