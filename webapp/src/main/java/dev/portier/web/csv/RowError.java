package dev.portier.web.csv;

/**
 * One problem in an imported file: the line it is on (1 is the header; 0 means the file as a
 * whole), the column (may be {@code null}) and what is wrong, in words for the person who fixes it.
 */
public record RowError(int line, String column, String message) {

    static RowError ofFile(String message) {
        return new RowError(0, null, message);
    }

    /** "line 7", or "file" for a problem of the whole file. */
    public String where() {
        return line == 0 ? "file" : "line " + line;
    }

    @Override
    public String toString() {
        return where() + (column == null ? "" : ", " + column) + ": " + message;
    }
}
