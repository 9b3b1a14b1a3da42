package dev.portier.platform.idempotency;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.crypto.SecretBox;
import dev.portier.platform.db.Database;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store behind the API's {@code Idempotency-Key}: per caller and key, the hash of the first request and,
 * once it finished, its answer. {@link #claim} inserts the row before the request runs (the primary key
 * decides between concurrent duplicates: exactly one insert wins), so a duplicate arriving meanwhile sees
 * {@link Claim.InProgress}. Answers are kept {@link #KEEP} (24 h); expired rows are deleted at most once a
 * minute, on the next claim. A claim still in progress after {@link #ABANDONED} (its instance died) may be
 * taken over. Answers are stored sealed with the master key ({@link SecretBox}): some carry what is shown
 * once (a webhook's signing secret, a phone's key).
 */
@Singleton
public final class IdempotencyKeys {

    public static final Duration KEEP = Duration.ofHours(24);
    static final Duration ABANDONED = Duration.ofMinutes(5);
    private static final long SWEEP_EVERY_MILLIS = 60_000;

    private static final String PURPOSE = "idempotency-answer";

    private final Database database;
    private final Clock clock;
    private final SecretBox box;
    private final AtomicLong lastSweep = new AtomicLong();

    @Inject
    IdempotencyKeys(Database database, Clock clock, SecretBox box) {
        this.database = database;
        this.clock = clock;
        this.box = box;
    }

    /** A stored answer. */
    public record StoredResponse(int status, String contentType, String location, String body) {
    }

    /** What a claim found. */
    public sealed interface Claim {
        /** The key is new (or expired): run the request, then {@link #complete} or {@link #release}. */
        record Claimed() implements Claim {
        }

        /** The same request ran before: answer this. */
        record Replay(StoredResponse response) implements Claim {
        }

        /** The key was used with a different request. */
        record Mismatch() implements Claim {
        }

        /** The first request with this key is still running. */
        record InProgress() implements Claim {
        }
    }

    public Claim claim(String caller, String key, String requestHash) {
        long now = clock.millis();
        sweep(now);
        return database.jdbi().inTransaction(h -> {
            h.createUpdate("DELETE FROM idempotency_keys WHERE caller = :caller AND idem_key = :key AND (expires_at < :now "
                            + "OR (state = 'IN_PROGRESS' AND created_at < :abandoned))")
                    .bind("caller", caller).bind("key", key).bind("now", now).bind("abandoned", now - ABANDONED.toMillis()).execute();
            int inserted = h.createUpdate("INSERT INTO idempotency_keys (caller, idem_key, request_hash, state, created_at, expires_at) "
                            + "VALUES (:caller, :key, :hash, 'IN_PROGRESS', :now, :expires) ON CONFLICT (caller, idem_key) DO NOTHING")
                    .bind("caller", caller).bind("key", key).bind("hash", requestHash).bind("now", now)
                    .bind("expires", now + KEEP.toMillis()).execute();
            if (inserted == 1) {
                return new Claim.Claimed();
            }
            Optional<Claim> found = h.createQuery("SELECT request_hash, state, status, content_type, location, body "
                            + "FROM idempotency_keys WHERE caller = :caller AND idem_key = :key")
                    .bind("caller", caller).bind("key", key)
                    .map((rs, ctx) -> {
                        if (!rs.getString("request_hash").equals(requestHash)) {
                            return (Claim) new Claim.Mismatch();
                        }
                        if ("IN_PROGRESS".equals(rs.getString("state"))) {
                            return new Claim.InProgress();
                        }
                        return new Claim.Replay(new StoredResponse(rs.getInt("status"), rs.getString("content_type"),
                                rs.getString("location"), open(rs.getString("body"))));
                    }).findOne();
            // Deleted between the insert and the select (another sweep): the caller may simply try again.
            return found.orElse(new Claim.InProgress());
        });
    }

    /** Stores the answer of a claimed request, to be replayed until the key expires. */
    public void complete(String caller, String key, StoredResponse response) {
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE idempotency_keys SET state = 'DONE', status = :status, "
                        + "content_type = :contentType, location = :location, body = :body WHERE caller = :caller AND idem_key = :key")
                .bind("status", response.status()).bind("contentType", response.contentType()).bind("location", response.location())
                .bind("body", seal(response.body())).bind("caller", caller).bind("key", key).execute());
    }

    private String seal(String body) {
        return body == null ? null : Base64.getEncoder().encodeToString(box.seal(body.getBytes(StandardCharsets.UTF_8), PURPOSE));
    }

    private String open(String sealed) {
        return sealed == null ? null : new String(box.open(Base64.getDecoder().decode(sealed), PURPOSE), StandardCharsets.UTF_8);
    }

    /** Gives a claimed key back (the request failed on the server's side): the same key may be sent again. */
    public void release(String caller, String key) {
        database.jdbi().useHandle(h -> h.createUpdate("DELETE FROM idempotency_keys WHERE caller = :caller AND idem_key = :key "
                        + "AND state = 'IN_PROGRESS'")
                .bind("caller", caller).bind("key", key).execute());
    }

    /** Deletes every expired key now; answers how many. */
    public int deleteExpired() {
        long now = clock.millis();
        lastSweep.set(now);
        return database.jdbi().withHandle(h -> h.createUpdate("DELETE FROM idempotency_keys WHERE expires_at < :now")
                .bind("now", now).execute());
    }

    private void sweep(long now) {
        long last = lastSweep.get();
        if (now - last >= SWEEP_EVERY_MILLIS && lastSweep.compareAndSet(last, now)) {
            deleteExpired();
        }
    }
}
