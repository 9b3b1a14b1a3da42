package dev.portier.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Appends a hot path's result row to the report's row file: system property {@code portier.bench.rows}
 * (absolute path), else {@code target/bench-rows.tsv} in the working directory. Eight TAB-separated
 * columns: hot path, Portier figure, raw baseline figure, ratio, p50, p99, goal, met.
 */
public final class BenchRowFile {

    private BenchRowFile() {
    }

    public static void append(String hotPath, String portier, String baseline, double ratio, String p50, String p99, String goal,
            boolean met) {
        append(hotPath, portier, baseline, Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f×", ratio), p50, p99, goal,
                met ? "yes" : "no");
    }

    public static void append(String... cells) {
        if (cells.length != 8) {
            throw new IllegalArgumentException("A row has 8 cells, not " + cells.length);
        }
        Path file = Path.of(System.getProperty("portier.bench.rows", "target/bench-rows.tsv"));
        String line = String.join("\t", java.util.Arrays.stream(cells).map(c -> c == null || c.isBlank() ? "-" : c.replace('\t', ' '))
                .toList()) + "\n";
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the bench row to " + file, e);
        }
        System.out.print("bench row: " + line);
    }

    /** {@code 4,812 req/s}-style figures. */
    public static String rate(double perSecond, String unit) {
        return String.format(Locale.ROOT, "%,.0f %s", perSecond, unit);
    }

    /** A duration in microseconds as µs below 1 ms, else ms. */
    public static String micros(double micros) {
        return micros < 1000 ? String.format(Locale.ROOT, "%.0f µs", micros) : String.format(Locale.ROOT, "%.2f ms", micros / 1000);
    }
}
