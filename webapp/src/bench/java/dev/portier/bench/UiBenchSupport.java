package dev.portier.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What the two UI benchmarks (people grid, idle session heap) share. */
final class UiBenchSupport {

    private UiBenchSupport() {
    }

    /** WARN and above only, set before the first logger so the console does not take part in the measurement. */
    static void quietLogging(Path dir) throws IOException {
        Path logback = dir.resolve("logback.xml");
        Files.writeString(logback, "<configuration><appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">"
                + "<encoder><pattern>%d{HH:mm:ss} %-5level %logger{20} %msg%n</pattern></encoder></appender>"
                + "<root level=\"WARN\"><appender-ref ref=\"out\"/></root></configuration>");
        System.setProperty("logback.configurationFile", logback.toString());
        // The bench class path has target/bench/classes, whose Vaadin token file the packaging step moved into
        // portier.jar: without it Vaadin would look for its development tools.
        System.setProperty("vaadin.productionMode", "true");
    }

    /** Nearest-rank percentile (0–100) of the values. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
