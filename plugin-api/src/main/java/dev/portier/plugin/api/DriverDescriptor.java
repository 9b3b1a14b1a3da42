package dev.portier.plugin.api;

/**
 * How a driver presents itself on the plugins page and in the connection form. Immutable; any thread.
 *
 * @param id          stable, lower-case, e.g. {@code "geotab"}; stored with every connection and lock
 * @param displayName e.g. "Geotab Keyless"
 * @param vendor      the lock or platform vendor, e.g. "Geotab"
 * @param description one or two sentences for people choosing a driver
 */
public record DriverDescriptor(String id, String displayName, String vendor, String description) {

    public DriverDescriptor {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("A driver id is lower-case letters, digits and dashes: " + id);
        }
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("A driver needs a display name");
        }
    }
}
