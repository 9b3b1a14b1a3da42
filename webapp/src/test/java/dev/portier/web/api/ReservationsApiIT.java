package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.web.api.ApiClient.Answer;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.platform.db.Database;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.KeylessTestPlugin;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reservations and lock commands over real HTTP, on a server with the keyless test plugin (the Geotab
 * Keyless device rules): stored keys and their limit, capacity, overlaps, command statuses, roles,
 * bad input and another account's ids.
 */
class ReservationsApiIT {

    static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(1));

    @TempDir
    static Path dir;
    static RunningServer server;
    static ApiClient manager;
    static ApiClient viewer;
    static ApiClient beta;
    static String site;
    static String person;
    static String card;
    static String connection;
    static String betaVan;

    @BeforeAll
    static void start() throws Exception {
        KeylessTestPlugin.install(dir);
        server = RunningServer.withAdmin(dir);
        SignedInUser admin = ApiFixtures.admin(server);
        manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Manager token"));
        viewer = new ApiClient(server, ApiFixtures.token(server, admin, Role.VIEWER, "Viewer token"));
        Connection keyless = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Keyless",
                KeylessTestPlugin.DRIVER_ID, Map.of()));
        connection = keyless.id();
        site = manager.post("/api/v1/sites", ApiCrudIT.site("Depot", "Europe/Oslo")).id();
        person = manager.post("/api/v1/people", ApiCrudIT.person("Pia Hansen", "pia@example.com")).id();
        card = manager.post("/api/v1/cards", ApiCrudIT.card("GEOTAB_TAPCARD", "6D4297YA01").put("personId", person)).id();

        SignedInUser inBeta = server.get(AccountService.class).create(admin, "Beta", "UTC");
        beta = new ApiClient(server, ApiFixtures.token(server, inBeta, Role.MANAGER, "Beta token"));
        String betaSite = beta.post("/api/v1/sites", ApiCrudIT.site("Beta depot", "UTC")).id();
        betaVan = beta.post("/api/v1/locks", vehicle(betaSite, "Beta van", null, null)).id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBookingIsStoredAtTheVendorCountedInTheCapacityListedAndCancelled() {
        String van = storedVan("Van A", "G9AAAAAAAAAA");
        Answer empty = manager.get("/api/v1/reservations/capacity?lockId=" + van);
        assertThat(empty.status()).as(empty.toString()).isEqualTo(200);
        assertThat(empty.json().get("limited").asBoolean()).isTrue();
        assertThat(empty.json().get("maxActiveKeys").asInt()).isEqualTo(4);
        assertThat(empty.json().get("maxCardSerials").asInt()).isEqualTo(2024);

        ObjectNode body = booking(van, 1, 3);
        body.putArray("cardIds").add(card);
        Answer created = manager.post("/api/v1/reservations", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(created.id()));
        assertThat(created.text("state")).isEqualTo("SCHEDULED");
        assertThat(created.text("vendorKeyId")).startsWith("vk-");
        assertThat(created.json().get("cards").findValuesAsText("serialNumber")).containsExactly("6D4297YA01");
        assertThat(created.json().get("permissions").toString()).isEqualTo("[\"Unlock\",\"IgnitionEnable\"]");

        Answer capacity = viewer.get("/api/v1/reservations/capacity?lockId=" + van);
        assertThat(capacity.json().get("activeKeys").asInt()).isEqualTo(1);
        assertThat(capacity.json().get("cardSerials").asInt()).isEqualTo(1);
        assertThat(bookings(viewer.get("/api/v1/reservations?lockId=" + van))).containsExactly(created.id());
        assertThat(bookings(viewer.get("/api/v1/reservations?lockId=" + van + "&from=" + at(3)))).isEmpty();
        assertThat(viewer.post("/api/v1/reservations/" + created.id() + "/cancel", null).status()).isEqualTo(403);

        Answer cancelled = manager.post("/api/v1/reservations/" + created.id() + "/cancel", null);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.text("state")).isEqualTo("CANCELLED");
        assertThat(manager.get("/api/v1/reservations/capacity?lockId=" + van).json().get("activeKeys").asInt()).isZero();
    }

    @Test
    void aFifthActiveKeyIsRefusedWithTheRuleAndNothingIsCreated() {
        String van = storedVan("Van B", "G9BBBBBBBBBB");
        for (int i = 0; i < 4; i++) {
            assertThat(manager.post("/api/v1/reservations", booking(van, 2 * i + 1, 2 * i + 2)).status()).isEqualTo(201);
        }
        String before = reservationRows();
        Answer fifth = manager.post("/api/v1/reservations", booking(van, 20, 21));
        assertThat(fifth.status()).as(fifth.toString()).isEqualTo(400);
        assertThat(fifth.error()).contains(KeylessTestPlugin.MAX_KEYS_RULE);
        assertThat(fifth.field()).isEqualTo("lockId");
        assertThat(reservationRows()).as("nothing created").isEqualTo(before);
        assertThat(manager.get("/api/v1/reservations/capacity?lockId=" + van).json().get("activeKeys").asInt()).isEqualTo(4);
    }

    @Test
    void anOverlappingBookingIsAConflictAndBadInputIsA400() {
        String van = manager.post("/api/v1/locks", vehicle(site, "Van C", null, null)).id();
        assertThat(manager.post("/api/v1/reservations", booking(van, 1, 3)).status()).isEqualTo(201);
        Answer overlap = manager.post("/api/v1/reservations", booking(van, 2, 4));
        assertThat(overlap.status()).as(overlap.toString()).isEqualTo(409);
        assertThat(overlap.error()).contains("cannot overlap");
        assertThat(manager.get("/api/v1/reservations/capacity?lockId=" + van).json().get("limited").asBoolean()).isFalse();

        String before = reservationRows();
        assertThat(manager.post("/api/v1/reservations", null).status()).isEqualTo(400);
        Answer backwards = manager.post("/api/v1/reservations", booking(van, 6, 5));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.field()).isEqualTo("end");
        Answer badInstant = manager.post("/api/v1/reservations", booking(van, 6, 7).put("begin", "tomorrow"));
        assertThat(badInstant.status()).isEqualTo(400);
        assertThat(badInstant.field()).isEqualTo("begin");
        ObjectNode flying = booking(van, 6, 7);
        flying.putArray("permissions").add("Fly");
        Answer unknownPermission = manager.post("/api/v1/reservations", flying);
        assertThat(unknownPermission.status()).isEqualTo(400);
        assertThat(unknownPermission.error()).contains("'Fly' is not a permission");
        assertThat(manager.post("/api/v1/reservations", booking(van, 6, 7).put("colour", "red")).status()).isEqualTo(400);
        assertThat(manager.get("/api/v1/reservations?state=PARKED").status()).isEqualTo(400);
        assertThat(manager.get("/api/v1/reservations?from=yesterday").field()).isEqualTo("from");
        assertThat(manager.get("/api/v1/reservations/capacity").status()).isEqualTo(400);
        assertThat(viewer.post("/api/v1/reservations", booking(van, 6, 7)).status()).isEqualTo(403);
        assertThat(reservationRows()).isEqualTo(before);
    }

    @Test
    void commandsAreSentTrackedAndListedAndViewersOnlyRead() {
        String van = storedVan("Van D", "G9DDDDDDDDDD");
        Answer unlock = manager.post("/api/v1/locks/" + van + "/commands", ApiClient.object().put("type", "UNLOCK"));
        assertThat(unlock.status()).as(unlock.toString()).isEqualTo(201);
        assertThat(unlock.text("status")).isEqualTo("COMPLETED");
        Answer locate = manager.post("/api/v1/locks/" + van + "/commands", ApiClient.object().put("type", "LOCATE"));
        assertThat(locate.text("status")).isEqualTo("ACCEPTED");
        Answer checkIn = manager.post("/api/v1/locks/" + van + "/commands", ApiClient.object().put("type", "CHECK_IN"));
        assertThat(checkIn.status()).as("refused without a booking's stored key, not recorded").isEqualTo(409);
        assertThat(checkIn.error()).contains("needs a running booking stored at the vendor");

        Answer refused = viewer.post("/api/v1/locks/" + van + "/commands", ApiClient.object().put("type", "UNLOCK"));
        assertThat(refused.status()).isEqualTo(403);
        Answer list = viewer.get("/api/v1/locks/" + van + "/commands");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("total").asInt()).isEqualTo(2);
        assertThat(list.json().get("items").findValuesAsText("status")).containsExactly("ACCEPTED", "COMPLETED");

        assertThat(manager.post("/api/v1/locks/" + van + "/commands", ApiClient.object().put("type", "HONK")).status())
                .isEqualTo(400);
        assertThat(manager.post("/api/v1/locks/" + van + "/commands", ApiClient.object()).field()).isEqualTo("type");
        String local = manager.post("/api/v1/locks", vehicle(site, "Van E", null, null)).id();
        Answer noDriver = manager.post("/api/v1/locks/" + local + "/commands", ApiClient.object().put("type", "UNLOCK"));
        assertThat(noDriver.status()).isEqualTo(409);
        assertThat(noDriver.error()).contains("takes no commands");
    }

    @Test
    void anotherAccountsIdsAreNotFound() {
        String betaPerson = beta.post("/api/v1/people", ApiCrudIT.person("Beta person", "b@example.com")).id();
        ObjectNode betaBooking = booking(betaVan, 1, 2).put("personId", betaPerson);
        Answer made = beta.post("/api/v1/reservations", betaBooking);
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String foreign = made.id();
        beta.post("/api/v1/locks/" + betaVan + "/commands", ApiClient.object().put("type", "UNLOCK"));

        for (Answer answer : List.of(manager.get("/api/v1/reservations/" + foreign),
                manager.post("/api/v1/reservations/" + foreign + "/cancel", null),
                manager.put("/api/v1/reservations/" + foreign, booking(betaVan, 1, 2)),
                manager.get("/api/v1/reservations/capacity?lockId=" + betaVan),
                manager.get("/api/v1/locks/" + betaVan + "/commands"),
                manager.post("/api/v1/locks/" + betaVan + "/commands", ApiClient.object().put("type", "UNLOCK")))) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
        }
        Answer foreignVehicle = manager.post("/api/v1/reservations", booking(betaVan, 5, 6));
        assertThat(foreignVehicle.status()).isEqualTo(400);
        assertThat(foreignVehicle.error()).isEqualTo("Choose a vehicle of this account");
        assertThat(bookings(manager.get("/api/v1/reservations?lockId=" + betaVan))).isEmpty();
        assertThat(beta.get("/api/v1/reservations/" + foreign).text("state")).isEqualTo("SCHEDULED");
    }

    /** The ids of a list's bookings (not of their cards). */
    private static List<String> bookings(Answer list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        list.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static String storedVan(String name, String serial) {
        Answer created = manager.post("/api/v1/locks", vehicle(site, name, serial, connection));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    static ObjectNode vehicle(String siteId, String name, String serial, String connectionId) {
        ObjectNode lock = ApiClient.object().put("siteId", siteId).put("name", name).put("kind", "VEHICLE").put("state", "ACTIVE");
        if (connectionId != null) {
            lock.put("connectionId", connectionId).put("vendorReference", serial);
        }
        return lock;
    }

    /** A booking by Pia, {@code from} to {@code to} hours after {@link #BASE}, to unlock and start. */
    private static ObjectNode booking(String lockId, int from, int to) {
        ObjectNode body = ApiClient.object().put("lockId", lockId).put("personId", person).put("begin", at(from)).put("end", at(to));
        body.putArray("permissions").add("IgnitionEnable").add("Unlock");
        body.putArray("endBookConditions").add("IgnitionOff");
        return body;
    }

    private static String at(int hours) {
        return BASE.plus(Duration.ofHours(hours)).toString();
    }

    private static String reservationRows() {
        return server.get(Database.class).jdbi().withHandle(h -> h.createQuery("SELECT * FROM reservations ORDER BY id").mapToMap()
                .list().toString() + h.createQuery("SELECT * FROM reservation_cards ORDER BY reservation_id").mapToMap().list());
    }
}
