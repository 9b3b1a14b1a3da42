package dev.portier.domain.reservations;

import dev.portier.drivers.vehicles.ReservationVendor;
import dev.portier.domain.reservations.Reservation;
import dev.portier.domain.reservations.ReservationCard;
import dev.portier.domain.reservations.ReservationDraft;
import dev.portier.domain.reservations.ReservationFilter;
import dev.portier.testing.ReservationFixture;
import dev.portier.domain.reservations.ReservationState;
import static dev.portier.testing.ReservationFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.identity.accounts.AccountService;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.people.Person;
import dev.portier.plugin.api.ReservationSync;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.KeylessTestPlugin;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import dev.portier.platform.validation.VendorException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reservations on real SQLite with the keyless test driver: overlaps, vendor limits, states and scoping. */
class ReservationServiceTest {

    static final Instant T1 = Instant.parse("2030-03-04T08:00:00Z");

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(T1);
    ReservationFixture fixture;
    ReservationService reservations;
    SignedInUser owner;
    Person pia;

    @BeforeEach
    void start() throws Exception {
        fixture = new ReservationFixture(dir, clock);
        reservations = fixture.services.get(ReservationService.class);
        owner = fixture.owner;
        pia = fixture.person("Pia Hansen");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void reservationsOfOneVehicleDoNotOverlapButMayTouchAndCancelledOnesFreeTheSlot() {
        Lock van = fixture.localVehicle("Van 1");
        Reservation first = reservations.create(owner, draft(van, pia, List.of(), hours(2), hours(4)));
        assertThat(first.state()).isEqualTo(ReservationState.SCHEDULED);
        assertThat(first.vendorState()).isEqualTo(Reservation.VendorState.LOCAL);
        assertThat(first.vendorKeyId()).isNull();

        assertThatThrownBy(() -> reservations.create(owner, draft(van, pia, List.of(), hours(3), hours(5))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("Van 1 is reserved for Pia Hansen")
                .hasMessageContaining("cannot overlap");
        assertThatThrownBy(() -> reservations.create(owner, draft(van, pia, List.of(), hours(1), hours(6))))
                .isInstanceOf(ConflictException.class);
        Reservation touching = reservations.create(owner, draft(van, pia, List.of(), hours(4), hours(5)));
        assertThat(reservations.create(owner, draft(fixture.localVehicle("Van 2"), pia, List.of(), hours(3), hours(5))))
                .as("another vehicle is free").isNotNull();

        reservations.cancel(owner, first.id());
        assertThat(reservations.create(owner, draft(van, pia, List.of(), hours(2), hours(4))).id()).isNotEqualTo(first.id());
        assertThatThrownBy(() -> reservations.update(owner, touching.id(), draft(van, pia, List.of(), hours(3), hours(5))))
                .as("a change is checked against the others too").isInstanceOf(ConflictException.class);
        assertThat(reservations.update(owner, touching.id(), draft(van, pia, List.of(), hours(4), hours(7))).endAt())
                .isEqualTo(hours(7));
    }

    @Test
    void concurrentBookingsOfOneSlotMakeOneReservationAndOneStoredKey() throws Exception {
        Lock van = fixture.storedVehicle("Van 1", "G9A720FBE29A");
        Lock local = fixture.localVehicle("Van 2");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reservation>> attempts = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Lock vehicle = i % 2 == 0 ? van : local;
                // Each attempt overlaps every other one on its vehicle, by a different stretch.
                Instant begin = hours(2).plus(Duration.ofMinutes(i));
                Callable<Reservation> book = () -> {
                    start.await();
                    return reservations.create(owner, draft(vehicle, pia, List.of(), begin, begin.plus(Duration.ofHours(3))));
                };
                attempts.add(pool.submit(book));
            }
            start.countDown();
            int made = 0;
            int refused = 0;
            for (Future<Reservation> attempt : attempts) {
                try {
                    attempt.get();
                    made++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ConflictException.class);
                    refused++;
                }
            }
            assertThat(made).isEqualTo(2);
            assertThat(refused).isEqualTo(threads - 2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(reservations.count(owner, new ReservationFilter(van.id(), null, null, null, null))).isEqualTo(1);
        assertThat(reservations.count(owner, new ReservationFilter(local.id(), null, null, null, null))).isEqualTo(1);
        assertThat(capacity(van).activeKeys()).isEqualTo(1);
    }

    @Test
    void aFifthActiveKeyIsRefusedWithTheRuleAndNothingIsCreatedUntilOneHasExpired() {
        Lock van = fixture.storedVehicle("Van 1", "G9A720FBE29A");
        // The documentation's example: vk_1 … vk_4 begin at t1 … t1+300 and end at t1+1000, t1+500, t1+2750, t1+3000.
        Reservation vk1 = reservations.create(owner, draft(van, pia, List.of(), T1, T1.plusSeconds(1000)));
        reservations.create(owner, draft(van, pia, List.of(), T1.plusSeconds(1000), T1.plusSeconds(1500)));
        reservations.create(owner, draft(van, pia, List.of(), T1.plusSeconds(1500), T1.plusSeconds(2750)));
        reservations.create(owner, draft(van, pia, List.of(), T1.plusSeconds(2750), T1.plusSeconds(3000)));
        assertThat(vk1.vendorKeyId()).startsWith("vk-");
        assertThat(vk1.vendorState()).isEqualTo(Reservation.VendorState.STORED);
        assertThat(capacity(van)).isEqualTo(new ReservationSync.Capacity(4, 4, 0, 2024));

        assertThatThrownBy(() -> reservations.create(owner, draft(van, pia, List.of(), T1.plusSeconds(3000), T1.plusSeconds(4000))))
                .isInstanceOf(ValidationException.class).hasMessageContaining(KeylessTestPlugin.MAX_KEYS_RULE)
                .satisfies(e -> assertThat(((ValidationException) e).fieldErrors()).containsKey("lockId"));
        assertThat(reservations.count(owner, ReservationFilter.NONE)).as("nothing created").isEqualTo(4);

        clock.set(T1.plusSeconds(1200));
        Reservation vk5 = reservations.create(owner, draft(van, pia, List.of(), T1.plusSeconds(3000), T1.plusSeconds(4000)));
        assertThat(vk5.vendorKeyId()).isNotNull();
        assertThat(capacity(van).activeKeys()).isEqualTo(4);
    }

    @Test
    void aSerialTheDriverRefusesIsShownAtTheCardsAndNothingIsCreated() {
        Lock van = fixture.storedVehicle("Van 1", "G9A720FBE29A");
        Card nfc = fixture.services.get(CardService.class).create(owner, new CardDraft(CardType.GENERIC_NFC, "04A22B91", pia.id(),
                null, CardState.ACTIVE));
        assertThatThrownBy(() -> reservations.create(owner, draft(van, pia, List.of(nfc), hours(1), hours(2))))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fieldErrors().get("cardIds")).contains("04A22B91 is invalid"));
        assertThat(reservations.count(owner, ReservationFilter.NONE)).isZero();
    }

