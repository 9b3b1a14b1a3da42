package dev.portier.plugins.reference;

import static dev.portier.plugins.reference.KeyFlowFixture.LOCK;
import static dev.portier.plugins.reference.KeyFlowFixture.OTHER_LOCK;
import static dev.portier.plugins.reference.KeyFlowFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.RevocationPublishing.RevokedKey;
import dev.portier.plugins.reference.LockProtocol.Reason;
import dev.portier.plugins.reference.PhoneSimulator.TapOutcome;
import dev.portier.plugins.reference.PhoneSimulator.TapResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keys issued by the driver, sealed by the (fake) mobile API, opened by the phone and checked by the
 * simulated lock on its own clock: what opens, and every way the lock or the phone refuses.
 */
class KeyFlowTest {

    private final KeyFlowFixture world;

    KeyFlowTest() throws IOException {
        world = new KeyFlowFixture();
    }

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void a_valid_key_opens_and_the_next_sync_uploads_the_log_entry() {
        world.weekKey("key-1");

        TapResult tap = world.phone.tap(world.lock, "UNLOCK");

        assertThat(tap.outcome()).isEqualTo(TapOutcome.OPENED);
        assertThat(tap.entry().entryNumber()).isEqualTo(1);
        assertThat(tap.entry().type()).isEqualTo("UNLOCKED");
        assertThat(tap.entry().occurredAt()).isEqualTo(START);
        assertThat(tap.entry().details()).containsEntry("keyId", "key-1").containsEntry("permission", "UNLOCK")
                .doesNotContainKey("reason");
        assertThat(world.phone.pendingEvents().get(LOCK.lockId())).containsExactly(tap.entry());

        SyncReport sync = world.phone.sync();
        assertThat(sync.eventsUploaded().get(LOCK.lockId())).isEqualTo(new SyncReport.EventUpload(1, 1, 0));
        assertThat(world.api.events(LOCK.lockId())).singleElement().satisfies(event -> {
            assertThat(event.get("entryNumber").asLong()).isEqualTo(1);
            assertThat(event.get("type").asText()).isEqualTo("UNLOCKED");
            assertThat(event.get("occurredAt").asText()).isEqualTo("2026-01-05T09:00:00Z");
            assertThat(event.get("details").get("keyId").asText()).isEqualTo("key-1");
        });
        assertThat(world.phone.pendingEvents()).isEmpty();
    }

