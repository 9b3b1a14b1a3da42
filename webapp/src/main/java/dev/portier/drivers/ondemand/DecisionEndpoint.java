package dev.portier.drivers.ondemand;

import java.time.Instant;

/**
 * An account's external decision endpoint as people see it: never its key.
 *
 * @param url        where Portier asks, e.g. {@code https://tasks.example.com/check-access}
 * @param headerName the API header Portier sends the key in
 */
public record DecisionEndpoint(String accountId, String url, String headerName, Instant updatedAt, String updatedBy) {
}
