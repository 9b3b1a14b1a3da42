package dev.portier.plugins.reference.internal;

import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConfigType;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.EnrolmentRefusedException;
import dev.portier.plugin.api.HolderKind;
import dev.portier.plugin.api.KeyHolder;
import dev.portier.plugin.api.KeyIssuing;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockEnrolment;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.Material;
import dev.portier.plugin.api.Permission;
import dev.portier.plugin.api.RevocationPublishing;
import dev.portier.plugin.api.SandboxActions;
import dev.portier.plugin.api.StatusDetail;
import dev.portier.plugin.api.VendorRefusedException;
import dev.portier.plugins.reference.CardSimulator;
import dev.portier.plugins.reference.LockSimulator;
import dev.portier.plugins.reference.ReferenceCredential;
import dev.portier.plugins.reference.ReferenceLocksFactory;
import dev.portier.plugins.reference.RevocationList;
import dev.portier.plugins.reference.WeeklyWindows;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * One connection to reference locks. Keys and revocation lists are COSE_Sign1 messages signed by the
 * host's "issuing" key; nothing is sent anywhere — phones carry both to the locks, cards carry their
 * keys. In sandbox mode it also keeps the connection's simulated locks, phones and cards (see
 * {@link SandboxScenarios}).
 *
 * <p>Threads: the host calls the capability methods on its workers, possibly concurrently; they block
 * only on the secret store (sandbox state) and the signer. Methods that change sandbox state are
 * synchronized.
 */
public final class ReferenceDriver implements LockDriver, LockEnrolment, KeyIssuing, RevocationPublishing, SandboxActions {

    /** The host key that signs keys and lists unless the connection names another; locks trust its public key. */
    public static final String ISSUING_KEY = ReferenceLocksFactory.DEFAULT_ISSUING_KEY;
    /** During a rotation: the enrolment material naming the previous issuing key, which the lock trusts too. */
    public static final String PREVIOUS_ISSUER_KEY_MATERIAL = "previousIssuerKey";
    public static final String FORMAT = "cose-sign1";
    /** The enrolment input: the lock's identity public key, base64url without padding of the raw 32-byte Ed25519 key. */
    public static final String PUBLIC_KEY = "publicKey";
    /** The enrolment material the host keeps: the lock's public key (phones check the lock with it)... */
    public static final String PUBLIC_KEY_MATERIAL = "publicKey";
    /** ...and the issuer key the lock trusts (the host's "issuing" public key). */
    public static final String ISSUER_KEY_MATERIAL = "issuerKey";
    /** Both materials are the base64url text (no padding) of a raw 32-byte Ed25519 public key, in ASCII. */
    public static final String MATERIAL_MEDIA_TYPE = "text/plain";

