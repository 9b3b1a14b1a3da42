package dev.portier.drivers.ondemand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.domain.grants.GrantService;
import dev.portier.platform.http.GuardedHttp;
import dev.portier.domain.people.PhoneNumbers;
import dev.portier.plugin.api.OutboundHttp.DestinationRefusedException;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Portier as the platform of Unloc's On Demand Keys contract: before issuing an on-demand key, it
 * asks the account's external decision endpoint {@code GET <url>?lockId=…&appUserId=…} with the
 * account's API header, through the guarded HTTP client (every destination checked, redirects
 * included, the key never sent on to another origin; {@value #TIMEOUT_SECONDS} s for the whole exchange). Only a 2xx JSON answer about the
 * same lock and phone number with {@code "hasAccess": true} allows a key: of {@code keyData}'s
 * {@code start}/{@code end}, or of its {@code duration} in seconds, or — without {@code keyData} —
 * of {@value GrantService#DEFAULT_ON_DEMAND_MINUTES} minutes, never longer than
 * {@value GrantService#MAX_ON_DEMAND_MINUTES} minutes. Anything else is a denial with its reason.
 */
@Singleton
public final class ExternalDecisions {

    static final int TIMEOUT_SECONDS = 5;
    static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);
    static final Duration DEFAULT_KEY = Duration.ofMinutes(GrantService.DEFAULT_ON_DEMAND_MINUTES);
    static final Duration MAX_KEY = Duration.ofMinutes(GrantService.MAX_ON_DEMAND_MINUTES);
    /** What the Test button asks about: a lock id no account has and a number nobody is given. */
    public static final String TEST_LOCK_ID = "portier-test-lock";
    static final String TEST_PHONE = "+4700000000";

    private static final Logger log = LoggerFactory.getLogger(ExternalDecisions.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DecisionEndpoints endpoints;
    private final GuardedHttp http;
    private final Authorization authorization;
    private final Clock clock;

    @Inject
    ExternalDecisions(DecisionEndpoints endpoints, GuardedHttp http, Authorization authorization, Clock clock) {
        this.endpoints = endpoints;
        this.http = http;
        this.authorization = authorization;
        this.clock = clock;
    }

    /**
     * Asks the account's endpoint whether the person with {@code personPhoneE164} may have an on-demand
     * key for {@code lockId} (Portier's lock id, sent as {@code lockId}) at {@code now}. Blocks up to
     * {@value #TIMEOUT_SECONDS} s; never throws for what the endpoint does.
     */
    public Verdict ask(String accountId, String lockId, String personPhoneE164, Instant now) {
        Optional<DecisionEndpoints.Target> target = endpoints.target(accountId);
        if (target.isEmpty()) {
            return new Verdict.NotConfigured();
        }
        Verdict verdict = ask(target.get(), lockId, personPhoneE164, now);
        // The reason names the endpoint's host and what went wrong, never the phone number.
        log.info("External decision for lock {} in account {}: {}", lockId, accountId, verdict);
        return verdict;
    }

    /** The Test button: asks about a lock and a number that exist nowhere; any well-formed answer means it works. */
    public Verdict test(SignedInUser who) {
        authorization.require(who, Role.MANAGER);
        return ask(who.accountId(), TEST_LOCK_ID, TEST_PHONE, clock.instant());
    }

    private Verdict ask(DecisionEndpoints.Target target, String lockId, String phone, Instant now) {
        Optional<String> asked = PhoneNumbers.normalize(phone);
        if (lockId == null || lockId.isBlank() || asked.isEmpty()) {
            return denied("Portier had no lock id or no valid phone number to ask about");
        }
        String host = target.url().getHost();
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri(target.url(), lockId, asked.get())).timeout(TIMEOUT)
                    .header(target.headerName(), target.key()).header("Accept", "application/json").GET().build(),
                    Set.of(target.headerName()));
        } catch (HttpTimeoutException e) {
            return denied(host + " did not answer within " + TIMEOUT_SECONDS + " s");
        } catch (DestinationRefusedException e) {
            return denied(e.getMessage());
        } catch (IllegalArgumentException e) {
            // An address saved before it was checked as strictly as today: a denial with the reason, never a 500.
            return denied("The endpoint's address " + target.url() + " cannot be called over HTTP");
        } catch (IOException e) {
            return denied("Could not ask " + host + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return denied("Interrupted while asking " + host);
        }
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            return denied(host + " answered HTTP " + response.statusCode());
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            return denied(host + " answered no valid JSON");
        }
        if (answer == null || !answer.isObject()) {
            return denied(host + " answered no JSON object");
        }
        if (!answer.path("lockId").isTextual() || !answer.get("lockId").asText().equals(lockId)) {
            return denied(host + " answered about another lock (lockId " + answer.path("lockId") + ")");
        }
        if (!answer.path("appUserId").isTextual()
                || !PhoneNumbers.normalize(answer.get("appUserId").asText()).equals(asked)) {
            return denied(host + " answered about another user (appUserId does not match)");
        }
        if (!answer.path("hasAccess").isBoolean()) {
            return denied(host + " answered without a boolean hasAccess");
        }
        if (!answer.get("hasAccess").asBoolean()) {
            return new Verdict.Denied(host + " answered hasAccess: false", true);
        }
        return key(host, answer.get("keyData"), now);
    }

    private static Verdict key(String host, JsonNode keyData, Instant now) {
        if (keyData == null || keyData.isNull()) {
            return new Verdict.Allowed(now, now.plus(DEFAULT_KEY));
        }
        if (!keyData.isObject()) {
            return denied(host + " answered a keyData that is not an object");
        }
        Instant start;
        Instant end;
        try {
            start = keyData.hasNonNull("start") ? instant(keyData.get("start")) : now;
            if (keyData.hasNonNull("end")) {
                end = instant(keyData.get("end"));
            } else if (keyData.hasNonNull("duration")) {
                JsonNode duration = keyData.get("duration");
                if (!duration.isNumber() || duration.asDouble() < 1 || duration.asDouble() > MAX_KEY.toSeconds()) {
                    return denied(host + " answered a duration that is not between 1 and " + MAX_KEY.toSeconds() + " seconds");
                }
                end = start.plusSeconds(duration.asLong());
            } else {
                end = start.plus(DEFAULT_KEY);
            }
        } catch (DateTimeParseException e) {
            return denied(host + " answered a start or end that is not an RFC 3339 date-time");
        }
        if (!end.isAfter(start) || !end.isAfter(now)) {
            return denied(host + " answered a key that ends before it starts or is already over");
        }
        if (Duration.between(start.isAfter(now) ? start : now, end).compareTo(MAX_KEY) > 0) {
            return denied(host + " answered a key longer than " + MAX_KEY.toHours() + " hours");
        }
        return new Verdict.Allowed(start, end);
    }

    private static Instant instant(JsonNode node) {
        if (!node.isTextual()) {
            throw new DateTimeParseException("not text", node.toString(), 0);
        }
        return OffsetDateTime.parse(node.asText()).toInstant();
    }

    private static URI uri(URI base, String lockId, String phone) {
        String query = "lockId=" + URLEncoder.encode(lockId, StandardCharsets.UTF_8) + "&appUserId="
                + URLEncoder.encode(phone, StandardCharsets.UTF_8);
        String text = base.toString();
        return URI.create(text + (base.getRawQuery() == null ? "?" : "&") + query);
    }

    private static Verdict denied(String reason) {
        return new Verdict.Denied(reason, false);
    }
}
