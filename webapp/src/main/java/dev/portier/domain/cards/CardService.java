package dev.portier.domain.cards;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.identity.accounts.Audited;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.platform.db.PageRequest;
import dev.portier.platform.db.SqlText;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** Cards of the signed-in user's account: VIEWERs read, MANAGERs and OWNERs change. */
@Singleton
public final class CardService {

    static final String SELECT = "SELECT c.id, c.account_id, c.card_type, c.serial_number, c.person_id, p.name AS person_name, "
            + "c.label, c.state, c.created_at FROM cards c LEFT JOIN people p ON p.id = c.person_id ";

    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    private final Clock clock;
    private final Set<CardListener> listeners;

    @Inject
    CardService(Database database, Authorization authorization, AuditLog audit, Clock clock, Set<CardListener> listeners) {
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.clock = clock;
        this.listeners = listeners;
    }

    public List<Card> list(SignedInUser who, String search, PageRequest page) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> h.createQuery(SELECT + "WHERE c.account_id = :accountId" + searchClause(search)
                        + " ORDER BY c.serial_number LIMIT :limit OFFSET :offset")
                .bind("accountId", who.accountId()).bind("search", pattern(search))
                .bind("limit", page.limit()).bind("offset", page.offset())
                .map(ConstructorMapper.of(Card.class)).list());
    }

    public int count(SignedInUser who, String search) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM cards c LEFT JOIN people p ON p.id = c.person_id "
                        + "WHERE c.account_id = :accountId" + searchClause(search))
                .bind("accountId", who.accountId()).bind("search", pattern(search)).mapTo(Integer.class).one());
    }

    public Card get(SignedInUser who, String id) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> find(h, who.accountId(), id));
    }

    public Card create(SignedInUser who, CardDraft draft) {
        authorization.require(who, Role.MANAGER);
        CardDraft clean = validate(draft);
        return database.jdbi().inTransaction(h -> {
            Card card = insert(h, who.accountId(), clean, clock.instant());
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.CREATED, "Card " + card.serialNumber(),
                    card.personName() == null ? null : "assigned to " + card.personName());
            return card;
        });
    }

    /** Inserts without auditing, for callers that audit a batch (CSV import) themselves. */
    public static Card insert(Handle h, String accountId, CardDraft clean, Instant at) {
        requireReferences(h, accountId, clean, null);
        String id = Ids.newId();
        h.createUpdate("INSERT INTO cards (id, account_id, card_type, serial_number, person_id, label, state, created_at) "
                        + "VALUES (:id, :accountId, :cardType, :serialNumber, :personId, :label, :state, :at)")
                .bind("id", id).bind("accountId", accountId).bindMethods(clean).bind("at", at).execute();
        return find(h, accountId, id);
    }

    public Card update(SignedInUser who, String id, CardDraft draft) {
        authorization.require(who, Role.MANAGER);
        CardDraft clean = validate(draft);
        Card changed = database.jdbi().inTransaction(h -> {
            Card before = find(h, who.accountId(), id);
            requireReferences(h, who.accountId(), clean, id);
            h.createUpdate("UPDATE cards SET card_type = :cardType, serial_number = :serialNumber, person_id = :personId, "
                            + "label = :label, state = :state WHERE id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", who.accountId()).bindMethods(clean).execute();
            Card after = find(h, who.accountId(), id);
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.UPDATED, "Card " + after.serialNumber(),
                    before.state() == after.state() ? null : before.state().label() + " → " + after.state().label());
            return after;
        });
        listeners.forEach(listener -> listener.cardChanged(changed.accountId(), changed.id()));
        return changed;
    }

    public void delete(SignedInUser who, String id) {
        authorization.require(who, Role.MANAGER);
        database.jdbi().useTransaction(h -> {
            Card card = find(h, who.accountId(), id);
            int grants = h.createQuery("SELECT COUNT(*) FROM grants WHERE card_id = :id").bind("id", id).mapTo(Integer.class).one();
            if (grants > 0) {
                throw new ConflictException("id", "Card " + card.serialNumber() + " has " + grants
                        + " grant(s): mark it lost or retired instead");
            }
            int reservations = h.createQuery("SELECT COUNT(*) FROM reservation_cards WHERE card_id = :id").bind("id", id)
                    .mapTo(Integer.class).one();
            if (reservations > 0) {
                throw new ConflictException("id", "Card " + card.serialNumber() + " is listed on " + reservations
                        + " reservation(s): mark it lost or retired instead");
            }
            h.createUpdate("DELETE FROM cards WHERE id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", who.accountId()).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.DELETED, "Card " + card.serialNumber(), null);
        });
    }

    /** The account's card with this serial number, if any (for events a driver names by serial). */
    public Optional<Card> findBySerial(String accountId, String serial) {
        return database.jdbi().withHandle(h -> h.createQuery(SELECT + "WHERE c.serial_number = :serial AND c.account_id = :accountId")
                .bind("serial", serial.strip()).bind("accountId", accountId).map(ConstructorMapper.of(Card.class)).findFirst());
    }

    /** The account's card, if it exists (for the host's own work; no signed-in user). */
    public Optional<Card> findIfAny(String accountId, String id) {
        return database.jdbi().withHandle(h -> h.createQuery(SELECT + "WHERE c.id = :id AND c.account_id = :accountId")
                .bind("id", id).bind("accountId", accountId).map(ConstructorMapper.of(Card.class)).findOne());
    }

    public static Card find(Handle h, String accountId, String id) {
        return h.createQuery(SELECT + "WHERE c.id = :id AND c.account_id = :accountId")
                .bind("id", id).bind("accountId", accountId)
                .map(ConstructorMapper.of(Card.class)).findOne()
                .orElseThrow(() -> new NotFoundException("card"));
    }

    /** Checks a draft and returns it normalised; throws with every problem. */
    public static CardDraft validate(CardDraft draft) {
        ValidationException.Collector problems = new ValidationException.Collector();
        String serial = null;
        if (draft.cardType() == null) {
            problems.add("cardType", "Choose the card type");
        } else if (SqlText.isBlank(draft.serialNumber())) {
            problems.add("serialNumber", "Enter the serial number");
        } else {
            serial = draft.cardType().normalize(draft.serialNumber()).orElse(null);
            if (serial == null) {
                problems.add("serialNumber", draft.cardType().rule());
            }
        }
        if (!SqlText.isBlank(draft.label())) {
            problems.check("label", TextRules.validateName(draft.label(), "a label", 100));
        }
        problems.throwIfAny();
        return new CardDraft(draft.cardType(), serial, SqlText.isBlank(draft.personId()) ? null : draft.personId(),
                SqlText.isBlank(draft.label()) ? null : draft.label().strip(),
                draft.state() == null ? CardState.ACTIVE : draft.state());
    }

    private static void requireReferences(Handle h, String accountId, CardDraft clean, String exceptId) {
        if (clean.personId() != null) {
            try {
                PersonService.find(h, accountId, clean.personId());
            } catch (NotFoundException e) {
                throw ValidationException.of("personId", "Choose a person of this account");
            }
        }
        h.createQuery("SELECT id FROM cards WHERE account_id = :accountId AND serial_number = :serial AND id <> :exceptId")
                .bind("accountId", accountId).bind("serial", clean.serialNumber()).bind("exceptId", exceptId == null ? "" : exceptId)
                .mapTo(String.class).findFirst()
                .ifPresent(other -> {
                    throw new ConflictException("serialNumber", "A card with serial number " + clean.serialNumber() + " already exists");
                });
    }

    private static String searchClause(String search) {
        return SqlText.isBlank(search) ? "" : " AND (LOWER(c.serial_number) LIKE :search ESCAPE '!' OR LOWER(COALESCE(c.label, '')) "
                + "LIKE :search ESCAPE '!' OR LOWER(COALESCE(p.name, '')) LIKE :search ESCAPE '!')";
    }

    private static String pattern(String search) {
        return SqlText.isBlank(search) ? "" : SqlText.containsPattern(search);
    }
}
