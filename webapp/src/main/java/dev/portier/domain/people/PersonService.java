package dev.portier.domain.people;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.identity.accounts.Audited;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.EpochColumns;
import dev.portier.platform.db.Ids;
import dev.portier.platform.db.PageRequest;
import dev.portier.platform.db.SqlText;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.domain.sites.SiteService;
import dev.portier.platform.time.ZoneCountries;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.EmailAddress;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** People of the signed-in user's account: VIEWERs read, MANAGERs and OWNERs change. */
@Singleton
public final class PersonService {

    /**
     * Written out rather than Jdbi's reflective mapper, which matches the columns to the record's
     * parameters again for every query (about 40% of a phone lookup in check-access's profile).
     */
    static final RowMapper<Person> MAPPER = (rs, ctx) -> {
        Instant created = EpochColumns.instant(rs, "created_at");
        return new Person(rs.getString("id"), rs.getString("account_id"), rs.getString("name"), rs.getString("email"),
                rs.getString("phone"), rs.getString("notes"), created);
    };

    /** From this offset on, a page nearer the end of the list is read from the end (see {@link #list}). */
    static final int FROM_END_AFTER = 1_000;

    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    private final Clock clock;
    private final AccountService accounts;
    private final SiteService sites;
    private final Set<PersonReferences> references;

