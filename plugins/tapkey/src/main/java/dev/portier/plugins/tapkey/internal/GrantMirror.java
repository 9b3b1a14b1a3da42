package dev.portier.plugins.tapkey.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.plugin.api.GrantSync.GrantSnapshot;
import dev.portier.plugin.api.GrantSync.GrantWithdrawal;
import dev.portier.plugin.api.GrantSync.RevocationProgress;
import dev.portier.plugin.api.GrantSync.RevocationProgress.Stage;
import dev.portier.plugin.api.GrantSync.ScheduleFit;
import dev.portier.plugin.api.GrantSync.SyncedGrant;
import dev.portier.plugin.api.Grantee;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.Schedule;
import dev.portier.plugin.api.VendorRefusedException;
import dev.portier.plugins.tapkey.internal.LockCatalogue.Facts;
import dev.portier.plugins.tapkey.internal.TapkeyClient.Answer;
import dev.portier.plugins.tapkey.internal.TapkeyClient.TapkeyException;
import dev.portier.plugins.tapkey.internal.TapkeySettings.CardRemoval;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Portier's grants as Tapkey grants. A push looks at the active Tapkey grants of the lock first and
 * reuses one that already says exactly what the snapshot says (the same push retried, or a create whose
 * answer was lost), otherwise creates one ({@code PUT …/Grants}, never repeated blindly); then it revokes
 * what earlier pushes of the same grant created — Tapkey grants are not edited in place. A withdrawal
 * revokes (or, for card grants when so configured, deletes from the card). Its progress follows the
 * grant's state, then the lock's revocation-list serials. {@link #fit} answers from remembered lock facts.
 */
final class GrantMirror {

    private final Supplier<TapkeyClient> client;
    private final LockCatalogue locks;
    private final Grantees grantees;
    private final DriverMemory memory;
    private final AtomicReference<String> revokeVerb;

    GrantMirror(Supplier<TapkeyClient> client, LockCatalogue locks, Grantees grantees, DriverMemory memory, String revokeVerb) {
        this.client = client;
        this.locks = locks;
        this.grantees = grantees;
        this.memory = memory;
        this.revokeVerb = new AtomicReference<>(revokeVerb);
    }

    /** What Tapkey is asked to hold. */
    private record Desired(String boundLockId, Grantees.Target target, Instant validFrom, Instant validBefore, String ical) {
        boolean matches(JsonNode grant) {
            if (Boolean.FALSE.equals(TapkeyJson.bool(grant, "active")) || "Revoked".equalsIgnoreCase(TapkeyJson.text(grant, "state"))) {
                return false;
            }
            String lock = Optional.ofNullable(TapkeyJson.text(grant, "boundLockId"))
                    .orElse(TapkeyJson.text(TapkeyJson.nested(grant, "boundLock"), "id"));
            return boundLockId.equals(lock) && target.matches(grant)
                    && Objects.equals(validFrom, TapkeyJson.instant(grant, "validFrom"))
                    && Objects.equals(validBefore, TapkeyJson.instant(grant, "validBefore"))
                    && Objects.equals(ICalendarText.normalised(ical), ICalendarText.normalised(TapkeyJson.text(grant, "timeRestrictionIcal")));
        }

        ObjectNode body() {
            ObjectNode body = TapkeyJson.object().put("boundLockId", boundLockId);
            if (target.contactId() != null) {
                body.put("contactId", target.contactId());
            } else {
                body.put("boundCardId", target.boundCardId());
            }
            body.put("validFrom", TapkeyJson.format(validFrom));
            if (validBefore == null) {
                body.putNull("validBefore");
            } else {
                body.put("validBefore", TapkeyJson.format(validBefore));
            }
            if (ical != null) {
                body.put("timeRestrictionIcal", ical);
            }
            return body;
        }
    }

    SyncedGrant push(GrantSnapshot grant) throws IOException, InterruptedException {
        Facts lock = locks.require(grant.lock());
        Grantees.Target target = grantees.resolve(grant.grantee());
        String ical = grant.schedule() != null && Boolean.TRUE.equals(lock.ical())
                ? ICalendarText.of(grant.schedule(), LocalDate.ofInstant(grant.validFrom(), grant.schedule().zone()), "portier-" + grant.grantId())
                : null;
        Desired desired = new Desired(lock.boundLockId(), target, millis(grant.validFrom()), millis(grant.validUntil()), ical);
        String key = key(grant.grantId(), grant.lock(), grant.grantee());
        Set<String> earlier = pushed(key);
        if (grant.previousVendorReference() != null) {
            earlier.add(grant.previousVendorReference());
        }
        String current = find(desired, earlier).orElse(null);
        if (current == null) {
            current = create(desired, grant);
        }
        earlier.add(current);
        remember(key, earlier);
        for (String old : List.copyOf(earlier)) {
            if (!old.equals(current)) {
                revoke(old, grant.grantee(), false);
                earlier.remove(old);
                remember(key, earlier);
            }
        }
        return new SyncedGrant(current);
    }

    void withdraw(GrantWithdrawal withdrawal) throws IOException, InterruptedException {
        for (String id : ids(withdrawal)) {
            revoke(id, withdrawal.grantee(), true);
        }
    }

    ScheduleFit fit(LockRef lock, Schedule schedule) {
        Optional<Facts> facts;
        try {
            facts = locks.known(lock.vendorReference());
        } catch (RuntimeException e) {
            facts = Optional.empty();
        }
        Boolean ical = facts.map(Facts::ical).orElse(null);
        if (Boolean.TRUE.equals(ical)) {
            return ScheduleFit.exact(schedule);
        }
        if (Boolean.FALSE.equals(ical)) {
            return ScheduleFit.differs(null, "Lock " + lock.name() + " cannot take time restrictions (Tapkey reports no iCal "
                    + "support for it): the grant will open it at any time between its start and end.");
        }
        return ScheduleFit.differs(null, "Portier does not know yet whether lock " + lock.name() + " can take time restrictions "
                + "at Tapkey (its locks have not been synced): if it cannot, the grant will open it at any time between its start "
                + "and end.");
    }

    RevocationProgress progress(GrantWithdrawal withdrawal) throws IOException, InterruptedException {
        List<String> ids = ids(withdrawal);
        if (ids.isEmpty()) {
            return new RevocationProgress(Stage.REACHED_LOCK, null, "Nothing was granted at Tapkey for this grant.");
        }
        RevocationProgress least = null;
        for (String id : ids) {
            RevocationProgress progress = progressOf(id);
            if (least == null || progress.stage().ordinal() < least.stage().ordinal()) {
                least = progress;
            }
        }
        return least;
    }

    private RevocationProgress progressOf(String id) throws IOException, InterruptedException {
        TapkeyClient tapkey = client.get();
        String path = tapkey.owned("Grants/" + TapkeyClient.segment(id));
        Answer answer = tapkey.call("GET", path, Map.of(), null, true);
        Optional<JsonNode> noted = memory.get("revocation", id);
        if (answer.status() == 404) {
            return noted.map(note -> atLock(id, note)).orElse(new RevocationProgress(Stage.REVOKED_AT_VENDOR, null,
                    "Tapkey no longer lists grant " + id + "; whether its lock has seen the revocation is unknown."));
        }
        if (!answer.ok()) {
            throw TapkeyClient.failure("GET", path, answer);
        }
        JsonNode grant = answer.json();
        Instant validBefore = TapkeyJson.instant(grant, "validBefore");
        boolean revoked = Boolean.FALSE.equals(TapkeyJson.bool(grant, "active"))
                || "Revoked".equalsIgnoreCase(TapkeyJson.text(grant, "state"));
        if (!revoked) {
            return new RevocationProgress(Stage.REQUESTED, validBefore, "Revocation of Tapkey grant " + id
                    + " requested; Tapkey does not report it revoked yet (state " + TapkeyJson.text(grant, "state") + ").");
        }
        ObjectNode note = noted.filter(JsonNode::isObject).map(node -> (ObjectNode) node.deepCopy()).orElse(TapkeyJson.object());
        if (note.get("rcl") == null || note.get("rcl").isNull()) {
            // The first revocation list that can carry the revocation is the lock's newest now that Tapkey reports it revoked.
            String boundLockId = Optional.ofNullable(TapkeyJson.text(grant, "boundLockId"))
                    .orElse(TapkeyJson.text(TapkeyJson.nested(grant, "boundLock"), "id"));
            JsonNode lock = tapkey.get(tapkey.owned("BoundLocks/" + TapkeyClient.segment(boundLockId)), Map.of());
            note.put("boundLockId", boundLockId);
            Long rcl = TapkeyJson.number(lock, "rclSerialNo");
            if (rcl == null) {
                note.putNull("rcl");
            } else {
                note.put("rcl", rcl);
            }
            note.put("validBefore", validBefore == null ? null : validBefore.toString());
            memory.put("revocation", id, note);
        }
        return atLock(id, note);
    }

    /** The stage once Tapkey reports the grant revoked: compares the lock's last seen list with the one noted. */
    private RevocationProgress atLock(String id, JsonNode note) {
        Instant validBefore = TapkeyJson.instant(note, "validBefore");
        if (Boolean.TRUE.equals(TapkeyJson.bool(note, "deletedFromCard"))) {
            return new RevocationProgress(Stage.REVOKED_AT_VENDOR, validBefore, "Tapkey deletes the key of grant " + id
                    + " from the card at its next sync (no revocation list entry); Tapkey does not report when that happened.");
        }
        Long rcl = TapkeyJson.number(note, "rcl");
        String boundLockId = TapkeyJson.text(note, "boundLockId");
        try {
            TapkeyClient tapkey = client.get();
            JsonNode lock = tapkey.get(tapkey.owned("BoundLocks/" + TapkeyClient.segment(boundLockId)), Map.of());
            Long lastSeen = TapkeyJson.number(lock, "lastSeenRclSerialNo");
            if (rcl != null && lastSeen != null && lastSeen >= rcl) {
                return new RevocationProgress(Stage.REACHED_LOCK, null, "The lock has seen revocation list " + lastSeen
                        + ", which carries the revocation of grant " + id + ".");
            }
            return new RevocationProgress(Stage.REVOKED_AT_VENDOR, validBefore, "Revocation list " + (rcl == null ? "?" : rcl)
                    + " issued; the lock last saw list " + (lastSeen == null ? "(unknown)" : lastSeen) + ".");
        } catch (IOException e) {
            return new RevocationProgress(Stage.REVOKED_AT_VENDOR, validBefore, "Tapkey reports grant " + id
                    + " revoked; the lock's revocation list could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RevocationProgress(Stage.REVOKED_AT_VENDOR, validBefore, "Tapkey reports grant " + id + " revoked.");
        }
    }

    private Optional<String> find(Desired desired, Set<String> preferred) throws IOException, InterruptedException {
        TapkeyClient tapkey = client.get();
        List<JsonNode> active = tapkey.list(tapkey.owned("Grants"),
                Map.of("$filter", "boundLockId eq '" + desired.boundLockId().replace("'", "''") + "' and active eq true"));
        List<String> matching = new ArrayList<>();
        for (JsonNode grant : active) {
            String id = TapkeyJson.text(grant, "id");
            if (id != null && desired.matches(grant)) {
                matching.add(id);
            }
        }
        return matching.stream().filter(preferred::contains).findFirst().or(() -> matching.stream().findFirst());
    }

    private String create(Desired desired, GrantSnapshot grant) throws IOException, InterruptedException {
        TapkeyClient tapkey = client.get();
        String path = tapkey.owned("Grants");
        Answer answer;
        try {
            answer = tapkey.call("PUT", path, Map.of(), desired.body(), false);
        } catch (TapkeyException e) {
            throw e;
        } catch (IOException e) {
            // The answer was lost, the grant may exist: look before anything creates it again.
            Optional<String> found = find(desired, Set.of());
            if (found.isPresent()) {
                return found.get();
            }
            throw e;
        }
        if (answer.ok()) {
            String id = TapkeyJson.text(answer.json(), "id");
            if (id != null) {
                return id;
            }
            return find(desired, Set.of()).orElseThrow(() -> TapkeyClient.failure("PUT", path, answer));
        }
        String who = grant.grantee() instanceof Grantee.Person person && person.displayName() != null ? person.displayName()
                : desired.target().label();
        switch (answer.status()) {
            case 402 -> throw new VendorRefusedException("Tapkey refused the grant for " + who + " on lock " + grant.lock().name()
                    + ": the owner account's Tapkey plan has reached a limit (HTTP 402). " + TapkeyClient.shorten(answer.text()));
            case 400 -> throw new VendorRefusedException("Tapkey refused the grant for " + who + " on lock " + grant.lock().name()
                    + " (HTTP 400): " + TapkeyClient.shorten(answer.text()));
            case 404 -> {
                // The contact or card Portier remembered is gone at Tapkey: resolve it again on the next try.
                grantees.forget(grant.grantee());
                throw TapkeyClient.failure("PUT", path, answer);
            }
            default -> {
                if (answer.status() == 409 || answer.status() >= 500) {
                    Optional<String> found = find(desired, Set.of());
                    if (found.isPresent()) {
                        return found.get();
                    }
                }
                throw TapkeyClient.failure("PUT", path, answer);
            }
        }
    }

    /** Revokes (or deletes from the card) one Tapkey grant; unknown or already revoked is done. */
    private void revoke(String id, Grantee grantee, boolean withdrawal) throws IOException, InterruptedException {
        TapkeyClient tapkey = client.get();
        String grantPath = tapkey.owned("Grants/" + TapkeyClient.segment(id));
        if (withdrawal && grantee instanceof Grantee.Card && tapkey.settings().cardRemoval() == CardRemoval.DELETE_FROM_CARD) {
            Answer deleted = tapkey.call("POST", grantPath + "/DeleteFromCard", Map.of(), null, true);
            if (deleted.ok() || deleted.status() == 404 || deleted.status() == 409) {
                memory.put("revocation", id, TapkeyJson.object().put("deletedFromCard", true));
                return;
            }
            if (deleted.status() != 400) {
                throw TapkeyClient.failure("POST", grantPath + "/DeleteFromCard", deleted);
            }
            // 400: Tapkey says DeleteFromCard does not apply (the card is no longer held): revoke instead.
        }
        String verb = revokeVerb.get();
        Answer answer = tapkey.call(verb, grantPath + "/Revoke", Map.of(), null, true);
        if (answer.status() == 405) {
            String other = verb.equals("POST") ? "PUT" : "POST";
            answer = tapkey.call(other, grantPath + "/Revoke", Map.of(), null, true);
            if (answer.status() != 405) {
                revokeVerb.compareAndSet(verb, other);
            }
            verb = other;
        }
        if (!answer.ok() && answer.status() != 404 && answer.status() != 409) {
            throw TapkeyClient.failure(verb, grantPath + "/Revoke", answer);
        }
    }

    private List<String> ids(GrantWithdrawal withdrawal) {
        Set<String> ids = new LinkedHashSet<>();
        if (withdrawal.vendorReference() != null) {
            ids.add(withdrawal.vendorReference());
        }
        ids.addAll(pushed(key(withdrawal.grantId(), withdrawal.lock(), withdrawal.grantee())));
        return List.copyOf(ids);
    }

    private Set<String> pushed(String key) {
        Set<String> ids = new LinkedHashSet<>();
        memory.get("pushed", key).ifPresent(node -> node.path("ids").forEach(id -> ids.add(id.asText())));
        return ids;
    }

    private void remember(String key, Set<String> ids) {
        ObjectNode node = TapkeyJson.object();
        ArrayNode array = node.putArray("ids");
        ids.forEach(array::add);
        memory.put("pushed", key, node);
    }

    private static String key(String grantId, LockRef lock, Grantee grantee) {
        String who = switch (grantee) {
            case Grantee.Person person -> "person:" + person.personId();
            case Grantee.Card card -> "card:" + card.cardId();
        };
        return DriverMemory.digest(grantId + "|" + lock.lockId() + "|" + who);
    }

    private static Instant millis(Instant instant) {
        return instant == null ? null : Instant.ofEpochMilli(instant.toEpochMilli()).atOffset(ZoneOffset.UTC).toInstant();
    }
}
