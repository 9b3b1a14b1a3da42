package dev.portier.domain.reservations;

import dev.portier.drivers.vehicles.ReservationVendor;
import dev.portier.domain.reservations.ReservationService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.access.AccessDecisions;
import dev.portier.access.Subject;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.platform.db.PageRequest;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.plugin.api.ReservationSync;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.testing.GeotabPlugin;
import dev.portier.testing.RunningServer;
import dev.portier.platform.validation.ValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's reservations through the real Geotab plugin in sandbox mode (its Keyless Service simulator
 * over HTTP): bookings become stored virtual keys within the device's limits, a fifth active key is
 * refused naming the rule and nothing is created, cancelling frees a slot, and a running booking opens
 * the vehicle in the one access decision.
 */
class GeotabReservationsIT {

    @TempDir
    static Path dir;
    static RunningServer server;
    static SignedInUser admin;
    static Lock van;
    static Person ada;
    static Card card;

    @BeforeAll
    static void start() throws Exception {
        GeotabPlugin.install(dir);
        server = RunningServer.withAdmin(dir);
        admin = server.admin();
        Site depot = server.get(SiteService.class).create(admin, new SiteDraft("Depot", null, "Europe/Berlin"));
        Connection fleet = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Fleet sandbox",
                GeotabPlugin.DRIVER_ID, Map.of("mode", "sandbox", "database", "fleet")));
        van = server.get(LockService.class).create(admin, new LockDraft(depot.id(), "Van 9", LockKind.VEHICLE,
                GeotabPlugin.DRIVER_ID, "G9A720FBE2C1", LockState.ACTIVE, fleet.id()));
        ada = server.get(PersonService.class).create(admin, new PersonDraft("Ada", "ada@example.com", "", ""));
        card = server.get(CardService.class).create(admin, new CardDraft(CardType.GEOTAB_TAPCARD, "ABF26238AB", ada.id(),
                "Ada's card", CardState.ACTIVE));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void bookingsBecomeStoredKeysWithinTheDevicesLimitsAndARunningOneOpensTheVan() {
        ReservationService reservations = server.get(ReservationService.class);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Reservation running = reservations.create(admin, booking(now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofHours(1))));
        assertThat(running.vendorKeyId()).isNotBlank();
        for (int day = 1; day <= 3; day++) {
            Instant begin = now.plus(Duration.ofDays(day));
            assertThat(reservations.create(admin, booking(begin, begin.plus(Duration.ofHours(2)))).vendorKeyId()).isNotBlank();
        }
        assertThat(capacity().activeKeys()).isEqualTo(4);
        assertThat(capacity().maxActiveKeys()).isEqualTo(4);

        Instant fifth = now.plus(Duration.ofDays(5));
        assertThatThrownBy(() -> reservations.create(admin, booking(fifth, fifth.plus(Duration.ofHours(2)))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("4");
        assertThat(reservations.count(admin, new ReservationFilter(van.id(), null, null, null, null))).isEqualTo(4);

        assertThat(server.get(AccessDecisions.class).decide(admin.accountId(), new Subject.Card(card.id()), van.id(),
                Permission.UNLOCK, Instant.now()).allowed()).as("the running booking opens the van").isTrue();

        Reservation later = reservations.list(admin, new ReservationFilter(van.id(), null, null, null, null), PageRequest.first(10))
                .stream().filter(r -> r.beginAt().isAfter(now.plus(Duration.ofHours(12)))).findFirst().orElseThrow();
        reservations.cancel(admin, later.id());
        assertThat(capacity().activeKeys()).isEqualTo(3);
        assertThat(reservations.create(admin, booking(fifth, fifth.plus(Duration.ofHours(2)))).vendorKeyId()).isNotBlank();
    }

    /**
     * Issue #15 item 1: editing a booking used to leave the vehicle without a key — the plugin answered the
     * same key id for the changed booking and the host then removed that "old" key. Both tests failed before.
     */
    @Test
    void editingABookingLeavesExactlyOneStoredKeyWithTheNewTerms() {
        Lock truck = server.get(LockService.class).create(admin, new LockDraft(van.siteId(), "Truck 4", LockKind.VEHICLE,
                GeotabPlugin.DRIVER_ID, "G9A720FBE2C7", LockState.ACTIVE, van.connectionId()));
        ReservationService reservations = server.get(ReservationService.class);
        Instant begin = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofDays(2));
        Reservation booked = reservations.create(admin, booking(truck, begin, begin.plus(Duration.ofHours(2))));
        String firstKey = booked.vendorKeyId();

        Reservation unchanged = reservations.update(admin, booked.id(), booking(truck, begin, begin.plus(Duration.ofHours(2))));
        assertThat(unchanged.vendorKeyId()).as("the same terms keep their key").isEqualTo(firstKey);
        assertThat(capacity(truck).activeKeys()).as("and the vehicle still holds it").isEqualTo(1);

        Reservation longer = reservations.update(admin, booked.id(), booking(truck, begin, begin.plus(Duration.ofHours(5))));
        assertThat(longer.vendorKeyId()).as("new terms, a new key").isNotBlank().isNotEqualTo(firstKey);
        assertThat(capacity(truck).activeKeys()).as("exactly one stored key: the new one").isEqualTo(1);
    }

    private static ReservationDraft booking(Lock vehicle, Instant begin, Instant end) {
        return new ReservationDraft(vehicle.id(), ada.id(), List.of(card.id()), begin, end, Set.of("Unlock", "Lock"), Set.of(), Set.of());
    }

    private static ReservationSync.Capacity capacity(Lock vehicle) {
        DriverCallResult<ReservationSync.Capacity> result = server.get(ReservationVendor.class).capacity(admin, vehicle.id()).orElseThrow();
        return ((DriverCallResult.Succeeded<ReservationSync.Capacity>) result).value();
    }

    private static ReservationDraft booking(Instant begin, Instant end) {
        return new ReservationDraft(van.id(), ada.id(), List.of(card.id()), begin, end, Set.of("Unlock", "Lock"), Set.of(), Set.of());
    }

    private static ReservationSync.Capacity capacity() {
        DriverCallResult<ReservationSync.Capacity> result = server.get(ReservationVendor.class).capacity(admin, van.id()).orElseThrow();
        return ((DriverCallResult.Succeeded<ReservationSync.Capacity>) result).value();
    }
}
