package dev.portier.plugin.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Material a driver wants on phones (a lock's certificate, a connection-wide trust anchor), handed to
 * {@link PhoneMaterialPublisher#publish}. The host decides the audience: material of a lock goes to
 * the registered devices of people with a current grant covering that lock; connection-wide material
 * to devices of people with a current grant on any lock of the connection. Immutable; any thread.
 *
 * @param name      stable name; publishing the same name (and lock) again replaces it
 * @param lockId    Portier's lock id, or {@code null} for connection-wide material
 * @param mediaType e.g. {@code "application/pkix-cert"}
 * @param content   the bytes; copied in and out
 * @param expiresAt when phones must drop it; {@code null} = never
 */
public record PhoneMaterial(String name, String lockId, String mediaType, byte[] content, Instant expiresAt) {

    public PhoneMaterial {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Phone material needs a name");
        }
        Objects.requireNonNull(mediaType, "mediaType");
        content = Objects.requireNonNull(content, "content").clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PhoneMaterial that && name.equals(that.name) && Objects.equals(lockId, that.lockId)
                && mediaType.equals(that.mediaType) && Arrays.equals(content, that.content)
                && Objects.equals(expiresAt, that.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, lockId, mediaType, Arrays.hashCode(content), expiresAt);
    }

    @Override
    public String toString() {
        return "PhoneMaterial[" + name + ", lock " + lockId + ", " + mediaType + ", " + content.length + " bytes]";
    }
}
