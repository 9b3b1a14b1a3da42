package dev.portier.plugins.tapkey.internal;

import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.SandboxActions.SandboxAction;
import dev.portier.plugin.api.SandboxActions.SandboxInput;
import dev.portier.plugin.api.SandboxActions.SandboxOutcome;
import dev.portier.plugin.api.SandboxActions.SandboxRun;
import dev.portier.plugins.tapkey.PhysicalLockId;
import dev.portier.plugins.tapkey.simulator.SandboxWorld;
import dev.portier.plugins.tapkey.simulator.TapkeySimulator;
import dev.portier.plugins.tapkey.simulator.TapkeyWorld;
import dev.portier.plugins.tapkey.simulator.TapkeyWorld.UnlockAttempt;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a newcomer can try on a sandbox connection: a simulated phone or card opening a lock (the lock
 * decides by the Tapkey grants it holds, including their iCal restriction, and writes a log entry that
 * reaches Tapkey later), a phone uploading a lock's log now (out of order), a lock receiving the newest
 * revocation list, the next create's answer dropped, and what Tapkey holds for a lock.
 */
final class TapkeySandbox {

    static final String PHONE = "phone-unlock";
    static final String CARD = "card-unlock";
    static final String UPLOAD = "upload-log";
    static final String SYNC_RCL = "sync-revocation-list";
    static final String DROP = "drop-next-create";
    static final String SHOW = "show-grants";

    private final TapkeyDriver driver;
    private final DriverContext context;

    TapkeySandbox(TapkeyDriver driver, DriverContext context) {
        this.driver = driver;
        this.context = context;
    }

    List<SandboxAction> actions() {
        String owner = driver.settings().ownerAccount();
        List<String> cards = driver.simulator().world().cards(owner).stream().map(TapkeyWorld.CardView::label).toList();
        List<SandboxAction> actions = new ArrayList<>();
        actions.add(new SandboxAction(PHONE, "A phone opens a lock", "The Tapkey app of the contact with this email tries the lock: "
                + "it opens when one of the contact's grants is valid then, including its time restriction. The lock logs the "
                + "opening; a phone brings the entry to Tapkey about 20 seconds later.",
                List.of(SandboxInput.lock("lock", "Lock"), SandboxInput.text("email", "Email of the person", ""),
                        SandboxInput.text("at", "When (empty: now; 14:30 today, or 2026-03-02T14:30, in the lock's time zone)", ""))));
        if (!cards.isEmpty()) {
            actions.add(new SandboxAction(CARD, "Hold a card to a lock", "A bound Tapkey card is held to the lock; a revoked key "
                    + "still opens until the lock receives the revocation list that carries it.",
                    List.of(SandboxInput.lock("lock", "Lock"), SandboxInput.choice("card", "Card (its label)", cards),
                            SandboxInput.text("at", "When (empty: now)", ""))));
        }
        actions.add(new SandboxAction(UPLOAD, "A phone uploads the lock's log now", "Entries the lock wrote and Tapkey has not "
                + "received yet arrive now, newest first (out of order).", List.of(SandboxInput.lock("lock", "Lock"))));
        actions.add(new SandboxAction(SYNC_RCL, "The lock receives the newest revocation list", "A phone carries the lock's newest "
                + "revocation list to it: revoked keys stop opening it.", List.of(SandboxInput.lock("lock", "Lock"))));
        actions.add(new SandboxAction(DROP, "Drop the answer of the next create", "Tapkey creates the next grant or contact but "
                + "the answer never arrives, as after a timeout: Portier must find it rather than create a duplicate.", List.of()));
        actions.add(new SandboxAction(SHOW, "Show the lock's Tapkey grants", "Every grant Tapkey holds for the lock: state, "
                + "validity and time restriction.", List.of(SandboxInput.lock("lock", "Lock"))));
        return actions;
    }

