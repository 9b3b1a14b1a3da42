package dev.portier.plugin.api;

/** The kinds of value a connection's configuration holds; the host renders a field for each. Pure value. */
public enum ConfigType {
    /** One line of text. */
    TEXT,
    /** Several lines (certificates, notes). */
    MULTILINE,
    /** An absolute http(s) URL; outbound calls to it go through the guarded HTTP client. */
    URL,
    /** A whole number. */
    INTEGER,
    /** Yes or no. */
    BOOLEAN,
    /** One of {@link ConfigProperty#options()}. */
    CHOICE
}
