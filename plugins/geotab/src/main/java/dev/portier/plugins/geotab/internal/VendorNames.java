package dev.portier.plugins.geotab.internal;

import dev.portier.plugin.api.EndBookCondition;
import dev.portier.plugin.api.RemoteCommands.CommandType;
import dev.portier.plugin.api.ReservationPrivilege;
import dev.portier.plugin.api.VehiclePermission;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The Keyless API's spelling of Portier's typed values, exactly as the vendor document writes them in
 * JSON ("Lock", "IgnitionEnable", "ResetAtEndOfBooking", "IgnitionOff" …). Exhaustive switches, so a new
 * enum constant in the SPI fails the build here instead of reaching Geotab misspelt.
 */
final class VendorNames {

    private VendorNames() {
    }

    static String of(VehiclePermission permission) {
        return switch (permission) {
            case LOCK -> "Lock";
            case UNLOCK -> "Unlock";
            case IGNITION_ENABLE -> "IgnitionEnable";
            case IGNITION_INHIBIT -> "IgnitionInhibit";
            case CHECK_IN -> "CheckIn";
            case CHECK_OUT -> "CheckOut";
            case LOCATE -> "Locate";
        };
    }

    static String of(ReservationPrivilege privilege) {
        return switch (privilege) {
            case RESET_AT_END_OF_BOOKING -> "ResetAtEndOfBooking";
        };
    }

    static String of(EndBookCondition condition) {
        return switch (condition) {
            case IGNITION_OFF -> "IgnitionOff";
        };
    }

    static String of(CommandType type) {
        return switch (type) {
            case LOCK -> "Lock";
            case UNLOCK -> "Unlock";
            case CHECK_IN -> "CheckIn";
            case CHECK_OUT -> "CheckOut";
            case IGNITION_ENABLE -> "IgnitionEnable";
            case IGNITION_INHIBIT -> "IgnitionInhibit";
            case LOCATE -> "Locate";
        };
    }

    /** The vendor names of {@code values}, sorted, so the same set always makes the same request body. */
    static <T> List<String> sorted(Collection<T> values, Function<T, String> name) {
        return List.copyOf(new TreeSet<>(values.stream().map(name).toList()));
    }
}
