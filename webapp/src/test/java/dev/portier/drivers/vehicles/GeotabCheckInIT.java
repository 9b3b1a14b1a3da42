package dev.portier.drivers.vehicles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import dev.portier.domain.events.EventFilter;
import dev.portier.domain.events.EventList;
import dev.portier.domain.events.RecordedEvent;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.Permission;
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
import dev.portier.domain.reservations.ReservationState;
import dev.portier.domain.reservations.SentCommand;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.drivers.sandbox.SandboxService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.db.PageRequest;
import dev.portier.plugin.api.RemoteCommands.CommandStatus;
import dev.portier.plugin.api.RemoteCommands.CommandType;
import dev.portier.plugin.api.SandboxActions.SandboxOutcome;
import dev.portier.testing.GeotabPlugin;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Geotab Keyless at the vehicle (issue #15 items 2 and 4), over real HTTP: the sandbox connection's
 * simulated GO device asks Portier's webhook, which asks the one access decision and answers through
 * the simulated Keyless Service's commands endpoint; tap and check-out notifications come back the same way.
 */
class GeotabCheckInIT {

    static final String LONG_HOLD = "Long hold (about 7 s)";
    static final String SHORT_TAP = "Short tap";

    @TempDir
    static Path dir;
    static RunningServer server;
    static SignedInUser admin;
    static Site depot;
    static Connection fleet;
    static Person ada;
    static Card adasListedCard;
    static Card adasOtherCard;

    @BeforeAll
    static void start() throws Exception {
        GeotabPlugin.install(dir);
        server = RunningServer.withAdmin(dir);
        admin = server.admin();
        depot = server.get(SiteService.class).create(admin, new SiteDraft("Depot", null, "Europe/Berlin"));
        fleet = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Fleet sandbox",
                GeotabPlugin.DRIVER_ID, Map.of("mode", "sandbox", "database", "fleet")));
        ada = server.get(PersonService.class).create(admin, new PersonDraft("Ada", "ada@example.com", "", ""));
        adasListedCard = card("ABF26238AB", ada);
        adasOtherCard = card("743227D3PR", ada);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * Before the fix Ada's site-wide grant answered first: her key lasted until the grant's end a year away
     * and her booking stayed SCHEDULED, so the vehicle could be booked again over her drive.
     */
    @Test
    void aCardOfABookersPersonChecksInUntilTheBookingEndsAndTheBookingIsCheckedIn() {
        Lock van = vehicle("Van 1", "G9A720FBE2D1");
        server.get(GrantService.class).create(admin, new GrantDraft(ada.id(), null, null, depot.id(), null,
                Instant.now().plus(Duration.ofDays(365)), null, EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED, null));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Reservation booking = book(van, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofHours(2)));

        SandboxOutcome hold = tap(van, adasOtherCard, LONG_HOLD);
        assertThat(hold.transcript()).as("%s", hold.transcript()).anySatisfy(l -> assertThat(l).contains("CheckIn approved with virtual key"));

        RecordedEvent approved = only(van, "CHECK_IN_APPROVED");
        assertThat(approved.details()).containsEntry("reservationId", booking.id())
                .containsEntry("until", booking.endAt().toString()).doesNotContainKey("grantId");
        assertThat(reservation(booking).state()).as("the check-in is recorded on the booking").isEqualTo(ReservationState.CHECKED_IN);

        // The same card's long hold ends the drive: CheckOutComplete names the key of the online check-in.
        SandboxOutcome back = tap(van, adasOtherCard, LONG_HOLD);
        assertThat(back.transcript()).as("%s", back.transcript()).anySatisfy(l -> assertThat(l).contains("CHECKOUT"));
        assertThat(reservation(booking).state()).isEqualTo(ReservationState.COMPLETED);
    }

    /** Before the fix the key lasted until the grant's end, over the next booking of the vehicle. */
    @Test
    void aGrantHoldersKeyEndsWhenTheGrantsWindowOrTheNextBookingBeginsAndADeniedCardGetsNoKey() {
        Lock van = vehicle("Van 2", "G9A720FBE2D2");
        Person bo = server.get(PersonService.class).create(admin, new PersonDraft("Bo", "bo@example.com", "", ""));
        Card bos = card("6D4297YA01", bo);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        server.get(GrantService.class).create(admin, new GrantDraft(bo.id(), null, van.id(), null, null,
                now.plus(Duration.ofDays(3)), null, EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED, null));
        Reservation adas = book(van, now.plus(Duration.ofHours(5)), now.plus(Duration.ofHours(6)));

        SandboxOutcome hold = tap(van, bos, LONG_HOLD);
        assertThat(hold.transcript()).as("%s", hold.transcript()).anySatisfy(l -> assertThat(l).contains("CheckIn approved"));
        RecordedEvent approved = only(van, "CHECK_IN_APPROVED");
        assertThat(approved.details()).containsKey("grantId").doesNotContainKey("reservationId")
                .containsEntry("until", adas.beginAt().toString());

        Lock other = vehicle("Van 3", "G9A720FBE2D3");
        Card stranger = card("G9KP2345ZZ", null);
        tap(other, stranger, LONG_HOLD);
        RecordedEvent refused = only(other, "CHECK_IN_REFUSED");
        assertThat(refused.details()).containsEntry("cardSerial", "G9KP2345ZZ").containsEntry("reasons", "NO_GRANT");
        assertThat(events(other, "CHECK_IN_APPROVED")).isEmpty();
    }

    /**
     * Issue #15 item 4: a tap check-in moves the booking to CHECKED_IN; a CheckOut the vendor ACCEPTED becomes
     * COMPLETED when its CheckOutComplete arrives, and the booking COMPLETED. Before the fix both stayed as they were.
     */
    @Test
    void completionNotificationsMoveTheBookingAndCompleteTheAcceptedCommand() {
        Lock van = vehicle("Van 4", "G9A720FBE2D4");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Reservation booking = book(van, now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1)));

        SandboxOutcome tap = tap(van, adasListedCard, SHORT_TAP);
        assertThat(tap.transcript()).as("%s", tap.transcript()).anySatisfy(l -> assertThat(l).contains("Notified Portier of TapCheckInComplete"));
        assertThat(reservation(booking).state()).isEqualTo(ReservationState.CHECKED_IN);

        LockCommandService commands = server.get(LockCommandService.class);
        SentCommand checkOut = commands.send(admin, van.id(), CommandType.CHECK_OUT);
        assertThat(checkOut.reservationId()).isEqualTo(booking.id());
        assertThat(commands.list(admin, van.id(), PageRequest.first(5))).filteredOn(c -> c.id().equals(checkOut.id()))
                .singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(CommandStatus.COMPLETED));
        assertThat(reservation(booking).state()).isEqualTo(ReservationState.COMPLETED);
        assertThat(only(van, "CHECK_OUT_COMPLETE").details()).containsEntry("virtualKeyId", booking.vendorKeyId());
    }

    /**
     * Issue #15 item 5: "Disable Online CheckIn" per vehicle, persisted and handed to the driver in the background;
     * the simulated GO device then refuses a card it does not store without asking Portier.
     */
    @Test
    void withOnlineCheckInDisabledTheVehicleDoesNotAskAndOnlyStoredKeysOpen() throws Exception {
        Lock van = vehicle("Van 5", "G9A720FBE2D5");
        server.get(GrantService.class).create(admin, new GrantDraft(null, adasOtherCard.id(), van.id(), null, null, null, null,
                EnumSet.of(Permission.UNLOCK), Delivery.ON_DEMAND, 60));
        OnlineCheckIns settings = server.get(OnlineCheckIns.class);
        assertThat(settings.get(admin, van.id())).isEqualTo(new OnlineCheckIns.Setting(false, true));

        settings.set(admin, van.id(), true);
        awaitApplied(van);
        SandboxOutcome hold = tap(van, adasOtherCard, LONG_HOLD);
        assertThat(hold.transcript()).as("%s", hold.transcript())
                .contains("Card not in a valid stored virtual key and \"Disable Online CheckIn\" is set: no CheckIn request.");
        assertThat(events(van, "CHECK_IN_APPROVED")).isEmpty();
        assertThat(events(van, "CHECK_IN_REFUSED")).isEmpty();

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Reservation booking = book(van, now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1)));
        assertThat(server.get(ReservationService.class).storedKeys(admin, van.id())).extracting(Reservation::vendorKeyId)
                .containsExactly(booking.vendorKeyId());
        SandboxOutcome stored = tap(van, adasListedCard, SHORT_TAP);
        assertThat(stored.transcript()).as("%s", stored.transcript())
                .anySatisfy(l -> assertThat(l).contains("Card found in stored virtual key " + booking.vendorKeyId()));

        settings.set(admin, van.id(), false);
        awaitApplied(van);
        assertThat(settings.get(admin, van.id())).isEqualTo(new OnlineCheckIns.Setting(false, true));
    }

    static void awaitApplied(Lock van) throws InterruptedException {
        Instant limit = Instant.now().plusSeconds(10);
        while (!server.get(OnlineCheckIns.class).get(admin, van.id()).applied()) {
            assertThat(Instant.now()).as("the driver is told in the background").isBefore(limit);
            Thread.sleep(50);
        }
    }

    static SandboxOutcome tap(Lock vehicle, Card card, String how) {
        return server.get(SandboxService.class).run(admin, fleet.id(), "tap-card",
                Map.of("lock", vehicle.id(), "card", card.serialNumber(), "hold", how));
    }

    static Lock vehicle(String name, String serial) {
        return server.get(LockService.class).create(admin, new LockDraft(depot.id(), name, LockKind.VEHICLE,
                GeotabPlugin.DRIVER_ID, serial, LockState.ACTIVE, fleet.id()));
    }

    static Card card(String serial, Person holder) {
        return server.get(CardService.class).create(admin, new CardDraft(CardType.GEOTAB_TAPCARD, serial,
                holder == null ? null : holder.id(), serial, CardState.ACTIVE));
    }

    static Reservation book(Lock vehicle, Instant begin, Instant end) {
        return server.get(ReservationService.class).create(admin, new ReservationDraft(vehicle.id(), ada.id(),
                List.of(adasListedCard.id()), begin, end, Set.of("Unlock", "Lock", "IgnitionEnable", "CheckIn", "CheckOut"),
                Set.of(), Set.of("IgnitionOff")));
    }

    static Reservation reservation(Reservation booking) {
        return server.get(ReservationService.class).get(admin, booking.id());
    }

    static List<RecordedEvent> events(Lock vehicle, String type) {
        return server.get(EventList.class).list(admin, new EventFilter(vehicle.id(), type, null, null, null), PageRequest.first(10));
    }

    static RecordedEvent only(Lock vehicle, String type) {
        List<RecordedEvent> found = events(vehicle, type);
        assertThat(found).as(type + " on " + vehicle.name()).hasSize(1);
        return found.getFirst();
    }
}
