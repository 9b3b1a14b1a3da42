package dev.portier.plugins.tapkey.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.plugin.api.EventPulling.PulledEvents;
import dev.portier.plugin.api.LockDirectory;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.LockRef;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Lock logs from {@code LogEntries}, by arrival. Phones carry entries to Tapkey late and out of order, so
 * the cursor follows {@code receivedAt} (Tapkey's arrival time), never the lock's clock: an entry that
 * arrives late — whatever its entry number or lock timestamp — arrives after the cursor and is read. The
 * cursor is {@code v2|<receivedAt millis>|<how many were read at that instant>|<the last of their ids>}; a page
 * asks for entries received at or after it, ordered by arrival (then entry number and id), skips as many as
 * were read at that instant and still leaves out the remembered ids (a server that ignores the order or filter). Entries become events with the
 * lock's entry number, which the host uses to order the timeline and show gaps until they fill.
 */
final class LogReader {

    private final Supplier<TapkeyClient> client;
    private final LockCatalogue locks;
    private final Grantees grantees;
    private final LockDirectory directory;
    private final int pageSize;

    LogReader(Supplier<TapkeyClient> client, LockCatalogue locks, Grantees grantees, LockDirectory directory, int pageSize) {
        this.client = client;
        this.locks = locks;
        this.grantees = grantees;
        this.directory = directory;
        this.pageSize = pageSize;
    }

    /** Ids kept in the cursor to leave out entries read before; the count, not the ids, decides the skip. */
    private static final int REMEMBERED_IDS = 40;

    /**
     * Where the next page starts: entries received at or after {@code receivedAt}, skipping the {@code read} ones
     * already read at that instant. The cursor stays short (the host keeps it in a 2000-character column) however
     * many entries arrive in one millisecond: only the last {@value #REMEMBERED_IDS} ids are kept, to leave out
     * repeats from a server that ignores the order.
     */
    private record Cursor(Instant receivedAt, int read, Set<String> ids) {
        static Cursor parse(String text) {
            if (text == null || !(text.startsWith("v1|") || text.startsWith("v2|"))) {
                return new Cursor(Instant.EPOCH, 0, Set.of());
            }
            String[] parts = text.split("\\|", -1);
            try {
                boolean v2 = text.startsWith("v2|");
                String idList = v2 ? (parts.length > 3 ? parts[3] : "") : (parts.length > 2 ? parts[2] : "");
                Set<String> ids = new LinkedHashSet<>();
                if (!idList.isEmpty()) {
                    ids.addAll(List.of(idList.split(",")));
                }
                int read = v2 ? Integer.parseInt(parts[2]) : ids.size();
                return new Cursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), read, ids);
            } catch (RuntimeException e) {
                return new Cursor(Instant.EPOCH, 0, Set.of());
            }
        }

        String text() {
            List<String> recent = new ArrayList<>(ids);
            return "v2|" + receivedAt.toEpochMilli() + "|" + read + "|"
                    + String.join(",", recent.subList(Math.max(0, recent.size() - REMEMBERED_IDS), recent.size()));
        }
    }

    PulledEvents pull(String cursorText) throws IOException, InterruptedException {
        Cursor cursor = Cursor.parse(cursorText);
        TapkeyClient tapkey = client.get();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", "receivedAt ge " + TapkeyJson.format(cursor.receivedAt()));
        query.put("$orderby", "receivedAt asc,entryNo asc,id asc");
        // The entries at the cursor's instant that were read come first in this order: skip them.
        query.put("$skip", Integer.toString(cursor.read()));
        query.put("$top", Integer.toString(pageSize));
        JsonNode page = tapkey.get(tapkey.owned("LogEntries"), query);
        if (!page.isArray()) {
            throw new TapkeyClient.TapkeyException(0, "Tapkey answered LogEntries with something other than a JSON array",
                    page.toString());
        }
        List<JsonNode> entries = new ArrayList<>();
        page.forEach(entries::add);
        entries.sort(Comparator.comparing((JsonNode entry) -> Optional.ofNullable(TapkeyJson.instant(entry, "receivedAt"))
                .orElse(Instant.EPOCH)).thenComparing(entry -> Optional.ofNullable(TapkeyJson.number(entry, "entryNo")).orElse(0L)));
        Instant newest = cursor.receivedAt();
        Set<String> atNewest = new LinkedHashSet<>(cursor.ids());
        int readAtNewest = cursor.read();
        List<LockEvent> events = new ArrayList<>();
        for (JsonNode entry : entries) {
            String id = TapkeyJson.text(entry, "id");
            Instant received = TapkeyJson.instant(entry, "receivedAt");
            if (id == null || received == null || received.isBefore(cursor.receivedAt())
                    || (received.equals(cursor.receivedAt()) && cursor.ids().contains(id))) {
                continue; // read before (the server ignored the filter, or the entry is at the cursor's instant)
            }
            if (received.isAfter(newest)) {
                newest = received;
                atNewest.clear();
                readAtNewest = 0;
            }
            atNewest.add(id);
            readAtNewest++;
            event(entry, received).ifPresent(events::add);
        }
        events.sort(Comparator.comparing(LockEvent::lockId).thenComparing(event -> event.entryNumber() == null ? 0L : event.entryNumber()));
        return new PulledEvents(events, new Cursor(newest, readAtNewest, atNewest).text(), page.size() >= pageSize);
    }

    private Optional<LockEvent> event(JsonNode entry, Instant received) throws IOException, InterruptedException {
        String boundLockId = TapkeyJson.text(entry, "boundLockId");
        if (boundLockId == null) {
            return Optional.empty();
        }
        Optional<LockRef> lock = locks.byBoundLockId(boundLockId)
                .flatMap(facts -> directory.byVendorReference(facts.physicalLockId()));
        if (lock.isEmpty()) {
            return Optional.empty(); // a lock not imported into Portier
        }
        String logType = TapkeyJson.text(entry, "logType");
        String command = TapkeyJson.text(entry, "command");
        String contactId = TapkeyJson.text(entry, "contactId");
        String cardId = TapkeyJson.text(entry, "boundCardId");
        Map<String, String> details = new LinkedHashMap<>();
        details.put("tapkeyLogEntryId", TapkeyJson.text(entry, "id"));
        details.put("receivedAt", received.toString());
        put(details, "logType", logType);
        put(details, "command", command);
        put(details, "tapkeyContactId", contactId);
        put(details, "tapkeyBoundCardId", cardId);
        Instant occurred = Optional.ofNullable(TapkeyJson.instant(entry, "lockTimestamp")).orElse(received);
        return Optional.of(new LockEvent(lock.get().lockId(), TapkeyJson.number(entry, "entryNo"), occurred, type(logType, command),
                details, grantees.subject(contactId, cardId)));
    }

    /** "UNLOCKED" for a TriggerLock command (Tapkey's unlock); other kinds keep Tapkey's names. */
    static String type(String logType, String command) {
        if ("TriggerLock".equalsIgnoreCase(command)) {
            return "UNLOCKED";
        }
        String name = command != null ? command : logType != null ? logType : "Unknown";
        return "TAPKEY_" + name.replaceAll("([a-z])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_").toUpperCase(Locale.ROOT);
    }

    private static void put(Map<String, String> details, String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
