package dev.portier.plugins.reference.internal;

import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.LockHealth;
import dev.portier.plugin.api.SandboxActions.SandboxAction;
import dev.portier.plugin.api.SandboxActions.SandboxInput;
import dev.portier.plugin.api.SandboxActions.SandboxOutcome;
import dev.portier.plugin.api.SandboxActions.SandboxRun;
import dev.portier.plugins.reference.CardSimulator;
import dev.portier.plugins.reference.LockProtocol.Answer;
import dev.portier.plugins.reference.LockProtocol.LogEntry;
import dev.portier.plugins.reference.LockProtocol.Reason;
import dev.portier.plugins.reference.LockSimulator;
import dev.portier.plugins.reference.MobileApiException;
import dev.portier.plugins.reference.PhoneSimulator;
import dev.portier.plugins.reference.PhoneSimulator.Registration;
import dev.portier.plugins.reference.PhoneSimulator.TapResult;
import dev.portier.plugins.reference.SyncReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox's four actions: register a simulated phone with an enrolment code, tap a phone at a
 * simulated lock, tap a simulated card (one that Portier issued card keys to) at a simulated lock, sync
 * a phone with Portier. The phone reaches Portier's mobile API at the run's loopback base URL; phones,
 * cards and locks are saved after every step, so they survive restarts. After a tap that reached the
 * lock, the lock's health (online, battery, last activity, firmware) goes to the host.
 */
final class SandboxScenarios {

    static final String REGISTER = "register-phone";
    static final String TAP = "tap-phone";
    static final String SYNC = "sync-phone";
    static final String TAP_CARD = "tap-card";
    static final List<String> PERMISSIONS = List.of("UNLOCK", "LOCK", "IGNITION");
    private static final int MAX_NAME = 60;

    private final SimulatorStore simulators;
    private final DriverContext context;

    SandboxScenarios(SimulatorStore simulators, DriverContext context) {
        this.simulators = simulators;
        this.context = context;
    }

    static List<SandboxAction> actions(List<String> phones, List<String> cards) {
        return List.of(
                new SandboxAction(REGISTER, "Register a simulated phone",
                        "A phone with fresh device and encryption keys registers with a person's enrolment code, "
                                + "as the mobile app would.",
                        List.of(SandboxInput.text("enrolmentCode", "Enrolment code", null),
                                SandboxInput.text("phoneName", "Phone name", "Sandbox phone"))),
                new SandboxAction(TAP, "Tap a phone at a lock",
                        "The phone and the simulated lock prove who they are to each other; the lock checks the key "
                                + "on its own and logs its verdict. Register and sync a phone first.",
                        List.of(SandboxInput.choice("phone", "Simulated phone", phones), SandboxInput.lock("lock", "Lock"),
                                SandboxInput.choice("permission", "Permission", PERMISSIONS))),
                new SandboxAction(SYNC, "Sync a phone",
                        "The phone fetches its keys and the revocation lists, and uploads what it collected from locks.",
                        List.of(SandboxInput.choice("phone", "Simulated phone", phones))),
                new SandboxAction(TAP_CARD, "Tap a card at a lock",
                        "The lock reads the card's serial and the card key stored on it, and checks the key on its own "
                                + "exactly as for a phone: the key must name this card's serial. Cards appear here once "
                                + "Portier issued them a key on this connection.",
                        List.of(SandboxInput.choice("card", "Simulated card", cards), SandboxInput.lock("lock", "Lock"),
                                SandboxInput.choice("permission", "Permission", PERMISSIONS))));
    }

    SandboxOutcome run(SandboxRun run) {
        try {
            return switch (run.actionId()) {
                case REGISTER -> register(run);
                case TAP -> tap(run);
                case SYNC -> sync(run);
                case TAP_CARD -> tapCard(run);
                default -> failed("There is no sandbox action " + run.actionId() + ".");
            };
        } catch (MobileApiException e) {
            return failed("Portier answered: " + e.getMessage()
                    + (e.reasons().isEmpty() ? "" : " (" + String.join(", ", e.reasons()) + ")"));
        }
    }