    @Test
    void theVendorKeyIsKeptCancelRemovesItAndAChangeReplacesIt() {
        Lock van = fixture.storedVehicle("Van 1", "G9A720FBE29A");
        Card card = fixture.card("6D4297YA01", pia.id());
        Reservation r = reservations.create(owner, draft(van, pia, List.of(card), hours(1), hours(3)));
        assertThat(r.cards()).extracting(ReservationCard::serialNumber).containsExactly("6D4297YA01");
        assertThat(capacity(van)).isEqualTo(new ReservationSync.Capacity(1, 4, 1, 2024));

        Reservation changed = reservations.update(owner, r.id(), draft(van, pia, List.of(), hours(1), hours(5)));
        assertThat(changed.vendorKeyId()).isNotNull().isNotEqualTo(r.vendorKeyId());
        assertThat(capacity(van)).as("the old key was removed").isEqualTo(new ReservationSync.Capacity(1, 4, 0, 2024));

        Reservation cancelled = reservations.cancel(owner, r.id());
        assertThat(cancelled.state()).isEqualTo(ReservationState.CANCELLED);
        assertThat(cancelled.cancelledBy()).isEqualTo(owner.email());
        assertThat(capacity(van).activeKeys()).isZero();
        assertThat(reservations.cancel(owner, r.id()).cancelledAt()).as("cancelling again changes nothing")
                .isEqualTo(cancelled.cancelledAt());
    }

    @Test
    void whenTheVendorFailsToRemoveTheKeyTheReservationIsKeptAsItWas() {
        Lock van = fixture.storedVehicle("Van 1", "G9A720FBE29A-flaky");
        Reservation r = reservations.create(owner, draft(van, pia, List.of(), hours(1), hours(3)));
        assertThatThrownBy(() -> reservations.cancel(owner, r.id())).isInstanceOf(VendorException.class)
                .hasMessageContaining("did not remove the stored key " + r.vendorKeyId())
                .hasMessageContaining("the Keyless Service did not answer");
        assertThat(reservations.get(owner, r.id())).isEqualTo(r);
    }

