package dev.portier.plugin.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Something an enrolment produced that the host keeps with the lock (a public key, a certificate, an
 * installer token). Immutable (the content is copied in and out); any thread.
 *
 * @param name       stable name within the lock, e.g. {@code "publicLabel"}
 * @param visibility whether people may see it, or it is kept encrypted
 * @param mediaType  e.g. {@code "text/plain"}, {@code "application/pkix-cert"}
 * @param content    the bytes
 * @param expiresAt  when it must be renewed; {@code null} = never
 */
public record Material(String name, Visibility visibility, String mediaType, byte[] content, Instant expiresAt) {

    /** Who may see the material. */
    public enum Visibility {
        /** Shown in the UI and APIs. */
        PUBLIC,
        /** Encrypted at rest by the host; never shown. */
        SECRET
    }

    public Material {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Material needs a name");
        }
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(mediaType, "mediaType");
        content = Objects.requireNonNull(content, "content").clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    // Arrays compare by content, so enrolling twice can answer "the same" material.
    @Override
    public boolean equals(Object other) {
        return other instanceof Material that && name.equals(that.name) && visibility == that.visibility
                && mediaType.equals(that.mediaType) && Arrays.equals(content, that.content)
                && Objects.equals(expiresAt, that.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, visibility, mediaType, Arrays.hashCode(content), expiresAt);
    }

    @Override
    public String toString() {
        // SECRET content must never reach a log.
        return "Material[" + name + ", " + visibility + ", " + mediaType + ", " + content.length + " bytes, expires "
                + expiresAt + "]";
    }
}
