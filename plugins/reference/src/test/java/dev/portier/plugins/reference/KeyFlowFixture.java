package dev.portier.plugins.reference;

import dev.portier.plugin.api.KeyHolder;
import dev.portier.plugin.api.KeyIssuing;
import dev.portier.plugin.api.KeyIssuing.IssuedKey;
import dev.portier.plugin.api.KeyIssuing.KeyRequest;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.RevocationPublishing;
import dev.portier.plugin.api.RevocationPublishing.RevokedKey;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.reference.internal.ReferenceDriver;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reference connection with a simulated lock, a fake mobile API and a registered phone: the world
 * the key-flow tests act in. The lock, the phone and Portier each have their own clock.
 */
final class KeyFlowFixture implements AutoCloseable {

    static final Instant START = TestDriverContext.START;
    static final LockRef LOCK = new LockRef("lock-1", "door-1", "Front door", "Europe/Berlin");
    static final LockRef OTHER_LOCK = new LockRef("lock-2", "door-2", "Back door", "Europe/Berlin");

    final TestDriverContext context = TestDriverContext.of(Map.of("mode", "sandbox"));
    final ReferenceDriver driver = (ReferenceDriver) new ReferenceLocksFactory().create(context.configuration(), context);
    final MutableClock lockClock = new MutableClock(START);
    final MutableClock phoneClock = new MutableClock(START);
    final byte[] issuerKey = context.signer().publicKey("issuing");
    final LockSimulator lock = LockSimulator.create(LOCK.lockId(), issuerKey, lockClock);
    final LockSimulator otherLock = LockSimulator.create(OTHER_LOCK.lockId(), issuerKey, lockClock);
    final MobileApiFake api;
    final PhoneSimulator phone;

    KeyFlowFixture() throws IOException {
        api = new MobileApiFake(context.clock());
        api.addLock(LOCK.lockId(), LOCK.name(), lock.publicKey(), issuerKey);
        api.addLock(OTHER_LOCK.lockId(), OTHER_LOCK.name(), otherLock.publicKey(), issuerKey);
        phone = registeredPhone("code-anna", "Anna's phone");
    }

    PhoneSimulator registeredPhone(String code, String name) {
        api.addEnrolmentCode(code, "person-" + name);
        PhoneSimulator created = PhoneSimulator.create(api.baseUrl(), phoneClock);
        created.register(code, name);
        return created;
    }

    /** Issues a key for {@code holder} through the driver and hands it to the fake API (not synced yet). */
    IssuedKey give(PhoneSimulator holder, String keyId, LockRef lockRef, Instant notBefore, Instant notAfter, String schedule,
            Set<String> permissions, Instant issuedAt) {
        IssuedKey key = ((KeyIssuing) driver).issue(new KeyRequest(keyId, lockRef, device(holder), notBefore, notAfter,
                Schedules.of(schedule, lockRef.timeZone()), Schedules.permissions(permissions), issuedAt));
        api.giveKey(holder.deviceId(), lockRef.lockId(), key, issuedAt);
        return key;
    }

    /** The phone as a key holder. */
    static KeyHolder.Device device(PhoneSimulator phone) {
        return new KeyHolder.Device(phone.deviceId(), phone.signingPublicKey());
    }

    /** Issues a card key through the driver: in sandbox mode the driver writes it onto the simulated card. */
    IssuedKey giveCard(String serial, String keyId, LockRef lockRef, Instant notBefore, Instant notAfter, String schedule,
            Set<String> permissions, Instant issuedAt) {
        return ((KeyIssuing) driver).issue(new KeyRequest(keyId, lockRef, new KeyHolder.Card("card-" + serial, serial), notBefore,
                notAfter, Schedules.of(schedule, lockRef.timeZone()), Schedules.permissions(permissions), issuedAt));
    }

    /** A week-long UNLOCK key for the phone on the lock, synced onto the phone. */
    IssuedKey weekKey(String keyId) {
        IssuedKey key = give(phone, keyId, LOCK, START, START.plusSeconds(7 * 86_400), null, Set.of("UNLOCK"), START);
        phone.sync();
        return key;
    }

    byte[] list(LockRef lockRef, long version, Instant minIssuedAt, List<RevokedKey> revoked) {
        return ((RevocationPublishing) driver).publish(lockRef, version, minIssuedAt, revoked).payload();
    }

    @Override
    public void close() {
        api.close();
        context.close();
    }
}
