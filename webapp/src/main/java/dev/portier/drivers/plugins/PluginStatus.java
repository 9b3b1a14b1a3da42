package dev.portier.drivers.plugins;

/** Where an installed plugin stands, as the Plugins page shows it. */
public enum PluginStatus {
    /** Loaded, started, its driver factories offered. */
    STARTED("Started"),
    /** Could not be loaded or started, or broke a promise of the SPI; its drivers are not offered. */
    FAILED("Failed"),
    /** Switched off by the operator ({@code disabled.txt}) or replaced by another copy; never started. */
    DISABLED("Disabled"),
    /** Needs a plugin API version this host does not implement; never started. */
    INCOMPATIBLE("Incompatible");

    private final String label;

    PluginStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
