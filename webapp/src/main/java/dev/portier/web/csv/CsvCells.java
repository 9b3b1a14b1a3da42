package dev.portier.web.csv;

/**
 * Keeps spreadsheets from running cell text as formulas (CSV or formula injection): a cell whose
 * text, after any leading apostrophes, starts with {@code = + - @}, a tab or a carriage return gets
 * one more apostrophe in front on export, and loses exactly one on import. The two are inverse, so
 * every value survives an export and re-import unchanged — E.164 phone numbers ({@code +47…})
 * included, which are escaped like any other cell.
 */
public final class CsvCells {

    private CsvCells() {
    }

    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        return startsLikeFormula(value) ? "'" + value : value;
    }

    static String unescape(String cell) {
        if (cell == null) {
            return null;
        }
        return cell.startsWith("'") && startsLikeFormula(cell) ? cell.substring(1) : cell;
    }

    private static boolean startsLikeFormula(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) == '\'') {
            i++;
        }
        if (i == text.length()) {
            return false;
        }
        char c = text.charAt(i);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
