package dev.portier.plugins.geotab.simulator;

/** The IOX-NFCREADERA's LED sequences (Figure 7, "NFC LED Feedback"), as text for transcripts. */
public enum Led {
    TAG_DETECTED("NFC tapCard detect: Green LED - On (125ms), Off (125ms)"),
    BOOKING_ACTIVE("Vehicle Booking Active: Orange LED - On (25ms), Off (1000ms)"),
    LOCK_UNLOCK_COMPLETED("Lock/Unlock completed: Green LED - On (3000ms)"),
    CHECK_IN_OUT_COMPLETED("CheckIn/CheckOut completed: [Green LED - On (500ms), Off (500ms)] x 3"),
    ACTION_IN_PROGRESS("Action in progress: Green LED On (125ms), Orange LED On (125ms)"),
    ACCESS_DENIED("Access denied: Orange LED - On (1500ms)");

    private final String text;

    Led(String text) {
        this.text = text;
    }

    /** The transcript line, e.g. "LED: Access denied: Orange LED - On (1500ms)". */
    public String line() {
        return "LED: " + text;
    }
}
