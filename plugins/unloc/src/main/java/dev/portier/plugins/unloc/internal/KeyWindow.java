package dev.portier.plugins.unloc.internal;

import dev.portier.plugin.api.AccessDecider.AccessAnswer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The key Unloc should create for an allowed question: the grant's on-demand duration, unless the
 * grant's validity or the schedule window open now ends sooner. Then the key ends exactly there,
 * answered as {@code end} (Unloc's seed allows it instead of {@code duration}, and an instant stays
 * exact however long the answer travels, where a duration counted from now would overshoot).
 *
 * @param duration the key's length when it is the on-demand duration; {@code null} when {@code end} is set
 * @param end      when the key must end, when that comes before the on-demand duration is over
 */
public record KeyWindow(Duration duration, Instant end) {

    /** RFC 3339 with milliseconds in UTC, as in Unloc's examples: 2025-02-01T00:00:00.000Z. */
    public static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * The key for an allowed answer at {@code now}; empty when nothing of the grant's time is left (the
     * window closes within the second), which the caller answers as no access.
     */
    public static Optional<KeyWindow> of(AccessAnswer answer, Instant now) {
        Duration onDemand = answer.onDemandDuration();
        Instant limit = answer.openUntil();
        if (limit != null && Duration.between(now, limit).toSeconds() < 1) {
            return Optional.empty();
        }
        if (onDemand == null || onDemand.toSeconds() < 1) {
            // The host always says; without a duration only the grant's end can bound the key.
            return limit == null ? Optional.empty() : Optional.of(new KeyWindow(null, limit));
        }
        if (limit != null && now.plus(onDemand).isAfter(limit)) {
            return Optional.of(new KeyWindow(null, limit));
        }
        return Optional.of(new KeyWindow(Duration.ofSeconds(onDemand.toSeconds()), null));
    }

    /** Unloc's {@code keyData} object. */
    public Map<String, Object> keyData() {
        Map<String, Object> data = new LinkedHashMap<>();
        if (duration != null) {
            data.put("duration", duration.toSeconds());
        } else {
            data.put("end", RFC_3339.format(end));
        }
        return data;
    }

    /** For the event's details: "duration 1800 s" or "until 2026-01-05T10:00:00.000Z". */
    public String describe() {
        return duration != null ? duration.toSeconds() + " s" : "until " + RFC_3339.format(end);
    }
}
