package dev.portier.domain.grants;

/** How a grant reaches the lock: keys issued ahead of time, or a short key only when asked. */
public enum Delivery {
    PRE_ISSUED("Pre-issued keys"), ON_DEMAND("On demand");

    private final String label;

    Delivery(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
