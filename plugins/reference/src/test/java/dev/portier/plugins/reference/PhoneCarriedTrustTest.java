package dev.portier.plugins.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.plugin.api.KeyIssuing;
import dev.portier.plugin.api.KeyIssuing.IssuedKey;
import dev.portier.plugin.api.KeyIssuing.KeyRequest;
import dev.portier.plugin.api.RevocationPublishing;
import dev.portier.plugin.api.VendorRefusedException;
import dev.portier.plugin.api.KeyHolder;
import dev.portier.plugins.reference.LockProtocol.LogEntry;
import dev.portier.plugins.reference.LockProtocol.Presentation;
import dev.portier.plugins.reference.LockProtocol.Reason;
import dev.portier.plugins.reference.PhoneSimulator.TapOutcome;
import dev.portier.plugins.reference.PhoneSimulator.TapResult;
import dev.portier.plugins.reference.internal.Base64Url;
import dev.portier.plugins.reference.internal.CoseSign1;
import dev.portier.plugins.reference.internal.IssuerKey;
import dev.portier.plugins.reference.internal.ReferenceDriver;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What phones carry is authentic and what they show the lock stays theirs (issue 15, items 10 and 11):
 * the credential never crosses the air in clear, keys can demand user verification, the issuer key rotates
 * by kid without lock-out, and the log entries and list confirmations phones upload are the lock's, signed.
 */
class PhoneCarriedTrustTest {

    private static final Instant START = KeyFlowFixture.START;
    private final KeyFlowFixture world;

    PhoneCarriedTrustTest() throws Exception {
        world = new KeyFlowFixture();
    }

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void the_credential_never_crosses_the_air_in_clear() throws Exception {
        IssuedKey key = world.weekKey("key-1");
        TapResult tap = world.phone.tap(world.lock, "UNLOCK");
        assertThat(tap.outcome()).isEqualTo(TapOutcome.OPENED);

        // Everything the phone sent in step 4, as bytes on the air: neither the credential, nor its signed
        // payload, nor its signature, nor the key id appear in it.
        byte[] air = airBytes(tap.presented());
        byte[] credential = key.credential();
        CoseSign1 message = CoseSign1.decode(credential);
        assertThat(contains(air, credential)).as("the credential").isFalse();
        assertThat(contains(air, message.payload())).as("the key's claims").isFalse();
        assertThat(contains(air, message.signature())).as("the issuer's signature").isFalse();
        assertThat(contains(air, "key-1".getBytes(StandardCharsets.UTF_8))).as("the key id").isFalse();
        // ...while the genuine lock read it: the entry names the key.
        assertThat(tap.entry().details()).containsEntry("keyId", "key-1");
    }

