package dev.portier.domain.grants;

/** What a grant lets its holder do at a lock. */
public enum Permission {
    UNLOCK, LOCK, IGNITION;

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }
}
