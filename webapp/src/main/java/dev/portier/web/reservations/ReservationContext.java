package dev.portier.web.reservations;

import dev.portier.drivers.vehicles.ReservationVendor;
import dev.portier.domain.reservations.ReservationService;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.SignedInUser;
import java.io.Serializable;
import java.time.ZoneId;

/** What the reservation pages need: the services to pick from and save to, the signed-in user, the account's time zone. */
record ReservationContext(ReservationService reservations, ReservationVendor vendor, LockService locks, PersonService people, CardService cards,
        SignedInUser who, ZoneId accountZone, boolean canEdit) implements Serializable {
}