    @Inject
    PersonService(Database database, Authorization authorization, AuditLog audit, Clock clock, Set<PersonReferences> references,
            AccountService accounts, SiteService sites) {
        this.references = references;
        this.accounts = accounts;
        this.sites = sites;
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * One page of the account's people by (name, id), optionally filtered. A page in the far half of a long
     * list (a grid scrolled to its end) is read backwards from the end over the (account_id, name, id)
     * index, so its cost does not grow with the offset; the rows come back in ascending order either way.
     */
    public List<Person> list(SignedInUser who, String search, PageRequest page) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> {
            int offset = page.offset();
            int limit = page.limit();
            boolean fromEnd = false;
            if (offset >= FROM_END_AFTER) {
                int total = count(h, who.accountId(), search);
                if (offset >= total) {
                    return List.of();
                }
                if (offset > total / 2) {
                    fromEnd = true;
                    int end = Math.min(total, offset + limit);
                    limit = end - offset;
                    offset = total - end;
                }
            }
            List<Person> rows = h.createQuery("SELECT * FROM people WHERE account_id = :accountId" + searchClause(search)
                            + (fromEnd ? " ORDER BY name DESC, id DESC" : " ORDER BY name, id") + " LIMIT :limit OFFSET :offset")
                    .bind("accountId", who.accountId()).bind("search", pattern(search))
                    .bind("limit", limit).bind("offset", offset)
                    .map(MAPPER).list();
            if (fromEnd) {
                rows = new ArrayList<>(rows);
                Collections.reverse(rows);
            }
            return rows;
        });
    }

    public int count(SignedInUser who, String search) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> count(h, who.accountId(), search));
    }

    private static int count(Handle h, String accountId, String search) {
        return h.createQuery("SELECT COUNT(*) FROM people WHERE account_id = :accountId" + searchClause(search))
                .bind("accountId", accountId).bind("search", pattern(search)).mapTo(Integer.class).one();
    }

    public Person get(SignedInUser who, String id) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> find(h, who.accountId(), id));
    }

    /** The account's person, if they exist (for the host's own work; no signed-in user). */
    public Optional<Person> findIfAny(String accountId, String id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM people WHERE account_id = :accountId AND id = :id")
                .bind("accountId", accountId).bind("id", id).map(MAPPER).findOne());
    }

    /** The person with this phone number (any notation) in the account, if exactly one has it. */
    public Optional<Person> findByPhone(String accountId, String rawPhone) {
        return PhoneNumbers.normalize(rawPhone).flatMap(phone -> database.jdbi().withHandle(h -> {
            List<Person> matches = h.createQuery("SELECT * FROM people WHERE account_id = :accountId AND phone = :phone LIMIT 2")
                    .bind("accountId", accountId).bind("phone", phone).map(MAPPER).list();
            return matches.size() == 1 ? Optional.of(matches.getFirst()) : Optional.empty();
        }));
    }

    /**
     * The country in which a phone number typed without + and a country code is read: the account's time
     * zone's, else the one country all its sites are in; empty (international numbers only) when neither says.
     */
    public Optional<String> phoneCountry(SignedInUser who) {
        Optional<String> account = ZoneCountries.of(zone(accounts.current(who).timeZone()));
        if (account.isPresent()) {
            return account;
        }
        Set<String> countries = sites.timeZones(who.accountId()).stream().map(PersonService::zone).map(ZoneCountries::of)
                .flatMap(Optional::stream).collect(java.util.stream.Collectors.toSet());
        return countries.size() == 1 ? Optional.of(countries.iterator().next()) : Optional.empty();
    }

    private static java.time.ZoneId zone(String id) {
        try {
            return java.time.ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    public Person create(SignedInUser who, PersonDraft draft) {
        authorization.require(who, Role.MANAGER);
        PersonDraft clean = validate(draft, phoneCountry(who).orElse(null));
        return database.jdbi().inTransaction(h -> {
            Person person = insert(h, who.accountId(), clean, clock.instant());
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.CREATED, "Person " + person.label(), null);
            return person;
        });
    }

    /** Inserts without auditing, for callers that audit a batch (CSV import) themselves. */
    public static Person insert(Handle h, String accountId, PersonDraft clean, Instant at) {
        requireUniqueEmail(h, accountId, clean.email(), null);
        requireUniquePhone(h, accountId, clean.phone(), null);
        String id = Ids.newId();
        h.createUpdate("INSERT INTO people (id, account_id, name, email, phone, notes, created_at) "
                        + "VALUES (:id, :accountId, :name, :email, :phone, :notes, :at)")
                .bind("id", id).bind("accountId", accountId).bindMethods(clean).bind("at", at).execute();
        return find(h, accountId, id);
    }

    public Person update(SignedInUser who, String id, PersonDraft draft) {
        authorization.require(who, Role.MANAGER);
        PersonDraft clean = validate(draft, phoneCountry(who).orElse(null));
        return database.jdbi().inTransaction(h -> {
            find(h, who.accountId(), id);
            requireUniqueEmail(h, who.accountId(), clean.email(), id);
            requireUniquePhone(h, who.accountId(), clean.phone(), id);
            h.createUpdate("UPDATE people SET name = :name, email = :email, phone = :phone, notes = :notes "
                            + "WHERE id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", who.accountId()).bindMethods(clean).execute();
            Person after = find(h, who.accountId(), id);
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.UPDATED, "Person " + after.label(), null);
            return after;
        });
    }

    /** Deletes a person without grants; their cards stay, unassigned. */
    public void delete(SignedInUser who, String id) {
        authorization.require(who, Role.MANAGER);
        database.jdbi().useTransaction(h -> {
            Person person = find(h, who.accountId(), id);
            for (PersonReferences owner : references) {
                Optional<String> kept = owner.keeps(h, who.accountId(), id);
                if (kept.isPresent()) {
                    throw new ConflictException("id", person.name() + " " + kept.get() + ": the person cannot be deleted");
                }
            }
            references.forEach(owner -> owner.release(h, who.accountId(), id));
            h.createUpdate("DELETE FROM people WHERE id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", who.accountId()).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.DELETED, "Person " + person.label(), null);
        });
    }

    public static Person find(Handle h, String accountId, String id) {
        return h.createQuery("SELECT * FROM people WHERE id = :id AND account_id = :accountId")
                .bind("id", id).bind("accountId", accountId)
                .map(MAPPER).findOne()
                .orElseThrow(() -> new NotFoundException("person"));
    }

    /** Checks a draft and returns it normalised (trimmed, lower-case email, E.164 phone); throws with every problem. */
    public static PersonDraft validate(PersonDraft draft) {
        return validate(draft, null);
    }

    /** Like {@link #validate(PersonDraft)}, reading a phone number without + in {@code phoneCountry} (ISO 3166). */
    public static PersonDraft validate(PersonDraft draft, String phoneCountry) {
        ValidationException.Collector problems = new ValidationException.Collector()
                .check("name", TextRules.validateName(draft.name(), "a name", 200));
        boolean hasEmail = !SqlText.isBlank(draft.email());
        boolean hasPhone = !SqlText.isBlank(draft.phone());
        if (!hasEmail && !hasPhone) {
            problems.add("email", "Enter an email address or a phone number");
        }
        if (hasEmail) {
            problems.check("email", EmailAddress.validate(draft.email()));
        }
        if (hasPhone) {
            problems.check("phone", PhoneNumbers.validate(draft.phone(), phoneCountry));
        }
        problems.check("notes", TextRules.validateText(draft.notes(), "Notes", 2000));
        problems.throwIfAny();
        return new PersonDraft(draft.name().strip(), hasEmail ? EmailAddress.normalize(draft.email()) : null,
                hasPhone ? PhoneNumbers.normalize(draft.phone(), phoneCountry).orElseThrow() : null,
                SqlText.isBlank(draft.notes()) ? null : draft.notes().strip());
    }

    private static void requireUniqueEmail(Handle h, String accountId, String email, String exceptId) {
        if (email == null) {
            return;
        }
        h.createQuery("SELECT name FROM people WHERE account_id = :accountId AND email = :email AND id <> :exceptId")
                .bind("accountId", accountId).bind("email", email).bind("exceptId", exceptId == null ? "" : exceptId)
                .mapTo(String.class).findFirst()
                .ifPresent(name -> {
                    throw new ConflictException("email", name + " already has the email " + email);
                });
    }

    /**
     * A phone number names one person in an account: vendors ask by number (Unloc's appUserId), and a
     * number two people share would answer "no" at the door for both.
     */
    private static void requireUniquePhone(Handle h, String accountId, String phone, String exceptId) {
        if (phone == null) {
            return;
        }
        h.createQuery("SELECT name FROM people WHERE account_id = :accountId AND phone = :phone AND id <> :exceptId")
                .bind("accountId", accountId).bind("phone", phone).bind("exceptId", exceptId == null ? "" : exceptId)
                .mapTo(String.class).findFirst()
                .ifPresent(name -> {
                    throw new ConflictException("phone", name + " already has the phone number " + PhoneNumbers.display(phone)
                            + ": a number names one person, so a door asking by number knows whom it means");
                });
    }

    private static String searchClause(String search) {
        return SqlText.isBlank(search) ? "" : " AND (LOWER(name) LIKE :search ESCAPE '!' OR email LIKE :search ESCAPE '!'"
                + " OR phone LIKE :search ESCAPE '!')";
    }

    private static String pattern(String search) {
        return SqlText.isBlank(search) ? "" : SqlText.containsPattern(search);
    }
}