    /** The bytes of every component of what the phone sent, concatenated. */
    private static byte[] airBytes(Object message) throws Exception {
        java.io.ByteArrayOutputStream air = new java.io.ByteArrayOutputStream();
        for (RecordComponent component : message.getClass().getRecordComponents()) {
            Object value = component.getAccessor().invoke(message);
            if (value instanceof byte[] bytes) {
                air.write(bytes);
            } else if (value != null) {
                air.write(value.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return air.toByteArray();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void a_key_that_demands_user_verification_opens_only_when_the_phone_verified_its_user() {
        ReferenceDriver strict = new ReferenceDriver("sandbox", 1000, world.context,
                new ReferenceDriver.Issuing("issuing", null, ReferenceLocksFactory.UV_IGNITION));
        giveWith(strict, "key-car", Set.of("UNLOCK", "IGNITION"));
        giveWith(strict, "key-door", Set.of("UNLOCK"));
        world.phone.sync();
        assertThat(ReferenceCredential.read(world.phone.key("key-car").orElseThrow().credential()).userVerification()).isTrue();
        assertThat(ReferenceCredential.read(world.phone.key("key-door").orElseThrow().credential()).userVerification()).isFalse();

        TapResult verified = world.phone.tap(world.lock, "IGNITION", "key-car");
        world.phone.setUserVerification(false);
        TapResult declined = world.phone.tap(world.lock, "IGNITION", "key-car");
        TapResult doorWithoutVerification = world.phone.tap(world.lock, "UNLOCK", "key-door");

        assertThat(verified.outcome()).isEqualTo(TapOutcome.OPENED);
        assertThat(verified.presented().userVerified()).isTrue();
        assertThat(declined.verdict().reason()).isEqualTo(Reason.USER_VERIFICATION_REQUIRED);
        assertThat(doorWithoutVerification.outcome()).isEqualTo(TapOutcome.OPENED);

        // The flag is signed with the device key: a relay that sets it on the way breaks the proof.
        byte[] deviceKey = world.phone.state().signingKey();
        byte[] carKey = world.phone.key("key-car").orElseThrow().credential();
        assertThat(Handshakes.present(world.lock, carKey, deviceKey, null, "IGNITION", true).verdict().opens()).isTrue();
        LockProtocol.Answer flipped = presentFlipped(carKey, deviceKey);
        assertThat(flipped.verdict().reason()).isEqualTo(Reason.NOT_HOLDER);

        // A card cannot verify its user: no such key is written onto one.
        assertThatThrownBy(() -> ((KeyIssuing) strict).issue(new KeyRequest("key-card", KeyFlowFixture.LOCK,
                new KeyHolder.Card("card-1", "04A1"), START, START.plusSeconds(3600), null,
                Schedules.permissions(Set.of("IGNITION")), START))).isInstanceOf(VendorRefusedException.class)
                .hasMessageContaining("cannot verify its user");
    }

    /** A presentation whose device proof was made without user verification, with the flag then set on the way. */
    private LockProtocol.Answer presentFlipped(byte[] credential, byte[] deviceKey) {
        byte[] phoneNonce = dev.portier.plugins.reference.internal.Ed25519.random(16);
        byte[] ephemeral = dev.portier.plugins.reference.internal.Handshake.newEphemeralKey();
        LockProtocol.Challenge challenge = world.lock.hello(new LockProtocol.Hello(phoneNonce,
                dev.portier.plugins.reference.internal.Handshake.publicKey(ephemeral)));
        byte[] session = dev.portier.plugins.reference.internal.Handshake.sessionKey(ephemeral, challenge.lockKey(),
                challenge.lockId(), phoneNonce, challenge.lockNonce());
        byte[] sealed = dev.portier.plugins.reference.internal.Handshake.seal(session, challenge.lockId(), credential);
        byte[] proof = dev.portier.plugins.reference.internal.Ed25519.sign(deviceKey,
                LockSimulator.deviceTranscript(challenge.lockId(), challenge.lockNonce(), phoneNonce, sealed, false));
        return world.lock.present(new Presentation(sealed, proof, true, null, "IGNITION"));
    }

    private IssuedKey giveWith(ReferenceDriver driver, String keyId, Set<String> permissions) {
        IssuedKey key = ((KeyIssuing) driver).issue(new KeyRequest(keyId, KeyFlowFixture.LOCK, KeyFlowFixture.device(world.phone),
                START, START.plus(Duration.ofDays(7)), null, Schedules.permissions(permissions), START));
        world.api.giveKey(world.phone.deviceId(), KeyFlowFixture.LOCK.lockId(), key, START);
        return key;
    }

    @Test
    void the_issuer_key_rotates_by_kid_without_locking_anyone_out() {
        // Before the rotation: a day key and a week key, signed by "issuing".
        IssuedKey oldDay = world.give(world.phone, "old-day", KeyFlowFixture.LOCK, START, START.plus(Duration.ofDays(1)), null,
                Set.of("UNLOCK"), START);
        world.give(world.phone, "old-week", KeyFlowFixture.LOCK, START, START.plus(Duration.ofDays(7)), null, Set.of("UNLOCK"), START);

        // The connection rotates to "issuing-2", keeping "issuing" as the previous key.
        ReferenceDriver rotating = new ReferenceDriver("sandbox", 1000, world.context,
                new ReferenceDriver.Issuing("issuing-2", "issuing", ReferenceLocksFactory.UV_NONE));
        IssuedKey fresh = giveWith(rotating, "new-week", Set.of("UNLOCK"));
        byte[] rotationList = ((RevocationPublishing) rotating).publish(KeyFlowFixture.LOCK, 1, null, List.of()).payload();
        world.api.publishList(KeyFlowFixture.LOCK.lockId(), 1, rotationList);
        world.phone.sync();

        IssuerKey newKey = IssuerKey.of(world.context.signer(), "issuing-2");
        IssuerKey oldKey = IssuerKey.of(world.context.signer(), "issuing");
        assertThat(CoseSign1.decode(fresh.credential()).kid()).as("the kid names the new key").isEqualTo(newKey.kid());
        assertThat(CoseSign1.decode(oldDay.credential()).kid()).isEqualTo(oldKey.kid());
        assertThat(CoseSign1.decode(rotationList).kid()).as("lists are signed by the key locks trust").isEqualTo(oldKey.kid());
        assertThat(RevocationList.read(rotationList).issuerKeys()).containsExactlyInAnyOrder(newKey, oldKey);

        // The first tap brings the list: the new key opens at once, and so do the old ones.
        assertThat(world.phone.tap(world.lock, "UNLOCK", "new-week").outcome()).isEqualTo(TapOutcome.OPENED);
        assertThat(world.phone.tap(world.lock, "UNLOCK", "old-day").outcome()).isEqualTo(TapOutcome.OPENED);
        assertThat(world.phone.tap(world.lock, "UNLOCK", "old-week").outcome()).isEqualTo(TapOutcome.OPENED);

        // Old keys keep opening until they expire.
        world.lockClock.advance(Duration.ofDays(2));
        world.phoneClock.advance(Duration.ofDays(2));
        assertThat(world.phone.tap(world.lock, "UNLOCK", "old-day").verdict().reason()).isEqualTo(Reason.EXPIRED);
        assertThat(world.phone.tap(world.lock, "UNLOCK", "old-week").outcome()).isEqualTo(TapOutcome.OPENED);

        // The rotation ends: lists signed by the new key name it alone; the old key's keys no longer open.
        ReferenceDriver rotated = new ReferenceDriver("sandbox", 1000, world.context,
                new ReferenceDriver.Issuing("issuing-2", null, ReferenceLocksFactory.UV_NONE));
        byte[] after = ((RevocationPublishing) rotated).publish(KeyFlowFixture.LOCK, 2, null, List.of()).payload();
        assertThat(world.lock.install(after)).isTrue();
        assertThat(world.lock.issuerKeys()).containsExactly(newKey.publicKey());
        assertThat(world.phone.tap(world.lock, "UNLOCK", "new-week").outcome()).isEqualTo(TapOutcome.OPENED);
        assertThat(world.phone.tap(world.lock, "UNLOCK", "old-week").verdict().reason()).isEqualTo(Reason.BAD_SIGNATURE);
        // A list signed by a key the lock no longer trusts is ignored.
        byte[] stale = ((RevocationPublishing) world.driver).publish(KeyFlowFixture.LOCK, 3, null, List.of()).payload();
        assertThat(world.lock.install(stale)).isFalse();
    }

    @Test
    void entries_and_list_confirmations_phones_carry_are_signed_by_the_lock() {
        world.weekKey("key-1");
        world.api.publishList(KeyFlowFixture.LOCK.lockId(), 1, world.list(KeyFlowFixture.LOCK, 1, null, List.of()));
        world.phone.sync();
        world.phone.tap(world.lock, "UNLOCK");
        world.phone.tap(world.lock, "LOCK");

        byte[] confirmation = world.phone.state().confirmationsToReport().get(KeyFlowFixture.LOCK.lockId());
        assertThat(CoseSign1.decode(confirmation).verifiedBy(world.lock.publicKey())).isTrue();
        assertThat(LockProtocol.confirmedVersion(confirmation)).isEqualTo(1);
        assertThat(CoseSign1.decode(confirmation).verifiedBy(world.otherLock.publicKey())).as("another lock's key").isFalse();

        world.phone.sync();
        List<JsonNode> uploaded = world.api.events(KeyFlowFixture.LOCK.lockId());
        assertThat(uploaded).hasSize(2);
        List<LogEntry> read = new ArrayList<>();
        for (JsonNode event : uploaded) {
            byte[] signed = Base64Url.decode(event.get("signed").asText(), "signed");
            assertThat(CoseSign1.decode(signed).verifiedBy(world.lock.publicKey())).isTrue();
            read.add(LogEntry.read(signed));
        }
        assertThat(read).extracting(LogEntry::entryNumber).containsExactly(1L, 2L);
        assertThat(read.get(1).details()).containsEntry("reason", "MISSING_PERMISSION").containsEntry("keyId", "key-1");
        assertThat(read.get(0).occurredAt()).isEqualTo(world.lock.log().getFirst().occurredAt());
        // An impostor signs with another key: nothing it says verifies as the lock.
        LockSimulator impostor = world.lock.impostor();
        Handshakes.hello(impostor);
        byte[] forged = impostor.tapCard(new LockProtocol.CardPresentation("04", new byte[] {1}, "UNLOCK")).entry().signed();
        assertThat(CoseSign1.decode(forged).verifiedBy(world.lock.publicKey())).isFalse();
    }
}
