package dev.portier.plugin.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@link LockDriverFactory#validate}: what is wrong with the settings, choices some
 * fields may now offer, and facts to show before saving. Immutable; any thread.
 *
 * @param problems what stops the save; empty when the settings work
 * @param choices  by configuration key: values a field may offer after validation (e.g. the owner
 *                 accounts the credentials can see)
 * @param notes    sentences to show before saving, e.g. "Intermediate CN=… valid until …"
 */
public record ConfigValidation(List<FieldProblem> problems, Map<String, List<Choice>> choices, List<String> notes) {

    public ConfigValidation {
        problems = problems == null ? List.of() : List.copyOf(problems);
        choices = choices == null ? Map.of() : copy(choices);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** Nothing wrong, nothing to add. */
    public static ConfigValidation ok() {
        return new ConfigValidation(List.of(), Map.of(), List.of());
    }

    /** One problem with {@code key} ({@code null}: the connection as a whole). */
    public static ConfigValidation problem(String key, String message) {
        return new ConfigValidation(List.of(new FieldProblem(key, message)), Map.of(), List.of());
    }

    /** Whether the settings may be saved: no problems. */
    public boolean isValid() {
        return problems.isEmpty();
    }

    /** This answer with one more problem. */
    public ConfigValidation withProblem(String key, String message) {
        List<FieldProblem> more = new ArrayList<>(problems);
        more.add(new FieldProblem(key, message));
        return new ConfigValidation(more, choices, notes);
    }

    /** This answer with one more note. */
    public ConfigValidation withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new ConfigValidation(problems, choices, more);
    }

    private static Map<String, List<Choice>> copy(Map<String, List<Choice>> choices) {
        Map<String, List<Choice>> copy = new LinkedHashMap<>();
        choices.forEach((key, values) -> copy.put(key, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
