package dev.portier.plugins.example.internal;

import java.util.SortedSet;

/**
 * Where the next pull of the controller's log starts, as the opaque cursor string the host keeps.
 * The controller numbers one log for all doors, but may deliver entries late (a door that was offline
 * uploads its buffer) — a gap in the numbers. The cursor stays below the first gap, so a late entry is
 * still fetched; entries after the gap are fetched again meanwhile, which the host's per-(lock, entry
 * number) idempotence absorbs. A gap that stays open for {@link #GAP_PATIENCE} pulls is given up: the
 * controller lost the entry, and waiting longer would re-read the same page for ever.
 *
 * @param contiguous every entry up to this number has been received
 * @param waited     how many pulls the first gap above {@code contiguous} has held the cursor back
 */
record LogCursor(long contiguous, int waited) {

    static final int GAP_PATIENCE = 5;

    /** One pull's outcome: the new cursor and whether to pull again at once. */
    record Step(LogCursor cursor, boolean more) {
    }

    /** The host's cursor; {@code null} (first pull) or one this driver did not write starts at the beginning. */
    static LogCursor parse(String cursor) {
        if (cursor == null) {
            return new LogCursor(0, 0);
        }
        try {
            String[] parts = cursor.split("~", 2);
            return new LogCursor(Long.parseLong(parts[0]), parts.length == 2 ? Integer.parseInt(parts[1]) : 0);
        } catch (NumberFormatException e) {
            // Reading the log again from the start is harmless (idempotent events); failing would retry for ever.
            return new LogCursor(0, 0);
        }
    }

    /** The entry number to ask for entries after. */
    long after() {
        return contiguous;
    }

    /** Moves past the numbers of a page; {@code pageFull} when the controller may have more. */
    Step next(SortedSet<Long> received, boolean pageFull) {
        long reached = contiguous;
        for (long number : received) {
            if (number == reached + 1) {
                reached = number;
            } else if (number > reached + 1) {
                break;
            }
        }
        boolean gap = !received.isEmpty() && received.last() > reached;
        if (!gap) {
            return new Step(new LogCursor(reached, 0), pageFull);
        }
        int waitedAtThisGap = reached > contiguous ? 0 : waited;
        if (waitedAtThisGap + 1 >= GAP_PATIENCE) {
            return new Step(new LogCursor(received.last(), 0), pageFull);
        }
        // Pulling again at once would read the same page: wait for the next interval.
        return new Step(new LogCursor(reached, waitedAtThisGap + 1), false);
    }

    /** The cursor as the host stores it: "17", or "17~2" while a gap holds it back. */
    String format() {
        return waited == 0 ? Long.toString(contiguous) : contiguous + "~" + waited;
    }
}
