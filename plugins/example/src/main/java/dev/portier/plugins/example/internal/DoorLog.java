package dev.portier.plugins.example.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.plugin.api.EventPulling.PulledEvents;
import dev.portier.plugin.api.LockDirectory;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugins.example.internal.DoorControllerClient.Answer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The controller's numbered log as Portier events: pulled page by page after a {@link LogCursor}, and
 * pushed by the controller's webhook in the same entry format. Entries of doors that are not locks of
 * the connection are left out.
 */
final class DoorLog {

    private final DoorControllerClient client;
    private final ControllerGuard guard;
    private final LockDirectory locks;

    DoorLog(DoorControllerClient client, ControllerGuard guard, LockDirectory locks) {
        this.client = client;
        this.guard = guard;
        this.locks = locks;
    }

    /** One page after {@code cursor}. Blocks on the controller; a failure throws (the host backs off). */
    PulledEvents pull(String cursor) {
        LogCursor from = LogCursor.parse(cursor);
        Answer answer = guard.call(() -> client.log(from.after()));
        if (!answer.ok() || !answer.body().path("entries").isArray()) {
            throw guard.unexpected(answer);
        }
        JsonNode entries = answer.body().path("entries");
        SortedSet<Long> numbers = new TreeSet<>();
        entries.forEach(entry -> numbers.add(entry.path("number").asLong()));
        LogCursor.Step step = from.next(numbers, entries.size() >= DoorControllerClient.LOG_PAGE);
        return new PulledEvents(events(entries), step.cursor().format(), step.more());
    }

    /** The events of a page or webhook body's {@code entries}, for the connection's locks. */
    List<LockEvent> events(JsonNode entries) {
        List<LockEvent> events = new ArrayList<>();
        for (JsonNode entry : entries) {
            String door = entry.path("door").asText();
            Optional<LockRef> lock = locks.byVendorReference(door);
            lock.ifPresent(known -> events.add(new LockEvent(known.lockId(), entry.path("number").asLong(),
                    Instant.parse(entry.path("at").asText()), entry.path("type").asText(), Map.of("door", door))));
        }
        return events;
    }
}
