package dev.portier.plugins.tapkey.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.plugins.tapkey.PhysicalLockId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the simulated Tapkey Trust Service holds: owner accounts and the clients that co-administer them,
 * bound locks with their revocation-list serials, contacts, bound cards, grants and lock logs — and what
 * happens away from the API: phones and cards opening locks (deciding by the grants' validity and iCal
 * restriction), locks receiving revocation lists, phones uploading lock logs late and out of order.
 * {@link TapkeySimulator} serves it over HTTP. Thread-safe: every method holds the world's lock.
 */
public final class TapkeyWorld {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Clock clock;
    private final Map<String, Owner> owners = new LinkedHashMap<>();
    private final Map<String, Lock> locks = new LinkedHashMap<>();
    private final Map<String, Contact> contacts = new LinkedHashMap<>();
    private final Map<String, Card> cards = new LinkedHashMap<>();
    private final Map<String, Grant> grants = new LinkedHashMap<>();
    private final List<LogEntry> log = new ArrayList<>();
    private Duration logDelay;
    private Duration revocationDelay = Duration.ZERO;
    private int contactLimit = Integer.MAX_VALUE;
    private DuplicateContacts duplicateContacts = DuplicateContacts.NEW_OBJECT;
    private int secondRevokeStatus = 409;

    /** What {@code PUT …/Contacts} does with an identifier the owner account already has (Tapkey does not say). */
    public enum DuplicateContacts {
        /** Creates another contact, like every other PUT create. */
        NEW_OBJECT,
        /** Answers the existing contact. */
        RETURN_EXISTING,
        /** 409 Conflict. */
        CONFLICT
    }

    public TapkeyWorld(Clock clock) {
        this.clock = clock;
    }

