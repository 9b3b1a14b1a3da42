package dev.portier.web.csv;

import java.time.Instant;
import java.util.List;
import java.util.function.IntConsumer;
import org.jdbi.v3.core.Handle;

/**
 * How the rows of one kind of file are checked and inserted. {@code check} applies the same rules
 * the kind's service applies to a form, plus uniqueness within the file and against the account's
 * rows; {@code insert} goes through the service's batch insert, which checks again inside the
 * import's transaction.
 *
 * @param <D> the service's draft type, normalised
 */
interface RowImporter<D> {

    /** A row that passed every check, with the line it came from. */
    record Line<D>(int line, D draft) {
    }

    /** The rows that passed and the problems of those that did not. */
    record Checked<D>(List<Line<D>> valid, List<RowError> errors) {
    }

    CsvKind kind();

    /** Problems with the header: required columns that are missing. */
    List<RowError> checkColumns(CsvTable table);

    /** Checks every row; calls {@code rowsDone} with the number of rows checked so far. */
    Checked<D> check(Handle h, String accountId, List<CsvTable.Row> rows, IntConsumer rowsDone);

    void insert(Handle h, String accountId, D draft, Instant at);

    /** Once the import's transaction has committed: what follows it (e.g. listeners of grants given through groups). */
    default void afterCommit() {
    }

    /** The CSV column a service's field error belongs to. */
    String columnOf(String field);
}
