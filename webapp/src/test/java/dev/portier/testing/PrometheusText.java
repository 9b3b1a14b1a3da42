package dev.portier.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, written from the format's
 * specification (prometheus.io/docs/instrumenting/exposition_formats) and sharing no code with
 * Micrometer or the Prometheus client that produce {@code /metrics}: it refuses what a Prometheus
 * server would refuse (bad names, bad escapes, unparsable values, a TYPE after its samples, a family
 * split in two, the same series twice).
 */
public final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample: name, labels (sorted) and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final Map<String, String> types = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusText() {
    }

    /** @throws IllegalArgumentException naming the line that breaks the format */
    public static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        Set<String> seenSeries = new HashSet<>();
        Set<String> closedFamilies = new HashSet<>();
        String currentFamily = null;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (line.startsWith("#")) {
                    String[] parts = line.split(" ", 4);
                    if (parts.length >= 3 && (parts[1].equals("TYPE") || parts[1].equals("HELP"))) {
                        name(parts[2]);
                        if (parts[1].equals("TYPE")) {
                            String type = parts.length == 4 ? parts[3] : "";
                            if (!TYPES.contains(type)) {
                                throw new IllegalArgumentException("unknown type '" + type + "'");
                            }
                            if (parsed.types.put(parts[2], type) != null) {
                                throw new IllegalArgumentException("a second TYPE for " + parts[2]);
                            }
                            if (closedFamilies.contains(parts[2]) || parts[2].equals(currentFamily)) {
                                throw new IllegalArgumentException("TYPE of " + parts[2] + " after its samples");
                            }
                        }
                    }
                    continue;
                }
                Sample sample = sample(line);
                String family = parsed.familyOf(sample.name());
                if (!family.equals(currentFamily)) {
                    if (closedFamilies.contains(family)) {
                        throw new IllegalArgumentException("samples of " + family + " are not together");
                    }
                    if (currentFamily != null) {
                        closedFamilies.add(currentFamily);
                    }
                    currentFamily = family;
                }
                if (!seenSeries.add(sample.name() + sample.labels())) {
                    throw new IllegalArgumentException("the series appears twice");
                }
                parsed.samples.add(sample);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + " (" + line + "): " + e.getMessage(), e);
            }
        }
        return parsed;
    }

    /** The declared type of a family, e.g. {@code counter}. */
    public Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The value of the one series {@code name} with exactly {@code labels}, if present. */
    public Optional<Double> value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(new TreeMap<>(labels)))
                .map(Sample::value).findFirst();
    }

    /** The sum over every series of {@code name} whose labels include {@code labels}. */
    public double sum(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    private String familyOf(String sampleName) {
        if (types.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : List.of("_bucket", "_count", "_sum", "_total", "_created")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return sampleName;
    }

    private static String name(String name) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a metric name");
        }
        return name;
    }

    private static final Pattern SAMPLE = Pattern.compile("([^{ ]+)(\\{(.*)})? ([^ ]+)( (-?[0-9]+))?");

    private static Sample sample(String line) {
        Matcher m = SAMPLE.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a sample line");
        }
        String name = name(m.group(1));
        Map<String, String> labels = m.group(3) == null ? new TreeMap<>() : labels(m.group(3));
        return new Sample(name, labels, value(m.group(4)));
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new TreeMap<>();
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("label without '='");
            }
            String label = text.substring(i, eq);
            if (!LABEL_NAME.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + label + "' is not a label name");
            }
            if (eq + 1 >= text.length() || text.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("label value of " + label + " is not quoted");
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; ; j++) {
                if (j >= text.length()) {
                    throw new IllegalArgumentException("unterminated label value of " + label);
                }
                char c = text.charAt(j);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    char next = j + 1 < text.length() ? text.charAt(++j) : 0;
                    switch (next) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw new IllegalArgumentException("bad escape in label value of " + label);
                    }
                } else {
                    value.append(c);
                }
            }
            if (labels.put(label, value.toString()) != null) {
                throw new IllegalArgumentException("label " + label + " twice");
            }
            i = j + 1;
            if (i < text.length()) {
                if (text.charAt(i) != ',') {
                    throw new IllegalArgumentException("expected ',' after label " + label);
                }
                i++;
            }
        }
        return labels;
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                if (!text.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
                    throw new IllegalArgumentException("'" + text + "' is not a value");
                }
                yield Double.parseDouble(text);
            }
        };
    }
}
