package dev.portier.web.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file read for import, parsed by Apache Commons CSV: UTF-8 (a byte-order mark is skipped),
 * a header row naming the columns (in any order, any case, spaces or hyphens for underscores),
 * {@code ,} or {@code ;} as separator — whichever the header line has more of — and LF or CRLF line
 * ends. Every row remembers the line it starts on, so errors point at the line a spreadsheet shows.
 * Problems with the file as a whole (too big, not UTF-8, broken quotes, unknown columns) end up in
 * {@link #errors()} and leave no rows.
 */
final class CsvTable {

    static final int MAX_BYTES = 10 * 1024 * 1024;
    static final int MAX_ROWS = 100_000;

    /** One data row; {@code get} answers {@code null} for a blank or absent cell. */
    record Row(int line, String[] cells, Map<String, Integer> index) {
        String get(String column) {
            Integer i = index.get(column);
            if (i == null || i >= cells.length || cells[i] == null || cells[i].isBlank()) {
                return null;
            }
            return cells[i];
        }
    }

    private final List<String> columns;
    private final List<Row> rows;
    private final List<RowError> errors;

    private CsvTable(List<String> columns, List<Row> rows, List<RowError> errors) {
        this.columns = columns;
        this.rows = rows;
        this.errors = errors;
    }

    List<String> columns() {
        return columns;
    }

    List<Row> rows() {
        return rows;
    }

    List<RowError> errors() {
        return errors;
    }

    boolean hasColumn(String column) {
        return columns.contains(column);
    }

    /** Reads at most {@link #MAX_BYTES} from {@code in}; {@code knownColumns} are the only columns allowed. */
    static CsvTable read(InputStream in, List<String> knownColumns) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            return failed("The file is larger than " + MAX_BYTES / (1024 * 1024) + " MB: split it into smaller files");
        }
        String text;
        try {
            text = decodeUtf8(bytes);
        } catch (NotUtf8 e) {
            return failed(e.getMessage());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return failed("The file is empty: it needs a header row with the columns " + String.join(", ", knownColumns));
        }
        return parse(text, knownColumns);
    }

    private static CsvTable parse(String text, List<String> knownColumns) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(separatorOf(text)).setIgnoreEmptyLines(true).get();
        int[] lineStarts = lineStarts(text);
        List<String> columns = null;
        Map<String, Integer> index = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            for (CSVRecord record : parser) {
                String[] cells = record.values();
                if (columns == null) {
                    columns = Arrays.stream(cells).map(CsvTable::columnName).toList();
                    if (columns.stream().noneMatch(knownColumns::contains)) {
                        return failed("The first line must be a header row naming the columns: " + String.join(", ", knownColumns));
                    }
                    List<RowError> headerErrors = checkHeader(columns, knownColumns);
                    if (!headerErrors.isEmpty()) {
                        return new CsvTable(columns, List.of(), headerErrors);
                    }
                    for (int i = 0; i < columns.size(); i++) {
                        index.put(columns.get(i), i);
                    }
                    continue;
                }
                if (Arrays.stream(cells).allMatch(String::isBlank)) {
                    continue;
                }
                if (rows.size() == MAX_ROWS) {
                    return failed(String.format("The file has more than %,d rows: split it into smaller files", MAX_ROWS));
                }
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = CsvCells.unescape(cells[i]);
                }
                rows.add(new Row(lineOf(lineStarts, startOf(text, record.getCharacterPosition())), cells, index));
            }
        } catch (UncheckedIOException e) {
            return failed("The file is not valid CSV (check the quotes): " + e.getCause().getMessage());
        }
        return new CsvTable(columns, rows, List.of());
    }

    private static List<RowError> checkHeader(List<String> columns, List<String> knownColumns) {
        List<RowError> errors = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            if (column.isEmpty()) {
                errors.add(new RowError(1, null, "Column " + (i + 1) + " has no name"));
            } else if (!knownColumns.contains(column)) {
                errors.add(new RowError(1, column, "Unknown column \"" + column + "\": the columns are "
                        + String.join(", ", knownColumns)));
            } else if (columns.indexOf(column) < i) {
                errors.add(new RowError(1, column, "The column " + column + " appears twice"));
            }
        }
        return errors;
    }

    /** Rows of a file whose header passed: a row with more values than the header has columns is an error. */
    static List<RowError> extraValues(List<Row> rows, int columnCount) {
        List<RowError> errors = new ArrayList<>();
        for (Row row : rows) {
            String[] cells = row.cells();
            if (cells.length > columnCount && Arrays.stream(cells, columnCount, cells.length).anyMatch(c -> !c.isBlank())) {
                errors.add(new RowError(row.line(), null, "This line has " + cells.length + " values but the header has "
                        + columnCount + " columns: put values with a separator in quotes"));
            }
        }
        return errors;
    }

    private static CsvTable failed(String message) {
        return new CsvTable(List.of(), List.of(), List.of(RowError.ofFile(message)));
    }

    /** Spreadsheets in locales with a decimal comma write {@code ;}; everyone else {@code ,}. */
    private static char separatorOf(String text) {
        int end = 0;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        String header = text.substring(0, end);
        long semicolons = header.chars().filter(c -> c == ';').count();
        long commas = header.chars().filter(c -> c == ',').count();
        return semicolons > commas ? ';' : ',';
    }

    private static String columnName(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }

    /** Offsets at which lines start; CRLF, LF and a lone CR each end a line. */
    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineEnd = c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
            if (lineEnd) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    /** A record's position may be that of the empty lines skipped before it: its text starts after them. */
    private static long startOf(String text, long position) {
        int p = (int) position;
        while (p < text.length() && (text.charAt(p) == '\r' || text.charAt(p) == '\n')) {
            p++;
        }
        return p;
    }

    private static int lineOf(int[] lineStarts, long position) {
        int found = Arrays.binarySearch(lineStarts, (int) position);
        return (found >= 0 ? found : -found - 2) + 1;
    }

    private static String decodeUtf8(byte[] bytes) throws NotUtf8 {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new NotUtf8("The file is not UTF-8 (line " + line + " has a character that is not): "
                    + "save it as \"CSV UTF-8\"");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static final class NotUtf8 extends Exception {
        NotUtf8(String message) {
            super(message, null, false, false);
        }
    }
}
