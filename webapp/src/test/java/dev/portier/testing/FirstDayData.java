package dev.portier.testing;

import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.Grant;
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
import dev.portier.domain.reservations.ReservationTerms;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.identity.accounts.SignedInUser;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a property manager has after a first day, made through the services of a running server (with
 * {@link KeylessTestPlugin} installed): a site in Europe/Oslo while the account stays in UTC, a door and
 * a vehicle, a person with a card, a scheduled grant for the card and a Friday booking.
 */
public record FirstDayData(Site site, Lock door, Lock van, Person ola, Card card, Grant grant, Reservation friday) {

    /** Friday 2030-03-08, 10:00–14:00 in Oslo (09:00–13:00 UTC). */
    public static final Instant FRIDAY_BEGIN = Instant.parse("2030-03-08T09:00:00Z");
    public static final Instant FRIDAY_END = Instant.parse("2030-03-08T13:00:00Z");

    public static FirstDayData create(RunningServer server) {
        SignedInUser admin = server.admin();
        Site site = server.get(SiteService.class).create(admin, new SiteDraft("Depot", null, "Europe/Oslo"));
        Connection keyless = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Keyless",
                KeylessTestPlugin.DRIVER_ID, Map.of()));
        LockService locks = server.get(LockService.class);
        Lock door = locks.create(admin, new LockDraft(site.id(), "Front door", LockKind.DOOR, null, null, LockState.ACTIVE));
        Lock van = locks.create(admin, new LockDraft(site.id(), "Van 1", LockKind.VEHICLE, null, "G9A720FBE29A",
                LockState.ACTIVE, keyless.id()));
        Person ola = server.get(PersonService.class).create(admin, new PersonDraft("Ola Nordmann", "ola@example.com",
                "+47 912 34 567", null));
        Card card = server.get(CardService.class).create(admin, new CardDraft(CardType.GENERIC_NFC, "04A1B2C3", ola.id(),
                "Blue tag", CardState.ACTIVE));
        Grant grant = server.get(GrantService.class).create(admin, new GrantDraft(null, card.id(), door.id(), null, null, null,
                "MO,TU,WE,TH,FR 07:00-12:00; SA 09:00-13:00", EnumSet.of(Permission.UNLOCK), Delivery.ON_DEMAND, null));
        Reservation friday = server.get(ReservationService.class).create(admin, new ReservationDraft(van.id(), ola.id(), List.of(),
                FRIDAY_BEGIN, FRIDAY_END, ReservationTerms.DEFAULT_PERMISSIONS, Set.of("ResetAtEndOfBooking"), Set.of()));
        return new FirstDayData(site, door, van, ola, card, grant, friday);
    }
}
