package dev.portier.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * The rows a benchmark main hands to {@code bin/bench}: one TAB-separated line per hot path (hot path,
 * Portier figure, raw baseline figure, ratio, p50, p99, goal, met), appended to the file named by
 * {@code -Dportier.bench.rows} (default {@code target/bench-rows.tsv} in the working directory).
 */
public final class BenchRows {

    private BenchRows() {
    }

    public static synchronized void append(String hotPath, String portier, String baseline, String ratio, String p50, String p99,
            String goal, boolean met) {
        String line = String.join("\t", Arrays.asList(hotPath, portier, baseline, ratio, p50, p99, goal, met ? "yes" : "no")
                .stream().map(c -> c == null || c.isBlank() ? "-" : c.replace('\t', ' ').replace('\n', ' ')).toList()) + "\n";
        Path file = Path.of(System.getProperty("portier.bench.rows", "target/bench-rows.tsv")).toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.print("ROW " + line);
    }

    /** {@code 12,345} */
    public static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** {@code 0.53×} */
    public static String ratio(double value) {
        return String.format(Locale.ROOT, value >= 10 ? "%.0f×" : "%.2f×", value);
    }

    /** A duration in milliseconds, shown in the unit that reads best: {@code 740 µs}, {@code 4.7 ms}, {@code 1.23 s}. */
    public static String millis(double ms) {
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.0f µs", ms * 1000);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, ms < 10 ? "%.2f ms" : ms < 100 ? "%.1f ms" : "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    /** The result of the JMH benchmark method whose name ends with {@code method}. */
    public static RunResult result(Collection<RunResult> results, String method) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + method));
    }

    public static double score(Collection<RunResult> results, String method) {
        return result(results, method).getPrimaryResult().getScore();
    }

    /** A percentile (0–100) of a sample-time benchmark, in its output unit. */
    public static double percentile(Collection<RunResult> results, String method, double p) {
        Statistics statistics = result(results, method).getPrimaryResult().getStatistics();
        return statistics.getPercentile(p);
    }
}
