package dev.portier.domain.reservations;

import dev.portier.domain.grants.Permission;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The words a reservation is made of, exactly as the Geotab Keyless documentation writes them (its
 * virtual-key and command bodies): permissions are the vendor's command names, the one privilege and
 * the one end-book condition the documentation names. Nothing else is accepted, so what is stored can
 * be sent to the vendor as it is.
 */
public final class ReservationTerms {

    public static final List<String> PERMISSIONS = List.of("Lock", "Unlock", "IgnitionEnable", "IgnitionInhibit",
            "CheckIn", "CheckOut", "Locate");
    public static final List<String> PRIVILEGES = List.of("ResetAtEndOfBooking");
    public static final List<String> END_BOOK_CONDITIONS = List.of("IgnitionOff");

    /** What a new reservation lets its person do: get in, drive, lock up and hand the vehicle back. */
    public static final Set<String> DEFAULT_PERMISSIONS = Set.of("Lock", "Unlock", "IgnitionEnable", "IgnitionInhibit",
            "CheckIn", "CheckOut");

    private ReservationTerms() {
    }

    /** The vendor permission a reservation needs for Portier's access permission. */
    public static String vendorPermission(Permission permission) {
        return switch (permission) {
            case UNLOCK -> "Unlock";
            case LOCK -> "Lock";
            case IGNITION -> "IgnitionEnable";
        };
    }

    /** The first of {@code values} that is not one of {@code allowed}, for a message; null when all are. */
    static String firstUnknown(Collection<String> values, List<String> allowed) {
        return values.stream().filter(v -> !allowed.contains(v)).findFirst().orElse(null);
    }

    /** Stored form: comma-separated in the documentation's order. */
    public static String store(Collection<String> values, List<String> order) {
        return order.stream().filter(values::contains).collect(Collectors.joining(","));
    }

    static Set<String> read(String stored) {
        return stored == null || stored.isEmpty() ? Set.of()
                : Arrays.stream(stored.split(",")).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
