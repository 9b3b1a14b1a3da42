package dev.portier.web.csv;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.identity.accounts.Audited;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardService;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.PageRequest;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantFilter;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.groups.GroupKind;
import dev.portier.domain.groups.GroupService;
import dev.portier.domain.people.PersonService;
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
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the signed-in user's people, cards or grants as CSV: RFC 4180 (comma, CRLF, quotes where
 * needed), UTF-8 with a byte-order mark so spreadsheets read non-ASCII names right, cells escaped
 * against formula injection ({@link CsvCells}). People and cards have the import's columns, so an
 * export imports elsewhere as it is. Rows are read from the services a page at a time and written
 * as they come, never the whole list in memory. VIEWERs may export: they can read all of it anyway.
 * Each export writes one audit entry.
 */
@Singleton
public final class CsvExportService {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180;
    private static final int PAGE = PageRequest.MAX_LIMIT;

    private final PersonService people;
    private final CardService cards;
    private final GrantService grants;
    private final AccountService accounts;
    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    CsvExportService(PersonService people, CardService cards, GrantService grants, AccountService accounts, Database database,
            Authorization authorization, AuditLog audit, Clock clock) {
        this.people = people;
        this.cards = cards;
        this.grants = grants;
        this.accounts = accounts;
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.clock = clock;
    }

    /** Like {@code people-2026-11-23.csv}, dated in the account's time zone. */
    public String fileName(SignedInUser who, CsvKind kind) {
        ZoneId zone = ZoneId.of(accounts.current(who).timeZone());
        return kind.fileNamePrefix() + "-" + LocalDate.ofInstant(clock.instant(), zone) + ".csv";
    }

    /** Writes the whole export to {@code out} (which stays open) and answers the number of rows. */
    public int export(SignedInUser who, CsvKind kind, OutputStream out) throws IOException {
        authorization.require(who, Role.VIEWER);
        int[] written = {0};
        boolean complete = false;
        try {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write('\uFEFF');
            CSVPrinter printer = new CSVPrinter(writer, FORMAT);
            printer.printRecord(kind.columns());
            switch (kind) {
                case PEOPLE -> pages(page -> people.list(who, null, page), page -> {
                    // One look-up per page for the people groups (names joined with "; ", as the import reads them).
                    Map<String, List<String>> groups = database.jdbi().withHandle(h -> GroupService.groupNamesOf(h, who.accountId(),
                            GroupKind.PEOPLE, page.stream().map(p -> p.id()).toList()));
                    return page.stream().map(p -> Arrays.asList(p.name(), p.email(), p.phone(), p.notes(),
                            String.join("; ", groups.getOrDefault(p.id(), List.of())))).toList();
                }, printer, written);
                case CARDS -> pages(page -> cards.list(who, null, page), page -> cardRows(who, page), printer, written);
                case GRANTS -> {
                    Instant now = clock.instant();
                    pages(page -> grants.list(who, GrantFilter.NONE, page), page -> page.stream().map(g -> grantRow(g, now)).toList(),
                            printer, written);
                }
            }
            printer.flush();
            complete = true;
            return written[0];
        } finally {
            audit.record(who.accountId(), Audited.by(who), AuditAction.EXPORTED, kind.count(written[0]) + " as CSV",
                    complete ? null : "interrupted before the end");
        }
    }

    /** Cards name their person by email, which the card list does not carry: one look-up per page. */
    private List<List<String>> cardRows(SignedInUser who, List<Card> page) {
        List<String> personIds = page.stream().map(Card::personId).filter(Objects::nonNull).distinct().toList();
        Map<String, String> emails = personIds.isEmpty() ? Map.of()
                : database.jdbi().withHandle(h -> ExistingRows.emailsById(h, who.accountId(), personIds));
        return page.stream().map(c -> Arrays.asList(c.cardType().name(), c.serialNumber(),
                c.personId() == null ? null : emails.get(c.personId()), c.label(), c.state().name())).toList();
    }

    private static List<String> grantRow(Grant g, Instant now) {
        return Arrays.asList(g.id(), g.subjectLabel(), g.targetLabel(), iso(g.validFrom()), iso(g.validUntil()),
                g.schedule() == null ? null : g.schedule().format(),
                g.permissions().stream().sorted().map(Enum::name).collect(Collectors.joining(",")),
                g.delivery().name(), Integer.toString(g.onDemandMinutes()), g.status(now).name(), g.createdBy(),
                g.revokedBy(), g.revokeReason());
    }

    /** One page from a service after another, written as it comes, until a short page. */
    private static <T> void pages(Function<PageRequest, List<T>> list, Function<List<T>, List<List<String>>> rows,
            CSVPrinter printer, int[] written) throws IOException {
        for (int offset = 0; ; offset += PAGE) {
            List<T> page = list.apply(new PageRequest(offset, PAGE));
            for (List<String> row : rows.apply(page)) {
                printer.printRecord(row.stream().map(CsvCells::escape));
            }
            written[0] += page.size();
            printer.flush();
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
