package dev.portier.reservations;

import dev.portier.cards.CardService;
import dev.portier.locks.LockService;
import dev.portier.people.PersonService;
import dev.portier.security.SignedInUser;
import java.io.Serializable;
import java.time.ZoneId;

/** What the reservation pages need: the services to pick from and save to, the signed-in user, the account's time zone. */
record ReservationContext(ReservationService reservations, LockService locks, PersonService people, CardService cards,
        SignedInUser who, ZoneId accountZone, boolean canEdit) implements Serializable {
}
