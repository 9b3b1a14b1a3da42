package dev.portier.drivers.vehicles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.domain.reservations.Reservation;
import dev.portier.domain.reservations.ReservationDraft;
import dev.portier.domain.reservations.ReservationService;
import dev.portier.domain.reservations.SentCommand;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.drivers.sandbox.SandboxService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.audit.Actor;
import dev.portier.platform.webhooks.WebhookDraft;
import dev.portier.platform.webhooks.WebhookEndpoints;
import dev.portier.plugin.api.RemoteCommands.CommandType;
import dev.portier.testing.GeotabPlugin;
import dev.portier.testing.RunningServer;
import dev.portier.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a vehicle reports moves its booking, and webhooks hear it: with the Geotab plugin's sandbox, a tap
 * check-in makes {@code reservation.updated} (CHECKED_IN), and the CheckOut the vendor accepted becomes
 * {@code command.completed} with the booking's {@code reservation.updated} (COMPLETED) when the vehicle reports it.
 */
class VehicleWebhooksIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    RunningServer server;
    WebhookReceiver receiver;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aVehiclesReportsReachWebhooksAsReservationAndCommandEvents() throws Exception {
        GeotabPlugin.install(dir);
        receiver = WebhookReceiver.start();
        server = RunningServer.withAdminAndPrivateHttp(dir);
        SignedInUser admin = server.admin();
        server.get(WebhookEndpoints.class).create(admin.accountId(), Actor.SYSTEM, new WebhookDraft(receiver.url("/fleet"),
                List.of("reservation.updated", "command.completed", "command.failed"), true));
        Site depot = server.get(SiteService.class).create(admin, new SiteDraft("Depot", null, "Europe/Berlin"));
        Connection fleet = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Fleet sandbox",
                GeotabPlugin.DRIVER_ID, Map.of("mode", "sandbox", "database", "fleet")));
        Person ada = server.get(PersonService.class).create(admin, new PersonDraft("Ada", "ada@example.com", "", ""));
        Card card = server.get(CardService.class).create(admin, new CardDraft(CardType.GEOTAB_TAPCARD, "ABF26238AB", ada.id(),
                "ABF26238AB", CardState.ACTIVE));
        Lock van = server.get(LockService.class).create(admin, new LockDraft(depot.id(), "Van 4", LockKind.VEHICLE,
                GeotabPlugin.DRIVER_ID, "G9A720FBE2D4", LockState.ACTIVE, fleet.id()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Reservation booking = server.get(ReservationService.class).create(admin, new ReservationDraft(van.id(), ada.id(),
                List.of(card.id()), now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1)),
                Set.of("Unlock", "Lock", "IgnitionEnable", "CheckIn", "CheckOut"), Set.of(), Set.of("IgnitionOff")));

        server.get(SandboxService.class).run(admin, fleet.id(), "tap-card",
                Map.of("lock", van.id(), "card", card.serialNumber(), "hold", "Short tap"));
        SentCommand checkOut = server.get(LockCommandService.class).send(admin, van.id(), CommandType.CHECK_OUT);

        WebhookReceiver.await("the booking completed", Duration.ofSeconds(20), () -> states(booking.id()).contains("COMPLETED"));
        assertThat(states(booking.id())).containsExactly("SCHEDULED", "CHECKED_IN", "COMPLETED");
        List<JsonNode> completed = of("command.completed");
        assertThat(completed).hasSize(1);
        assertThat(completed.getFirst().get("data").get("commandId").asText()).isEqualTo(checkOut.id());
        assertThat(completed.getFirst().get("data").get("reservationId").asText()).isEqualTo(booking.id());
        assertThat(of("command.failed")).isEmpty();
    }

    private List<String> states(String reservationId) {
        List<String> states = new ArrayList<>();
        for (JsonNode event : of("reservation.updated")) {
            if (event.get("data").get("reservationId").asText().equals(reservationId)) {
                states.add(event.get("data").get("state").asText());
            }
        }
        return states;
    }

    private List<JsonNode> of(String type) {
        List<JsonNode> found = new ArrayList<>();
        for (WebhookReceiver.Received r : receiver.received()) {
            JsonNode event;
            try {
                event = JSON.readTree(r.body());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (event.get("type").asText().equals(type)) {
                found.add(event);
            }
        }
        return found;
    }
}
