package dev.portier.domain.reservations;

import dev.portier.testing.ReservationFixture;
import dev.portier.domain.reservations.ReservationService;
import static dev.portier.testing.ReservationFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.access.AccessDecisions;
import dev.portier.access.Decision;
import dev.portier.access.DenialReason;
import dev.portier.access.Subject;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.people.Person;
import dev.portier.plugin.api.AccessDecider;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.drivers.connections.ConnectionRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one access decision with bookings: a vehicle opens to its booker's person and cards while the booking runs. */
class ReservationAccessTest {

    static final Instant NOW = Instant.parse("2030-03-04T08:00:00Z");

    @TempDir
    Path dir;
    ReservationFixture fixture;
    ReservationService reservations;
    AccessDecisions decisions;
    Lock van;
    Person pia;
    Card piasCard;
    Card listedCard;
    Card strangersCard;
    Reservation booking;

    @BeforeEach
    void start() throws Exception {
        fixture = new ReservationFixture(dir, new MutableClock(NOW));
        reservations = fixture.services.get(ReservationService.class);
        decisions = fixture.services.get(AccessDecisions.class);
        van = fixture.storedVehicle("Van 1", "G9A720FBE29A");
        pia = fixture.person("Pia Hansen");
        Person ola = fixture.person("Ola Nordmann");
        piasCard = fixture.card("6D4297YA01", pia.id());
        listedCard = fixture.card("743227D3PR", ola.id());
        strangersCard = fixture.card("743227D3PS", ola.id());
        booking = reservations.create(fixture.owner, new ReservationDraft(van.id(), pia.id(), List.of(listedCard.id()),
                at(1), at(3), Set.of("Unlock", "IgnitionEnable"), Set.of(), Set.of("IgnitionOff")));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theBookersPersonTheirCardsAndListedCardsMayUnlockAndStartWhileTheBookingRuns() {
        for (Subject subject : List.of(new Subject.Person(pia.id()), new Subject.Card(piasCard.id()),
                new Subject.Card(listedCard.id()))) {
            Decision unlock = decide(subject, Permission.UNLOCK, at(2));
            assertThat(unlock.allowed()).as("%s", subject).isTrue();
            assertThat(unlock.allowingGrant()).isEmpty();
            assertThat(unlock.allowingReservation()).hasValueSatisfying(r -> {
                assertThat(r.reservationId()).isEqualTo(booking.id());
                assertThat(r.endAt()).isEqualTo(at(3));
            });
            assertThat(unlock.openUntil()).isEqualTo(at(3));
            assertThat(unlock.summary()).isEqualTo("Allowed by the reservation: Pia Hansen's booking of Van 1");
            assertThat(decide(subject, Permission.IGNITION, at(2)).allowed()).isTrue();
        }
        assertThat(decide(new Subject.Card(strangersCard.id()), Permission.UNLOCK, at(2)).reasons())
                .containsExactly(DenialReason.NO_GRANT);
    }

    @Test
    void onlyWithinBeginAndEndAndOnlyWithTheBookedPermission() {
        Subject pias = new Subject.Person(pia.id());
        assertThat(decide(pias, Permission.UNLOCK, at(1).minusMillis(1)).reasons()).containsExactly(DenialReason.NO_GRANT);
        assertThat(decide(pias, Permission.UNLOCK, at(1)).allowed()).isTrue();
        assertThat(decide(pias, Permission.UNLOCK, at(3).minusMillis(1)).allowed()).isTrue();
        assertThat(decide(pias, Permission.UNLOCK, at(3)).allowed()).isFalse();
        assertThat(decide(pias, Permission.LOCK, at(2)).reasons()).as("Lock was not booked")
                .containsExactly(DenialReason.MISSING_PERMISSION);
    }

    @Test
    void cancelledOrCompletedBookingsAndLostCardsOpenNothing() {
        fixture.services.get(CardService.class).update(fixture.owner, piasCard.id(), new CardDraft(CardType.GEOTAB_TAPCARD,
                "6D4297YA01", pia.id(), null, CardState.LOST));
        assertThat(decide(new Subject.Card(piasCard.id()), Permission.UNLOCK, at(2)).reasons())
                .containsExactly(DenialReason.CARD_LOST);

        reservations.checkIn(fixture.owner, booking.id());
        assertThat(decide(new Subject.Person(pia.id()), Permission.UNLOCK, at(2)).allowed()).as("checked in").isTrue();
        reservations.cancel(fixture.owner, booking.id());
        assertThat(decide(new Subject.Person(pia.id()), Permission.UNLOCK, at(2)).reasons()).containsExactly(DenialReason.NO_GRANT);
    }

    @Test
    void aDriverAskingForATappedCardSerialGetsTheBookingsEnd() {
        AccessDecider access = fixture.services.get(ConnectionRuntime.class).context(fixture.keyless.id()).orElseThrow().access();
        AccessDecider.AccessAnswer answer = access.decide(new AccessDecider.AccessQuestion(van.id(),
                AccessDecider.Subject.cardSerial("743227d3pr"), dev.portier.plugin.api.Permission.UNLOCK, at(2)));
        assertThat(answer.allowed()).isTrue();
        assertThat(answer.grantId()).isNull();
        assertThat(answer.openUntil()).isEqualTo(at(3));
        assertThat(answer.onDemandDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(access.decide(new AccessDecider.AccessQuestion(van.id(), AccessDecider.Subject.cardSerial("743227D3PS"),
                dev.portier.plugin.api.Permission.UNLOCK, at(2))).reasons()).containsExactly(dev.portier.plugin.api.DenialReason.NO_GRANT);
    }

    /**
     * Issue #15 item 2: at a vehicle the running booking answers even when a grant would also allow, so a driver's
     * key ends with the booking and its check-in is recorded on it. Before, the grant answered (its far end).
     */
    @Test
    void atAVehicleTheRunningBookingAnswersBeforeAGrantOfTheSamePerson() {
        fixture.services.get(dev.portier.domain.grants.GrantService.class).create(fixture.owner,
                new dev.portier.domain.grants.GrantDraft(pia.id(), null, van.id(), null, null, at(24 * 365), null,
                        java.util.EnumSet.of(Permission.UNLOCK), dev.portier.domain.grants.Delivery.PRE_ISSUED, null));
        Decision during = decide(new Subject.Card(piasCard.id()), Permission.UNLOCK, at(2));
        assertThat(during.allowingReservation()).hasValueSatisfying(r -> assertThat(r.reservationId()).isEqualTo(booking.id()));
        assertThat(during.openUntil()).isEqualTo(at(3));
        Decision after = decide(new Subject.Card(piasCard.id()), Permission.UNLOCK, at(4));
        assertThat(after.allowingGrant()).as("the grant answers outside the booking").isPresent();
    }

    @Test
    void theBookingLookupSearchesTheVehiclesIndexNotTheAccount() {
        var database = fixture.services.get(dev.portier.platform.db.Database.class);
        if (database.dialect() == dev.portier.platform.db.Dialect.POSTGRESQL) {
            // A handful of rows: PostgreSQL would rightly scan them; forbid that and ask which index it takes.
            String plan = database.jdbi().inTransaction(h -> {
                h.execute("SET LOCAL enable_seqscan = off");
                return String.join("\n", h.createQuery("EXPLAIN " + ReservationAccess.CURRENT).bind("lockId", van.id())
                        .bind("at", at(2)).bind("accountId", fixture.owner.accountId()).bind("personId", pia.id())
                        .bind("cardId", piasCard.id()).mapTo(String.class).list());
            });
            // An index on the vehicle (reservations_lock_end, or V20's reservations_check_in_key, which leads with lock_id).
            assertThat(plan).containsPattern("Index Scan using reservations_\\w+ on reservations r[^\\n]*\\n\\s+Index Cond: \\(\\(lock_id\\)")
                    .doesNotContain("reservations_account_begin");
            return;
        }
        String plan = database.jdbi().withHandle(h -> String.join("\n",
                h.createQuery("EXPLAIN QUERY PLAN " + ReservationAccess.CURRENT).bind("lockId", van.id()).bind("at", at(2))
                        .bind("accountId", fixture.owner.accountId()).bind("personId", pia.id()).bind("cardId", piasCard.id())
                        .map((rs, ctx) -> rs.getString("detail")).list()));
        assertThat(plan).contains("SEARCH r USING INDEX reservations_lock_end (lock_id=? AND end_at>?)")
                .doesNotContain("SCAN r");
    }

    private Decision decide(Subject subject, Permission permission, Instant at) {
        return decisions.decide(fixture.owner.accountId(), subject, van.id(), permission, at);
    }

    private static Instant at(long hours) {
        return NOW.plus(Duration.ofHours(hours));
    }
}
