package dev.portier.web.csv;

import java.util.List;

/**
 * The outcome of a CSV import: either every row was imported ({@code errors} empty), or none was
 * and {@code errors} lists every bad row, in line order.
 */
public record ImportResult(int imported, List<RowError> errors) {

    public ImportResult {
        errors = List.copyOf(errors);
    }

    static ImportResult imported(int count) {
        return new ImportResult(count, List.of());
    }

    static ImportResult rejected(List<RowError> errors) {
        return new ImportResult(0, errors);
    }

    public boolean succeeded() {
        return errors.isEmpty();
    }
}
