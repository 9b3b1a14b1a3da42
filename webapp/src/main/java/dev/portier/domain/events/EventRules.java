package dev.portier.domain.events;

import dev.portier.plugin.api.LockEvent;
import dev.portier.platform.validation.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What a lock event must look like before anything of its batch is written. */
final class EventRules {

    static final int MAX_BATCH = 1000;
    static final int MAX_TYPE = 64;
    static final int MAX_DETAILS = 32;
    static final int MAX_DETAIL_KEY = 64;
    static final int MAX_DETAIL_VALUE = 500;
    /** More problems than anyone reads at once; the rest of a bad batch is not worth listing. */
    private static final int MAX_REPORTED = 10;
    private static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9-]{0,15}");

    private EventRules() {
    }

    static void checkSource(String source) {
        if (source == null || !SOURCE.matcher(source).matches()) {
            throw new IllegalArgumentException("A source is a short lower-case word like \"driver\", not " + source);
        }
    }

    /**
     * Checks every event of a batch for {@code lockId} (an event naming no lock belongs to it) and
     * throws all problems found, each under {@code events[i].field}.
     */
    static void checkBatch(String lockId, List<LockEvent> events) {
        if (events == null) {
            throw ValidationException.of("events", "The events are needed (an empty list is fine)");
        }
        if (events.size() > MAX_BATCH) {
            throw ValidationException.of("events", "At most " + MAX_BATCH + " events in one batch, not " + events.size()
                    + "; send the rest in another batch");
        }
        ValidationException.Collector problems = new ValidationException.Collector();
        int reported = 0;
        for (int i = 0; i < events.size() && reported < MAX_REPORTED; i++) {
            String problem = problem(lockId, events.get(i));
            if (problem != null) {
                problems.add(field(i, problem), "Event " + (i + 1) + " of the batch: " + problem.substring(problem.indexOf(':') + 2));
                reported++;
            }
        }
        problems.throwIfAny();
    }

    static void checkOne(LockEvent event) {
        if (event == null) {
            throw ValidationException.of("event", "An event is needed");
        }
        if (event.lockId() == null || event.lockId().isBlank()) {
            throw ValidationException.of("lockId", "The event names no lock");
        }
        String problem = problem(event.lockId(), event);
        if (problem != null) {
            String field = problem.substring(0, problem.indexOf(':'));
            throw ValidationException.of(field, Character.toUpperCase(problem.charAt(field.length() + 2))
                    + problem.substring(field.length() + 3));
        }
    }

    /** "field: what is wrong", or null when the event is fine. */
    private static String problem(String lockId, LockEvent event) {
        if (event == null) {
            return "event: it is empty";
        }
        if (event.lockId() != null && !event.lockId().equals(lockId)) {
            return "lockId: it names lock " + event.lockId() + ", but the batch is for lock " + lockId;
        }
        if (event.type() == null || event.type().isBlank()) {
            return "type: the type is needed";
        }
        if (event.type().length() > MAX_TYPE) {
            return "type: the type has " + event.type().length() + " characters, at most " + MAX_TYPE + " are allowed";
        }
        if (event.entryNumber() != null && event.entryNumber() < 1) {
            return "entryNumber: the entry number is " + event.entryNumber() + "; entry numbers start at 1";
        }
        if (event.occurredAt() == null) {
            return "occurredAt: the time the event occurred is needed";
        }
        return detailsProblem(event.details());
    }

    private static String detailsProblem(Map<String, String> details) {
        if (details.size() > MAX_DETAILS) {
            return "details: " + details.size() + " details, at most " + MAX_DETAILS + " are allowed";
        }
        for (Map.Entry<String, String> detail : details.entrySet()) {
            if (detail.getKey().isBlank() || detail.getKey().length() > MAX_DETAIL_KEY) {
                return "details: a detail's name has 1 to " + MAX_DETAIL_KEY + " characters, not \""
                        + abbreviate(detail.getKey()) + "\"";
            }
            if (detail.getValue().length() > MAX_DETAIL_VALUE) {
                return "details: the detail " + abbreviate(detail.getKey()) + " has " + detail.getValue().length()
                        + " characters, at most " + MAX_DETAIL_VALUE + " are allowed";
            }
        }
        return null;
    }

    private static String field(int index, String problem) {
        return "events[" + index + "]." + problem.substring(0, problem.indexOf(':'));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
