package dev.portier.drivers.trust;

import static dev.portier.platform.db.EpochColumns.instant;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.crypto.SecretBox;
import dev.portier.platform.db.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The card keys to deliver: what an encoder or integrator writes onto a card (its active keys with
 * their credentials, MANAGER and up), and how many each card holds (VIEWER and up, without credentials).
 * {@link CardKeyIssuer} keeps them in step with the grants.
 */
@Singleton
public final class CardKeys {

    private static final String ACTIVE = "state = 'ACTIVE' AND not_after > :now";

    private final Database database;
    private final Authorization authorization;
    private final SecretBox box;
    private final Clock clock;

    @Inject
    CardKeys(Database database, Authorization authorization, SecretBox box, Clock clock) {
        this.database = database;
        this.authorization = authorization;
        this.box = box;
        this.clock = clock;
    }

    /** One active key of a card, with the credential in the driver's format (e.g. COSE_Sign1). */
    public record CardKey(String keyId, String lockId, String lockName, Instant notBefore, Instant notAfter, Instant issuedAt,
            String format, byte[] credential) {
    }

    /** The card and its active keys, latest first per lock; a card of another account is not found. */
    public record Delivery(Card card, List<CardKey> keys) {
    }

    public Delivery current(SignedInUser who, String cardId) {
        authorization.require(who, Role.MANAGER);
        Instant now = clock.instant();
        return database.jdbi().withHandle(h -> {
            Card card = CardService.find(h, who.accountId(), cardId);
            List<CardKey> keys = h.createQuery("SELECT k.id, k.lock_id, l.name AS lock_name, k.not_before, k.not_after, k.issued_at, "
                            + "k.format, k.sealed FROM card_keys k JOIN locks l ON l.id = k.lock_id WHERE k.card_id = :cardId "
                            + "AND k.account_id = :accountId AND k.state = 'ACTIVE' AND k.not_after > :now ORDER BY l.name, k.issued_at DESC")
                    .bind("cardId", card.id()).bind("accountId", who.accountId()).bind("now", now)
                    .map((rs, ctx) -> {
                        String id = rs.getString("id");
                        return new CardKey(id, rs.getString("lock_id"), rs.getString("lock_name"), instant(rs, "not_before"),
                                instant(rs, "not_after"), instant(rs, "issued_at"), rs.getString("format"),
                                box.open(Base64.getDecoder().decode(rs.getString("sealed")), CardKeyIssuer.purpose(id)));
                    }).list();
            return new Delivery(card, keys);
        });
    }

    /** How many active keys each of {@code cardIds} holds (absent = none). */
    public Map<String, Integer> activeCounts(SignedInUser who, Collection<String> cardIds) {
        authorization.require(who, Role.VIEWER);
        if (cardIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> counts = new HashMap<>();
        database.jdbi().useHandle(h -> h.createQuery("SELECT card_id, COUNT(*) AS n FROM card_keys WHERE account_id = :accountId "
                        + "AND card_id IN (<cardIds>) AND " + ACTIVE + " GROUP BY card_id")
                .bind("accountId", who.accountId()).bindList("cardIds", List.copyOf(cardIds)).bind("now", clock.instant())
                .map((rs, ctx) -> Map.entry(rs.getString("card_id"), rs.getInt("n"))).forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }
}
