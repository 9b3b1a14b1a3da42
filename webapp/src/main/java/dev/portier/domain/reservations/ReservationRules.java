package dev.portier.domain.reservations;

import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.platform.db.SqlText;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonService;
import dev.portier.platform.time.Times;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** The rules a reservation obeys before anything is written or sent to a vendor. */
public final class ReservationRules {

    private ReservationRules() {
    }

    /** What a valid draft refers to, read in the same transaction that writes it. */
    public record References(Lock vehicle, Person person, List<Card> cards) {
        public List<String> serials() {
            return cards.stream().map(Card::serialNumber).toList();
        }

        /** How the vendor tells the person apart (Geotab's userReference): the email, else the phone, else the id. */
        public String userReference() {
            return person.email() != null ? person.email() : person.phone() != null ? person.phone() : person.id();
        }
    }

    /** Checks the fields on their own; throws with every problem, or returns the draft with duplicates and blanks dropped. */
    public static ReservationDraft validate(ReservationDraft d, Instant now) {
        ValidationException.Collector problems = new ValidationException.Collector();
        if (SqlText.isBlank(d.lockId())) {
            problems.add("lockId", "Choose a vehicle");
        }
        if (SqlText.isBlank(d.personId())) {
            problems.add("personId", "Choose a person");
        }
        if (d.begin() == null) {
            problems.add("begin", "Enter when the reservation begins");
        }
        if (d.end() == null) {
            problems.add("end", "Enter when the reservation ends");
        } else if (d.begin() != null && !d.end().isAfter(d.begin())) {
            problems.add("end", "The end must be after the begin");
        } else if (!d.end().isAfter(now)) {
            problems.add("end", "The end must be in the future");
        }
        Set<String> permissions = d.permissions() == null ? Set.of() : d.permissions();
        Set<String> privileges = d.privileges() == null ? Set.of() : d.privileges();
        Set<String> conditions = d.endBookConditions() == null ? Set.of() : d.endBookConditions();
        if (permissions.isEmpty()) {
            problems.add("permissions", "Choose at least one permission");
        }
        unknown(problems, "permissions", permissions, ReservationTerms.PERMISSIONS, "permission");
        unknown(problems, "privileges", privileges, ReservationTerms.PRIVILEGES, "privilege");
        unknown(problems, "endBookConditions", conditions, ReservationTerms.END_BOOK_CONDITIONS, "end-book condition");
        List<String> cards = new ArrayList<>();
        if (d.cardIds() != null) {
            for (String id : d.cardIds()) {
                if (SqlText.isBlank(id)) {
                    problems.add("cardIds", "A card id is empty");
                } else if (!cards.contains(id.strip())) {
                    cards.add(id.strip());
                }
            }
        }
        problems.throwIfAny();
        return new ReservationDraft(d.lockId().strip(), d.personId().strip(), cards, d.begin(), d.end(),
                new LinkedHashSet<>(permissions), new LinkedHashSet<>(privileges), new LinkedHashSet<>(conditions));
    }

    private static void unknown(ValidationException.Collector problems, String field, Set<String> values, List<String> allowed,
            String what) {
        String unknown = ReservationTerms.firstUnknown(values, allowed);
        if (unknown != null) {
            problems.add(field, "'" + unknown + "' is not a " + what + " of the vendor's; choose from " + String.join(", ", allowed));
        }
    }

    /** The vehicle (an active lock of kind VEHICLE), the person and the active cards, all of the account. */
    public static References references(Handle h, String accountId, ReservationDraft d) {
        ValidationException.Collector problems = new ValidationException.Collector();
        Lock vehicle = null;
        try {
            vehicle = LockService.find(h, accountId, d.lockId());
            if (vehicle.kind() != LockKind.VEHICLE) {
                problems.add("lockId", vehicle.name() + " is a " + vehicle.kind().label().toLowerCase() + ", not a vehicle");
            } else if (vehicle.state() == LockState.DECOMMISSIONED) {
                problems.add("lockId", vehicle.name() + " is decommissioned");
            }
        } catch (NotFoundException e) {
            problems.add("lockId", "Choose a vehicle of this account");
        }
        Person person = null;
        try {
            person = PersonService.find(h, accountId, d.personId());
        } catch (NotFoundException e) {
            problems.add("personId", "Choose a person of this account");
        }
        List<Card> cards = new ArrayList<>();
        for (String id : d.cardIds()) {
            try {
                Card card = CardService.find(h, accountId, id);
                if (card.state() != CardState.ACTIVE) {
                    problems.add("cardIds", "Card " + card.serialNumber() + " is " + card.state().label().toLowerCase());
                }
                cards.add(card);
            } catch (NotFoundException e) {
                problems.add("cardIds", "Choose cards of this account");
            }
        }
        problems.throwIfAny();
        return new References(vehicle, person, cards);
    }

    /** Refuses (409) when another reservation holds the vehicle during any part of [begin, end). */
    public static void requireFree(Handle h, String accountId, String lockId, Instant begin, Instant end, String exceptId) {
        h.createQuery(ReservationRows.OVERLAPPING).bind("lockId", lockId).bind("begin", begin).bind("end", end)
                .bind("exceptId", exceptId == null ? "" : exceptId).mapTo(String.class).findOne()
                .map(other -> ReservationRows.find(h, accountId, other))
                .ifPresent(other -> {
                    ZoneId zone = ZoneId.of(other.timeZone());
                    throw new ConflictException("begin", other.lockName() + " is reserved for " + other.personName() + " from "
                            + Times.format(other.beginAt(), zone) + " to " + Times.format(other.endAt(), zone)
                            + "; reservations of one vehicle cannot overlap");
                });
    }
}
