package dev.portier.web.csv;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.domain.groups.GroupService;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.identity.accounts.Audited;
import dev.portier.platform.db.Database;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Imports people or cards from a CSV file (see {@link CsvTable} for the format) into the signed-in
 * user's account; MANAGERs and OWNERs only. All or nothing: every row is checked first with the
 * services' own rules, and a file with any bad row imports nothing and reports every problem. A good
 * file is inserted in one transaction with one audit entry ("120 people from staff.csv").
 * Files are capped at {@value CsvTable#MAX_BYTES} bytes and {@value CsvTable#MAX_ROWS} rows.
 */
@Singleton
public final class CsvImportService {

    private static final int PROGRESS_STEP = 250;

    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    private final GroupService groups;
    private final Clock clock;

    @Inject
    CsvImportService(Database database, Authorization authorization, AuditLog audit, Clock clock, GroupService groups) {
        this.groups = groups;
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether {@code who} may import into their account (the UI hides the import button otherwise). */
    public boolean mayImport(SignedInUser who) {
        return authorization.roleOf(who).map(role -> role.includes(Role.MANAGER)).orElse(false);
    }

    /**
     * Reads {@code csv} (at most {@value CsvTable#MAX_BYTES} bytes of it) and imports it, or reports
     * why not. May take seconds for a large file: call it off the UI thread. {@code fileName} only
     * names the file in the audit entry.
     */
    public ImportResult importFile(SignedInUser who, CsvKind kind, String fileName, InputStream csv, ImportProgress progress)
            throws IOException {
        return switch (kind) {
            case PEOPLE -> run(who, new PeopleImport(groups, who.email()), fileName, csv, progress);
            case CARDS -> run(who, new CardsImport(), fileName, csv, progress);
            case GRANTS -> throw new IllegalArgumentException("Grants are exported only");
        };
    }

    private <D> ImportResult run(SignedInUser who, RowImporter<D> importer, String fileName, InputStream csv,
            ImportProgress progress) throws IOException {
        authorization.require(who, Role.MANAGER);
        CsvTable table = CsvTable.read(csv, importer.kind().columns());
        if (!table.errors().isEmpty()) {
            return ImportResult.rejected(table.errors());
        }
        List<RowError> headerErrors = importer.checkColumns(table);
        if (!headerErrors.isEmpty()) {
            return ImportResult.rejected(headerErrors);
        }
        List<CsvTable.Row> rows = table.rows();
        if (rows.isEmpty()) {
            return ImportResult.rejected(List.of(RowError.ofFile("The file has no rows below the header")));
        }
        int total = rows.size();
        RowImporter.Checked<D> checked = database.jdbi().withHandle(h -> importer.check(h, who.accountId(), rows,
                done -> report(progress, ImportProgress.Stage.VALIDATING, done, total)));
        List<RowError> errors = new ArrayList<>(CsvTable.extraValues(rows, table.columns().size()));
        errors.addAll(checked.errors());
        if (!errors.isEmpty()) {
            return ImportResult.rejected(inFileOrder(errors, importer.kind()));
        }
        return insert(who, importer, fileName, checked.valid(), progress);
    }

    private <D> ImportResult insert(SignedInUser who, RowImporter<D> importer, String fileName, List<RowImporter.Line<D>> lines,
            ImportProgress progress) {
        Instant at = clock.instant();
        int total = lines.size();
        try {
            database.jdbi().useTransaction(h -> {
                int done = 0;
                for (RowImporter.Line<D> line : lines) {
                    try {
                        importer.insert(h, who.accountId(), line.draft(), at);
                    } catch (ConflictException e) {
                        throw new RowRejected(new RowError(line.line(), importer.columnOf(e.field()), e.getMessage()));
                    } catch (ValidationException e) {
                        String field = e.fieldErrors().keySet().iterator().next();
                        throw new RowRejected(new RowError(line.line(), importer.columnOf(field), e.getMessage()));
                    }
                    report(progress, ImportProgress.Stage.IMPORTING, ++done, total);
                }
                audit.record(h, who.accountId(), Audited.by(who), AuditAction.IMPORTED,
                        importer.kind().count(total) + " from " + displayName(fileName), null);
            });
        } catch (RowRejected e) {
            // Someone else changed the account between the check and the insert; the transaction rolled back.
            return ImportResult.rejected(List.of(e.error));
        }
        importer.afterCommit();
        return ImportResult.imported(total);
    }

    private static void report(ImportProgress progress, ImportProgress.Stage stage, int done, int total) {
        if (done % PROGRESS_STEP == 0 || done == total) {
            progress.update(stage, done, total);
        }
    }

    private static List<RowError> inFileOrder(List<RowError> errors, CsvKind kind) {
        Comparator<RowError> byColumn = Comparator.comparingInt(e -> e.column() == null ? -1 : kind.columns().indexOf(e.column()));
        return errors.stream().sorted(Comparator.comparingInt(RowError::line).thenComparing(byColumn)).toList();
    }

    private static String displayName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "a file";
        }
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).strip();
        return name.length() > 100 ? name.substring(0, 100) : name;
    }

    /** Ends the import transaction (rolling it back) when a row fails inside it. */
    private static final class RowRejected extends RuntimeException {
        private final transient RowError error;

        RowRejected(RowError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}
