package dev.portier.domain.cards;

/** A lost or retired card opens nothing, whatever its grants say. */
public enum CardState {
    ACTIVE("Active"), LOST("Lost"), RETIRED("Retired");

    private final String label;

    CardState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
