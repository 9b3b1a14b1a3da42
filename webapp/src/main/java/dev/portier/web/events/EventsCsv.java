package dev.portier.web.events;

import dev.portier.domain.events.EventFilter;
import dev.portier.domain.events.EventList;
import dev.portier.domain.events.EventLog;
import dev.portier.domain.events.RecordedEvent;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.identity.accounts.Audited;
import dev.portier.web.csv.CsvCells;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the filtered event list as CSV, like the other exports ({@code csv.CsvExportService}):
 * RFC 4180, UTF-8 with a byte-order mark, cells escaped against formula injection, newest first,
 * streamed a page at a time (by key, so a million events cost no more per page than the first
 * thousand). VIEWERs may export; each export writes one audit entry.
 */
@Singleton
public final class EventsCsv {

    public static final List<String> COLUMNS = List.of("occurred_at", "received_at", "lock", "lock_id", "entry_number", "type",
            "details", "source", "connection_id");
    private static final int PAGE = 1000;

    private final EventList events;
    private final AccountService accounts;
    private final Authorization authorization;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    EventsCsv(EventList events, AccountService accounts, Authorization authorization, AuditLog audit, Clock clock) {
        this.events = events;
        this.accounts = accounts;
        this.authorization = authorization;
        this.audit = audit;
        this.clock = clock;
    }

    /** Like {@code events-2026-11-23.csv}, dated in the account's time zone. */
    public String fileName(SignedInUser who) {
        return "events-" + LocalDate.ofInstant(clock.instant(), ZoneId.of(accounts.current(who).timeZone())) + ".csv";
    }

    /** Writes every event the filter matches to {@code out} (which stays open) and answers how many. */
    public int export(SignedInUser who, EventFilter filter, OutputStream out) throws IOException {
        authorization.require(who, Role.VIEWER);
        int written = 0;
        boolean complete = false;
        try {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write('\uFEFF');
            CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
            printer.printRecord(COLUMNS);
            RecordedEvent last = null;
            while (true) {
                List<RecordedEvent> page = events.after(who, filter, last, PAGE);
                for (RecordedEvent e : page) {
                    printer.printRecord(Arrays.asList(iso(e.occurredAt()), iso(e.receivedAt()), e.lockName(), e.lockId(),
                            e.entryNumber() == null ? null : e.entryNumber().toString(), e.type(), EventLog.json(e.details()),
                            e.source(), e.connectionId()).stream().map(CsvCells::escape));
                }
                written += page.size();
                printer.flush();
                if (page.size() < PAGE) {
                    break;
                }
                last = page.getLast();
            }
            complete = true;
            return written;
        } finally {
            audit.record(who.accountId(), Audited.by(who), AuditAction.EXPORTED,
                    String.format("%,d %s as CSV", written, written == 1 ? "event" : "events"),
                    complete ? describe(filter) : "interrupted before the end");
        }
    }

    /** The filter in the audit entry, so one can tell later what was exported. */
    private static String describe(EventFilter filter) {
        StringBuilder text = new StringBuilder();
        append(text, "lock", filter.lockId());
        append(text, "type", filter.type());
        append(text, "from", filter.from() == null ? null : filter.from().toString());
        append(text, "until", filter.until() == null ? null : filter.until().toString());
        append(text, "search", filter.text());
        return text.isEmpty() ? null : text.toString();
    }

    private static void append(StringBuilder text, String name, String value) {
        if (value != null && !value.isBlank()) {
            text.append(text.isEmpty() ? "" : ", ").append(name).append(' ').append(value.strip());
        }
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
