package dev.portier.plugins.geotab.internal;

import dev.portier.plugin.api.SecretStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The NotificationIds a connection has handled, so a redelivered notification is acknowledged without
 * acting twice (approving a CheckIn twice, recording a tap twice). Kept in the connection's secret
 * store so a restart forgets nothing recent; bounded to the last {@value #KEPT} ids, far more than a
 * vendor retries. Thread-safe.
 */
final class HandledNotifications {

    static final int KEPT = 2000;
    private static final String NAME = "handled-notification-ids";

    private final SecretStore store;
    private LinkedHashSet<String> ids;

    HandledNotifications(SecretStore store) {
        this.store = store;
    }

    /** Claims {@code id} for handling; false when it was handled (or claimed) before. */
    synchronized boolean claim(String id) {
        Set<String> known = ids();
        if (!known.add(id)) {
            return false;
        }
        while (known.size() > KEPT) {
            known.remove(known.iterator().next());
        }
        save();
        return true;
    }

    /** Gives a claim back after handling failed, so the vendor's retry is handled. */
    synchronized void release(String id) {
        if (ids().remove(id)) {
            save();
        }
    }

    private Set<String> ids() {
        if (ids == null) {
            ids = new LinkedHashSet<>();
            store.get(NAME).ifPresent(bytes -> {
                for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        ids.add(line);
                    }
                }
            });
        }
        return ids;
    }

    private void save() {
        List<String> lines = new ArrayList<>(ids);
        store.put(NAME, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }
}
