package dev.portier.plugins.reference;

import dev.portier.plugins.reference.LockProtocol.Answer;
import dev.portier.plugins.reference.LockProtocol.CardPresentation;
import dev.portier.plugins.reference.LockProtocol.Challenge;
import dev.portier.plugins.reference.LockProtocol.Hello;
import dev.portier.plugins.reference.LockProtocol.LogEntry;
import dev.portier.plugins.reference.LockProtocol.Presentation;
import dev.portier.plugins.reference.LockProtocol.Reason;
import dev.portier.plugins.reference.LockProtocol.Verdict;
import dev.portier.plugins.reference.internal.CoseSign1;
import dev.portier.plugins.reference.internal.Ed25519;
import dev.portier.plugins.reference.internal.Handshake;
import dev.portier.plugins.reference.internal.IssuerKey;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An offline reference lock in plain Java: it holds its identity key pair, trusts one issuer key (the
 * account's "issuing" key), keeps time with its own {@link Clock}, installs signed revocation lists
 * that phones bring, decides on its own and logs every decision with its own entry numbers.
 *
 * <p>It answers one handshake at a time: {@link #hello} issues a challenge, {@link #present} consumes it.
 * A card is read in one step ({@link #tapCard}). Every hello and card tap uses a little battery
 * ({@link #batteryPercent()}) and is the lock's {@link #lastActivity()}; {@link #FIRMWARE} is what it runs.
 * Thread-safe (one phone or card at the lock at a time, as with a real lock).
 */
public final class LockSimulator {

    /** The firmware version every simulated lock reports. */
    public static final String FIRMWARE = "portier-reference-sim 2.0";
    /** At or below this level the lock asks for a new battery. */
    public static final int LOW_BATTERY_PERCENT = 20;
    /** A full battery in thousandths of a percent ({@link State#battery()}); one hello or card tap uses 50 of it. */
    public static final int FULL_BATTERY = 100_000;
    /** 0.05 % per use: a fresh battery lasts 2,000 uses, and a few taps leave the rounded percentage at 100. */
    private static final int DRAIN_PER_USE = 50;

    /**
     * What a lock keeps across restarts.
     *
     * @param issuerKeys   the raw public keys of the issuer keys it trusts (32 bytes Ed25519, 65 bytes P-256)
     * @param battery      the battery level in thousandths of a percent (100,000 = full)
     * @param lastActivity the lock's clock at its last hello or card tap; {@code null} before the first
     */
    public record State(String lockId, byte[] privateKey, List<byte[]> issuerKeys, byte[] installedList, List<LogEntry> log,
            int battery, Instant lastActivity) {
        public State {
            issuerKeys = List.copyOf(issuerKeys);
            log = List.copyOf(log);
            if (battery < 0 || battery > FULL_BATTERY) {
                throw new IllegalArgumentException("A battery level is 0 to " + FULL_BATTERY + " thousandths of a percent");
            }
        }

        /** A lock with a full battery that has not been used yet. */
        public State(String lockId, byte[] privateKey, byte[] issuerKey, byte[] installedList, List<LogEntry> log) {
            this(lockId, privateKey, List.of(issuerKey), installedList, log, FULL_BATTERY, null);
        }
    }

    private final String lockId;
    private final byte[] privateKey;
    private final byte[] publicKey;
    /** The issuer keys it trusts, by kid (hex): the one it was enrolled with, then those its newest list names. */
    private final Map<String, IssuerKey> issuerKeys = new LinkedHashMap<>();
    private final Clock clock;
    private final List<LogEntry> log = new ArrayList<>();
    private byte[] installedList;
    private RevocationList installed;
    private byte[] phoneNonce;
    private byte[] lockNonce;
    private byte[] phoneKey;
    private byte[] sessionKey;
    private int battery = FULL_BATTERY;
    private Instant lastActivity;

    private LockSimulator(String lockId, byte[] privateKey, List<byte[]> issuerKeys, Clock clock) {
        this.lockId = Objects.requireNonNull(lockId);
        this.privateKey = privateKey.clone();
        this.publicKey = Ed25519.publicKey(privateKey);
        for (byte[] issuerKey : issuerKeys) {
            IssuerKey key;
            try {
                key = IssuerKey.ofRaw(issuerKey);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("An issuer key is a raw 32-byte Ed25519 or 65-byte P-256 public key");
            }
            this.issuerKeys.put(key.kidHex(), key);
        }
        this.clock = Objects.requireNonNull(clock);
    }

    private LockSimulator(String lockId, byte[] privateKey, byte[] issuerKey, Clock clock) {
        this(lockId, privateKey, List.of(issuerKey), clock);
    }

    /**
     * A new lock with a fresh identity key pair, trusting keys signed by {@code issuerKey} (raw 32-byte Ed25519
     * or 65-byte uncompressed P-256), the issuer key it is enrolled with.
     */
    public static LockSimulator create(String lockId, byte[] issuerKey, Clock clock) {
        return new LockSimulator(lockId, Ed25519.newPrivateKey(), issuerKey, clock);
    }

    /** A lock with the given identity private key (32-byte Ed25519 seed). */
    public static LockSimulator withKey(String lockId, byte[] privateKey, byte[] issuerKey, Clock clock) {
        return new LockSimulator(lockId, privateKey, issuerKey, clock);
    }

    /**
     * A fresh identity private key (32-byte Ed25519 seed), for tests that enrol the lock with its public
     * key first ({@link #publicKeyOf}) and build it with {@link #withKey} once the enrolment answered the issuer key.
     */
    public static byte[] newIdentityKey() {
        return Ed25519.newPrivateKey();
    }

    /** The raw 32-byte public key of an identity private key. */
    public static byte[] publicKeyOf(byte[] privateKey) {
        return Ed25519.publicKey(privateKey);
    }

    /** A lock as it was saved with {@link #state()}. */
    public static LockSimulator restore(State state, Clock clock) {
        LockSimulator lock = new LockSimulator(state.lockId(), state.privateKey(), state.issuerKeys(), clock);
        if (state.installedList() != null) {
            lock.install(state.installedList());
        }
        lock.log.addAll(state.log());
        lock.battery = state.battery();
        lock.lastActivity = state.lastActivity();
        return lock;
    }

    /** A fake lock: the same id and issuer key, but another identity key pair — phones must refuse it. */
    public synchronized LockSimulator impostor() {
        return new LockSimulator(lockId, Ed25519.newPrivateKey(), issuerKeys(), clock);
    }

    public synchronized State state() {
        return new State(lockId, privateKey.clone(), issuerKeys(), installedList == null ? null : installedList.clone(), log,
                battery, lastActivity);
    }

    public String lockId() {
        return lockId;
    }

    /** The raw 32-byte Ed25519 identity public key, which Portier keeps after enrolment. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The raw public keys of the issuer keys it trusts now. */
    public synchronized List<byte[]> issuerKeys() {
        return issuerKeys.values().stream().map(IssuerKey::publicKey).toList();
    }

    /**
     * Step 2 of the protocol: a fresh lock nonce and ephemeral X25519 key, signed with the lock's identity
     * key; the session key it shares with the phone is remembered until {@link #present}.
     */
    public synchronized Challenge hello(Hello hello) {
        if (hello.phoneNonce() == null || hello.phoneNonce().length != LockProtocol.NONCE_LENGTH) {
            throw new IllegalArgumentException("A phone nonce is " + LockProtocol.NONCE_LENGTH + " bytes");
        }
        if (hello.phoneKey() == null || hello.phoneKey().length != Handshake.KEY_LENGTH) {
            throw new IllegalArgumentException("A phone's ephemeral key is a raw " + Handshake.KEY_LENGTH + "-byte X25519 key");
        }
        use();
        phoneNonce = hello.phoneNonce().clone();
        phoneKey = hello.phoneKey().clone();
        lockNonce = Ed25519.random(LockProtocol.NONCE_LENGTH);
        byte[] ephemeral = Handshake.newEphemeralKey();
        byte[] lockKey = Handshake.publicKey(ephemeral);
        try {
            sessionKey = Handshake.sessionKey(ephemeral, phoneKey, lockId, phoneNonce, lockNonce);
        } catch (IllegalArgumentException e) {
            sessionKey = null; // a degenerate phone key: the presentation will not open
        }
        byte[] signature = Ed25519.sign(privateKey,
                Ed25519.transcript(LockProtocol.LOCK_LABEL, lockId, phoneNonce, lockNonce, phoneKey, lockKey));
        return new Challenge(lockId, lockNonce.clone(), lockKey, signature);
    }

    /**
     * Step 5: installs the list the phone brought (if newer and genuine), opens the sealed credential with
     * the session key, decides, logs, and answers. A credential that does not open (no hello before, another
     * session's, or altered on the way) is refused as {@code BAD_SIGNATURE}.
     */
    public synchronized Answer present(Presentation presentation) {
        byte[] expectedPhoneNonce = phoneNonce;
        byte[] expectedLockNonce = lockNonce;
        byte[] key = sessionKey;
        phoneNonce = null;
        lockNonce = null;
        phoneKey = null;
        sessionKey = null;
        if (presentation.revocationList() != null) {
            install(presentation.revocationList());
        }
        Map<String, String> details = new LinkedHashMap<>();
        byte[] credential;
        try {
            credential = key == null ? null : Handshake.open(key, lockId, presentation.sealedCredential());
        } catch (IllegalArgumentException e) {
            credential = null;
        }
        Verdict verdict = credential == null ? Verdict.refused(Reason.BAD_SIGNATURE)
                : decide(credential, details, held -> phoneHolds(held, presentation, expectedPhoneNonce, expectedLockNonce),
                        held -> presentation.userVerified(), presentation.permission());
        return logged(verdict, details, presentation.permission());
    }

    /**
     * A card tapped at the lock: the lock reads the card's serial and the credential stored on it and
     * decides exactly as for a phone — issuer signature, lock, holder (the credential must name this
     * serial), validity, the watermark, schedule, permission and the installed list —, logs and answers.
     * A credential copied onto another card names the original serial and is refused as {@code NOT_HOLDER}.
     */
    public synchronized Answer tapCard(CardPresentation card) {
        use();
        phoneNonce = null;
        lockNonce = null;
        Map<String, String> details = new LinkedHashMap<>();
        if (card.serial() != null && !card.serial().isBlank()) {
            details.put("card", ReferenceCredential.normalSerial(card.serial()));
        }
        Verdict verdict = decide(card.credential(), details, credential -> credential.forCard() && card.serial() != null
                && !card.serial().isBlank() && credential.cardSerial().equals(ReferenceCredential.normalSerial(card.serial())),
                credential -> false, card.permission());
        return logged(verdict, details, card.permission());
    }

    private Answer logged(Verdict verdict, Map<String, String> details, String permission) {
        if (permission != null) {
            details.put("permission", permission);
        }
        if (!verdict.opens()) {
            details.put("reason", verdict.reason().name());
        }
        long number = log.size() + 1L;
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // what the signed entry can carry
        String type = verdict.opens() ? "UNLOCKED" : "ACCESS_DENIED";
        byte[] signed = CoseSign1.sign(privateKey, LockProtocol.logPayload(lockId, number, now, type, details));
        LogEntry entry = new LogEntry(number, now, type, details, signed);
        log.add(entry);
        return new Answer(verdict, entry, installedListVersion(), listConfirmation());
    }

    /** The lock's signed statement of the list version it holds, for Portier; {@code null} while it holds none. */
    public synchronized byte[] listConfirmation() {
        long version = installedListVersion();
        return version == 0 ? null : CoseSign1.sign(privateKey, LockProtocol.confirmationPayload(lockId, version));
    }

    /**
     * Whether the phone proved the device key the credential is bound to, over this handshake's nonces, the
     * sealed credential it sent and its user-verified flag.
     */
    private boolean phoneHolds(ReferenceCredential credential, Presentation presentation, byte[] phoneNonce, byte[] lockNonce) {
        return !credential.forCard() && phoneNonce != null && presentation.deviceSignature() != null
                && Ed25519.verify(credential.holderKey(), deviceTranscript(lockId, lockNonce, phoneNonce,
                        presentation.sealedCredential(), presentation.userVerified()), presentation.deviceSignature());
    }

    /** What the device key signs in step 4. */
    static byte[] deviceTranscript(String lockId, byte[] lockNonce, byte[] phoneNonce, byte[] sealedCredential, boolean userVerified) {
        return Ed25519.transcript(LockProtocol.DEVICE_LABEL, lockId, lockNonce, phoneNonce, Handshake.sha256(sealedCredential),
                new byte[] {(byte) (userVerified ? 1 : 0)});
    }

    private Verdict decide(byte[] presented, Map<String, String> details, Predicate<ReferenceCredential> holder,
            Predicate<ReferenceCredential> userVerified, String permission) {
        CoseSign1 message;
        ReferenceCredential credential;
        try {
            message = CoseSign1.decode(presented);
            credential = ReferenceCredential.fromPayload(message.payload());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Verdict.refused(Reason.BAD_SIGNATURE);
        }
        details.put("keyId", credential.keyId());
        if (!trusted(message)) {
            return Verdict.refused(Reason.BAD_SIGNATURE);
        }
        if (!lockId.equals(credential.lockId())) {
            return Verdict.refused(Reason.WRONG_LOCK);
        }
        if (!holder.test(credential)) {
            return Verdict.refused(Reason.NOT_HOLDER);
        }
        if (credential.userVerification() && !userVerified.test(credential)) {
            return Verdict.refused(Reason.USER_VERIFICATION_REQUIRED);
        }
        Instant now = clock.instant();
        if (now.isBefore(credential.notBefore())) {
            return Verdict.refused(Reason.NOT_YET_VALID);
        }
        if (!now.isBefore(credential.notAfter())) {
            return Verdict.refused(Reason.EXPIRED);
        }
        if (installed != null && installed.minIssuedAt() != null && credential.issuedAt().isBefore(installed.minIssuedAt())) {
            return Verdict.refused(Reason.REVOKED);
        }
        if (credential.schedule() != null && !withinSchedule(credential, now)) {
            return Verdict.refused(Reason.OUTSIDE_SCHEDULE);
        }
        if (permission == null || !credential.permissions().contains(permission)) {
            return Verdict.refused(Reason.MISSING_PERMISSION);
        }
        if (installed != null && installed.revoked().stream().anyMatch(r -> r.keyId().equals(credential.keyId()))) {
            return Verdict.refused(Reason.REVOKED);
        }
        return Verdict.open();
    }

    /** One hello or card tap: a little battery, and the lock was active now. */
    private void use() {
        battery = Math.max(0, battery - DRAIN_PER_USE);
        lastActivity = clock.instant();
    }

    /** The battery level, 0 to 100, rounded; it drops by 0.05 % per hello or card tap. */
    public synchronized int batteryPercent() {
        return Math.round(battery / 1000f);
    }

    /** Whether the battery is at or below {@link #LOW_BATTERY_PERCENT}. */
    public synchronized boolean batteryLow() {
        return batteryPercent() <= LOW_BATTERY_PERCENT;
    }

    /** Sets the battery level, e.g. to show a lock that asks for a new battery; 100 is a new battery. */
    public synchronized void setBatteryPercent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("A battery level is 0 to 100 percent, not " + percent);
        }
        battery = percent * 1000;
    }

    /** The lock's clock at its last hello or card tap; {@code null} before the first. */
    public synchronized Instant lastActivity() {
        return lastActivity;
    }

    /** A schedule or zone the lock cannot read never opens: the lock refuses rather than guesses. */
    private static boolean withinSchedule(ReferenceCredential credential, Instant now) {
        try {
            return WeeklyWindows.parse(credential.schedule()).contains(now, ZoneId.of(credential.timeZone()));
        } catch (IllegalArgumentException | DateTimeException e) {
            return false;
        }
    }

    /** Whether an issuer key this lock trusts, the one the kid names, signed {@code message}. */
    private boolean trusted(CoseSign1 message) {
        if (message.kid() == null) {
            return false;
        }
        IssuerKey key = issuerKeys.get(java.util.HexFormat.of().formatHex(message.kid()));
        return key != null && message.verifiedBy(key);
    }

    /**
     * Installs a signed revocation list if an issuer key this lock trusts signed it, it names this lock and
     * its version is higher than the installed one; answers whether it did. A list that names issuer keys
     * ("iss") makes them the keys the lock trusts from now on: that is how the issuer key rotates.
     */
    public synchronized boolean install(byte[] signedList) {
        RevocationList list;
        try {
            CoseSign1 message = CoseSign1.decode(signedList);
            if (!trusted(message)) {
                return false;
            }
            list = RevocationList.fromPayload(message.payload());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!lockId.equals(list.lockId()) || list.version() <= installedListVersion()) {
            return false;
        }
        installed = list;
        installedList = signedList.clone();
        if (!list.issuerKeys().isEmpty()) {
            issuerKeys.clear();
            list.issuerKeys().forEach(key -> issuerKeys.put(key.kidHex(), key));
        }
        return true;
    }

    /** The version of the installed revocation list; 0 before the first. */
    public synchronized long installedListVersion() {
        return installed == null ? 0 : installed.version();
    }

    /** The installed list's minimum-issue watermark, or {@code null}. */
    public synchronized Instant watermark() {
        return installed == null ? null : installed.minIssuedAt();
    }

    /** The installed list's contents, or {@code null} before the first. */
    public synchronized RevocationList installedList() {
        return installed;
    }

    /** The whole log, oldest first. */
    public synchronized List<LogEntry> log() {
        return List.copyOf(log);
    }

    /** The entries after {@code entryNumber}: what a phone collects when it has seen up to that number. */
    public synchronized List<LogEntry> logAfter(long entryNumber) {
        return log.stream().filter(e -> e.entryNumber() > entryNumber).toList();
    }
}
