package dev.portier.plugin.api;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Capability {@link Capability#LOCK_DISCOVERY}: the vendor account of a connection knows its locks
 * (Tapkey's bound locks of an owner account), so people import them instead of typing them in.
 *
 * <p>The host calls {@link #discover()} on a worker with a time limit: when the connection starts,
 * every {@link #discoveryInterval()}, and when someone asks ("Sync locks now"); it may block on the
 * network. From a successful answer the host creates the locks it does not know yet (keyed on
 * {@link DiscoveredLock#vendorReference()}, which becomes {@link LockRef#vendorReference()}), updates
 * the facts of those it knows, and marks a known lock missing from the answer as "no longer at the
 * vendor" — it never deletes it, so its history stays; a marked lock that reappears is unmarked. Any
 * exception changes nothing at the host, which tries again later. Since 2.2.0.
 */
public interface LockDiscovery {

    /** How often the host re-discovers when nobody asks. Constant per driver. */
    default Duration discoveryInterval() {
        return Duration.ofMinutes(15);
    }

    /**
     * Every lock the vendor account of this connection holds now. Called on a host worker with a time
     * limit; may block on the network. Any exception: nothing changes at the host, which retries later.
     */
    List<DiscoveredLock> discover();

    /**
     * One lock as the vendor lists it. Immutable; any thread.
     *
     * @param vendorReference  stable id the host keys the lock on (becomes {@link LockRef#vendorReference()});
     *                         it must survive the vendor's re-binding of the same hardware
     * @param name             the vendor's title; the host uses it when it creates the lock
     * @param displayReference the id in the vendor's human form, shown to people (Tapkey: the dashed hex
     *                         physical lock id); {@code null} when the vendor has none
     * @param model            the lock type or model, or {@code null}
     * @param facts            further facts for people, label → value, in order (e.g. "Time restrictions"
     *                         → "Supported"); copied, insertion order kept, unmodifiable
     */
    record DiscoveredLock(String vendorReference, String name, String displayReference, String model,
            Map<String, String> facts) {
        public DiscoveredLock {
            Objects.requireNonNull(vendorReference, "vendorReference");
            Objects.requireNonNull(name, "name");
            facts = facts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        }
    }
}
