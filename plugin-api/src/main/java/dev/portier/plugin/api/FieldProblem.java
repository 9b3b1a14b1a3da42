package dev.portier.plugin.api;

/**
 * Why a setting cannot work, shown next to its field. Immutable; any thread.
 *
 * @param key     the {@link ConfigProperty#key()} it is about, or {@code null} for the connection as a whole
 * @param message a sentence for people, without secrets
 */
public record FieldProblem(String key, String message) {

    public FieldProblem {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("A problem needs a message");
        }
    }
}
