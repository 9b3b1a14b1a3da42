package dev.portier.drivers.connections;

import java.util.Map;

/**
 * What a person fills in to create or change a connection.
 *
 * @param values property key → typed value; a blank secret on update keeps the stored one
 */
public record ConnectionDraft(String name, String driverId, Map<String, String> values) {

    public ConnectionDraft {
        values = values == null ? Map.of() : Map.copyOf(values);
    }
}
