package dev.portier.plugins.reference.internal;

import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.KeyIssuing;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockEnrolment;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.RevocationPublishing;
import dev.portier.plugin.api.SandboxActions;
import dev.portier.plugin.api.StatusDetail;
import dev.portier.plugins.reference.LockSimulator;
import dev.portier.plugins.reference.ReferenceCredential;
import dev.portier.plugins.reference.ReferenceLocksFactory;
import dev.portier.plugins.reference.RevocationList;
import dev.portier.plugins.reference.WeeklyWindows;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One connection to reference locks. Keys and revocation lists are COSE_Sign1 messages signed by the
 * host's "issuing" key; nothing is sent anywhere — phones carry both to the locks. In sandbox mode it
 * also keeps the connection's simulated locks and phones (see {@link SandboxScenarios}).
 */
public final class ReferenceDriver implements LockDriver, LockEnrolment, KeyIssuing, RevocationPublishing, SandboxActions {

    /** The host key that signs keys and lists; locks trust its public key. */
    public static final String ISSUING_KEY = "issuing";
    public static final String FORMAT = "cose-sign1";

    private final String mode;
    private final int listCapacity;
    private final DriverContext context;
    private final SimulatorStore simulators;

    /** @param listCapacity revoked keys a lock's list holds; -1 when the setting is not a number in range */
    public ReferenceDriver(String mode, int listCapacity, DriverContext context) {
        this.mode = mode;
        this.listCapacity = listCapacity;
        this.context = context;
        this.simulators = new SimulatorStore(context.secrets());
    }

    @Override
    public void initialize() {
        // Nothing to reach: the locks are offline. Only the mode can be wrong.
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

    @Override
    public synchronized EnrolmentResult enrol(EnrolmentRequest request) {
        LockRef lock = request.lock();
        String publicKeyText = request.inputs().get("publicKey");
        byte[] publicKey;
        if (publicKeyText != null && !publicKeyText.isBlank()) {
            publicKey = Base64Url.decode(publicKeyText.strip(), "The lock's publicKey");
            if (publicKey.length != Ed25519.KEY_LENGTH) {
                throw new IllegalArgumentException("The lock's publicKey must be a raw 32-byte Ed25519 key, not "
                        + publicKey.length + " bytes");
            }
            if (!Ed25519.validPublicKey(publicKey)) {
                throw new IllegalArgumentException("The lock's publicKey is 32 bytes but not an Ed25519 public key");
            }
        } else if (sandbox()) {
            publicKey = simulatedLock(lock).publicKey();
        } else {
            throw new IllegalArgumentException("Enrol a reference lock with its publicKey (base64url of its raw Ed25519 key)");
        }
        String reference = lock.vendorReference() == null || lock.vendorReference().isBlank() ? lock.lockId() : lock.vendorReference();
        return new EnrolmentResult(reference, Map.of("publicKey", Base64Url.encode(publicKey),
                "issuerKey", Base64Url.encode(context.signer().publicKey(ISSUING_KEY))), null);
    }

    /** The connection's simulated lock for {@code lock}, created on first enrolment and the same ever after. */
    private LockSimulator simulatedLock(LockRef lock) {
        byte[] issuerKey = context.signer().publicKey(ISSUING_KEY);
        return simulators.lock(lock.lockId(), issuerKey, context.clock()).orElseGet(() -> {
            LockSimulator created = LockSimulator.create(lock.lockId(), issuerKey, context.clock());
            simulators.save(created);
            return created;
        });
    }

    @Override
    public IssuedKey issue(KeyRequest request) {
        if (request.holderKey() == null) {
            throw new IllegalArgumentException("The reference lock takes phone keys only");
        }
        if (!Ed25519.validPublicKey(request.holderKey())) {
            throw new IllegalArgumentException("A holder key is a raw 32-byte Ed25519 public key");
        }
        if (request.notBefore() == null || request.notAfter() == null || request.issuedAt() == null) {
            throw new IllegalArgumentException("A key needs notBefore, notAfter and issuedAt");
        }
        if (!request.notAfter().isAfter(request.notBefore())) {
            throw new IllegalArgumentException("A key's notAfter must be after its notBefore");
        }
        if (request.schedule() != null) {
            // The lock refuses a schedule it cannot read; better to say so now than to issue a key that never opens.
            WeeklyWindows.parse(request.schedule());
        }
        String timeZone = request.lock().timeZone();
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("Lock " + request.lock().lockId() + " has no valid time zone: " + timeZone);
        }
        ReferenceCredential credential = new ReferenceCredential(request.keyId(), request.lock().lockId(), request.holderKey(),
                request.notBefore(), request.notAfter(), request.issuedAt(), List.copyOf(request.permissions()),
                request.schedule(), timeZone);
        byte[] signed = CoseSign1.sign(context.signer(), ISSUING_KEY, credential.payload());
        return new IssuedKey(request.keyId(), FORMAT, signed, request.notBefore(), request.notAfter());
    }

    /**
     * Nothing to do: a reference key lives on the phone and the lock, never at a vendor. Revoking it is
     * the host's part — the phone is told to delete it, and the lock learns it from the next revocation list.
     */
    @Override
    public void withdraw(String keyId) {
        // Deliberately empty; see the Javadoc.
    }

    @Override
    public SignedRevocationList publish(LockRef lock, long version, java.time.Instant minIssuedAt, List<RevokedKey> revoked) {
        RevocationList list = new RevocationList(lock.lockId(), version, minIssuedAt,
                revoked.stream().map(key -> new RevocationList.Revoked(key.keyId(), key.expiresAt())).toList());
        return new SignedRevocationList(version, CoseSign1.sign(context.signer(), ISSUING_KEY, list.payload()));
    }

    @Override
    public List<SandboxAction> sandboxActions() {
        return sandbox() ? SandboxScenarios.actions(simulators.phoneNames()) : List.of();
    }

    @Override
    public synchronized SandboxOutcome run(SandboxRun run) {
        if (!sandbox()) {
            return new SandboxOutcome(false, List.of("This connection is not in sandbox mode."));
        }
        return new SandboxScenarios(simulators, context).run(run);
    }
}