    private final String mode;
    private final int listCapacity;
    private final DriverContext context;
    private final SimulatorStore simulators;
    private final List<ConfigProperty> enrolmentInputs;
    private final Issuing issuing;
    private final java.util.concurrent.ConcurrentMap<String, IssuerKey> issuerKeys = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Which host keys sign, and which keys demand user verification.
     *
     * @param keyName          the host key that signs new keys
     * @param previousKeyName  during a rotation, the key locks still trust, which signs lists naming both; else {@code null}
     * @param userVerification {@link ReferenceLocksFactory#UV_NONE}, {@code UV_ALL} or {@code UV_IGNITION}
     */
    public record Issuing(String keyName, String previousKeyName, String userVerification) {
        public static final Issuing DEFAULT = new Issuing(ISSUING_KEY, null, ReferenceLocksFactory.UV_NONE);

        /** The key that signs lists: the one every lock trusts. */
        String listKeyName() {
            return previousKeyName == null ? keyName : previousKeyName;
        }

        boolean requiresUserVerification(List<String> permissions) {
            return ReferenceLocksFactory.UV_ALL.equals(userVerification)
                    || ReferenceLocksFactory.UV_IGNITION.equals(userVerification) && permissions.contains(Permission.IGNITION.name());
        }
    }

    /** @param listCapacity revoked keys a lock's list holds; -1 when the setting is not a number in range */
    public ReferenceDriver(String mode, int listCapacity, DriverContext context) {
        this(mode, listCapacity, context, Issuing.DEFAULT);
    }

    /** @param listCapacity revoked keys a lock's list holds; -1 when the setting is not a number in range */
    public ReferenceDriver(String mode, int listCapacity, DriverContext context, Issuing issuing) {
        this.issuing = issuing;
        this.mode = mode;
        this.listCapacity = listCapacity;
        this.context = context;
        this.simulators = new SimulatorStore(context.secrets());
        this.enrolmentInputs = List.of(new ConfigProperty(PUBLIC_KEY, ConfigType.TEXT, "Lock's public key",
                "The lock's raw Ed25519 identity key, base64url without padding (43 characters), as the lock shows it at "
                        + "installation." + (sandbox() ? " Leave it empty to enrol a simulated lock." : ""),
                null, !sandbox(), false, List.of()));
    }

    @Override
    public void initialize() {
        // Nothing to reach: the locks are offline. Only the settings can be wrong.
        context.reportStatus(status());
    }

    @Override
    public DriverStatus test() {
        return status();
    }

    private DriverStatus status() {
        if (listCapacity < 1) {
            return DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, "Revocation list capacity must be a whole number from 1 to "
                    + ReferenceLocksFactory.MAX_LIST_CAPACITY);
        }
        if (!sandbox() && !ReferenceLocksFactory.PRODUCTION.equals(mode)) {
            return DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR,
                    "Mode must be " + ReferenceLocksFactory.SANDBOX + " or " + ReferenceLocksFactory.PRODUCTION);
        }
        return DriverStatus.online();
    }

    private boolean sandbox() {
        return ReferenceLocksFactory.SANDBOX.equals(mode);
    }

    @Override
    public int capacity(LockRef lock) {
        if (listCapacity < 1) {
            throw new IllegalStateException("Revocation list capacity must be a whole number from 1 to "
                    + ReferenceLocksFactory.MAX_LIST_CAPACITY);
        }
        return listCapacity;
    }

    @Override
    public void dispose() {
        // Holds nothing: the simulators live in the secret store, and nothing was scheduled.
    }

    /** The lock's public key: required in production, optional in sandbox mode (absent = a simulated lock). */
    @Override
    public List<ConfigProperty> enrolmentInputs() {
        return enrolmentInputs;
    }

    /**
     * Enrols with the lock's public key, or in sandbox mode without one by creating (once per lock id) a
     * simulated lock. Answers the vendor reference (the typed one, else the lock id) and two PUBLIC
     * materials, {@value #PUBLIC_KEY_MATERIAL} and {@value #ISSUER_KEY_MATERIAL}, each the ASCII bytes of
     * the base64url text (no padding) of a raw 32-byte Ed25519 key, media type {@value #MATERIAL_MEDIA_TYPE},
     * never expiring. Deterministic: enrolling again answers equal material.
     */
    @Override
    public synchronized EnrolmentResult enrol(EnrolmentRequest request) {
        LockRef lock = request.lock();
        String publicKeyText = request.inputs().get(PUBLIC_KEY);
        byte[] publicKey;
        if (publicKeyText != null && !publicKeyText.isBlank()) {
            publicKey = lockPublicKey(publicKeyText.strip());
        } else if (sandbox()) {
            publicKey = simulatedLock(lock).publicKey();
        } else {
            throw new EnrolmentRefusedException(PUBLIC_KEY,
                    "Enrol a reference lock with its public key (base64url of its raw Ed25519 key, as the lock shows it)");
        }
        String reference = lock.vendorReference() == null || lock.vendorReference().isBlank() ? lock.lockId() : lock.vendorReference();
        List<Material> material = new java.util.ArrayList<>(List.of(publicMaterial(PUBLIC_KEY_MATERIAL, publicKey),
                publicMaterial(ISSUER_KEY_MATERIAL, context.signer().publicKey(issuing.keyName()))));
        if (issuing.previousKeyName() != null) {
            material.add(publicMaterial(PREVIOUS_ISSUER_KEY_MATERIAL, context.signer().publicKey(issuing.previousKeyName())));
        }
        return new EnrolmentResult(reference, material);
    }

    private static byte[] lockPublicKey(String text) {
        byte[] publicKey;
        try {
            publicKey = Base64Url.decode(text, "The lock's public key");
        } catch (IllegalArgumentException e) {
            throw new EnrolmentRefusedException(PUBLIC_KEY, e.getMessage());
        }
        if (publicKey.length != Ed25519.KEY_LENGTH) {
            throw new EnrolmentRefusedException(PUBLIC_KEY, "The lock's public key must be a raw 32-byte Ed25519 key, not "
                    + publicKey.length + " bytes");
        }
        if (!Ed25519.validPublicKey(publicKey)) {
            throw new EnrolmentRefusedException(PUBLIC_KEY, "The lock's public key is 32 bytes but not an Ed25519 public key");
        }
        return publicKey;
    }

    private static Material publicMaterial(String name, byte[] key) {
        return new Material(name, Material.Visibility.PUBLIC, MATERIAL_MEDIA_TYPE,
                Base64Url.encode(key).getBytes(StandardCharsets.US_ASCII), null);
    }

    /** The connection's simulated lock for {@code lock}, created on first enrolment and the same ever after. */
    private LockSimulator simulatedLock(LockRef lock) {
        byte[] issuerKey = context.signer().publicKey(issuing.keyName());
        return simulators.lock(lock.lockId(), issuerKey, context.clock()).orElseGet(() -> {
            List<byte[]> trusted = issuing.previousKeyName() == null ? List.of(issuerKey)
                    : List.of(issuerKey, context.signer().publicKey(issuing.previousKeyName()));
            LockSimulator created = LockSimulator.restore(new LockSimulator.State(lock.lockId(), LockSimulator.newIdentityKey(),
                    trusted, null, List.of(), LockSimulator.FULL_BATTERY, null), context.clock());
            simulators.save(created);
            return created;
        });
    }

    /** Phones (bound to their device key) and cards (bound to their serial). */
    @Override
    public Set<HolderKind> holders() {
        return Set.of(HolderKind.DEVICE, HolderKind.CARD);
    }

    /**
     * A COSE_Sign1 credential (format {@value #FORMAT}) bound to the device's key or the card's serial.
     * In sandbox mode a card key is also written onto the connection's simulated card with that serial,
     * as an encoder would. Deterministic: the same request gives the same bytes. A request the lock could
     * never honour (a device key that is no Ed25519 key, a schedule off the minute, an unknown zone) is a
     * {@link VendorRefusedException}.
     */
    @Override
    public IssuedKey issue(KeyRequest request) {
        String timeZone = zone(request);
        String schedule = null;
        if (request.schedule() != null) {
            try {
                schedule = WeeklyWindows.of(request.schedule()).toString();
            } catch (IllegalArgumentException e) {
                throw new VendorRefusedException(e.getMessage(), e);
            }
        }
        List<String> permissions = request.permissions().stream().map(Permission::name).sorted().toList();
        boolean userVerification = issuing.requiresUserVerification(permissions);
        ReferenceCredential credential = switch (request.holder()) {
            case KeyHolder.Device device -> {
                byte[] holderKey = device.publicKey();
                if (!Ed25519.validPublicKey(holderKey)) {
                    throw new VendorRefusedException("Device " + device.deviceId() + "'s key is not a raw 32-byte Ed25519 public key");
                }
                yield new ReferenceCredential(request.keyId(), request.lock().lockId(), holderKey, null, request.notBefore(),
                        request.notAfter(), request.issuedAt(), permissions, schedule, timeZone, userVerification);
            }
            case KeyHolder.Card card -> {
                if (card.serial().isBlank()) {
                    throw new VendorRefusedException("Card " + card.cardId() + " has no serial to bind a key to");
                }
                if (userVerification) {
                    throw new VendorRefusedException("This connection demands user verification for " + String.join(", ", permissions)
                            + " keys, and a card cannot verify its user: use a phone");
                }
                yield new ReferenceCredential(request.keyId(), request.lock().lockId(), null, card.serial(), request.notBefore(),
                        request.notAfter(), request.issuedAt(), permissions, schedule, timeZone);
            }
        };
        byte[] signed = CoseSign1.sign(context.signer(), issuing.keyName(), issuerKey(issuing.keyName()), credential.payload());
        if (credential.forCard() && sandbox()) {
            encodeOntoSimulatedCard(credential.cardSerial(), request.keyId(), signed);
        }
        return new IssuedKey(request.keyId(), FORMAT, signed, request.notBefore(), request.notAfter());
    }

    /** The zone the lock reads the schedule in: the schedule's own, else the lock's. */
    private static String zone(KeyRequest request) {
        if (request.schedule() != null) {
            return request.schedule().zone().getId();
        }
        String timeZone = request.lock().timeZone();
        try {
            return ZoneId.of(timeZone).getId();
        } catch (DateTimeException | NullPointerException e) {
            throw new VendorRefusedException("Lock " + request.lock().lockId() + " has no valid time zone: " + timeZone);
        }
    }

    private synchronized void encodeOntoSimulatedCard(String serial, String keyId, byte[] credential) {
        CardSimulator card = simulators.card(serial).orElseGet(() -> new CardSimulator(serial));
        card.write(keyId, credential);
        simulators.save(card);
    }

    /**
     * An offline lock cannot be told: the phone is told to delete the key by the host, and the lock learns
     * the revocation from its next revocation list (or the watermark). What the driver can do is forget
     * what it keeps for the key: in sandbox mode, the card key written onto a simulated card is erased (as
     * the encoder would at the card's next visit). Nothing is kept in production mode. Idempotent:
     * withdrawing an unknown or already withdrawn key does nothing.
     */
    @Override
    public synchronized void withdraw(KeyWithdrawal withdrawal) {
        if (!sandbox()) {
            return;
        }
        for (String serial : simulators.cardSerials()) {
            simulators.card(serial).filter(card -> card.erase(withdrawal.keyId())).ifPresent(simulators::save);
        }
    }

    @Override
    public SignedRevocationList publish(LockRef lock, long version, Instant minIssuedAt, List<RevokedKey> revoked) {
        List<IssuerKey> trusted = issuing.previousKeyName() == null ? List.of(issuerKey(issuing.keyName()))
                : List.of(issuerKey(issuing.keyName()), issuerKey(issuing.previousKeyName()));
        RevocationList list = new RevocationList(lock.lockId(), version, minIssuedAt,
                revoked.stream().map(key -> new RevocationList.Revoked(key.keyId(), key.expiresAt())).toList(), trusted);
        return new SignedRevocationList(version, CoseSign1.sign(context.signer(), issuing.listKeyName(),
                issuerKey(issuing.listKeyName()), list.payload()));
    }

    /** The host key {@code keyName} with its thumbprint, computed once per key (a key never changes under its name). */
    private IssuerKey issuerKey(String keyName) {
        return issuerKeys.computeIfAbsent(keyName, name -> IssuerKey.of(context.signer(), name));
    }

    @Override
    public synchronized List<SandboxAction> sandboxActions() {
        return sandbox() ? SandboxScenarios.actions(simulators.phoneNames(), simulators.cardSerials()) : List.of();
    }

    @Override
    public synchronized SandboxOutcome run(SandboxRun run) {
        if (!sandbox()) {
            return new SandboxOutcome(false, List.of("This connection is not in sandbox mode."));
        }
        return new SandboxScenarios(simulators, context).run(run);
    }
}
