package dev.portier.domain.reservations;

import dev.portier.domain.locks.LockReferences;
import dev.portier.domain.people.PersonReferences;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Bookings are history: a vehicle that was booked, and the person who booked it, stay. */
public final class BookingReferences implements LockReferences, PersonReferences {

    @Override
    public Optional<String> keeps(Handle h, String lockId) {
        return count(h, "lock_id", lockId).map(n -> "has " + n + " reservation(s)");
    }

    @Override
    public Optional<String> keeps(Handle h, String accountId, String personId) {
        return count(h, "person_id", personId).map(n -> "has " + n + " reservation(s), which keep the history");
    }

    private static Optional<Integer> count(Handle h, String column, String id) {
        int bookings = h.createQuery("SELECT COUNT(*) FROM reservations WHERE " + column + " = :id").bind("id", id)
                .mapTo(Integer.class).one();
        return bookings == 0 ? Optional.empty() : Optional.of(bookings);
    }
}
