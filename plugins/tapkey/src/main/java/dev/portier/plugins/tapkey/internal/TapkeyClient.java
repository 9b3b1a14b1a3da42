package dev.portier.plugins.tapkey.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.plugin.api.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Talks to Tapkey: client-credentials tokens cached until shortly before {@code expires_in}; a 401 gets
 * one new token and one retry; 429 and 502/503/504 (and 500 on calls that are safe to repeat) are retried
 * after {@code Retry-After} or a short backoff, within {@link Pacing}; every other status is the caller's
 * to judge, with the raw body kept for messages. Creates (PUT on a collection make a new object on every
 * call) are never repeated after a 5xx or a lost answer: the caller looks up what exists first. Lists are
 * bare JSON arrays paged with {@code $skip}/{@code $top} until a short page, capped, and deduplicated by
 * id. Blocking; thread-safe.
 */
public final class TapkeyClient {

    /** The page size of list calls (Tapkey's own log export pages 500 at a time). */
    public static final int PAGE_SIZE = 500;
    /** The most pages one list may take before the client gives up (a loop, or an account far beyond Portier's size). */
    public static final int MAX_PAGES = 200;

    /**
     * How patient the client is.
     *
     * @param attempts       tries per call for retryable statuses (at least 1)
     * @param longestWait    the longest wait between tries; a longer Retry-After fails the call at once (transient)
     * @param requestTimeout the time limit of one exchange
     */
    public record Pacing(int attempts, Duration longestWait, Duration requestTimeout) {
        /** Three tries, waits up to 2 s, 6 s per exchange: within the host's 10 s per call in the common case. */
        public static final Pacing DEFAULT = new Pacing(3, Duration.ofSeconds(2), Duration.ofSeconds(6));
    }

    /** Waits between tries; tests record the waits. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** An answer of Tapkey that the call could not use; keeps the status and the raw body. Transient unless mapped. */
    public static class TapkeyException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String body;

        public TapkeyException(int status, String what, String body) {
            super(what + (body == null || body.isBlank() ? "" : ": " + shorten(body)));
            this.status = status;
            this.body = body == null ? "" : body;
        }

        /** The HTTP status, or 0 when Tapkey answered but not in a usable form. */
        public int status() {
            return status;
        }

