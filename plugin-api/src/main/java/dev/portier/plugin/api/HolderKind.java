package dev.portier.plugin.api;

/** What a {@link KeyIssuing} driver can issue keys to ({@link KeyIssuing#holders()}). Pure value. */
public enum HolderKind {
    /** A registered phone or other device with its own key pair — {@link KeyHolder.Device}. */
    DEVICE,
    /** A card by its serial — {@link KeyHolder.Card}. */
    CARD
}
