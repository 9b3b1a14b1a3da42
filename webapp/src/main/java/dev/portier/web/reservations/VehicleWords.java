package dev.portier.web.reservations;

import dev.portier.plugin.api.RemoteCommands.CommandType;

/**
 * Commands and the vendor's reservation terms in words a property manager uses ("Enable ignition", "Reset
 * at end of booking"); the stored and sent values stay the vendor's own ({@code IgnitionEnable} …).
 */
final class VehicleWords {

    private VehicleWords() {
    }

    static String command(CommandType type) {
        return switch (type) {
            case LOCK -> "Lock";
            case UNLOCK -> "Unlock";
            case CHECK_IN -> "Check in";
            case CHECK_OUT -> "Check out";
            case IGNITION_ENABLE -> "Enable ignition";
            case IGNITION_INHIBIT -> "Inhibit ignition";
            case LOCATE -> "Locate";
        };
    }

    /** Commands that open the vehicle or change whether it can be driven: sent only after the person confirms. */
    static boolean needsConfirmation(CommandType type) {
        return switch (type) {
            case UNLOCK, CHECK_IN, IGNITION_ENABLE, IGNITION_INHIBIT -> true;
            case LOCK, CHECK_OUT, LOCATE -> false;
        };
    }

    /** The question before such a command, e.g. "Enable ignition of Van 1?". */
    static String question(CommandType type, String vehicle) {
        return switch (type) {
            case UNLOCK -> "Unlock " + vehicle + "?";
            case CHECK_IN -> "Check in to " + vehicle + "? This unlocks it and enables its ignition.";
            case IGNITION_ENABLE -> "Enable ignition of " + vehicle + "?";
            case IGNITION_INHIBIT -> "Inhibit ignition of " + vehicle + "?";
            default -> command(type) + " " + vehicle + "?";
        };
    }

    /** A vendor term of a reservation (permission, privilege, end-book condition) in words. */
    static String term(String vendorTerm) {
        return switch (vendorTerm) {
            case "IgnitionEnable" -> "Enable ignition";
            case "IgnitionInhibit" -> "Inhibit ignition";
            case "CheckIn" -> "Check in";
            case "CheckOut" -> "Check out";
            case "ResetAtEndOfBooking" -> "Reset at end of booking";
            case "IgnitionOff" -> "Ignition off";
            default -> vendorTerm;
        };
    }
}
