package dev.portier.plugins.unloc.internal;

import dev.portier.plugin.api.AccessDecider.AccessAnswer;
import dev.portier.plugin.api.AccessDecider.AccessQuestion;
import dev.portier.plugin.api.AccessDecider.Subject;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginConnection;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpRequest;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/plugins/unloc/check-access?lockId=…&appUserId=…}: the Unloc platform asks whether a
 * phone user may open a lock now (Unloc's "On Demand Keys"). The API header identifies the connection
 * among every account's Unloc connections; the lock is that connection's lock with the vendor
 * reference {@code lockId}; the answer is the core's access decision, in Unloc's JSON shape. An
 * unknown lock or person is {@code hasAccess: false} like any other denial, so the answer never tells
 * which of the two was unknown. Each question about a known lock is recorded as an event on the lock.
 */
public final class CheckAccess {

    public static final String PATH = "/check-access";
    public static final String EVENT_TYPE = "UNLOC_CHECK_ACCESS";

    private CheckAccess() {
    }

    public static PluginHttpResponse handle(PluginHttpRequest request, List<PluginConnection> connections) {
        if (!request.path().equals(PATH)) {
            return error(404, "No such endpoint: the Unloc plugin serves GET " + PATH);
        }
        if (!request.method().equals("GET")) {
            return new PluginHttpResponse(405, "application/json",
                    Json.write(Map.of("error", "Use GET for " + PATH)).getBytes(StandardCharsets.UTF_8), Map.of("Allow", "GET"));
        }
        List<PluginConnection> matching = authenticated(request, connections);
        if (matching.isEmpty()) {
            return error(401, "Missing or wrong API key");
        }
        if (matching.size() > 1) {
            return error(401, "This API key is configured on more than one Unloc connection; give each its own key");
        }
        String lockId = request.parameter("lockId");
        if (lockId == null || lockId.isBlank()) {
            return error(400, "lockId is required");
        }
        if (lockId.length() > 200) {
            return error(400, "lockId is longer than 200 characters");
        }
        String rawUser = request.parameter("appUserId");
        if (rawUser == null || rawUser.isBlank()) {
            return error(400, "appUserId is required");
        }
        Optional<String> appUserId = AppUserIds.normalize(rawUser);
        if (appUserId.isEmpty()) {
            return error(400, AppUserIds.RULE);
        }
        return answer(matching.getFirst().context(), lockId, appUserId.get());
    }

    private static PluginHttpResponse answer(DriverContext context, String lockId, String appUserId) {
        Instant now = context.clock().instant();
        Optional<LockRef> lock = context.locks().byVendorReference(lockId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lockId", lockId);
        body.put("appUserId", appUserId);
        if (lock.isEmpty()) {
            body.put("hasAccess", false);
            return PluginHttpResponse.json(200, Json.write(body));
        }
        AccessAnswer answer = context.access().decide(
                new AccessQuestion(lock.get().lockId(), Subject.phone(appUserId), "UNLOCK", now));
        Optional<KeyWindow> key = answer.allowed() ? KeyWindow.of(answer, now) : Optional.empty();
        // Allowed with nothing left of the window (it closes within the second) is no access: a key
        // of zero seconds opens nothing.
        boolean hasAccess = answer.allowed() && (key.isPresent() || answer.openUntil() == null);
        body.put("hasAccess", hasAccess);
        if (hasAccess && key.isPresent()) {
            body.put("keyData", key.get().keyData());
        }
        // Recorded before answering: Unloc creates no key that Portier has not written down.
        context.events().record(new LockEvent(lock.get().lockId(), null, now, EVENT_TYPE,
                details(appUserId, hasAccess, answer, key)));
        return PluginHttpResponse.json(200, Json.write(body));
    }

    private static Map<String, String> details(String appUserId, boolean hasAccess, AccessAnswer answer, Optional<KeyWindow> key) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("appUserId", appUserId);
        details.put("verdict", hasAccess ? "ALLOWED" : "DENIED");
        if (answer.grantId() != null) {
            details.put("grantId", answer.grantId());
        }
        if (hasAccess) {
            key.ifPresent(k -> details.put("duration", k.describe()));
        } else {
            details.put("reasons", answer.allowed() ? "WINDOW_ENDING" : String.join(",", answer.reasons()));
        }
        return details;
    }

    /**
     * The connections whose header carries their key. Every connection is compared, each by SHA-256
     * digests of equal length with {@link MessageDigest#isEqual} (constant time), so how long the
     * check takes says nothing about how much of a key was right, or whose.
     */
    private static List<PluginConnection> authenticated(PluginHttpRequest request, List<PluginConnection> connections) {
        return connections.stream().filter(connection -> {
            Optional<UnlocSettings> settings = settingsOf(connection);
            if (settings.isEmpty()) {
                return false;
            }
            String sent = request.header(settings.get().headerName());
            // Non-short-circuit &: the digests are compared even when the header is missing.
            return sent != null & MessageDigest.isEqual(sha256(sent == null ? "" : sent), sha256(settings.get().apiKey()));
        }).toList();
    }

    private static Optional<UnlocSettings> settingsOf(PluginConnection connection) {
        if (connection.driver() instanceof UnlocDriver driver) {
            return driver.settings();
        }
        return UnlocSettings.read(connection.configuration()).settings();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static PluginHttpResponse error(int status, String message) {
        return PluginHttpResponse.json(status, Json.write(Map.of("error", message)));
    }
}
