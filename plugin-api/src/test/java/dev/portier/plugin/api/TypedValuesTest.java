package dev.portier.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.plugin.api.AccessDecider.AccessAnswer;
import dev.portier.plugin.api.GrantSync.GrantSnapshot;
import dev.portier.plugin.api.KeyIssuing.KeyRequest;
import dev.portier.plugin.api.LockEnrolment.EnrolmentRequest;
import dev.portier.plugin.api.LockEnrolment.EnrolmentResult;
import dev.portier.plugin.api.ReservationSync.ReservationRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SPI's records refuse values the host or a driver could not act on, and hide secrets. */
class TypedValuesTest {

    private static final LockRef LOCK = new LockRef("lock-1", "door-1", "Front door", "Europe/Oslo");
    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
    private static final Grantee PERSON = new Grantee.Person("person-1", "Ada", "ada@example.com", null);

    @Test
    void a_validation_is_valid_until_it_has_a_problem() {
        assertThat(ConfigValidation.ok().isValid()).isTrue();
        ConfigValidation refused = ConfigValidation.problem("apiKey", "The controller refused the API key.");
        assertThat(refused.isValid()).isFalse();
        assertThat(refused.problems()).containsExactly(new FieldProblem("apiKey", "The controller refused the API key."));
        assertThat(ConfigValidation.ok().withNote("Valid until May").withProblem(null, "Down").problems())
                .extracting(FieldProblem::key).containsExactly((String) null);
        assertThatThrownBy(() -> new FieldProblem("apiKey", " ")).hasMessageContaining("message");
    }

    @Test
    void validation_choices_are_copied_and_labels_default_to_values() {
        List<Choice> owners = new ArrayList<>(List.of(new Choice("owner-1", ""), new Choice("owner-2", "Second")));
        ConfigValidation validation = new ConfigValidation(null, Map.of("owner", owners), null);
        owners.clear();

        assertThat(validation.choices().get("owner")).extracting(Choice::label).containsExactly("owner-1", "Second");
        assertThat(validation.notes()).isEmpty();
    }