    /** A failure the API answers with {@code status}. */
    static final class ApiFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        ApiFailure(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    // ---------------------------------------------------------------- set-up

    /** An owner account that the clients {@code coAdmins} may manage. */
    public synchronized void addOwner(String ownerId, String name, String... coAdmins) {
        owners.put(ownerId, new Owner(ownerId, name, Set.of(coAdmins)));
    }

    /** Binds a lock to {@code ownerId}; answers its new bound-lock id (a rebind gets a new one). */
    public synchronized String bindLock(String ownerId, String title, PhysicalLockId physical, String model, boolean icalSupported) {
        Lock previous = lockOf(physical).orElse(null);
        Lock lock = new Lock(UUID.randomUUID().toString(), owner(ownerId).id, title, physical, model, icalSupported, clock.instant());
        if (previous != null) {
            lock.rclSerialNo = previous.rclSerialNo;
            lock.lastSeenRclSerialNo = previous.lastSeenRclSerialNo;
            lock.entryCounter = previous.entryCounter;
        }
        locks.put(lock.id, lock);
        return lock.id;
    }

    /** Unbinds the lock: it leaves the owner's bound locks (its grants stay, as history). */
    public synchronized void unbindLock(PhysicalLockId physical) {
        Lock lock = lockOf(physical).orElseThrow(() -> new IllegalArgumentException("No bound lock " + physical));
        lock.unbindDate = clock.instant();
    }

    /** Binds an NFC card to {@code ownerId}; answers its id. */
    public synchronized String bindCard(String ownerId, String title, String label, String uid, String physicalCardId) {
        Card card = new Card(UUID.randomUUID().toString(), owner(ownerId).id, title, label, uid, physicalCardId, clock.instant());
        cards.put(card.id, card);
        return card.id;
    }

    /**
     * Entries written by locks reach the service on their own {@code delay} after they were written (at the
     * first read after it); {@code null} (the default): only when a phone uploads them ({@link #deliverLogs}).
     */
    public synchronized void logDelay(Duration delay) {
        this.logDelay = delay;
    }

    /** A revoke is pending for {@code delay} before the grant reads as revoked. */
    public synchronized void revocationDelay(Duration delay) {
        this.revocationDelay = delay;
    }

    /** The most contacts an owner account's plan allows; beyond it {@code PUT …/Contacts} answers 402. */
    public synchronized void contactLimit(int limit) {
        this.contactLimit = limit;
    }

    public synchronized void duplicateContacts(DuplicateContacts behaviour) {
        this.duplicateContacts = behaviour;
    }

    /** What revoking a revoked grant answers: 409 (default) or 200. */
    public synchronized void secondRevokeStatus(int status) {
        this.secondRevokeStatus = status;
    }

    // ---------------------------------------------------------------- observations for tests and the sandbox

    /** The grants of {@code ownerId}, in creation order. */
    public synchronized List<GrantView> grants(String ownerId) {
        settle();
        return grants.values().stream().filter(grant -> grant.ownerId.equals(ownerId)).map(Grant::view).toList();
    }

    public synchronized Optional<GrantView> grant(String grantId) {
        settle();
        return Optional.ofNullable(grants.get(grantId)).map(Grant::view);
    }

    /** The contacts of {@code ownerId}, in creation order. */
    public synchronized List<ContactView> contacts(String ownerId) {
        return contacts.values().stream().filter(contact -> contact.ownerId.equals(ownerId))
                .map(contact -> new ContactView(contact.id, contact.identifier, contact.title)).toList();
    }

    /** The bound lock with this physical id now. */
    public synchronized Optional<LockView> lock(PhysicalLockId physical) {
        settle();
        return lockOf(physical).map(Lock::view);
    }

    /** The bound cards of {@code ownerId}. */
    public synchronized List<CardView> cards(String ownerId) {
        return cards.values().stream().filter(card -> card.ownerId.equals(ownerId))
                .map(card -> new CardView(card.id, card.title, card.label, card.uid, card.physicalCardId)).toList();
    }

    // ---------------------------------------------------------------- away from the API

    /**
     * A phone of the contact {@code identifier} tries to open the lock at {@code at}: it holds a key for each
     * active grant of that contact on the lock, and the lock opens when a key's validity and iCal
     * restriction allow {@code at}. An opening is written to the lock's log (entry number = the lock's
     * next), which reaches the service later ({@link #logDelay}, {@link #deliverLogs}).
     */
    public synchronized UnlockAttempt phoneUnlock(PhysicalLockId physical, String identifier, Instant at) {
        Lock lock = lockOf(physical).orElseThrow(() -> new IllegalArgumentException("No bound lock " + physical));
        List<Contact> holders = contacts.values().stream()
                .filter(contact -> contact.ownerId.equals(lock.ownerId) && contact.identifier.equalsIgnoreCase(identifier)).toList();
        settle();
        String verdict = holders.isEmpty() ? "no contact " + identifier + " in this owner account"
                : identifier + " holds no key for this lock";
        for (Contact contact : holders) {
            for (Grant grant : grants.values()) {
                if (lock.id.equals(grant.boundLockId) && contact.id.equals(grant.contactId) && grant.active) {
                    String why = grant.allows(at);
                    if (why == null) {
                        long entryNo = write(lock, at, contact.id, null);
                        return new UnlockAttempt(true, entryNo, "opened by the key of grant " + grant.id);
                    }
                    verdict = why;
                }
            }
        }
        return new UnlockAttempt(false, null, verdict);
    }

    /**
     * The card whose label, uid or physical card id is {@code cardKey} is held to the lock at {@code at}. A
     * key stays on the card after a revoke until the lock has received the revocation list that carries
     * it, and after a DeleteFromCard until the card syncs ({@link #syncCard}).
     */
    public synchronized UnlockAttempt cardUnlock(PhysicalLockId physical, String cardKey, Instant at) {
        Lock lock = lockOf(physical).orElseThrow(() -> new IllegalArgumentException("No bound lock " + physical));
        Card card = cards.values().stream().filter(c -> c.ownerId.equals(lock.ownerId) && c.matches(cardKey)).findFirst()
                .orElse(null);
        if (card == null) {
            return new UnlockAttempt(false, null, "the lock does not know card " + cardKey);
        }
        settle();
        String verdict = "no key on card " + cardKey + " for this lock";
        for (Grant grant : grants.values()) {
            if (!lock.id.equals(grant.boundLockId) || !card.id.equals(grant.boundCardId)) {
                continue;
            }
            boolean onCard = grant.active || (grant.deletedFromCard && !grant.cardSynced)
                    || (grant.revokedInRcl > 0 && lock.lastSeenRclSerialNo < grant.revokedInRcl && !grant.deletedFromCard);
            if (onCard) {
                String why = grant.allows(at);
                if (why == null) {
                    long entryNo = write(lock, at, null, card.id);
                    return new UnlockAttempt(true, entryNo, "opened by the key of grant " + grant.id
                            + (grant.active ? "" : " (revoked, but the lock has not received the revocation list yet)"));
                }
                verdict = why;
            }
        }
        return new UnlockAttempt(false, null, verdict);
    }

    /** A phone carries the newest revocation list to the lock; answers the serial the lock has seen now. */
    public synchronized long syncRevocationList(PhysicalLockId physical) {
        settle();
        Lock lock = lockOf(physical).orElseThrow(() -> new IllegalArgumentException("No bound lock " + physical));
        lock.lastSeenRclSerialNo = lock.rclSerialNo;
        lock.lastSeenRclUpdateDate = clock.instant();
        return lock.lastSeenRclSerialNo;
    }

    /** The card is tapped to a phone: keys deleted from it leave it. */
    public synchronized void syncCard(String cardId) {
        grants.values().stream().filter(grant -> cardId.equals(grant.boundCardId) && grant.deletedFromCard)
                .forEach(grant -> grant.cardSynced = true);
    }

    /**
     * A phone uploads the lock's pending log entries now, newest first when {@code newestFirst} (out of
     * order); they all get this instant as {@code receivedAt}. Answers their entry numbers in upload order.
     */
    public synchronized List<Long> deliverLogs(PhysicalLockId physical, boolean newestFirst) {
        Lock lock = lockOf(physical).orElseThrow(() -> new IllegalArgumentException("No bound lock " + physical));
        List<LogEntry> pending = new ArrayList<>(log.stream().filter(entry -> entry.receivedAt == null
                && entry.boundLockId.equals(lock.id)).toList());
        if (newestFirst) {
            Collections.reverse(pending);
        }
        Instant now = clock.instant();
        List<Long> delivered = new ArrayList<>();
        for (LogEntry entry : pending) {
            entry.receivedAt = now;
            log.remove(entry);
            log.add(entry);
            delivered.add(entry.entryNo);
        }
        return delivered;
    }

    /** An entry that arrives now (backfill, gaps): any entry number, the lock's clock at {@code lockTimestamp}. */
    public synchronized String receiveLogEntry(PhysicalLockId physical, long entryNo, Instant lockTimestamp, String contactId,
            String cardId) {
        Lock lock = lockOf(physical).orElseThrow(() -> new IllegalArgumentException("No bound lock " + physical));
        LogEntry entry = new LogEntry(UUID.randomUUID().toString(), lock.ownerId, lock.id, entryNo, lockTimestamp, contactId,
                cardId, "Command", "TriggerLock");
        entry.receivedAt = clock.instant();
        log.add(entry);
        lock.entryCounter = Math.max(lock.entryCounter, entryNo);
        return entry.id;
    }

    private long write(Lock lock, Instant at, String contactId, String cardId) {
        long entryNo = ++lock.entryCounter;
        LogEntry entry = new LogEntry(UUID.randomUUID().toString(), lock.ownerId, lock.id, entryNo, at, contactId, cardId,
                "Command", "TriggerLock");
        entry.writtenAt = clock.instant();
        log.add(entry);
        return entryNo;
    }

    // ---------------------------------------------------------------- the API's operations

    synchronized Owner owner(String ownerId) {
        Owner owner = owners.get(ownerId);
        if (owner == null) {
            throw new ApiFailure(404, "Owner account " + ownerId + " not found");
        }
        return owner;
    }

    synchronized List<ObjectNode> ownersOf(String clientId) {
        return owners.values().stream().filter(owner -> owner.coAdmins.contains(clientId)).map(Owner::json).toList();
    }

    synchronized boolean coAdministers(String clientId, String ownerId) {
        Owner owner = owners.get(ownerId);
        return owner != null && owner.coAdmins.contains(clientId);
    }

    synchronized List<ObjectNode> boundLocks(String ownerId, boolean features) {
        settle();
        return locks.values().stream().filter(lock -> lock.ownerId.equals(ownerId) && lock.unbindDate == null)
                .map(lock -> lock.json(features)).toList();
    }

    synchronized ObjectNode boundLock(String ownerId, String lockId, boolean features) {
        settle();
        Lock lock = locks.get(lockId);
        if (lock == null || !lock.ownerId.equals(ownerId) || lock.unbindDate != null) {
            throw new ApiFailure(404, "Bound lock " + lockId + " not found");
        }
        return lock.json(features);
    }

    synchronized List<ObjectNode> contactList(String ownerId) {
        return contacts.values().stream().filter(contact -> contact.ownerId.equals(ownerId)).map(Contact::json).toList();
    }

    synchronized ObjectNode contact(String ownerId, String contactId) {
        return contactOf(ownerId, contactId).json();
    }

    synchronized ObjectNode createContact(String ownerId, ObjectNode body) {
        String identifier = firstText(body, "identifier", "email");
        String ipId = firstText(body, "ipId");
        if (identifier == null || !identifier.contains("@")) {
            throw new ApiFailure(400, "identifier (an email address) is required");
        }
        if (ipId != null && !ipId.equals("tapkey")) {
            throw new ApiFailure(400, "unknown identity provider " + ipId);
        }
        Optional<Contact> existing = contacts.values().stream()
                .filter(contact -> contact.ownerId.equals(ownerId) && contact.identifier.equalsIgnoreCase(identifier)).findFirst();
        if (existing.isPresent() && duplicateContacts == DuplicateContacts.RETURN_EXISTING) {
            return existing.get().json();
        }
        if (existing.isPresent() && duplicateContacts == DuplicateContacts.CONFLICT) {
            throw new ApiFailure(409, "A contact with this identifier exists");
        }
        long count = contacts.values().stream().filter(contact -> contact.ownerId.equals(ownerId)).count();
        if (count >= contactLimit) {
            throw new ApiFailure(402, "The plan of this owner account allows " + contactLimit + " users");
        }
        Contact contact = new Contact(UUID.randomUUID().toString(), ownerId, identifier, firstText(body, "title"));
        contacts.put(contact.id, contact);
        return contact.json();
    }

    synchronized ObjectNode patchContact(String ownerId, String contactId, ObjectNode body) {
        Contact contact = contactOf(ownerId, contactId);
        if (body.has("identifier") || body.has("email") || body.has("ipId")) {
            throw new ApiFailure(400, "Only title and comment can be patched");
        }
        if (body.hasNonNull("title")) {
            contact.title = body.get("title").asText();
        }
        return contact.json();
    }

    synchronized List<ObjectNode> cardList(String ownerId) {
        return cards.values().stream().filter(card -> card.ownerId.equals(ownerId)).map(Card::json).toList();
    }

    synchronized ObjectNode card(String ownerId, String cardId) {
        return cardOf(ownerId, cardId).json();
    }

    synchronized void patchCard(String ownerId, String cardId, ObjectNode body) {
        Card card = cardOf(ownerId, cardId);
        if (body.hasNonNull("title")) {
            card.title = body.get("title").asText();
        }
    }

    synchronized List<ObjectNode> grantList(String ownerId) {
        settle();
        return grants.values().stream().filter(grant -> grant.ownerId.equals(ownerId)).map(Grant::json).toList();
    }

    synchronized List<ObjectNode> grantsOfCard(String ownerId, String cardId) {
        cardOf(ownerId, cardId);
        return grantList(ownerId).stream().filter(grant -> cardId.equals(grant.path("boundCardId").asText(null))).toList();
    }

    synchronized ObjectNode grant(String ownerId, String grantId) {
        return grantOf(ownerId, grantId).json();
    }

    /** {@code PUT …/Grants}: a new grant on every call. */
    synchronized ObjectNode createGrant(String ownerId, ObjectNode body) {
        String lockId = firstText(body, "boundLockId");
        if (lockId == null && body.path("boundLock").isObject()) {
            lockId = firstText((ObjectNode) body.get("boundLock"), "id");
        }
        Lock lock = lockId == null ? null : locks.get(lockId);
        if (lock == null || !lock.ownerId.equals(ownerId) || lock.unbindDate != null) {
            throw new ApiFailure(400, "boundLockId does not name a bound lock of this owner account");
        }
        String contactId = firstText(body, "contactId");
        if (contactId == null && body.path("contact").isObject()) {
            String identifier = firstText((ObjectNode) body.get("contact"), "identifier", "email");
            contactId = contacts.values().stream().filter(c -> c.ownerId.equals(ownerId) && c.identifier.equalsIgnoreCase(identifier))
                    .map(c -> c.id).findFirst().orElseThrow(() -> new ApiFailure(400, "no contact with identifier " + identifier));
        }
        String cardId = firstText(body, "boundCardId");
        if ((contactId == null) == (cardId == null)) {
            throw new ApiFailure(400, "A grant is for a contact (contactId) or a card (boundCardId)");
        }
        if (contactId != null) {
            contactOf(ownerId, contactId);
        } else {
            cardOf(ownerId, cardId);
        }
        Instant validFrom = instantOrNull(body, "validFrom");
        Instant validBefore = instantOrNull(body, "validBefore");
        if (validFrom != null && validBefore != null && !validBefore.isAfter(validFrom)) {
            throw new ApiFailure(400, "validBefore must be after validFrom");
        }
        String ical = firstText(body, "timeRestrictionIcal");
        TimeRestriction restriction = null;
        if (ical != null) {
            if (!lock.icalSupported) {
                throw new ApiFailure(400, "The lock does not support time restrictions (timeRestrictionIcalSupport)");
            }
            try {
                restriction = TimeRestriction.parse(ical);
            } catch (IllegalArgumentException e) {
                throw new ApiFailure(400, e.getMessage());
            }
        }
        Grant grant = new Grant(UUID.randomUUID().toString(), ownerId, lock.id, contactId, cardId, validFrom, validBefore, restriction);
        grants.put(grant.id, grant);
        return grant.json();
    }

    /** {@code …/Grants/{id}/Revoke}. */
    synchronized ObjectNode revoke(String ownerId, String grantId) {
        Grant grant = grantOf(ownerId, grantId);
        if (!grant.active || grant.revokeRequestedAt != null) {
            if (secondRevokeStatus == 409) {
                throw new ApiFailure(409, "The grant is revoked already");
            }
            return grant.json();
        }
        grant.revokeRequestedAt = clock.instant();
        grant.state = "RevocationPending";
        settle();
        return grant.json();
    }

    /** {@code …/Grants/{id}/DeleteFromCard}: for card grants; no revocation-list entry. */
    synchronized ObjectNode deleteFromCard(String ownerId, String grantId) {
        Grant grant = grantOf(ownerId, grantId);
        if (grant.boundCardId == null) {
            throw new ApiFailure(400, "DeleteFromCard applies to card grants only");
        }
        if (!grant.active) {
            throw new ApiFailure(409, "The grant is not active");
        }
        grant.active = false;
        grant.state = "Revoked";
        grant.deletedFromCard = true;
        return grant.json();
    }

    /** {@code …/Contacts/{id}/RevokeGrants} and {@code …/BoundCards/{id}/RevokeGrants}. */
    synchronized void revokeAll(String ownerId, String contactId, String cardId) {
        if (contactId != null) {
            contactOf(ownerId, contactId);
        } else {
            cardOf(ownerId, cardId);
        }
        for (Grant grant : List.copyOf(grants.values())) {
            boolean mine = contactId != null ? contactId.equals(grant.contactId) : cardId.equals(grant.boundCardId);
            if (mine && grant.ownerId.equals(ownerId) && grant.active && grant.revokeRequestedAt == null) {
                grant.revokeRequestedAt = clock.instant();
                grant.state = "RevocationPending";
            }
        }
        settle();
    }

    /** The delivered log entries of {@code ownerId}, in arrival order. */
    synchronized List<ObjectNode> logEntries(String ownerId) {
        Instant now = clock.instant();
        for (LogEntry entry : log) {
            if (entry.receivedAt == null && logDelay != null && !entry.writtenAt.plus(logDelay).isAfter(now)) {
                entry.receivedAt = now;
            }
        }
        return log.stream().filter(entry -> entry.ownerId.equals(ownerId) && entry.receivedAt != null).map(LogEntry::json).toList();
    }

    /** Completes revocations whose delay has passed: the grant reads revoked and enters its lock's next revocation list. */
    private void settle() {
        Instant now = clock.instant();
        for (Grant grant : grants.values()) {
            if (grant.revokeRequestedAt != null && grant.active && !grant.revokeRequestedAt.plus(revocationDelay).isAfter(now)) {
                grant.active = false;
                grant.state = "Revoked";
                Lock lock = locks.get(grant.boundLockId);
                lock.rclSerialNo++;
                lock.rclDate = now;
                grant.revokedInRcl = lock.rclSerialNo;
            }
        }
    }

    private Optional<Lock> lockOf(PhysicalLockId physical) {
        return locks.values().stream().filter(lock -> lock.physical.equals(physical) && lock.unbindDate == null).findFirst();
    }

    private Contact contactOf(String ownerId, String contactId) {
        Contact contact = contacts.get(contactId);
        if (contact == null || !contact.ownerId.equals(ownerId)) {
            throw new ApiFailure(404, "Contact " + contactId + " not found");
        }
        return contact;
    }

    private Card cardOf(String ownerId, String cardId) {
        Card card = cards.get(cardId);
        if (card == null || !card.ownerId.equals(ownerId)) {
            throw new ApiFailure(404, "Bound card " + cardId + " not found");
        }
        return card;
    }

    private Grant grantOf(String ownerId, String grantId) {
        settle();
        Grant grant = grants.get(grantId);
        if (grant == null || !grant.ownerId.equals(ownerId)) {
            throw new ApiFailure(404, "Grant " + grantId + " not found");
        }
        return grant;
    }

    private static String firstText(ObjectNode body, String... fields) {
        for (String field : fields) {
            if (body.hasNonNull(field) && !body.get(field).asText().isBlank()) {
                return body.get(field).asText();
            }
        }
        return null;
    }

    private static Instant instantOrNull(ObjectNode body, String field) {
        String text = firstText(body, field);
        if (text == null) {
            return null;
        }
        if (!text.endsWith("Z") && !text.matches(".*[+-]\\d\\d:\\d\\d$")) {
            throw new ApiFailure(400, field + " must be UTC with Z or an offset: " + text);
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiFailure(400, field + " is not an ISO-8601 timestamp: " + text);
        }
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    // ---------------------------------------------------------------- views

    /** A grant as tests see it. */
    public record GrantView(String id, String boundLockId, String contactId, String boundCardId, boolean active, String state,
            Instant validFrom, Instant validBefore, TimeRestriction restriction, long revokedInRcl) {
    }

    public record ContactView(String id, String identifier, String title) {
    }

    public record LockView(String id, String title, PhysicalLockId physicalLockId, boolean icalSupported, long rclSerialNo,
            long lastSeenRclSerialNo) {
    }

    public record CardView(String id, String title, String label, String uid, String physicalCardId) {
    }

    /** What a phone or card met at the lock; {@code entryNo} of the log entry written when it opened. */
    public record UnlockAttempt(boolean opened, Long entryNo, String reason) {
    }

    // ---------------------------------------------------------------- state

    record Owner(String id, String name, Set<String> coAdmins) {
        ObjectNode json() {
            return JSON.objectNode().put("id", id).put("name", name).put("active", true);
        }
    }

    private static final class Lock {
        final String id;
        final String ownerId;
        final String title;
        final PhysicalLockId physical;
        final String model;
        final boolean icalSupported;
        final Instant bindDate;
        Instant unbindDate;
        long rclSerialNo;
        Instant rclDate;
        long lastSeenRclSerialNo;
        Instant lastSeenRclUpdateDate;
        long entryCounter;

        Lock(String id, String ownerId, String title, PhysicalLockId physical, String model, boolean icalSupported, Instant bindDate) {
            this.id = id;
            this.ownerId = ownerId;
            this.title = title;
            this.physical = physical;
            this.model = model;
            this.icalSupported = icalSupported;
            this.bindDate = bindDate;
        }

        ObjectNode json(boolean features) {
            ObjectNode node = JSON.objectNode().put("id", id).put("title", title).putNull("description").put("ownerAccountId", ownerId)
                    .put("physicalLockId", physical.base64()).put("active", unbindDate == null).put("targetType", "Lock")
                    .put("lockTypeId", model).put("bindDate", time(bindDate)).put("unbindDate", time(unbindDate))
                    .put("rclSerialNo", rclSerialNo).put("rclDate", time(rclDate)).put("lastSeenRclSerialNo", lastSeenRclSerialNo)
                    .put("lastSeenRclUpdateDate", time(lastSeenRclUpdateDate));
            ObjectNode type = node.putObject("lockType").put("id", model).put("manufacturerId", "tapkey").put("modelName", model);
            type.putArray("supportedTechnologies").add("nfc").add("ble");
            if (features) {
                node.putObject("supportedFeatures").put("timeRestrictionIcalSupport", icalSupported ? "Supported" : "NotSupported");
            }
            return node;
        }

        LockView view() {
            return new LockView(id, title, physical, icalSupported, rclSerialNo, lastSeenRclSerialNo);
        }
    }

    private static final class Contact {
        final String id;
        final String ownerId;
        final String identifier;
        String title;

        Contact(String id, String ownerId, String identifier, String title) {
            this.id = id;
            this.ownerId = ownerId;
            this.identifier = identifier;
            this.title = title;
        }

        ObjectNode json() {
            return JSON.objectNode().put("id", id).put("ownerId", ownerId).putNull("comment").put("ipId", "tapkey")
                    .put("identifier", identifier).put("email", identifier).put("title", title);
        }
    }

    private static final class Card {
        final String id;
        final String ownerId;
        final String label;
        final String uid;
        final String physicalCardId;
        final Instant bindDate;
        String title;

        Card(String id, String ownerId, String title, String label, String uid, String physicalCardId, Instant bindDate) {
            this.id = id;
            this.ownerId = ownerId;
            this.title = title;
            this.label = label;
            this.uid = uid;
            this.physicalCardId = physicalCardId;
            this.bindDate = bindDate;
        }

        boolean matches(String key) {
            String wanted = key.toUpperCase(Locale.ROOT);
            return wanted.equals(upper(label)) || wanted.equals(upper(uid)) || wanted.equals(upper(physicalCardId));
        }

        private static String upper(String text) {
            return text == null ? null : text.toUpperCase(Locale.ROOT);
        }

        ObjectNode json() {
            return JSON.objectNode().put("id", id).put("label", label).put("uid", uid).put("isActive", true)
                    .put("physicalCardId", physicalCardId).put("ownerAccountId", ownerId).put("bindDate", time(bindDate))
                    .putNull("unbindDate").put("title", title).put("nofGrantsCapacity", 12);
        }
    }

    private final class Grant {
        final String id;
        final String ownerId;
        final String boundLockId;
        final String contactId;
        final String boundCardId;
        final Instant validFrom;
        final Instant validBefore;
        final TimeRestriction restriction;
        boolean active = true;
        String state = "Ok";
        Instant revokeRequestedAt;
        long revokedInRcl;
        boolean deletedFromCard;
        boolean cardSynced;

        Grant(String id, String ownerId, String boundLockId, String contactId, String boundCardId, Instant validFrom,
                Instant validBefore, TimeRestriction restriction) {
            this.id = id;
            this.ownerId = ownerId;
            this.boundLockId = boundLockId;
            this.contactId = contactId;
            this.boundCardId = boundCardId;
            this.validFrom = validFrom;
            this.validBefore = validBefore;
            this.restriction = restriction;
        }

        /** {@code null} when a key of this grant opens at {@code at}; otherwise why not. */
        String allows(Instant at) {
            if (validFrom != null && at.isBefore(validFrom)) {
                return "the grant starts at " + validFrom;
            }
            if (validBefore != null && !at.isBefore(validBefore)) {
                return "the grant ended at " + validBefore;
            }
            if (restriction != null && !restriction.allows(at)) {
                return "the grant's time restriction does not allow " + at;
            }
            return null;
        }

        ObjectNode json() {
            Lock lock = locks.get(boundLockId);
            ObjectNode node = JSON.objectNode().put("id", id).put("active", active).put("state", state)
                    .put("boundLockId", boundLockId).put("contactId", contactId).put("boundCardId", boundCardId)
                    .put("validFrom", time(validFrom)).put("validBefore", time(validBefore))
                    .put("timeRestrictionIcal", restriction == null ? null : restriction.text());
            node.putObject("boundLock").put("id", lock.id).put("title", lock.title).put("physicalLockId", lock.physical.base64());
            node.putObject("owner").put("id", ownerId);
            if (contactId != null) {
                Contact contact = contacts.get(contactId);
                node.putObject("contact").put("id", contact.id).put("identifier", contact.identifier).put("email", contact.identifier);
            } else {
                node.putNull("contact");
            }
            return node;
        }

        GrantView view() {
            return new GrantView(id, boundLockId, contactId, boundCardId, active, state, validFrom, validBefore, restriction,
                    revokedInRcl);
        }
    }

    private static final class LogEntry {
        final String id;
        final String ownerId;
        final String boundLockId;
        final long entryNo;
        final Instant lockTimestamp;
        final String contactId;
        final String boundCardId;
        final String logType;
        final String command;
        Instant writtenAt;
        Instant receivedAt;

        LogEntry(String id, String ownerId, String boundLockId, long entryNo, Instant lockTimestamp, String contactId,
                String boundCardId, String logType, String command) {
            this.id = id;
            this.ownerId = ownerId;
            this.boundLockId = boundLockId;
            this.entryNo = entryNo;
            this.lockTimestamp = lockTimestamp;
            this.contactId = contactId;
            this.boundCardId = boundCardId;
            this.logType = logType;
            this.command = command;
        }

        ObjectNode json() {
            return JSON.objectNode().put("id", id).put("entryNo", entryNo).put("lockTimestamp", time(lockTimestamp))
                    .put("receivedAt", time(receivedAt)).put("boundLockId", boundLockId).put("boundCardId", boundCardId)
                    .put("contactId", contactId).put("logType", logType).put("command", command);
        }
    }
}