        /** The raw body of the answer (unknown shape). */
        public String body() {
            return body;
        }
    }

    /** The token endpoint refused the client id, secret or scopes. */
    public static final class CredentialsRefused extends TapkeyException {
        private static final long serialVersionUID = 1L;

        CredentialsRefused(int status, String body) {
            super(status, "Tapkey's login refused the client credentials (HTTP " + status + ")", body);
        }
    }

    /** One answer: status, raw body and headers. */
    public record Answer(int status, byte[] body, java.net.http.HttpHeaders headers) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonNode json() throws TapkeyException {
            try {
                return TapkeyJson.read(body);
            } catch (IOException e) {
                throw new TapkeyException(0, "Tapkey answered HTTP " + status + " with a body that is not JSON", text());
            }
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final OutboundHttp http;
    private final TapkeySettings settings;
    private final Clock clock;
    private final Pacing pacing;
    private final Sleeper sleeper;
    private String token;
    private Instant refreshAt = Instant.MIN;

    public TapkeyClient(OutboundHttp http, TapkeySettings settings, Clock clock, Pacing pacing, Sleeper sleeper) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
        this.pacing = pacing;
        this.sleeper = sleeper;
    }

    public TapkeyClient(OutboundHttp http, TapkeySettings settings, Clock clock) {
        this(http, settings, clock, Pacing.DEFAULT, duration -> Thread.sleep(duration.toMillis()));
    }

    public TapkeySettings settings() {
        return settings;
    }

    /** {@code Owners/{ownerAccount}/…}: a path below the chosen owner account. */
    public String owned(String path) {
        return "Owners/" + segment(settings.ownerAccount()) + "/" + path;
    }

    /** URL-encodes one path segment (ids are opaque strings). */
    public static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** GET that must succeed with JSON. */
    public JsonNode get(String path, Map<String, String> query) throws IOException, InterruptedException {
        Answer answer = call("GET", path, query, null, true);
        if (!answer.ok()) {
            throw failure("GET", path, answer);
        }
        return answer.json();
    }

    /**
     * Every item of a list endpoint: pages of {@link #PAGE_SIZE} with {@code $skip}/{@code $top} until a short
     * page, at most {@link #MAX_PAGES}; items seen twice (entries arriving during paging shift the pages) kept once, by id.
     */
    public List<JsonNode> list(String path, Map<String, String> query) throws IOException, InterruptedException {
        return list(path, query, PAGE_SIZE);
    }

    public List<JsonNode> list(String path, Map<String, String> query, int pageSize) throws IOException, InterruptedException {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        List<JsonNode> withoutId = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> paged = new LinkedHashMap<>(query);
            paged.put("$skip", Integer.toString(page * pageSize));
            paged.put("$top", Integer.toString(pageSize));
            JsonNode items = get(path, paged);
            if (!items.isArray()) {
                throw new TapkeyException(0, "Tapkey answered GET " + path + " with something other than a JSON array",
                        items.toString());
            }
            for (JsonNode item : items) {
                String id = TapkeyJson.text(item, "id");
                if (id == null) {
                    withoutId.add(item);
                } else {
                    byId.putIfAbsent(id, item);
                }
            }
            if (items.size() < pageSize) {
                List<JsonNode> all = new ArrayList<>(byId.values());
                all.addAll(withoutId);
                return all;
            }
        }
        throw new TapkeyException(0, "Tapkey's list " + path + " did not end within " + MAX_PAGES + " pages of " + pageSize, "");
    }

    /**
     * One call with the token, the 401 retry and the backoff. {@code repeatable}: the call may be sent again
     * after a 5xx (reads, revokes of one grant); creates are not, and a lost answer is always the caller's.
     * Answers whatever status came last; throws for a lost exchange or a wait longer than {@link Pacing#longestWait()}.
     */
    public Answer call(String method, String path, Map<String, String> query, JsonNode body, boolean repeatable)
            throws IOException, InterruptedException {
        URI uri = uri(path, query);
        boolean reauthenticated = false;
        for (int attempt = 1; ; attempt++) {
            String bearer = token();
            Answer answer = exchange(request(uri, method, body).header("Authorization", "Bearer " + bearer).build());
            if (answer.status() == 401 && !reauthenticated) {
                forget(bearer);
                reauthenticated = true;
                attempt--;
                continue;
            }
            if (!retryable(answer.status(), repeatable) || attempt >= pacing.attempts()) {
                return answer;
            }
            pause(answer, method + " " + path, attempt);
        }
    }

    /** The current token, fetching one when there is none or it expires soon. */
    public String token() throws IOException, InterruptedException {
        synchronized (this) {
            if (token != null && clock.instant().isBefore(refreshAt)) {
                return token;
            }
        }
        StringJoiner form = new StringJoiner("&");
        form.add("grant_type=client_credentials");
        form.add("client_id=" + URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8));
        form.add("client_secret=" + URLEncoder.encode(settings.clientSecret(), StandardCharsets.UTF_8));
        form.add("scope=" + URLEncoder.encode(String.join(" ", settings.scopes()), StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(settings.tokenUrl()).timeout(pacing.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8)).build();
        for (int attempt = 1; ; attempt++) {
            Instant asked = clock.instant();
            Answer answer = exchange(request);
            if (answer.ok()) {
                JsonNode json = answer.json();
                String value = TapkeyJson.text(json, "access_token");
                Long expiresIn = TapkeyJson.number(json, "expires_in");
                if (value == null) {
                    throw new TapkeyException(answer.status(), "Tapkey's login answered without an access_token", answer.text());
                }
                long lifetime = expiresIn == null || expiresIn <= 0 ? 60 : expiresIn;
                // Refresh early: a tenth of the lifetime, at most a minute, before it ends.
                long margin = Math.min(60, Math.max(1, lifetime / 10));
                synchronized (this) {
                    token = value;
                    refreshAt = asked.plusSeconds(lifetime - margin);
                }
                return value;
            }
            if (answer.status() == 400 || answer.status() == 401 || answer.status() == 403) {
                throw new CredentialsRefused(answer.status(), answer.text());
            }
            if (!retryable(answer.status(), true) || attempt >= pacing.attempts()) {
                throw new TapkeyException(answer.status(), "Tapkey's login answered HTTP " + answer.status(), answer.text());
            }
            pause(answer, "the token request", attempt);
        }
    }

    /** Forgets {@code rejected} so the next call fetches a new token (another thread may have done so already). */
    private synchronized void forget(String rejected) {
        if (rejected.equals(token)) {
            token = null;
        }
    }

    /** An exception for an answer the caller cannot use, naming the call and keeping the body. */
    public static TapkeyException failure(String method, String path, Answer answer) {
        return new TapkeyException(answer.status(), "Tapkey answered HTTP " + answer.status() + " to " + method + " " + path,
                answer.text());
    }

    private static boolean retryable(int status, boolean repeatable) {
        return status == 429 || status == 502 || status == 503 || status == 504 || (repeatable && status == 500);
    }

    private void pause(Answer answer, String what, int attempt) throws IOException, InterruptedException {
        Duration wait = retryAfter(answer).orElse(Duration.ofMillis(250L << (attempt - 1)));
        if (wait.compareTo(pacing.longestWait()) > 0) {
            throw new TapkeyException(answer.status(), "Tapkey asked to wait " + wait.toSeconds() + " s before retrying " + what
                    + " (HTTP " + answer.status() + ")", answer.text());
        }
        sleeper.sleep(wait);
    }

    private java.util.Optional<Duration> retryAfter(Answer answer) {
        return answer.headers().firstValue("Retry-After").map(String::trim).map(value -> {
            if (value.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(value));
            }
            try {
                Duration until = Duration.between(clock.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException e) {
                return null;
            }
        });
    }

    private HttpRequest.Builder request(URI uri, String method, JsonNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(pacing.requestTimeout()).header("Accept", "application/json");
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }

    private Answer exchange(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request);
        byte[] body = response.body() == null ? new byte[0] : response.body();
        return new Answer(response.statusCode(), body, response.headers());
    }

    private URI uri(String path, Map<String, String> query) {
        StringBuilder text = new StringBuilder(settings.baseUrl().toString()).append(path);
        if (query != null && !query.isEmpty()) {
            StringJoiner joined = new StringJoiner("&", "?", "");
            // OData names keep their $; values are encoded, spaces as %20.
            query.forEach((name, value) -> joined.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
            text.append(joined);
        }
        return URI.create(text.toString());
    }

    static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