    SandboxOutcome run(SandboxRun run) {
        TapkeySimulator simulator = driver.simulator();
        if (simulator == null) {
            return failed("This connection is not in sandbox mode, or has not started.");
        }
        if (run.actionId().equals(DROP)) {
            simulator.failNext("PUT", TapkeySimulator.Fault.DROP_AFTER_COMMIT);
            return new SandboxOutcome(true, List.of("The next create (PUT) at the simulated Tapkey is carried out, then its "
                    + "answer is dropped."));
        }
        Optional<LockRef> lock = Optional.ofNullable(run.inputs().get("lock")).flatMap(id -> context.locks().byId(id));
        if (lock.isEmpty()) {
            return failed("Choose one of this connection's locks.");
        }
        PhysicalLockId physical;
        try {
            physical = PhysicalLockId.parse(lock.get().vendorReference());
        } catch (IllegalArgumentException e) {
            return failed("Lock " + lock.get().name() + " has no Tapkey physical lock id: " + e.getMessage());
        }
        TapkeyWorld world = simulator.world();
        if (world.lock(physical).isEmpty()) {
            return failed("Lock " + lock.get().name() + " (" + physical.humanForm() + ") is not bound at the simulated Tapkey.");
        }
        try {
            return switch (run.actionId()) {
                case PHONE -> unlock(lock.get(), run, at -> world.phoneUnlock(physical, run.inputs().getOrDefault("email", "").trim(), at),
                        "The phone of " + run.inputs().getOrDefault("email", "").trim());
                case CARD -> unlock(lock.get(), run, at -> world.cardUnlock(physical, run.inputs().getOrDefault("card", ""), at),
                        "Card " + run.inputs().getOrDefault("card", ""));
                case UPLOAD -> {
                    List<Long> delivered = world.deliverLogs(physical, true);
                    yield new SandboxOutcome(true, List.of(delivered.isEmpty() ? "The lock had no entries Tapkey had not received."
                            : "Tapkey received entries " + delivered + " of " + lock.get().name() + " now, in this order.",
                            "Portier reads them at its next pull and orders the timeline by entry number."));
                }
                case SYNC_RCL -> {
                    long serial = world.syncRevocationList(physical);
                    yield new SandboxOutcome(true, List.of(lock.get().name() + " now holds revocation list " + serial + "."));
                }
                case SHOW -> show(world, lock.get(), physical);
                default -> failed("Unknown action " + run.actionId());
            };
        } catch (IllegalArgumentException e) {
            return failed(e.getMessage());
        }
    }

    private SandboxOutcome unlock(LockRef lock, SandboxRun run, java.util.function.Function<Instant, UnlockAttempt> attempt, String who) {
        Instant at;
        try {
            at = instant(run.inputs().getOrDefault("at", ""), zone(lock));
        } catch (DateTimeParseException e) {
            return failed("\"" + run.inputs().get("at") + "\" is not a time like 14:30 or 2026-03-02T14:30.");
        }
        UnlockAttempt result = attempt.apply(at);
        List<String> lines = new ArrayList<>();
        lines.add(who + " at " + lock.name() + ", " + at.atZone(zone(lock)).toLocalDateTime() + " (" + zone(lock).getId() + ")");
        lines.add(result.opened() ? "Opened: " + result.reason() + ". Log entry " + result.entryNo() + " is on its way to Tapkey."
                : "Stayed locked: " + result.reason() + ".");
        return new SandboxOutcome(true, lines);
    }

    private SandboxOutcome show(TapkeyWorld world, LockRef lock, PhysicalLockId physical) {
        TapkeyWorld.LockView view = world.lock(physical).orElseThrow();
        List<String> lines = new ArrayList<>();
        lines.add(lock.name() + " (" + physical.humanForm() + "): time restrictions " + (view.icalSupported() ? "supported" : "not supported")
                + "; revocation list issued " + view.rclSerialNo() + ", seen by the lock " + view.lastSeenRclSerialNo() + ".");
        List<TapkeyWorld.GrantView> grants = world.grants(driver.settings().ownerAccount()).stream()
                .filter(grant -> grant.boundLockId().equals(view.id())).toList();
        if (grants.isEmpty()) {
            lines.add("Tapkey holds no grant for this lock.");
        }
        for (TapkeyWorld.GrantView grant : grants) {
            String who = grant.contactId() != null ? world.contacts(driver.settings().ownerAccount()).stream()
                    .filter(contact -> contact.id().equals(grant.contactId())).map(TapkeyWorld.ContactView::identifier).findFirst()
                    .orElse(grant.contactId()) : "card " + grant.boundCardId();
            lines.add("Grant " + grant.id() + " for " + who + ": " + grant.state() + (grant.active() ? " (active)" : "") + ", valid "
                    + grant.validFrom() + " – " + (grant.validBefore() == null ? "open-ended" : grant.validBefore())
                    + (grant.restriction() == null ? ", no time restriction" : ", restricted by:\n" + grant.restriction().text().trim()));
        }
        return new SandboxOutcome(true, lines);
    }

    private Instant instant(String text, ZoneId zone) {
        String value = text.trim();
        if (value.isEmpty()) {
            return context.clock().instant();
        }
        if (value.endsWith("Z")) {
            return Instant.parse(value);
        }
        if (value.length() <= 5) {
            return LocalDateTime.of(context.clock().instant().atZone(zone).toLocalDate(), LocalTime.parse(value)).atZone(zone).toInstant();
        }
        return LocalDateTime.parse(value).atZone(zone).toInstant();
    }

    private static ZoneId zone(LockRef lock) {
        try {
            return lock.timeZone() == null ? ZoneId.of("UTC") : ZoneId.of(lock.timeZone());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private static SandboxOutcome failed(String why) {
        return new SandboxOutcome(false, List.of(why));
    }
}
