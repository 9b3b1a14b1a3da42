package dev.portier.domain.reservations;

/** A tap card listed on a reservation, with the serial the vendor knows it by. */
public record ReservationCard(String id, String serialNumber) {
}