    @Test
    void the_lock_refuses_outside_the_schedule_on_its_own_clock() {
        // Monday 10:00 in Berlin; the key is for Monday to Friday 07:00-12:00 local time.
        world.give(world.phone, "key-1", LOCK, START, START.plus(Duration.ofDays(7)), "MO-FR 07:00-12:00",
                Set.of("UNLOCK"), START);
        world.phone.sync();
        assertThat(world.phone.tap(world.lock, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED);

        world.lockClock.advance(Duration.ofHours(3)); // 13:00 in Berlin
        TapResult late = world.phone.tap(world.lock, "UNLOCK");

        assertThat(late.verdict().reason()).isEqualTo(Reason.OUTSIDE_SCHEDULE);
        assertThat(late.entry().type()).isEqualTo("ACCESS_DENIED");
        assertThat(late.entry().details()).containsEntry("reason", "OUTSIDE_SCHEDULE");
        assertThat(late.entry().entryNumber()).isEqualTo(2);
    }

    @Test
    void the_lock_refuses_keys_not_yet_valid_and_expired_by_its_own_clock() {
        world.give(world.phone, "key-1", LOCK, START.plus(Duration.ofHours(1)), START.plus(Duration.ofHours(2)), null,
                Set.of("UNLOCK"), START);
        world.phone.sync();

        assertThat(world.phone.tap(world.lock, "UNLOCK").verdict().reason()).isEqualTo(Reason.NOT_YET_VALID);
        world.lockClock.advance(Duration.ofHours(1));
        assertThat(world.phone.tap(world.lock, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED);
        world.lockClock.advance(Duration.ofHours(1)); // notAfter is the first instant no longer valid
        assertThat(world.phone.tap(world.lock, "UNLOCK").verdict().reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void a_key_copied_to_another_phone_is_refused_because_that_phone_lacks_the_device_key() {
        world.weekKey("key-1");
        PhoneSimulator thief = world.registeredPhone("code-thief", "Thief's phone");
        world.phone.copyKeyTo(thief, "key-1");

        TapResult tap = thief.tap(world.lock, "UNLOCK");

        assertThat(tap.outcome()).isEqualTo(TapOutcome.REFUSED);
        assertThat(tap.verdict().reason()).isEqualTo(Reason.NOT_HOLDER);
        assertThat(world.phone.tap(world.lock, "UNLOCK").outcome()).as("the owner's phone still opens").isEqualTo(TapOutcome.OPENED);
    }

    @Test
    void a_key_whose_permissions_were_edited_is_refused_as_badly_signed() {
        world.give(world.phone, "key-1", LOCK, START, START.plus(Duration.ofDays(7)), null, Set.of("LOCK"), START);
        world.phone.sync();
        byte[] edited = ReferenceCredential.withPermissions(world.phone.key("key-1").orElseThrow().credential(),
                Set.of("LOCK", "UNLOCK"));
        assertThat(ReferenceCredential.read(edited).permissions()).containsExactly("LOCK", "UNLOCK");
        world.phone.replaceCredential("key-1", edited);

        TapResult tap = world.phone.tap(world.lock, "UNLOCK");

        assertThat(tap.verdict().reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(tap.entry().details()).containsEntry("keyId", "key-1");
    }

    @Test
    void a_permission_the_key_does_not_grant_is_refused() {
        world.weekKey("key-1");
        assertThat(world.phone.tap(world.lock, "IGNITION").verdict().reason()).isEqualTo(Reason.MISSING_PERMISSION);
    }

    @Test
    void after_revocation_the_phone_deletes_the_key_and_the_lock_refuses_it_once_a_newer_list_arrives() {
        world.weekKey("key-1");
        PhoneSimulator courier = world.registeredPhone("code-courier", "Courier's phone");
        world.give(courier, "key-2", LOCK, START, START.plus(Duration.ofDays(7)), null, Set.of("UNLOCK"), START);
        courier.sync();
        // The thief kept a copy of key-1 before it was revoked; its device key is the owner's (a cloned phone).
        PhoneSimulator clone = PhoneSimulator.restore(world.phone.state(), world.phoneClock);

        world.api.revokeKey(world.phone.deviceId(), "key-1");
        world.api.publishList(LOCK.lockId(), 1, world.list(LOCK, 1, null,
                List.of(new RevokedKey("key-1", START.plus(Duration.ofDays(7))))));
        SyncReport ownerSync = world.phone.sync();
        assertThat(ownerSync.keysDeleted()).containsExactly("key-1");
        assertThat(world.phone.keys()).isEmpty();
        assertThat(clone.tap(world.lock, "UNLOCK").outcome()).as("the lock has not heard yet").isEqualTo(TapOutcome.OPENED);

        SyncReport courierSync = courier.sync();
        assertThat(courierSync.listsFetched()).containsEntry(LOCK.lockId(), 1L);
        assertThat(courier.tap(world.lock, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED);
        assertThat(world.lock.installedListVersion()).isEqualTo(1);

        TapResult refused = clone.tap(world.lock, "UNLOCK");
        assertThat(refused.verdict().reason()).isEqualTo(Reason.REVOKED);

        courier.sync();
        assertThat(world.api.reportedVersions()).containsEntry(LOCK.lockId(), 1L);
    }

    @Test
    void an_older_list_version_is_ignored() {
        world.weekKey("key-1");
        RevokedKey revoked = new RevokedKey("key-1", START.plus(Duration.ofDays(7)));
        assertThat(world.lock.install(world.list(LOCK, 5, null, List.of()))).isTrue();

        assertThat(world.lock.install(world.list(LOCK, 4, null, List.of(revoked)))).isFalse();
        assertThat(world.lock.install(world.list(LOCK, 5, null, List.of(revoked)))).as("same version").isFalse();
        assertThat(world.lock.installedListVersion()).isEqualTo(5);
        assertThat(world.phone.tap(world.lock, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED);

        assertThat(world.lock.install(world.list(LOCK, 6, null, List.of(revoked)))).isTrue();
        assertThat(world.phone.tap(world.lock, "UNLOCK").verdict().reason()).isEqualTo(Reason.REVOKED);
    }

    @Test
    void the_watermark_refuses_keys_issued_before_it() {
        Instant watermark = START.plusSeconds(60);
        world.give(world.phone, "old", LOCK, START, START.plus(Duration.ofDays(7)), null, Set.of("UNLOCK"),
                watermark.minusMillis(1));
        world.give(world.phone, "new", LOCK, START, START.plus(Duration.ofDays(7)), null, Set.of("UNLOCK"), watermark);
        world.phone.sync();
        world.lock.install(world.list(LOCK, 1, watermark, List.of()));

        assertThat(world.phone.tap(world.lock, "UNLOCK", "old").verdict().reason()).isEqualTo(Reason.REVOKED);
        assertThat(world.phone.tap(world.lock, "UNLOCK", "new").outcome()).isEqualTo(TapOutcome.OPENED);
        assertThat(world.lock.watermark()).isEqualTo(watermark);
    }

    @Test
    void a_fake_lock_with_the_same_id_is_refused_by_the_phone_before_it_sees_the_key() {
        world.weekKey("key-1");
        LockSimulator fake = world.lock.impostor();

        TapResult tap = world.phone.tap(fake, "UNLOCK");

        assertThat(tap.outcome()).isEqualTo(TapOutcome.PHONE_REFUSED);
        assertThat(tap.phoneRefusal()).startsWith("fake lock");
        assertThat(tap.verdict()).isNull();
        assertThat(fake.log()).as("the fake lock never got a presentation").isEmpty();
    }

    @Test
    void a_list_for_another_lock_is_ignored() {
        world.weekKey("key-1");
        byte[] foreign = world.list(OTHER_LOCK, 9, null, List.of(new RevokedKey("key-1", START.plus(Duration.ofDays(7)))));

        assertThat(world.lock.install(foreign)).isFalse();
        world.api.publishList(LOCK.lockId(), 9, foreign); // a confused or malicious server answer
        world.phone.sync();
        TapResult tap = world.phone.tap(world.lock, "UNLOCK");

        assertThat(tap.outcome()).isEqualTo(TapOutcome.OPENED);
        assertThat(world.lock.installedListVersion()).isZero();
    }

    @Test
    void a_list_not_signed_by_the_issuer_is_ignored() {
        LockSimulator strangers = LockSimulator.create("lock-1", new dev.portier.plugin.conformance.TestSigner().publicKey("x"),
                world.lockClock);
        assertThat(strangers.install(world.list(LOCK, 1, null, List.of()))).isFalse();
    }

    @Test
    void a_key_for_another_lock_is_refused_as_the_wrong_lock() {
        world.give(world.phone, "key-2", OTHER_LOCK, START, START.plus(Duration.ofDays(7)), null, Set.of("UNLOCK"), START);
        world.phone.sync();
        byte[] credential = world.phone.key("key-2").orElseThrow().credential();
        // A phone app that presents any key it has: the lock itself must notice.
        LockProtocol.Answer answer = Handshakes.present(world.lock, credential, null, null, "UNLOCK", false);

        assertThat(answer.entry().details()).containsEntry("keyId", "key-2");
        assertThat(answer.verdict().reason()).isEqualTo(Reason.WRONG_LOCK);
        assertThat(world.phone.tap(world.lock, "UNLOCK").phoneRefusal()).contains("no key for lock lock-1");
    }

    @Test
    void a_credential_bound_to_a_key_that_is_no_curve_point_is_refused_not_thrown() {
        byte[] badHolder = new byte[32];
        java.util.Arrays.fill(badHolder, (byte) 0xff);
        byte[] payload = new ReferenceCredential("key-x", LOCK.lockId(), badHolder, START, START.plusSeconds(60), START,
                List.of("UNLOCK"), null, "UTC").payload();
        byte[] credential = dev.portier.plugins.reference.internal.CoseSign1.sign(world.context.signer(), "issuing",
                dev.portier.plugins.reference.internal.IssuerKey.of(world.context.signer(), "issuing"), payload);

        LockProtocol.Answer answer = Handshakes.present(world.lock, credential, null, null, "UNLOCK", false);

        assertThat(answer.verdict().reason()).isEqualTo(Reason.NOT_HOLDER);
    }

    @Test
    void a_presentation_without_a_handshake_or_with_a_replayed_one_is_refused() {
        world.weekKey("key-1");
        PhoneSimulator.TapResult genuine = world.phone.tap(world.lock, "UNLOCK");
        assertThat(genuine.outcome()).isEqualTo(PhoneSimulator.TapOutcome.OPENED);

        // Replayed word for word, with no hello before it, and after a new hello: the lock cannot read the
        // credential sealed for the old session.
        LockProtocol.Answer replayed = world.lock.present(genuine.presented());
        Handshakes.hello(world.lock);
        LockProtocol.Answer afterHello = world.lock.present(genuine.presented());

        assertThat(replayed.verdict().reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(afterHello.verdict().reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(world.lock.log()).hasSize(3);
    }
}
