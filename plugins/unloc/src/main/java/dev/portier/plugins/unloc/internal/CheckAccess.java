package dev.portier.plugins.unloc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portier.plugin.api.AccessDecider.AccessAnswer;
import dev.portier.plugin.api.AccessDecider.AccessQuestion;
import dev.portier.plugin.api.AccessDecider.Subject;
import dev.portier.plugin.api.DenialReason;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.Permission;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpRequest;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One connection's {@code GET …/check-access?lockId=…&appUserId=…}: the Unloc platform asks whether a
 * phone user may open a lock now (Unloc's "On Demand Keys"). The request must carry the connection's
 * API key in its API header; the lock is the connection's lock with the vendor reference
 * {@code lockId}; the answer is the core's access decision, in Unloc's JSON shape. An unknown lock or
 * person is {@code hasAccess: false} like any other denial, so the answer never tells which of the two
 * was unknown. Each question about a known lock is recorded as an event on the lock. Immutable; any
 * thread.
 */
public final class CheckAccess {

    public static final String PATH = "/check-access";
    /** The deprecated SPI 1.x URL path, which names no connection; see {@link LegacyRoute}. */
    public static final String LEGACY_URL_PATH = "/api/plugins/unloc" + PATH;
    public static final String EVENT_TYPE = "UNLOC_CHECK_ACCESS";
    public static final String WRONG_KEY = "Missing or wrong API key";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<ApiKeyCheck> key;
    private final DriverContext context;

    /** Where the host serves a connection's check-access: the path to enter in the Unloc project, after Portier's address. */
    public static String urlPath(String connectionId) {
        return "/api/plugins/unloc/connections/" + connectionId + PATH;
    }

    /** @param settings the connection's settings; empty when they cannot work, and then nobody is let in */
    public CheckAccess(Optional<UnlocSettings> settings, DriverContext context) {
        this.key = settings.map(ApiKeyCheck::new);
        this.context = context;
    }

    public PluginHttpResponse handle(PluginHttpRequest request) {
        if (!request.path().equals(PATH)) {
            return error(404, "No such endpoint: the Unloc plugin serves GET " + PATH);
        }
        if (!request.method().equals("GET")) {
            return new PluginHttpResponse(405, "application/json",
                    json(Map.of("error", "Use GET for " + PATH)).getBytes(StandardCharsets.UTF_8), Map.of("Allow", "GET"));
        }
        if (key.isEmpty() || !key.get().accepts(request)) {
            return error(401, WRONG_KEY);
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
        return answer(lockId, appUserId.get());
    }

    private PluginHttpResponse answer(String lockId, String appUserId) {
        Instant now = context.clock().instant();
        Optional<LockRef> lock = context.locks().byVendorReference(lockId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lockId", lockId);
        body.put("appUserId", appUserId);
        if (lock.isEmpty()) {
            body.put("hasAccess", false);
            return PluginHttpResponse.json(200, json(body));
        }
        AccessAnswer answer = context.access().decideOnDemand(
                new AccessQuestion(lock.get().lockId(), Subject.phone(appUserId), Permission.UNLOCK, now));
        Optional<KeyWindow> keyWindow = answer.allowed() ? KeyWindow.of(answer, now) : Optional.empty();
        // Allowed with nothing left of the window (it closes within the second) is no access: a key
        // of zero seconds opens nothing.
        boolean hasAccess = answer.allowed() && (keyWindow.isPresent() || answer.openUntil() == null);
        body.put("hasAccess", hasAccess);
        if (hasAccess && keyWindow.isPresent()) {
            body.put("keyData", keyWindow.get().keyData());
        }
        // Recorded before answering: Unloc creates no key that Portier has not written down.
        context.events().record(new LockEvent(lock.get().lockId(), null, now, EVENT_TYPE,
                details(appUserId, hasAccess, answer, keyWindow)));
        return PluginHttpResponse.json(200, json(body));
    }

    private static Map<String, String> details(String appUserId, boolean hasAccess, AccessAnswer answer,
            Optional<KeyWindow> keyWindow) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("appUserId", appUserId);
        details.put("verdict", hasAccess ? "ALLOWED" : "DENIED");
        if (answer.grantId() != null) {
            details.put("grantId", answer.grantId());
        }
        if (answer.reservationId() != null) {
            details.put("reservationId", answer.reservationId());
        }
        if (hasAccess) {
            keyWindow.ifPresent(k -> details.put("duration", k.describe()));
        } else {
            details.put("reasons", answer.allowed() ? "WINDOW_ENDING"
                    : answer.reasons().stream().map(DenialReason::name).collect(Collectors.joining(",")));
        }
        return details;
    }

    private static PluginHttpResponse error(int status, String message) {
        return PluginHttpResponse.json(status, json(Map.of("error", message)));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Maps of strings, booleans and numbers always serialise", e);
        }
    }
}