    @Test
    void a_grant_snapshot_needs_a_grantee_permissions_and_a_sane_validity() {
        GrantSnapshot snapshot = new GrantSnapshot("grant-1", LOCK, PERSON, NOW, null, null, Set.of(Permission.UNLOCK), null);
        assertThat(snapshot.permissions()).containsExactly(Permission.UNLOCK);

        assertThatThrownBy(() -> new GrantSnapshot("grant-1", LOCK, PERSON, NOW, null, null, Set.of(), null))
                .hasMessageContaining("permission");
        assertThatThrownBy(() -> new GrantSnapshot("grant-1", LOCK, PERSON, NOW, NOW, null, Set.of(Permission.LOCK), null))
                .hasMessageContaining("end after");
        assertThatThrownBy(() -> new GrantSnapshot("grant-1", LOCK, null, NOW, null, null, Set.of(Permission.LOCK), null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Grantee.Card("card-1", null, "MIFARE")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void key_requests_name_their_holder_and_compare_device_keys_by_content() {
        KeyHolder device = new KeyHolder.Device("device-1", new byte[] {1, 2, 3});
        KeyRequest request = new KeyRequest("key-1", LOCK, device, NOW, NOW.plusSeconds(60), null,
                Set.of(Permission.UNLOCK), NOW);

        assertThat(request.holder()).isEqualTo(new KeyHolder.Device("device-1", new byte[] {1, 2, 3}));
        assertThat(request.holder().kind()).isEqualTo(HolderKind.DEVICE);
        assertThat(new KeyHolder.Card("card-1", "04A1").kind()).isEqualTo(HolderKind.CARD);
        assertThatThrownBy(() -> new KeyRequest("key-1", LOCK, device, NOW, NOW, null, Set.of(Permission.UNLOCK), NOW))
                .hasMessageContaining("end after");
        assertThatThrownBy(() -> new KeyRequest("key-1", LOCK, device, NOW, NOW.plusSeconds(1), null, Set.of(), NOW))
                .hasMessageContaining("permission");
    }

    @Test
    void material_compares_by_content_and_never_prints_it() {
        byte[] token = "installer-token".getBytes(StandardCharsets.UTF_8);
        Material secret = new Material("installerToken", Material.Visibility.SECRET, "text/plain", token, null);
        token[0] = 'X';

        assertThat(secret.content()).asString(StandardCharsets.UTF_8).isEqualTo("installer-token");
        assertThat(secret).isEqualTo(new Material("installerToken", Material.Visibility.SECRET, "text/plain",
                "installer-token".getBytes(StandardCharsets.UTF_8), null));
        assertThat(secret.toString()).doesNotContain("installer-token");
        assertThatThrownBy(() -> new Material(" ", Material.Visibility.PUBLIC, "text/plain", new byte[0], null))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new EnrolmentResult("door-1", List.of(secret, secret))).hasMessageContaining("unique");
    }

    @Test
    void enrolment_requests_never_print_their_inputs() {
        EnrolmentRequest request = new EnrolmentRequest(LOCK, Map.of("installerCode", "4711"));
        assertThat(request.toString()).contains("installerCode").doesNotContain("4711");
    }

    @Test
    void phone_material_compares_by_content() {
        PhoneMaterial certificate = new PhoneMaterial("lockCertificate", "lock-1", "application/pkix-cert", new byte[] {9}, null);
        assertThat(certificate).isEqualTo(new PhoneMaterial("lockCertificate", "lock-1", "application/pkix-cert", new byte[] {9}, null))
                .hasSameHashCodeAs(new PhoneMaterial("lockCertificate", "lock-1", "application/pkix-cert", new byte[] {9}, null));
        assertThatThrownBy(() -> new PhoneMaterial(null, null, "text/plain", new byte[0], null)).hasMessageContaining("name");
    }

    @Test
    void lock_health_keeps_unknowns_and_refuses_impossible_battery_levels() {
        LockHealth unknown = new LockHealth("lock-1", null, null, false, null, null);
        assertThat(unknown.online()).isNull();
        assertThatThrownBy(() -> new LockHealth("lock-1", true, 101, false, NOW, "1.2")).hasMessageContaining("101");
        assertThatThrownBy(() -> new LockHealth(null, true, 50, false, NOW, "1.2")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void limits_and_refusals_carry_typed_facts() {
        LimitExceededException limit = new LimitExceededException("geotab.active-keys", 20, 21);
        assertThat(limit.rule()).isEqualTo("geotab.active-keys");
        assertThat(limit.limit()).isEqualTo(20);
        assertThat(limit.current()).isEqualTo(21);
        assertThat(limit.getMessage()).contains("geotab.active-keys");
        assertThatThrownBy(() -> new LimitExceededException(" ", 1, 2)).isInstanceOf(IllegalArgumentException.class);

        assertThat(new VendorRefusedException("Ada has no email address.").reason()).isEqualTo("Ada has no email address.");
        assertThat(new EnrolmentRefusedException("installerCode", "Wrong code.").input()).isEqualTo("installerCode");
    }

    @Test
    void access_answers_and_reservations_are_typed() {
        assertThat(AccessAnswer.denied(DenialReason.OUTSIDE_SCHEDULE).reasons()).containsExactly(DenialReason.OUTSIDE_SCHEDULE);
        ReservationRequest booking = new ReservationRequest("r-1", LOCK, "emp-7", null, NOW, NOW.plusSeconds(3600),
                Set.of(VehiclePermission.UNLOCK, VehiclePermission.IGNITION_ENABLE),
                Set.of(ReservationPrivilege.RESET_AT_END_OF_BOOKING), Set.of(EndBookCondition.IGNITION_OFF));
        assertThat(booking.cardSerials()).isEmpty();
        assertThatThrownBy(() -> new ReservationRequest("r-1", LOCK, "emp-7", List.of(), NOW, NOW, Set.of(), Set.of(), Set.of()))
                .hasMessageContaining("end after");
    }
}
