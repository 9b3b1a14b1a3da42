package dev.portier.plugins.reference;

import static dev.portier.plugins.reference.KeyFlowFixture.LOCK;
import static dev.portier.plugins.reference.KeyFlowFixture.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.plugin.api.KeyIssuing;
import dev.portier.plugin.api.KeyIssuing.IssuedKey;
import dev.portier.plugin.api.KeyIssuing.KeyRequest;
import dev.portier.plugin.api.Permission;
import dev.portier.plugins.reference.PhoneState.HeldKey;
import dev.portier.plugins.reference.PhoneSimulator.TapOutcome;
import dev.portier.plugins.reference.internal.Base64Url;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The phone's side of the mobile API over real HTTP, against a fake that answers per the contract's JSON. */
class PhoneSimulatorHttpTest {

    private final KeyFlowFixture world;

    PhoneSimulatorHttpTest() throws IOException {
        world = new KeyFlowFixture();
    }

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void registration_sends_the_code_the_name_and_both_public_keys_base64url() {
        JsonNode sent = world.api.registrations.getFirst();

        assertThat(sent.get("enrolmentCode").asText()).isEqualTo("code-anna");
        assertThat(sent.get("name").asText()).isEqualTo("Anna's phone");
        assertThat(Base64Url.decode(sent.get("signingKey").asText(), "signingKey")).isEqualTo(world.phone.signingPublicKey());
        assertThat(Base64Url.decode(sent.get("encryptionKey").asText(), "encryptionKey")).isEqualTo(world.phone.encryptionPublicKey());
        assertThat(sent.get("signingKey").asText()).doesNotContain("=");
        assertThat(world.phone.deviceToken()).startsWith("ptd_");
        assertThat(world.phone.deviceId()).isEqualTo("device-1");
        assertThat(world.phone.personId()).isEqualTo("person-Anna's phone");
    }

    @Test
    void a_refused_code_is_an_error_with_portiers_message() {
        PhoneSimulator phone = PhoneSimulator.create(world.api.baseUrl(), world.phoneClock);
        assertThatThrownBy(() -> phone.register("code-anna", "Second try"))
                .isInstanceOfSatisfying(MobileApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("unknown, used or expired");
        assertThat(phone.deviceToken()).isNull();
    }

    @Test
    void sync_sends_the_device_token_and_an_unreachable_portier_is_status_0() {
        world.phone.sync();
        assertThat(world.api.authorizations).allMatch(header -> header.equals("Bearer " + world.phone.deviceToken()));

        PhoneSimulator lost = PhoneSimulator.restore(world.phone.state(), world.phoneClock);
        PhoneState moved = lost.state();
        PhoneSimulator nowhere = PhoneSimulator.restore(new PhoneState(URI.create("http://127.0.0.1:1"), moved.name(),
                moved.signingKey(), moved.encryptionKey(), moved.deviceId(), moved.deviceToken(), moved.personId(), moved.keys(),
                moved.locks(), moved.lists(), moved.collectedUpTo(), moved.pendingEvents(), moved.confirmationsToReport()), world.phoneClock);
        assertThatThrownBy(nowhere::sync).isInstanceOfSatisfying(MobileApiException.class, e -> assertThat(e.status()).isZero());
    }

    @Test
    void many_log_entries_go_up_in_batches_of_at_most_1000_and_only_once() {
        world.weekKey("key-1");
        for (int i = 0; i < 1001; i++) {
            world.phone.tap(world.lock, i % 2 == 0 ? "UNLOCK" : "IGNITION");
        }

        SyncReport first = world.phone.sync();
        SyncReport second = world.phone.sync();

        assertThat(first.eventsUploaded().get(LOCK.lockId())).isEqualTo(new SyncReport.EventUpload(1001, 1001, 0));
        assertThat(world.api.uploads).extracting(upload -> upload.events().size()).containsExactly(1000, 1);
        assertThat(second.eventsUploaded()).isEmpty();
        assertThat(world.api.events(LOCK.lockId())).extracting(e -> e.get("entryNumber").asLong()).doesNotHaveDuplicates()
                .hasSize(1001);
    }

    @Test
    void a_second_phone_uploads_only_what_it_collected_itself_and_duplicates_are_counted() {
        world.weekKey("key-1");
        PhoneSimulator other = world.registeredPhone("code-bob", "Bob's phone");
        world.give(other, "key-2", LOCK, START, START.plus(Duration.ofDays(7)), null, Set.of("UNLOCK"), START);
        other.sync();
        world.phone.tap(world.lock, "UNLOCK");
        world.phone.sync();

        other.tap(world.lock, "UNLOCK");
        SyncReport report = other.sync();

        // Bob's phone saw entries 1 and 2 on the lock (it has no record of what Anna's phone uploaded).
        assertThat(report.eventsUploaded().get(LOCK.lockId())).isEqualTo(new SyncReport.EventUpload(2, 1, 1));
    }

    @Test
    void a_list_that_is_not_a_signed_list_is_not_carried_and_does_not_break_later_syncs() {
        world.api.publishList(LOCK.lockId(), 2, new byte[] {1, 2, 3});
        assertThat(world.phone.sync().listsFetched()).isEmpty();

        world.api.publishList(LOCK.lockId(), 2, world.list(LOCK, 2, null, List.of()));
        assertThat(world.phone.sync().listsFetched()).containsEntry(LOCK.lockId(), 2L);
        assertThat(world.phone.listVersions()).containsEntry(LOCK.lockId(), 2L);
    }

    @Test
    void on_demand_keys_are_opened_and_held_and_refusals_carry_their_reasons() {
        IssuedKey key = ((KeyIssuing) world.driver).issue(new KeyRequest("od-1", LOCK, KeyFlowFixture.device(world.phone),
                START, START.plus(Duration.ofHours(1)), null, Set.of(Permission.UNLOCK), START));
        world.phone.sync(); // learns the lock's identity
        world.api.onDemandAnswer = world.api.sealed(world.phone.deviceId(), LOCK.lockId(), key, START);

        HeldKey held = world.phone.requestOnDemandKey(LOCK.lockId(), "grant-7");

        assertThat(held.keyId()).isEqualTo("od-1");
        assertThat(held.credential()).isEqualTo(key.credential());
        assertThat(world.phone.tap(world.lock, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED);

        world.api.onDemandRefusal = List.of("OUTSIDE_SCHEDULE");
        assertThatThrownBy(() -> world.phone.requestOnDemandKey(LOCK.lockId(), null))
                .isInstanceOfSatisfying(MobileApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.reasons()).containsExactly("OUTSIDE_SCHEDULE");
                });
    }

    @Test
    void the_list_version_a_lock_holds_is_reported_once_and_keys_expired_on_portiers_clock_are_dropped() {
        world.give(world.phone, "short", LOCK, START, START.plus(Duration.ofHours(1)), null, Set.of("UNLOCK"), START);
        world.phone.sync();
        world.api.publishList(LOCK.lockId(), 3, world.list(LOCK, 3, null, List.of()));
        world.phone.sync();
        world.phone.tap(world.lock, "UNLOCK");

        SyncReport report = world.phone.sync();
        assertThat(report.versionsReported()).containsEntry(LOCK.lockId(), 3L);
        assertThat(world.api.reportedVersions()).containsEntry(LOCK.lockId(), 3L);
        assertThat(world.phone.sync().versionsReported()).isEmpty();

        world.context.clock().advance(Duration.ofHours(1)); // Portier's server time reaches notAfter
        assertThat(world.phone.sync().keysExpired()).containsExactly("short");
        assertThat(world.phone.keys()).isEmpty();
    }
}
