package dev.portier.plugins.invue.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portier.plugin.api.SecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What Portier knows of each serial's registration at InVue, in the connection's {@link SecretStore}
 * (encrypted, durable): written <em>before</em> {@code POST /v1/dlock} is sent and after every answer, so
 * a crash, a timeout or a lost answer leaves a record that stops a blind second registration. One record
 * per serial, named by the serial's SHA-256 (names stay short whatever the serial).
 */
final class EnrolmentLedger {

    /** Where a serial stands. */
    enum State {
        /** The call is being sent (or the process died while it was): outcome unknown. */
        SENDING,
        /** The call failed without an answer (timeout, dropped connection, 5xx): InVue may have registered it. */
        UNKNOWN_OUTCOME,
        /** InVue said the serial is registered already, and Portier holds no key certificate for it. */
        ALREADY_REGISTERED,
        /** InVue answered success with something that is not a readable key certificate (kept raw). */
        UNREADABLE_ANSWER,
        /** Portier holds the key certificate. */
        ENROLLED
    }

    /** Raw answers beyond this are cut (the host's secrets hold 64 KiB). */
    static final int MAX_RAW = 32 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String serial, State state, String lockId, String attemptedAt, String updatedAt, Integer httpStatus,
            String rawMediaType, byte[] rawAnswer, byte[] keyCertificate, String source, String detail) {

        Entry with(State next, Instant at) {
            return new Entry(serial, next, lockId, attemptedAt, at.toString(), httpStatus, rawMediaType, rawAnswer, keyCertificate, source, detail);
        }

        Entry answered(State next, Instant at, Integer status, String mediaType, byte[] raw, String why) {
            byte[] kept = raw == null ? null : Arrays.copyOf(raw, Math.min(raw.length, MAX_RAW));
            return new Entry(serial, next, lockId, attemptedAt, at.toString(), status, mediaType, kept, keyCertificate, source, why);
        }

        Entry enrolled(Instant at, byte[] certificate, String how, String forLock) {
            return new Entry(serial, State.ENROLLED, forLock, attemptedAt, at.toString(), httpStatus, rawMediaType, rawAnswer, certificate, how, detail);
        }
    }

    private final SecretStore secrets;

    EnrolmentLedger(SecretStore secrets) {
        this.secrets = secrets;
    }

    Optional<Entry> find(String serial) {
        return secrets.get(name(serial)).map(bytes -> {
            try {
                return JSON.readValue(bytes, Entry.class);
            } catch (IOException e) {
                throw new IllegalStateException("The enrolment record of a serial is unreadable", e);
            }
        });
    }

    void save(Entry entry) {
        try {
            secrets.put(name(entry.serial()), JSON.writeValueAsBytes(entry));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forget(String serial) {
        secrets.delete(name(serial));
    }

    static Entry sending(String serial, String lockId, Instant at) {
        return new Entry(serial, State.SENDING, lockId, at.toString(), at.toString(), null, null, null, null, "api", null);
    }

    private static String name(String serial) {
        try {
            return "invue.enrolment." + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(serial.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
