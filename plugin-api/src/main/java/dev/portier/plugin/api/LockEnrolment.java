package dev.portier.plugin.api;

import java.time.Instant;
import java.util.Map;

/**
 * Capability {@link Capability#ENROLMENT}: makes a lock known to the vendor or creates its identity.
 * Called on a host worker; may block on the network within the time limit. Enrolling an enrolled
 * lock again answers its existing material (idempotent).
 */
public interface LockEnrolment {

    EnrolmentResult enrol(EnrolmentRequest request);

    /**
     * @param lock   the lock being enrolled
     * @param inputs what the person or phone supplied, e.g. {@code provisioningCode}
     */
    record EnrolmentRequest(LockRef lock, Map<String, String> inputs) {
        public EnrolmentRequest {
            inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        }
    }

    /**
     * @param vendorReference the lock's id at the vendor (may confirm or replace the one typed)
     * @param material        public material to keep (public key, key certificate …), by name
     * @param expiresAt       when the material must be renewed; {@code null} if never
     */
    record EnrolmentResult(String vendorReference, Map<String, String> material, Instant expiresAt) {
        public EnrolmentResult {
            material = material == null ? Map.of() : Map.copyOf(material);
        }
    }
}
