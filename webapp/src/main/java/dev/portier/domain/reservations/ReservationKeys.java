package dev.portier.domain.reservations;

import dev.portier.domain.locks.Lock;
import java.util.List;

/**
 * The port through which reservations reach a vehicle's vendor, when its driver keeps bookings as
 * stored keys. Declared here, implemented by the drivers layer, so the reservation rules and their
 * tables stay in the domain. Calls run on a driver worker, never holding a database transaction.
 */
public interface ReservationKeys {

    /** Whether the vehicle's connection runs a driver that stores reservations. */
    boolean keepsReservations(Lock vehicle);

    /**
     * Stores the booking at the vendor and answers the vendor's key id. A limit the vendor enforces is a
     * {@code ValidationException} at the field it concerns; any other failure a {@code VendorException}.
     */
    String store(Lock vehicle, String reservationId, String userReference, List<String> cardSerials, ReservationDraft terms);

    /** Removes a stored key; one already gone is fine. A failure is a {@code VendorException}. */
    void cancel(Lock vehicle, String vendorKeyId);
}
