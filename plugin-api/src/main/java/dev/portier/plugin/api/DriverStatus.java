package dev.portier.plugin.api;

/**
 * A connection's status as shown in the UI. Immutable; any thread.
 *
 * @param state   online, offline or unknown
 * @param detail  why
 * @param message a sentence for people, e.g. "The API key was refused (HTTP 401)"; may be empty
 */
public record DriverStatus(ConnectionState state, StatusDetail detail, String message) {

    public DriverStatus {
        message = message == null ? "" : message;
    }

    public static DriverStatus online() {
        return new DriverStatus(ConnectionState.ONLINE, StatusDetail.NONE, "");
    }

    public static DriverStatus initializing() {
        return new DriverStatus(ConnectionState.UNKNOWN, StatusDetail.INITIALIZING, "");
    }

    public static DriverStatus offline(StatusDetail detail, String message) {
        return new DriverStatus(ConnectionState.OFFLINE, detail, message);
    }
}
