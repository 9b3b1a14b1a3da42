package dev.portier.domain.events;

/** One row of a lock's timeline: an event, or a run of entry numbers not received yet. */
public sealed interface TimelineRow {

    /** A stable key for grids: the event's id, or the gap's range. */
    String key();

    /** A stored event. */
    record Event(RecordedEvent event) implements TimelineRow {
        @Override
        public String key() {
            return event.id();
        }
    }

    /**
     * Entries {@code from} to {@code to} (both included) that the lock numbered but Portier has not
     * received: they lie between two received entries.
     */
    record Gap(long from, long to) implements TimelineRow {
        @Override
        public String key() {
            return "gap-" + from + "-" + to;
        }

        /** "Entry 17 not received yet", "Entries 17–19 not received yet". */
        public String label() {
            return from == to ? "Entry " + from + " not received yet" : "Entries " + from + "–" + to + " not received yet";
        }
    }
}
