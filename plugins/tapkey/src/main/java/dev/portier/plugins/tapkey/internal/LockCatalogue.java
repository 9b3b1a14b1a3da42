package dev.portier.plugins.tapkey.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.plugin.api.LockDiscovery.DiscoveredLock;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.VendorRefusedException;
import dev.portier.plugins.tapkey.PhysicalLockId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The owner account's bound locks, keyed on their physical lock id (stable across unbinding and
 * rebinding) and mapped to the bound-lock id they have now. Each discovery refreshes the facts in memory
 * and durably, so {@code fit()} answers from them without the network, also right after a restart.
 */
final class LockCatalogue {

    /** What the driver knows of one lock. {@code ical}: whether it takes time restrictions; {@code null} = unknown. */
    record Facts(String physicalLockId, String boundLockId, String title, String model, Boolean ical) {
        ObjectNode json() {
            ObjectNode node = TapkeyJson.object().put("physicalLockId", physicalLockId).put("boundLockId", boundLockId)
                    .put("title", title).put("model", model);
            return ical == null ? node.putNull("ical") : node.put("ical", ical);
        }

        static Facts of(JsonNode node) {
            return new Facts(TapkeyJson.text(node, "physicalLockId"), TapkeyJson.text(node, "boundLockId"),
                    TapkeyJson.text(node, "title"), TapkeyJson.text(node, "model"), TapkeyJson.bool(node, "ical"));
        }
    }

    private final Supplier<TapkeyClient> client;
    private final DriverMemory memory;
    private final Map<String, Facts> byPhysical = new ConcurrentHashMap<>();
    private final Map<String, Facts> byBoundLock = new ConcurrentHashMap<>();

    LockCatalogue(Supplier<TapkeyClient> client, DriverMemory memory) {
        this.client = client;
        this.memory = memory;
    }

    /** Every bound lock of the owner account now, with its facts; remembers them. Blocks on the network. */
    List<DiscoveredLock> discover() throws IOException, InterruptedException {
        TapkeyClient tapkey = client.get();
        List<JsonNode> locks = tapkey.list(tapkey.owned("BoundLocks"), Map.of("$expand", "supportedFeatures"));
        List<DiscoveredLock> discovered = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (JsonNode lock : locks) {
            String encoded = TapkeyJson.text(lock, "physicalLockId");
            String id = TapkeyJson.text(lock, "id");
            if (encoded == null || id == null || Boolean.FALSE.equals(TapkeyJson.bool(lock, "active"))
                    || TapkeyJson.text(lock, "unbindDate") != null) {
                continue;
            }
            PhysicalLockId physical;
            try {
                physical = PhysicalLockId.parse(encoded);
            } catch (IllegalArgumentException e) {
                continue; // a lock id Portier cannot read cannot be matched to hardware either
            }
            String reference = physical.base64();
            if (seen.put(reference, true) != null) {
                continue;
            }
            String title = Optional.ofNullable(TapkeyJson.text(lock, "title")).orElse("Tapkey lock " + physical.humanForm());
            JsonNode type = TapkeyJson.nested(lock, "lockType");
            String model = Optional.ofNullable(TapkeyJson.text(type, "modelName", "id")).orElse(TapkeyJson.text(lock, "lockTypeId"));
            Boolean ical = icalSupport(lock);
            remember(new Facts(reference, id, title, model, ical));
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("Physical lock id", physical.humanForm());
            if (model != null) {
                facts.put("Lock type", model);
            }
            facts.put("Time restrictions", ical == null ? "Unknown (Tapkey did not say)" : ical ? "Supported" : "Not supported");
            Long issued = TapkeyJson.number(lock, "rclSerialNo");
            Long lastSeen = TapkeyJson.number(lock, "lastSeenRclSerialNo");
            if (issued != null) {
                facts.put("Revocation list", "issued " + issued + (lastSeen == null ? "" : ", the lock has seen " + lastSeen));
            }
            facts.put("Tapkey bound lock id", id);
            discovered.add(new DiscoveredLock(reference, title, physical.humanForm(), model, facts));
        }
        return discovered;
    }

    /** The lock's facts; when unknown, discovers first. A lock not bound now is refused (permanent for this push). */
    Facts require(LockRef lock) throws IOException, InterruptedException {
        Optional<Facts> known = known(lock.vendorReference());
        if (known.isPresent() && byPhysical.containsKey(known.get().physicalLockId())) {
            return known.get();
        }
        discover();
        Facts facts = byPhysical.get(normalised(lock.vendorReference()));
        if (facts == null) {
            throw new VendorRefusedException("Lock " + lock.name() + " is not bound to the Tapkey owner account "
                    + client.get().settings().ownerAccount() + " (physical lock id " + human(lock.vendorReference())
                    + "): bind it in the Tapkey app, then sync the locks.");
        }
        return facts;
    }

    /** The facts known without the network: memory, then the durable copy. Never blocks long. */
    Optional<Facts> known(String vendorReference) {
        String reference = normalised(vendorReference);
        Facts facts = byPhysical.get(reference);
        if (facts != null) {
            return Optional.of(facts);
        }
        return memory.get("lock", reference).map(Facts::of);
    }

    /** The lock now bound as {@code boundLockId}; discovers once when unknown. */
    Optional<Facts> byBoundLockId(String boundLockId) throws IOException, InterruptedException {
        Facts facts = byBoundLock.get(boundLockId);
        if (facts == null) {
            discover();
            facts = byBoundLock.get(boundLockId);
        }
        return Optional.ofNullable(facts);
    }

    private void remember(Facts facts) {
        Facts before = byPhysical.put(facts.physicalLockId(), facts);
        byBoundLock.put(facts.boundLockId(), facts);
        if (!facts.equals(before)) {
            memory.put("lock", facts.physicalLockId(), facts.json());
        }
    }

    private static Boolean icalSupport(JsonNode lock) {
        JsonNode features = lock.get("supportedFeatures");
        if (features == null || features.isNull()) {
            return null;
        }
        String support = TapkeyJson.text(features, "timeRestrictionIcalSupport");
        if (support == null && features.isArray()) {
            // Tolerated shape: a list of feature names.
            for (JsonNode feature : features) {
                if (feature.asText().equalsIgnoreCase("timeRestrictionIcal")) {
                    return true;
                }
            }
            return false;
        }
        return support == null ? null : support.equalsIgnoreCase("Supported");
    }

    /** The standard Base64 form of a vendor reference (people may have typed the URL form or padded differently). */
    static String normalised(String vendorReference) {
        try {
            return PhysicalLockId.parse(vendorReference).base64();
        } catch (IllegalArgumentException e) {
            return vendorReference;
        }
    }

    private static String human(String vendorReference) {
        try {
            return PhysicalLockId.parse(vendorReference).humanForm();
        } catch (IllegalArgumentException e) {
            return vendorReference;
        }
    }
}