    @Test
    void withoutARunningDriverAStoredBookingIsNeitherChangedNorCancelled() {
        Lock van = fixture.storedVehicle("Van 1", "G9A720FBE29A");
        Reservation r = reservations.create(owner, draft(van, pia, List.of(), hours(1), hours(3)));
        fixture.services.get(dev.portier.drivers.connections.ConnectionService.class).update(owner, fixture.keyless.id(),
                new dev.portier.drivers.connections.ConnectionDraft("Keyless", null, java.util.Map.of("down", "true")));
        assertThat(fixture.services.get(ReservationVendor.class).capacity(owner, van.id())).as("no running driver, no vendor limit to show").isEmpty();
        assertThatThrownBy(() -> reservations.update(owner, r.id(), draft(van, pia, List.of(), hours(1), hours(4))))
                .isInstanceOf(VendorException.class).hasMessageContaining("cannot be replaced now");
        assertThatThrownBy(() -> reservations.cancel(owner, r.id())).isInstanceOf(VendorException.class)
                .hasMessageContaining("The connection is not running");
        assertThat(reservations.get(owner, r.id())).isEqualTo(r);
    }

    @Test
    void statesMoveForwardOnly() {
        Lock van = fixture.localVehicle("Van 1");
        Reservation r = reservations.create(owner, draft(van, pia, List.of(), hours(1), hours(3)));
        assertThatThrownBy(() -> reservations.complete(owner, r.id())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("Only a checked in reservation can become completed");
        assertThat(reservations.checkIn(owner, r.id()).state()).isEqualTo(ReservationState.CHECKED_IN);
        assertThatThrownBy(() -> reservations.update(owner, r.id(), draft(van, pia, List.of(), hours(1), hours(4))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("Only a scheduled reservation can be changed");
        assertThat(reservations.complete(owner, r.id()).state()).isEqualTo(ReservationState.COMPLETED);
        assertThatThrownBy(() -> reservations.cancel(owner, r.id())).isInstanceOf(ConflictException.class);
        assertThat(reservations.create(owner, draft(van, pia, List.of(), hours(1), hours(3))).state())
                .as("a completed reservation no longer holds the vehicle").isEqualTo(ReservationState.SCHEDULED);
    }

    @Test
    void badDraftsAreRefusedFieldByField() {
        Lock van = fixture.localVehicle("Van 1");
        Lock door = fixture.door("Front door");
        assertThatThrownBy(() -> reservations.create(owner, draft(van, pia, List.of(), hours(3), hours(2))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("The end must be after the begin");
        assertThatThrownBy(() -> reservations.create(owner, draft(van, pia, List.of(), hours(-3), hours(-1))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("The end must be in the future");
        assertThatThrownBy(() -> reservations.create(owner, draft(door, pia, List.of(), hours(1), hours(2))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Front door is a door, not a vehicle");
        assertThatThrownBy(() -> reservations.create(owner, new ReservationDraft(van.id(), pia.id(), List.of(), hours(1),
                hours(2), Set.of("Fly"), Set.of(), Set.of())))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'Fly' is not a permission of the vendor's");
        Card lost = fixture.card("6D4297YA02", pia.id());
        fixture.services.get(CardService.class).update(owner, lost.id(), new CardDraft(CardType.GEOTAB_TAPCARD, "6D4297YA02",
                pia.id(), null, CardState.LOST));
        assertThatThrownBy(() -> reservations.create(owner, draft(van, pia, List.of(lost), hours(1), hours(2))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Card 6D4297YA02 is lost");
        assertThat(reservations.count(owner, ReservationFilter.NONE)).isZero();
    }

    @Test
    void viewersReadOnlyAndOtherAccountsSeeNothing() {
        Lock van = fixture.localVehicle("Van 1");
        Reservation r = reservations.create(owner, draft(van, pia, List.of(), hours(1), hours(3)));
        SignedInUser viewer = fixture.viewer;
        assertThat(reservations.get(viewer, r.id())).isEqualTo(r);
        assertThatThrownBy(() -> reservations.create(viewer, draft(van, pia, List.of(), hours(4), hours(5))))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> reservations.cancel(viewer, r.id())).isInstanceOf(ForbiddenException.class);

        SignedInUser beta = fixture.services.get(AccountService.class).create(owner, "Beta", "UTC");
        assertThatThrownBy(() -> reservations.get(beta, r.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> reservations.cancel(beta, r.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixture.services.get(ReservationVendor.class).capacity(beta, van.id())).isInstanceOf(NotFoundException.class);
        assertThat(reservations.list(beta, ReservationFilter.NONE, dev.portier.platform.db.PageRequest.first(50))).isEmpty();
        assertThatThrownBy(() -> reservations.create(beta, draft(van, pia, List.of(), hours(4), hours(5))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Choose a vehicle of this account");
        assertThat(reservations.get(owner, r.id()).state()).isEqualTo(ReservationState.SCHEDULED);
    }

    private ReservationSync.Capacity capacity(Lock vehicle) {
        DriverCallResult<ReservationSync.Capacity> result = fixture.services.get(ReservationVendor.class).capacity(owner, vehicle.id()).orElseThrow();
        return ((DriverCallResult.Succeeded<ReservationSync.Capacity>) result).value();
    }

    private Instant hours(long n) {
        return clock.instant().plus(Duration.ofHours(n));
    }
}
