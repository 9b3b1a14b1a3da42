package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.web.api.ApiClient.Answer;
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

/**
 * Two accounts on one server, each with its own token and data: one account's ids are 404 for the
 * other on every endpoint, its references are refused, and its rows never appear in the other's lists.
 */
class ApiIsolationIT {

    @TempDir
    static Path dir;
    static RunningServer server;
    static ApiClient alpha;
    static ApiClient beta;
    static Data a;
    static Data b;

    /** One account's rows, all named after the account. */
    record Data(String site, String lock, String person, String card, String grant) {
        List<String> all() {
            return List.of(site, lock, person, card, grant);
        }
    }

    @BeforeAll
    static void start() {
        server = RunningServer.withAdmin(dir);
        SignedInUser admin = ApiFixtures.admin(server);
        SignedInUser inBeta = server.get(AccountService.class).create(admin, "Beta", "UTC");
        alpha = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Alpha token"));
        beta = new ApiClient(server, ApiFixtures.token(server, inBeta, Role.MANAGER, "Beta token"));
        a = populate(alpha, "Alpha", "ABCDEFGH12");
        b = populate(beta, "Beta", "ABCDEFGH12");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Data populate(ApiClient api, String name, String serial) {
        String site = api.post("/api/v1/sites", ApiCrudIT.site(name + " site", "UTC")).id();
        String lock = api.post("/api/v1/locks", ApiCrudIT.lock(site, name + " door")).id();
        String person = api.post("/api/v1/people", ApiCrudIT.person(name + " person", "same@example.com")).id();
        String card = api.post("/api/v1/cards", ApiCrudIT.card("GEOTAB_TAPCARD", serial).put("personId", person)).id();
        String grant = api.post("/api/v1/grants", ApiCrudIT.grant(person, null).put("lockId", lock)).id();
        return new Data(site, lock, person, card, grant);
    }

    /** Alpha's token on Beta's ids: every operation by id, with bodies that would be valid in Alpha. */
    static Stream<Arguments> foreignIds() {
        ObjectNode grantBody = ApiCrudIT.grant(a.person(), null).put("lockId", a.lock());
        return Stream.of(
                Arguments.of("GET", "/api/v1/sites/" + b.site(), null),
                Arguments.of("PUT", "/api/v1/sites/" + b.site(), ApiCrudIT.site("Taken", "UTC")),
                Arguments.of("DELETE", "/api/v1/sites/" + b.site(), null),
                Arguments.of("GET", "/api/v1/locks/" + b.lock(), null),
                Arguments.of("PUT", "/api/v1/locks/" + b.lock(), ApiCrudIT.lock(a.site(), "Taken")),
                Arguments.of("DELETE", "/api/v1/locks/" + b.lock(), null),
                Arguments.of("GET", "/api/v1/people/" + b.person(), null),
                Arguments.of("PUT", "/api/v1/people/" + b.person(), ApiCrudIT.person("Taken", "taken@example.com")),
                Arguments.of("DELETE", "/api/v1/people/" + b.person(), null),
                Arguments.of("GET", "/api/v1/cards/" + b.card(), null),
                Arguments.of("PUT", "/api/v1/cards/" + b.card(), ApiCrudIT.card("GEOTAB_TAPCARD", "ZZZZZZZZ99")),
                Arguments.of("DELETE", "/api/v1/cards/" + b.card(), null),
                Arguments.of("GET", "/api/v1/grants/" + b.grant(), null),
                Arguments.of("PUT", "/api/v1/grants/" + b.grant(), grantBody),
                Arguments.of("POST", "/api/v1/grants/" + b.grant() + "/revoke", ApiClient.object().put("reason", "Taken")),
                Arguments.of("POST", "/api/v1/access-decisions", ApiClient.object().put("personId", b.person()).put("lockId", b.lock())),
                Arguments.of("POST", "/api/v1/access-decisions", ApiClient.object().put("personId", a.person()).put("lockId", b.lock())),
                Arguments.of("POST", "/api/v1/access-decisions", ApiClient.object().put("personId", b.person()).put("lockId", a.lock())),
                Arguments.of("POST", "/api/v1/access-decisions", ApiClient.object().put("cardId", b.card()).put("lockId", a.lock())));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("foreignIds")
    void anotherAccountsIdsAreNotFoundAndNothingOfItChanges(String method, String path, Object body) {
        String before = ApiFixtures.storedData(server);
        Answer answer = alpha.send(method, path, body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
        assertThat(answer.error()).startsWith("No such");
        assertThat(answer.body()).doesNotContain("Beta");
        assertThat(ApiFixtures.storedData(server)).isEqualTo(before);
    }

    /** Alpha's token creating rows that point at Beta's: refused like any unknown reference. */
    static Stream<Arguments> foreignReferences() {
        return Stream.of(
                Arguments.of("/api/v1/locks", ApiCrudIT.lock(b.site(), "Sneaky door"), "siteId"),
                Arguments.of("/api/v1/cards", ApiCrudIT.card("GEOTAB_TAPCARD", "HJKLMNPQ12").put("personId", b.person()), "personId"),
                Arguments.of("/api/v1/grants", ApiCrudIT.grant(b.person(), a.site()), "subject"),
                Arguments.of("/api/v1/grants", ApiCrudIT.grant(a.person(), null).put("lockId", b.lock()), "target"),
                Arguments.of("/api/v1/grants", ApiCrudIT.grant(a.person(), b.site()), "target"),
                Arguments.of("/api/v1/grants", ApiCrudIT.grant(null, a.site()).put("cardId", b.card()).putNull("personId"), "subject"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("foreignReferences")
    void referencesToAnotherAccountsRowsAreRefused(String path, ObjectNode body, String field) {
        String before = ApiFixtures.storedData(server);
        Answer answer = alpha.post(path, body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.field()).isEqualTo(field);
        assertThat(ApiFixtures.storedData(server)).isEqualTo(before);
    }

    @Test
    void listsShowOnlyTheCallersOwnRowsWhateverTheFilters() {
        for (String list : new String[] {"sites", "locks", "people", "cards", "grants"}) {
            assertThat(ApiCrudIT.ids(alpha.get("/api/v1/" + list + "?limit=1000"))).as(list).doesNotContainAnyElementsOf(b.all())
                    .containsAnyElementsOf(a.all());
            assertThat(ApiCrudIT.ids(beta.get("/api/v1/" + list + "?limit=1000"))).as(list).doesNotContainAnyElementsOf(a.all())
                    .containsAnyElementsOf(b.all());
            assertThat(alpha.get("/api/v1/" + list + "?search=beta").json().get("total").asInt()).as(list).isZero();
        }
        assertThat(ApiCrudIT.ids(alpha.get("/api/v1/locks?siteId=" + b.site()))).isEmpty();
        for (String filter : new String[] {"personId=" + b.person(), "cardId=" + b.card(), "lockId=" + b.lock(), "siteId=" + b.site()}) {
            assertThat(ApiCrudIT.ids(alpha.get("/api/v1/grants?" + filter))).as(filter).isEmpty();
        }
    }

    @Test
    void theOtherAccountsTokenSeesNothingOfTheFirst() {
        for (String id : List.of(a.site(), a.lock(), a.person(), a.card(), a.grant())) {
            for (String list : new String[] {"sites", "locks", "people", "cards", "grants"}) {
                assertThat(beta.get("/api/v1/" + list + "/" + id).status()).as(list + "/" + id).isEqualTo(404);
            }
        }
        Answer decision = beta.post("/api/v1/access-decisions", ApiClient.object().put("personId", a.person()).put("lockId", a.lock()));
        assertThat(decision.status()).isEqualTo(404);
        assertThat(beta.get("/api/v1/people?search=alpha").json().get("total").asInt()).isZero();
        assertThat(beta.get("/api/v1/grants/" + b.grant()).status()).as("its own grant").isEqualTo(200);
    }
}
