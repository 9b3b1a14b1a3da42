package dev.portier.plugins.unloc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portier.plugins.unloc.internal.CheckAccess;
import dev.portier.plugins.unloc.internal.KeyWindow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plays the Unloc platform for sandbox connections and tests: when an app user scans a lock's NFC
 * sticker and has no key, Unloc asks the integrator's check-access endpoint — here Portier's — over
 * HTTP with the configured API header, and creates a temporary key from the answer. This class does
 * both halves as Unloc documents them, and says what it did line by line.
 *
 * <p>It talks only to the check-access URL it is given — a connection's, under the loopback address
 * the host hands sandbox actions ({@link #checkAccessUrl(URI, String)}) — with its own HTTP client: it stands for a cloud outside Portier, so Portier's
 * guarded client for drivers, which refuses loopback by default, is not the right one. Thread-safe;
 * {@link #close()} ends its client's connections and threads.
 */
public final class UnlocSimulator implements AutoCloseable {

    /** What Unloc gives a key when the answer has no {@code keyData}: its documented example of 30 minutes. */
    public static final Duration DEFAULT_KEY = Duration.ofMinutes(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI checkAccessUrl;
    private final String headerName;
    private final String apiKey;
    private final HttpClient http;

    /**
     * @param checkAccessUrl where Portier answers the connection's check-access, as entered in the Unloc
     *                       project: {@link #checkAccessUrl(URI, String)}
     * @param headerName     the API header configured in the Unloc project
     * @param apiKey         the key sent in that header
     */
    public UnlocSimulator(URI checkAccessUrl, String headerName, String apiKey) {
        this.checkAccessUrl = checkAccessUrl;
        this.headerName = headerName;
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The URL of a connection's check-access, e.g.
     * {@code http://127.0.0.1:8080/api/plugins/unloc/connections/c-1/check-access}.
     *
     * @param portierBaseUrl where Portier answers, e.g. {@code http://127.0.0.1:8080}
     * @param connectionId   the Unloc connection
     */
    public static URI checkAccessUrl(URI portierBaseUrl, String connectionId) {
        return URI.create(withoutTrailingSlash(portierBaseUrl) + CheckAccess.urlPath(connectionId));
    }

    /**
     * The deprecated SPI 1.x URL, {@code …/api/plugins/unloc/check-access}, which finds the connection
     * by its API key; it keeps working for one release.
     */
    @Deprecated(since = "2.0.0", forRemoval = true)
    public static URI legacyCheckAccessUrl(URI portierBaseUrl) {
        return URI.create(withoutTrailingSlash(portierBaseUrl) + CheckAccess.LEGACY_URL_PATH);
    }

    private static String withoutTrailingSlash(URI url) {
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * The app user {@code phone} scans the sticker of the Unloc lock {@code unlocLockId} at {@code now}:
     * Unloc asks Portier and creates a key, or none. Never throws for what Portier answers; an
     * unreachable Portier is a scan that did not reach it ({@link Scan#reached()} false).
     */
    public Scan scan(String unlocLockId, String phone, Instant now) throws InterruptedException {
        URI uri = URI.create(checkAccessUrl + "?lockId=" + encode(unlocLockId) + "&appUserId=" + encode(phone));
        List<String> transcript = new ArrayList<>();
        transcript.add("Unloc app: " + phone + " scans the NFC sticker of lock " + unlocLockId + " and has no key for it");
        transcript.add("Unloc platform → Portier: GET " + uri + " with header " + headerName + ": " + masked());
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header(headerName, apiKey)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            transcript.add("Portier did not answer: " + e.getMessage());
            transcript.add("Unloc platform: creates no key");
            return new Scan(uri, 0, "", Optional.empty(), "Portier did not answer", transcript, false);
        }
        transcript.add("Portier → Unloc platform: HTTP " + response.statusCode() + " " + response.body());
        Outcome outcome = outcome(response, unlocLockId, phone, now);
        if (outcome.key() != null) {
            TemporaryKey key = outcome.key();
            transcript.add("Unloc platform: creates a temporary key for " + phone + " on lock " + unlocLockId + ", valid from "
                    + KeyWindow.RFC_3339.format(key.start()) + " to " + KeyWindow.RFC_3339.format(key.end()) + " ("
                    + key.length().toSeconds() + " s" + (outcome.note() == null ? "" : ", " + outcome.note()) + ")");
            transcript.add("Unloc app: downloads the key; " + phone + " can open the door");
        } else {
            transcript.add("Unloc platform: creates no key — " + outcome.refusal());
        }
        return new Scan(uri, response.statusCode(), response.body(), Optional.ofNullable(outcome.key()), outcome.refusal(),
                transcript, true);
    }

    private record Outcome(TemporaryKey key, String refusal, String note) {
    }

    private static Outcome outcome(HttpResponse<String> response, String lockId, String phone, Instant now) {
        if (response.statusCode() != 200) {
            return new Outcome(null, "Portier answered HTTP " + response.statusCode(), null);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            return new Outcome(null, "the answer is not JSON (" + e.getOriginalMessage() + ")", null);
        }
        if (answer == null || !answer.isObject()) {
            return new Outcome(null, "the answer is not a JSON object", null);
        }
        if (!answer.path("lockId").isTextual() || !lockId.equals(answer.get("lockId").textValue())) {
            return new Outcome(null, "the answer is about lock " + answer.get("lockId") + ", not " + lockId, null);
        }
        if (!answer.path("appUserId").isTextual()) {
            return new Outcome(null, "the answer names no appUserId", null);
        }
        JsonNode hasAccess = answer.path("hasAccess");
        if (!hasAccess.isBoolean()) {
            return new Outcome(null, "the answer has no boolean hasAccess", null);
        }
        if (!hasAccess.booleanValue()) {
            return new Outcome(null, "Portier said hasAccess: false", null);
        }
        JsonNode keyData = answer.get("keyData");
        if (keyData == null || keyData.isNull()) {
            return new Outcome(new TemporaryKey(now, now.plus(DEFAULT_KEY)), null, "Unloc's default length: no keyData");
        }
        if (!keyData.isObject()) {
            return new Outcome(null, "keyData is not an object", null);
        }
        try {
            return key(keyData, now);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return new Outcome(null, "keyData is not valid: " + e.getMessage(), null);
        }
    }

    private static Outcome key(JsonNode data, Instant now) {
        Instant start = data.hasNonNull("start") ? Instant.parse(text(data, "start")) : now;
        Instant end;
        String note;
        if (data.hasNonNull("end")) {
            end = Instant.parse(text(data, "end"));
            note = "end from keyData";
        } else if (data.path("duration").isNumber()) {
            long seconds = data.get("duration").longValue();
            end = start.plusSeconds(seconds);
            note = "duration " + seconds + " s from keyData";
        } else {
            end = start.plus(DEFAULT_KEY);
            note = "Unloc's default length: keyData has no end or duration";
        }
        if (!end.isAfter(start)) {
            return new Outcome(null, "keyData ends before it starts", null);
        }
        return new Outcome(new TemporaryKey(start, end), null, note);
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " is not a date-time string");
        }
        return value.textValue();
    }

    @Override
    public void close() {
        http.close();
    }

    private String masked() {
        return apiKey.length() <= 4 ? "••••" : apiKey.substring(0, 2) + "••••" + apiKey.substring(apiKey.length() - 2);
    }

    /**
     * Percent-encodes a query value but keeps {@code +} as it is: Unloc's own example sends
     * {@code appUserId=+4712345678} unencoded, and Portier has to understand it as sent.
     */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~+".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** The key Unloc creates and the app downloads. */
    public record TemporaryKey(Instant start, Instant end) {
        public Duration length() {
            return Duration.between(start, end);
        }
    }

    /**
     * One scan: what Unloc asked, what Portier answered, and the key or the reason for none.
     *
     * @param request    the check-access URL as sent
     * @param status     Portier's HTTP status; 0 when it did not answer
     * @param body       Portier's answer as sent
     * @param key        the key Unloc creates, if any
     * @param refusal    why there is no key; {@code null} when there is one
     * @param transcript what happened, line by line
     * @param reached    whether Portier answered at all
     */
    public record Scan(URI request, int status, String body, Optional<TemporaryKey> key, String refusal, List<String> transcript,
            boolean reached) {
        public Scan {
            transcript = List.copyOf(transcript);
        }
    }
}
