package dev.portier.plugin.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Capability {@link Capability#ENROLMENT}: makes a lock known to the vendor or creates its identity,
 * from inputs a person types (web UI, REST API) or a phone supplies (mobile API). The host renders
 * {@link #enrolmentInputs()} as a generic form, checks required inputs are present and calls
 * {@link #enrol} on a worker with a time limit; it may block on the network. Enrolling an enrolled
 * lock again answers its existing material (idempotent). Inputs the vendor refuses are an
 * {@link EnrolmentRefusedException}.
 */
public interface LockEnrolment {

    /** What the enrolment needs, in form order (key, label, type, help, required, secret). Constant. */
    List<ConfigProperty> enrolmentInputs();

    EnrolmentResult enrol(EnrolmentRequest request);

    /**
     * What to enrol. Immutable.
     *
     * @param lock   the lock being enrolled
     * @param inputs by {@link ConfigProperty#key()}: what the person or phone supplied
     */
    record EnrolmentRequest(LockRef lock, Map<String, String> inputs) {
        public EnrolmentRequest {
            Objects.requireNonNull(lock, "lock");
            inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        }

        @Override
        public String toString() {
            // Inputs may be secret (installer codes).
            return "EnrolmentRequest[" + lock + ", inputs " + inputs.keySet() + "]";
        }
    }

    /**
     * What the enrolment produced. Immutable.
     *
     * @param vendorReference the lock's id at the vendor (may confirm or replace the one typed)
     * @param material        what the host keeps with the lock; names are unique
     */
    record EnrolmentResult(String vendorReference, List<Material> material) {
        public EnrolmentResult {
            Objects.requireNonNull(vendorReference, "vendorReference");
            material = material == null ? List.of() : List.copyOf(material);
            if (material.stream().map(Material::name).distinct().count() != material.size()) {
                throw new IllegalArgumentException("Material names must be unique within an enrolment");
            }
        }
    }
}
