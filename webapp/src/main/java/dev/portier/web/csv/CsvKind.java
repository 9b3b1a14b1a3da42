package dev.portier.web.csv;

import java.util.List;

/**
 * What a CSV file holds, with its columns in file order. People and cards can be imported and
 * exported with the same columns, so an export imports into another account as it is; grants are
 * exported only (they name locks and sites, which another account does not have).
 */
public enum CsvKind {

    PEOPLE("people", "person", "people", List.of("name", "email", "phone", "notes", "groups")),
    CARDS("cards", "card", "cards", List.of("card_type", "serial_number", "person_email", "label", "state")),
    GRANTS("grants", "grant", "grants", List.of("id", "subject", "target", "valid_from", "valid_until", "schedule",
            "permissions", "delivery", "on_demand_minutes", "status", "created_by", "revoked_by", "revoke_reason"));

    private final String fileNamePrefix;
    private final String singular;
    private final String plural;
    private final List<String> columns;

    CsvKind(String fileNamePrefix, String singular, String plural, List<String> columns) {
        this.fileNamePrefix = fileNamePrefix;
        this.singular = singular;
        this.plural = plural;
        this.columns = columns;
    }

    public List<String> columns() {
        return columns;
    }

    public boolean importable() {
        return this != GRANTS;
    }

    String fileNamePrefix() {
        return fileNamePrefix;
    }

    /** "1 person", "12 people". */
    public String count(int n) {
        return String.format("%,d %s", n, n == 1 ? singular : plural);
    }

    public String plural() {
        return plural;
    }
}
