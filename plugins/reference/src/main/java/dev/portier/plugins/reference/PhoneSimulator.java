package dev.portier.plugins.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.plugins.reference.LockProtocol.Answer;
import dev.portier.plugins.reference.LockProtocol.Challenge;
import dev.portier.plugins.reference.LockProtocol.Hello;
import dev.portier.plugins.reference.LockProtocol.LogEntry;
import dev.portier.plugins.reference.LockProtocol.Presentation;
import dev.portier.plugins.reference.LockProtocol.Verdict;
import dev.portier.plugins.reference.PhoneState.HeldKey;
import dev.portier.plugins.reference.PhoneState.KnownLock;
import dev.portier.plugins.reference.internal.Base64Url;
import dev.portier.plugins.reference.internal.Ed25519;
import dev.portier.plugins.reference.internal.Handshake;
import dev.portier.plugins.reference.internal.MobileApiClient;
import dev.portier.plugins.reference.internal.SealedKeys;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A phone app in plain Java: an Ed25519 device key and an X25519 encryption key, registered with
 * Portier's mobile API over real HTTP; it syncs keys (opening them with HPKE), deletions, revocation
 * lists and the logs it collected, and taps locks with the lock ⇄ phone protocol. Tests use it for the
 * attacks too: {@link #copyKeyTo} (a key on a phone without its device key), {@link #replaceCredential}
 * (an edited key) and tapping an {@link LockSimulator#impostor()}. Thread-safe.
 */
public final class PhoneSimulator {

    /** What Portier answered to the registration. */
    public record Registration(String deviceId, String personId) {
    }

    /** How a tap ended: refused by the phone itself (fake lock, no key), or the lock's verdict. */
    public enum TapOutcome {
        PHONE_REFUSED, OPENED, REFUSED
    }

    /**
     * @param phoneRefusal why the phone did not present its key ({@link TapOutcome#PHONE_REFUSED} only)
     * @param verdict      the lock's verdict, {@code null} when the phone refused
     * @param entry        the entry the lock logged, {@code null} when the phone refused
     * @param steps        the handshake in plain words
     * @param presented    what the phone sent the lock in step 4 (as it crossed the air), {@code null} when the phone refused
     */
    public record TapResult(TapOutcome outcome, String phoneRefusal, Verdict verdict, LogEntry entry, List<String> steps,
            Presentation presented) {
        public TapResult {
            steps = List.copyOf(steps);
        }
    }

    private final MobileApiClient api;
    private final URI portierBaseUrl;
    private final Clock clock;
    private final byte[] signingKey;
    private final byte[] encryptionKey;
    private final Map<String, HeldKey> keys = new LinkedHashMap<>();
    private final Map<String, KnownLock> locks = new LinkedHashMap<>();
    private final Map<String, byte[]> lists = new LinkedHashMap<>();
    private final Map<String, Long> collectedUpTo = new LinkedHashMap<>();
    private final Map<String, List<LogEntry>> pendingEvents = new LinkedHashMap<>();
    private final Map<String, byte[]> confirmationsToReport = new LinkedHashMap<>();
    private boolean userVerifies = true;
    private String name;
    private String deviceId;
    private String deviceToken;
    private String personId;

    private PhoneSimulator(URI portierBaseUrl, Clock clock, byte[] signingKey, byte[] encryptionKey) {
        this.portierBaseUrl = Objects.requireNonNull(portierBaseUrl);
        this.api = new MobileApiClient(portierBaseUrl);
        this.clock = Objects.requireNonNull(clock);
        this.signingKey = signingKey.clone();
        this.encryptionKey = encryptionKey.clone();
    }

    /** A new phone with fresh key pairs that talks to Portier at {@code portierBaseUrl} (e.g. http://127.0.0.1:8080). */
    public static PhoneSimulator create(URI portierBaseUrl, Clock clock) {
        return new PhoneSimulator(portierBaseUrl, clock, Ed25519.newPrivateKey(), SealedKeys.newPrivateKey());
    }

    /** A phone as it was saved with {@link #state()}. */
    public static PhoneSimulator restore(PhoneState state, Clock clock) {
        PhoneSimulator phone = new PhoneSimulator(state.portierBaseUrl(), clock, state.signingKey(), state.encryptionKey());
        phone.name = state.name();
        phone.deviceId = state.deviceId();
        phone.deviceToken = state.deviceToken();
        phone.personId = state.personId();
        state.keys().forEach(key -> phone.keys.put(key.keyId(), key));
        state.locks().forEach(lock -> phone.locks.put(lock.lockId(), lock));
        phone.lists.putAll(state.lists());
        phone.collectedUpTo.putAll(state.collectedUpTo());
        state.pendingEvents().forEach((lockId, entries) -> phone.pendingEvents.put(lockId, new ArrayList<>(entries)));
        phone.confirmationsToReport.putAll(state.confirmationsToReport());
        return phone;
    }

    public synchronized PhoneState state() {
        Map<String, List<LogEntry>> pending = new LinkedHashMap<>();
        pendingEvents.forEach((lockId, entries) -> pending.put(lockId, List.copyOf(entries)));
        return new PhoneState(portierBaseUrl, name, signingKey.clone(), encryptionKey.clone(), deviceId, deviceToken,
                personId, List.copyOf(keys.values()), List.copyOf(locks.values()), lists, collectedUpTo, pending,
                confirmationsToReport);
    }

    /** The raw Ed25519 device public key (the "hk" of this phone's keys). */
    public byte[] signingPublicKey() {
        return Ed25519.publicKey(signingKey);
    }

    /** The raw X25519 public key Portier seals keys to. */
    public byte[] encryptionPublicKey() {
        return SealedKeys.publicKey(encryptionKey);
    }

    public synchronized String name() {
        return name;
    }

    public synchronized String deviceId() {
        return deviceId;
    }

    public synchronized String deviceToken() {
        return deviceToken;
    }

    public synchronized String personId() {
        return personId;
    }

    /** POST /devices: registers this phone's public keys with a one-time enrolment code. */
    public synchronized Registration register(String enrolmentCode, String phoneName) {
        ObjectNode body = MobileApiClient.object()
                .put("enrolmentCode", enrolmentCode)
                .put("name", phoneName)
                .put("signingKey", Base64Url.encode(signingPublicKey()))
                .put("encryptionKey", Base64Url.encode(encryptionPublicKey()));
        JsonNode answer = api.post("/devices", null, body);
        deviceId = required(answer, "deviceId");
        deviceToken = required(answer, "deviceToken");
        personId = answer.path("personId").asText(null);
        name = phoneName;
        return new Registration(deviceId, personId);
    }

    /** Fetches keys, deletions and lock identities, revocation lists; uploads collected logs; reports list versions. */
    public synchronized SyncReport sync() {
        return new PhoneSync(this).run();
    }

    /** POST /on-demand-keys: asks for a key now; a refusal is a {@link MobileApiException} with its reasons. */
    public synchronized HeldKey requestOnDemandKey(String lockId, String grantId) {
        ObjectNode body = MobileApiClient.object().put("lockId", lockId);
        if (grantId != null) {
            body.put("grantId", grantId);
        }
        HeldKey key = openKey(api.post("/on-demand-keys", requireToken(), body));
        keys.put(key.keyId(), key);
        return key;
    }

    /** Taps {@code lock} with the best key this phone holds for it, asking for {@code permission}. */
    public synchronized TapResult tap(LockSimulator lock, String permission) {
        return tap(lock, permission, null);
    }

    /** Taps {@code lock} with key {@code keyId} (or the best one when {@code null}). */
    public synchronized TapResult tap(LockSimulator lock, String permission, String keyId) {
        List<String> steps = new ArrayList<>();
        Optional<HeldKey> chosen = keyId != null ? Optional.ofNullable(keys.get(keyId)) : bestKeyFor(lock.lockId());
        if (chosen.isEmpty() || !chosen.get().lockId().equals(lock.lockId())) {
            String why = "This phone holds no key for lock " + lock.lockId() + (keyId == null ? "" : " with id " + keyId);
            return new TapResult(TapOutcome.PHONE_REFUSED, why, null, null, List.of(why + "."), null);
        }
        HeldKey key = chosen.get();
        byte[] phoneNonce = Ed25519.random(LockProtocol.NONCE_LENGTH);
        byte[] ephemeral = Handshake.newEphemeralKey();
        byte[] phoneKey = Handshake.publicKey(ephemeral);
        steps.add("Phone → lock: hello with a fresh 16-byte nonce and a fresh session key.");
        Challenge challenge = lock.hello(new Hello(phoneNonce, phoneKey));
        steps.add("Lock → phone: it says it is lock " + challenge.lockId() + ", with its own nonce, session key and a signature.");
        KnownLock known = locks.get(challenge.lockId());
        boolean genuine = known != null && challenge.lockId().equals(key.lockId()) && challenge.lockKey() != null
                && Ed25519.verify(known.publicKey(), Ed25519.transcript(LockProtocol.LOCK_LABEL, challenge.lockId(), phoneNonce,
                        challenge.lockNonce(), phoneKey, challenge.lockKey()), challenge.signature());
        if (!genuine) {
            String why = known == null
                    ? "fake lock: Portier never told this phone the identity key of lock " + challenge.lockId()
                    : "fake lock: the signature does not match lock " + challenge.lockId() + "'s identity key";
            steps.add("Phone: " + why + " — it keeps its key to itself.");
            return new TapResult(TapOutcome.PHONE_REFUSED, why, null, null, steps, null);
        }
        steps.add("Phone: the signature matches the identity key Portier gave for " + known.name() + " — a genuine lock.");
        byte[] sessionKey = Handshake.sessionKey(ephemeral, challenge.lockKey(), challenge.lockId(), phoneNonce, challenge.lockNonce());
        byte[] sealed = Handshake.seal(sessionKey, challenge.lockId(), key.credential());
        boolean userVerified = false;
        if (requiresUserVerification(key)) {
            userVerified = userVerifies;
            steps.add(userVerified ? "Phone: the key asks for user verification — the user confirmed with fingerprint or PIN."
                    : "Phone: the key asks for user verification — the user did not confirm.");
        }
        byte[] deviceSignature = Ed25519.sign(signingKey,
                LockSimulator.deviceTranscript(challenge.lockId(), challenge.lockNonce(), phoneNonce, sealed, userVerified));
        byte[] list = lists.get(lock.lockId());
        steps.add("Phone → lock: key " + key.keyId() + " sealed for this session only, proof of the device key"
                + (userVerified ? ", user verified" : "") + ", asking for " + permission
                + (list == null ? ", no revocation list." : ", revocation list version " + RevocationList.read(list).version() + "."));
        Presentation presentation = new Presentation(sealed, deviceSignature, userVerified, list, permission);
        Answer answer = lock.present(presentation);
        steps.add("Lock: " + answer.verdict() + "; log entry #" + answer.entry().entryNumber() + " " + answer.entry().type()
                + "; it holds revocation list version " + answer.listVersion() + ".");
        collect(lock, answer.listConfirmation());
        steps.add("Phone: keeps " + entries(pendingEvents.getOrDefault(lock.lockId(), List.of()).size())
                + " and list version " + answer.listVersion() + " for its next sync.");
        return new TapResult(answer.verdict().opens() ? TapOutcome.OPENED : TapOutcome.REFUSED, null, answer.verdict(),
                answer.entry(), steps, presentation);
    }

    /** Whether the key asks the phone to verify its user at every use (a credential the phone cannot read asks nothing). */
    private static boolean requiresUserVerification(HeldKey key) {
        try {
            return ReferenceCredential.read(key.credential()).userVerification();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Whether this phone's user passes user verification (fingerprint or PIN) when a key asks for it; true
     * unless a test says otherwise. A key that asks for it is refused by the lock when the user does not pass.
     */
    public synchronized void setUserVerification(boolean passes) {
        this.userVerifies = passes;
    }

    private void collect(LockSimulator lock, byte[] listConfirmation) {
        long seen = collectedUpTo.getOrDefault(lock.lockId(), 0L);
        List<LogEntry> fresh = lock.logAfter(seen);
        if (!fresh.isEmpty()) {
            pendingEvents.computeIfAbsent(lock.lockId(), id -> new ArrayList<>()).addAll(fresh);
            collectedUpTo.put(lock.lockId(), fresh.getLast().entryNumber());
        }
        if (listConfirmation != null) {
            byte[] held = confirmationsToReport.get(lock.lockId());
            if (held == null || LockProtocol.confirmedVersion(held) < LockProtocol.confirmedVersion(listConfirmation)) {
                confirmationsToReport.put(lock.lockId(), listConfirmation);
            }
        }
    }

    /** "1 log entry", "2 log entries". */
    static String entries(int count) {
        return count + (count == 1 ? " log entry" : " log entries");
    }

    /** The key to present: valid now on this phone's clock if any, the most recently issued first. */
    private Optional<HeldKey> bestKeyFor(String lockId) {
        Instant now = clock.instant();
        Comparator<HeldKey> preference = Comparator
                .comparing((HeldKey k) -> !now.isBefore(k.notBefore()) && now.isBefore(k.notAfter()))
                .thenComparing(HeldKey::issuedAt);
        return keys.values().stream().filter(k -> k.lockId().equals(lockId)).max(preference);
    }

    /** The keys this phone holds. */
    public synchronized List<HeldKey> keys() {
        return List.copyOf(keys.values());
    }

    public synchronized Optional<HeldKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    /** Revocation list versions this phone carries, by lock. */
    public synchronized Map<String, Long> listVersions() {
        Map<String, Long> versions = new LinkedHashMap<>();
        lists.forEach((lockId, list) -> versions.put(lockId, RevocationList.read(list).version()));
        return versions;
    }

    /** Log entries collected from locks and not uploaded yet, by lock. */
    public synchronized Map<String, List<LogEntry>> pendingEvents() {
        Map<String, List<LogEntry>> copy = new LinkedHashMap<>();
        pendingEvents.forEach((lockId, entries) -> copy.put(lockId, List.copyOf(entries)));
        return copy;
    }

    /**
     * Copies key {@code keyId} (credential, the lock's identity, the revocation list) onto {@code other}:
     * the other phone holds the credential but not this phone's device key, so the lock refuses it.
     */
    public void copyKeyTo(PhoneSimulator other, String keyId) {
        HeldKey key;
        KnownLock lock;
        byte[] list;
        synchronized (this) {
            key = Objects.requireNonNull(keys.get(keyId), "no key " + keyId);
            lock = locks.get(key.lockId());
            list = lists.get(key.lockId());
        }
        synchronized (other) {
            other.keys.put(key.keyId(), key);
            if (lock != null) {
                other.locks.put(lock.lockId(), lock);
            }
            if (list != null) {
                other.lists.put(key.lockId(), list);
            }
        }
    }

    /** Replaces the credential of a held key, e.g. with {@link ReferenceCredential#withPermissions}. */
    public synchronized void replaceCredential(String keyId, byte[] credential) {
        HeldKey key = Objects.requireNonNull(keys.get(keyId), "no key " + keyId);
        keys.put(keyId, new HeldKey(key.keyId(), key.lockId(), key.notBefore(), key.notAfter(), key.issuedAt(), credential.clone()));
    }

    // --- for PhoneSync (same package): the state a sync reads and changes, under this phone's lock ---

    MobileApiClient api() {
        return api;
    }

    String requireToken() {
        if (deviceToken == null) {
            throw new IllegalStateException("The phone is not registered yet");
        }
        return deviceToken;
    }

    HeldKey openKey(JsonNode json) {
        String keyId = required(json, "keyId");
        byte[] credential = SealedKeys.open(encryptionKey, keyId, Base64Url.decode(required(json, "sealed"), "sealed"));
        return new HeldKey(keyId, required(json, "lockId"), Instant.parse(required(json, "notBefore")),
                Instant.parse(required(json, "notAfter")), Instant.parse(required(json, "issuedAt")), credential);
    }

    Map<String, HeldKey> heldKeys() {
        return keys;
    }

    Map<String, KnownLock> knownLocks() {
        return locks;
    }

    Map<String, byte[]> carriedLists() {
        return lists;
    }

    Map<String, List<LogEntry>> pending() {
        return pendingEvents;
    }

    Map<String, byte[]> confirmationsToReport() {
        return confirmationsToReport;
    }

    static String required(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new MobileApiException(200, "Portier's answer has no " + field, List.of());
        }
        return value.asText();
    }

    static ArrayNode array() {
        return MobileApiClient.JSON.createArrayNode();
    }
}
