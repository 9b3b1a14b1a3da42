package dev.portier.plugins.reference;

import static dev.portier.plugins.reference.KeyFlowFixture.LOCK;
import static dev.portier.plugins.reference.KeyFlowFixture.OTHER_LOCK;
import static dev.portier.plugins.reference.KeyFlowFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.KeyIssuing.IssuedKey;
import dev.portier.plugin.api.RevocationPublishing.RevokedKey;
import dev.portier.plugins.reference.LockProtocol.Answer;
import dev.portier.plugins.reference.LockProtocol.CardPresentation;
import dev.portier.plugins.reference.LockProtocol.Reason;
import dev.portier.plugins.reference.PhoneSimulator.TapOutcome;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Card keys: bound to the card's serial, checked by the simulated lock exactly as phone keys are
 * (signature, lock, holder, validity, watermark, schedule, permission, revocation list), on its own clock.
 */
class CardKeyTest {

    private static final String SERIAL = "04A1B2C3";
    private final KeyFlowFixture world;
    private final CardSimulator card = new CardSimulator(SERIAL);

    CardKeyTest() throws IOException {
        world = new KeyFlowFixture();
    }

    @AfterEach
    void close() {
        world.close();
    }

    private IssuedKey write(String keyId, Instant notBefore, Instant notAfter, String schedule, Set<String> permissions,
            Instant issuedAt) {
        IssuedKey key = world.giveCard(SERIAL, keyId, LOCK, notBefore, notAfter, schedule, permissions, issuedAt);
        card.write(keyId, key.credential());
        return key;
    }

    private IssuedKey weekKey(String keyId) {
        return write(keyId, START, START.plus(Duration.ofDays(7)), null, Set.of("UNLOCK"), START);
    }

    private Answer tap(CardSimulator which, String permission) {
        return which.tap(world.lock, permission, world.lockClock).orElseThrow();
    }

    @Test
    void a_tapped_card_with_its_own_key_opens_and_the_lock_logs_the_serial() {
        weekKey("card-key-1");

        Answer answer = tap(card, "UNLOCK");

        assertThat(answer.verdict().opens()).as("%s", answer.verdict()).isTrue();
        assertThat(answer.entry().type()).isEqualTo("UNLOCKED");
        assertThat(answer.entry().details()).containsEntry("keyId", "card-key-1").containsEntry("card", SERIAL)
                .containsEntry("permission", "UNLOCK").doesNotContainKey("reason");
        assertThat(new CardSimulator(" 04a1b2c3 ").serial()).as("serials compare normalised").isEqualTo(SERIAL);
    }

    @Test
    void a_credential_copied_onto_a_card_with_another_serial_is_refused() {
        weekKey("card-key-1");
        CardSimulator copy = card.copyTo("04FFFFFF");

        Answer answer = tap(copy, "UNLOCK");

        assertThat(answer.verdict().reason()).isEqualTo(Reason.NOT_HOLDER);
        assertThat(answer.entry().details()).containsEntry("card", "04FFFFFF").containsEntry("reason", "NOT_HOLDER");
        assertThat(tap(card, "UNLOCK").verdict().opens()).as("the genuine card still opens").isTrue();
    }

    @Test
    void a_revoked_card_key_is_refused_once_the_lock_has_the_list_a_phone_brought() {
        weekKey("card-key-1");
        assertThat(tap(card, "UNLOCK").verdict().opens()).isTrue();

        // Cards carry no lists: a phone brings the list that names the card key.
        world.weekKey("phone-key");
        world.api.publishList(LOCK.lockId(), 1, world.list(LOCK, 1, null,
                List.of(new RevokedKey("card-key-1", START.plus(Duration.ofDays(7))))));
        world.phone.sync();
        assertThat(world.phone.tap(world.lock, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED);
        assertThat(world.lock.installedListVersion()).isEqualTo(1);

        Answer answer = tap(card, "UNLOCK");
        assertThat(answer.verdict().reason()).isEqualTo(Reason.REVOKED);
    }

    @Test
    void the_watermark_validity_schedule_and_permission_apply_to_cards_as_to_phones() {
        Instant watermark = START.plusSeconds(60);
        write("old", START, START.plus(Duration.ofDays(7)), null, Set.of("UNLOCK"), watermark.minusMillis(1));
        world.lock.install(world.list(LOCK, 1, watermark, List.of()));
        assertThat(tap(card, "UNLOCK").verdict().reason()).isEqualTo(Reason.REVOKED);

        card.erase("old");
        // Monday 10:00 in Berlin; the key is for Monday to Friday 07:00-12:00 local time, one day long.
        write("new", START.plus(Duration.ofMinutes(30)), START.plus(Duration.ofDays(1)), "MO-FR 07:00-12:00", Set.of("LOCK"),
                watermark);
        assertThat(tap(card, "LOCK").verdict().reason()).isEqualTo(Reason.NOT_YET_VALID);
        world.lockClock.advance(Duration.ofMinutes(30));
        assertThat(tap(card, "LOCK").verdict().opens()).isTrue();
        assertThat(tap(card, "UNLOCK").verdict().reason()).isEqualTo(Reason.MISSING_PERMISSION);
        world.lockClock.advance(Duration.ofHours(3)); // 13:30 in Berlin
        assertThat(tap(card, "LOCK").verdict().reason()).isEqualTo(Reason.OUTSIDE_SCHEDULE);
        world.lockClock.advance(Duration.ofDays(1));
        assertThat(tap(card, "LOCK").verdict().reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void phone_keys_do_not_open_as_cards_and_card_keys_do_not_open_from_phones() {
        world.weekKey("phone-key");
        byte[] phoneCredential = world.phone.key("phone-key").orElseThrow().credential();
        Answer phoneKeyOnCard = world.lock.tapCard(new CardPresentation(SERIAL, phoneCredential, "UNLOCK"));
        assertThat(phoneKeyOnCard.verdict().reason()).isEqualTo(Reason.NOT_HOLDER);

        IssuedKey cardKey = weekKey("card-key-1");
        world.phone.replaceCredential("phone-key", cardKey.credential());
        assertThat(world.phone.tap(world.lock, "UNLOCK").verdict().reason()).isEqualTo(Reason.NOT_HOLDER);
    }

    @Test
    void edited_foreign_and_unreadable_card_credentials_are_refused() {
        IssuedKey key = weekKey("card-key-1");
        byte[] edited = ReferenceCredential.withPermissions(key.credential(), Set.of("UNLOCK", "IGNITION"));
        assertThat(world.lock.tapCard(new CardPresentation(SERIAL, edited, "IGNITION")).verdict().reason())
                .isEqualTo(Reason.BAD_SIGNATURE);
        IssuedKey other = world.giveCard(SERIAL, "card-key-2", OTHER_LOCK, START, START.plus(Duration.ofDays(1)), null,
                Set.of("UNLOCK"), START);
        assertThat(world.lock.tapCard(new CardPresentation(SERIAL, other.credential(), "UNLOCK")).verdict().reason())
                .isEqualTo(Reason.WRONG_LOCK);
        assertThat(world.lock.tapCard(new CardPresentation(SERIAL, new byte[] {1, 2, 3}, "UNLOCK")).verdict().reason())
                .isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(world.lock.tapCard(new CardPresentation(null, key.credential(), "UNLOCK")).verdict().reason())
                .isEqualTo(Reason.NOT_HOLDER);
        assertThat(new CardSimulator("04EEEEEE").tap(world.lock, "UNLOCK", world.lockClock)).as("a blank card shows nothing").isEmpty();
    }
}