    private SandboxOutcome register(SandboxRun run) {
        String code = input(run, "enrolmentCode");
        String name = input(run, "phoneName");
        if (code.isEmpty()) {
            return failed("Enter the enrolment code Portier showed for the person.");
        }
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            return failed("Enter a phone name of 1 to " + MAX_NAME + " characters.");
        }
        if (simulators.phoneNames().contains(name)) {
            return failed("There is a simulated phone named " + name + " already; choose another name.");
        }
        List<String> lines = new ArrayList<>();
        PhoneSimulator phone = PhoneSimulator.create(run.portierBaseUrl(), context.clock());
        lines.add("The phone made a new Ed25519 device key and a new X25519 encryption key; the private halves never leave it.");
        lines.add("Phone → Portier: POST /api/v1/mobile/devices with the enrolment code and both public keys.");
        Registration registration = phone.register(code, name);
        simulators.save(phone);
        lines.add("Portier registered device " + registration.deviceId() + " for person " + registration.personId()
                + " and gave the phone its device token.");
        lines.add("Next: sync the phone to fetch its keys.");
        return new SandboxOutcome(true, lines);
    }

    private SandboxOutcome tap(SandboxRun run) {
        Optional<PhoneSimulator> phone = phone(run);
        if (phone.isEmpty()) {
            return failed("Choose a registered simulated phone (register one first).");
        }
        String lockId = input(run, "lock");
        Optional<LockSimulator> lock = lock(lockId);
        if (lock.isEmpty()) {
            return failed(noLock(lockId));
        }
        String permission = input(run, "permission");
        if (!PERMISSIONS.contains(permission)) {
            return failed(choosePermission());
        }
        // The phone says hello to the lock only when it holds a key for it.
        boolean reachesLock = phone.get().keys().stream().anyMatch(key -> key.lockId().equals(lockId));
        TapResult result = phone.get().tap(lock.get(), permission);
        simulators.save(lock.get());
        simulators.save(phone.get());
        List<String> lines = new ArrayList<>(result.steps());
        switch (result.outcome()) {
            case PHONE_REFUSED -> lines.add("Result: the phone refused — " + result.phoneRefusal() + ".");
            case OPENED -> lines.add("Result: the lock opened.");
            case REFUSED -> lines.add("Result: the lock refused: " + describe(result.verdict().reason()) + ".");
        }
        if (result.entry() != null) {
            lines.add("Log entry: " + describe(result.entry()));
        }
        if (reachesLock) {
            reportHealth(lock.get(), lines);
        }
        return new SandboxOutcome(true, lines);
    }

    private SandboxOutcome tapCard(SandboxRun run) {
        String serial = input(run, "card");
        Optional<CardSimulator> card = serial.isEmpty() ? Optional.empty() : simulators.card(serial);
        if (card.isEmpty()) {
            return failed("Choose a simulated card (issue a card key on this connection first).");
        }
        String lockId = input(run, "lock");
        Optional<LockSimulator> lock = lock(lockId);
        if (lock.isEmpty()) {
            return failed(noLock(lockId));
        }
        String permission = input(run, "permission");
        if (!PERMISSIONS.contains(permission)) {
            return failed(choosePermission());
        }
        List<String> lines = new ArrayList<>();
        Optional<Answer> answer = card.get().tap(lock.get(), permission, context.clock());
        simulators.save(lock.get());
        if (answer.isEmpty()) {
            lines.add("Card " + card.get().serial() + " holds no key for lock " + lockId + "; the reader finds nothing to check.");
            lines.add("Result: the lock stays shut and logs nothing.");
            return new SandboxOutcome(true, lines);
        }
        lines.add("Card → lock: serial " + card.get().serial() + " and its key " + answer.get().entry().details().get("keyId")
                + ", asking for " + permission + ".");
        lines.add(answer.get().verdict().opens() ? "Result: the lock opened."
                : "Result: the lock refused: " + describe(answer.get().verdict().reason()) + ".");
        lines.add("Log entry: " + describe(answer.get().entry()));
        lines.add("The next phone that taps this lock collects the entry for Portier.");
        reportHealth(lock.get(), lines);
        return new SandboxOutcome(true, lines);
    }

    private Optional<LockSimulator> lock(String lockId) {
        return simulators.lock(lockId, context.signer().publicKey(ReferenceDriver.ISSUING_KEY), context.clock());
    }

    private static String noLock(String lockId) {
        return "Lock " + lockId + " has no simulated lock: enrol it on this sandbox connection without a public key.";
    }

    private static String choosePermission() {
        return "Choose a permission: " + String.join(", ", PERMISSIONS) + ".";
    }

    /** The lock answered (a hello or a card read): tell the host it is online, and how its battery is. */
    private void reportHealth(LockSimulator lock, List<String> lines) {
        context.reportHealth(new LockHealth(lock.lockId(), true, lock.batteryPercent(), lock.batteryLow(), lock.lastActivity(),
                LockSimulator.FIRMWARE));
        lines.add("Lock health: online, battery " + lock.batteryPercent() + " %" + (lock.batteryLow() ? " (low)" : "")
                + ", firmware " + LockSimulator.FIRMWARE + ".");
    }

    private SandboxOutcome sync(SandboxRun run) {
        Optional<PhoneSimulator> phone = phone(run);
        if (phone.isEmpty()) {
            return failed("Choose a registered simulated phone (register one first).");
        }
        SyncReport report;
        try {
            report = phone.get().sync();
        } finally {
            // What was acknowledged before a failure must not be sent again.
            simulators.save(phone.get());
        }
        List<String> lines = new ArrayList<>();
        lines.add("Phone → Portier: GET /api/v1/mobile/keys (Portier's time " + report.serverTime() + ").");
        lines.add(report.keysReceived().isEmpty() ? "No new keys." : "Keys opened with the phone's encryption key: "
                + String.join(", ", report.keysReceived()) + ".");
        report.keysUnopened().forEach((keyId, why) -> lines.add("Key " + keyId + " did not open: " + why + "."));
        if (!report.keysDeleted().isEmpty()) {
            lines.add("Deleted on Portier's word (revoked or replaced): " + String.join(", ", report.keysDeleted()) + ".");
        }
        if (!report.keysExpired().isEmpty()) {
            lines.add("Dropped as expired: " + String.join(", ", report.keysExpired()) + ".");
        }
        lines.add("Phone → Portier: GET /api/v1/mobile/revocation-lists.");
        report.listsFetched().forEach((lockId, version) ->
                lines.add("Carries revocation list version " + version + " for lock " + lockId + " from now on."));
        report.eventsUploaded().forEach((lockId, upload) -> lines.add("Uploaded " + (upload.sent() == 1 ? "1 log entry" : upload.sent() + " log entries") + " of lock "
                + lockId + ": " + upload.accepted() + " new, " + upload.duplicates() + " already known."));
        report.versionsReported().forEach((lockId, version) ->
                lines.add("Reported that lock " + lockId + " holds revocation list version " + version + "."));
        lines.add("The phone holds " + phone.get().keys().size() + " key(s).");
        return new SandboxOutcome(true, lines);
    }

    private Optional<PhoneSimulator> phone(SandboxRun run) {
        String name = input(run, "phone");
        return name.isEmpty() ? Optional.empty() : simulators.phone(name, run.portierBaseUrl(), context.clock());
    }

    private static String describe(LogEntry entry) {
        return "#" + entry.entryNumber() + " at " + entry.occurredAt() + " (lock's clock), " + entry.type() + " " + entry.details();
    }

    private static String describe(Reason reason) {
        return switch (reason) {
            case BAD_SIGNATURE -> "BAD_SIGNATURE, the key was not signed by an issuing key the lock trusts, was changed, or did not open with the session key";
            case WRONG_LOCK -> "WRONG_LOCK, the key is for another lock";
            case NOT_HOLDER -> "NOT_HOLDER, the phone could not prove it holds the device key the key is bound to, "
                    + "or the card's serial is not the one the key names";
            case USER_VERIFICATION_REQUIRED -> "USER_VERIFICATION_REQUIRED, the key asks the phone to verify its user "
                    + "(PIN or fingerprint) and it did not";
            case NOT_YET_VALID -> "NOT_YET_VALID, the key's validity has not begun on the lock's clock";
            case EXPIRED -> "EXPIRED, the key's validity has ended on the lock's clock";
            case REVOKED -> "REVOKED, the lock's revocation list names the key or it was issued before the lock's watermark";
            case OUTSIDE_SCHEDULE -> "OUTSIDE_SCHEDULE, not within the key's weekly windows on the lock's clock";
            case MISSING_PERMISSION -> "MISSING_PERMISSION, the key does not grant this permission";
        };
    }

    private static String input(SandboxRun run, String name) {
        String value = run.inputs().get(name);
        return value == null ? "" : value.strip();
    }

    private static SandboxOutcome failed(String line) {
        return new SandboxOutcome(false, List.of(line));
    }
}
