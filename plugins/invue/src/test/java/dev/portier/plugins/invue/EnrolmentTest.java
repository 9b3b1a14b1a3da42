package dev.portier.plugins.invue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.portier.plugin.api.EnrolmentRefusedException;
import dev.portier.plugin.api.LockEnrolment.EnrolmentResult;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.Material;
import dev.portier.plugin.api.PhoneMaterial;
import dev.portier.plugin.api.StatusDetail;
import dev.portier.plugins.invue.internal.Pem;
import dev.portier.plugins.invue.simulator.LiveLockApiSimulator.Fault;
import dev.portier.plugins.invue.simulator.LiveLockApiSimulator.Shape;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Enrolment by provisioning code against the simulated LIVE Lock API over HTTP: the key certificate is
 * stored and published; each fault ends with no second registration of a serial and no key certificate
 * lost (kept, or recoverable by import).
 */
class EnrolmentTest {

    private static final String SERIAL = "0000051a00000005";

    private final InVueFixture invue = new InVueFixture();
    private final LockRef cabinet = invue.addLock("lock-1", SERIAL);

    @AfterEach
    void close() {
        invue.close();
    }

    private static Material material(EnrolmentResult result, String name) {
        return result.material().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, String> with(Map<String, String> inputs, String key, String value) {
        Map<String, String> more = new HashMap<>(inputs);
        more.put(key, value);
        return more;
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void enrolment_answers_the_key_certificate_as_secret_material_with_its_expiry_and_the_raw_answer(Shape shape) throws Exception {
        invue.api.shape(shape);
        invue.api.successStatus(shape == Shape.NESTED_JSON ? 201 : 200);

        EnrolmentResult result = invue.enrol(cabinet, invue.inputs(SERIAL));

        X509Certificate issued = invue.api.registration(SERIAL).orElseThrow();
        Material key = material(result, "keyCertificate");
        assertThat(result.vendorReference()).isEqualTo(SERIAL);
        assertThat(key.visibility()).isEqualTo(Material.Visibility.SECRET);
        assertThat(key.content()).isEqualTo(Pem.der(issued));
        assertThat(key.expiresAt()).isEqualTo(issued.getNotAfter().toInstant());
        assertThat(material(result, "enrolmentResponse").visibility()).isEqualTo(Material.Visibility.SECRET);
        assertThat(new String(material(result, "keyCertificateSummary").content(), StandardCharsets.UTF_8))
                .contains("CN=" + SERIAL).contains("Acme Stores");
        var sent = invue.context.http().sent().getLast();
        assertThat(sent.uri().getPath()).isEqualTo("/v1/dlock");
        assertThat(sent.headers().firstValue("Authorization")).hasValue("Bearer " + InVueFixture.API_KEY);
    }

    @Test
    void enrolling_again_answers_the_same_material_without_calling_invue() {
        EnrolmentResult first = invue.enrol(cabinet, invue.inputs(SERIAL));
        EnrolmentResult second = invue.enrol(cabinet, invue.inputs(SERIAL));

        assertThat(second).isEqualTo(first);
        assertThat(invue.api.posts(SERIAL)).isEqualTo(1);
    }

    @Test
    void after_enrolment_phones_get_the_locks_key_certificate_and_the_intermediate() {
        invue.enrol(cabinet, invue.inputs(SERIAL));

        X509Certificate issued = invue.api.registration(SERIAL).orElseThrow();
        PhoneMaterial key = invue.context.phoneMaterial("invue.keyCertificate", "lock-1").orElseThrow();
        PhoneMaterial intermediate = invue.context.phoneMaterial("invue.intermediateCertificate", null).orElseThrow();
        assertThat(key.content()).isEqualTo(Pem.der(issued));
        assertThat(key.expiresAt()).isEqualTo(issued.getNotAfter().toInstant());
        assertThat(intermediate.content()).isEqualTo(Pem.der(invue.intermediate.certificate()));
        assertThat(intermediate.expiresAt()).isEqualTo(invue.intermediate.certificate().getNotAfter().toInstant());
    }

    @Test
    void a_started_driver_publishes_the_intermediate_and_enrolled_certificates_from_its_scheduled_check() {
        invue.enrol(cabinet, invue.inputs(SERIAL));
        invue.context.phoneMaterial().withdraw("invue.keyCertificate", "lock-1");
        invue.context.phoneMaterial().withdraw("invue.intermediateCertificate", null);

        invue.driver.initialize();

        invue.context.awaitStatus(status -> status.message().contains("valid until"), Duration.ofSeconds(5));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (invue.context.publishedPhoneMaterial().size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(invue.context.phoneMaterial("invue.intermediateCertificate", null)).isPresent();
        assertThat(invue.context.phoneMaterial("invue.keyCertificate", "lock-1")).isPresent();
    }

    @Test
    void a_wrong_provisioning_code_is_refused_on_its_input_and_may_be_corrected() {
        String otherCode = invue.api.manufacture("0000051a00000099").provisioningCode();

        EnrolmentRefusedException refused = catchThrowableOfType(EnrolmentRefusedException.class,
                () -> invue.enrol(cabinet, with(invue.inputs(SERIAL), "enrolmentCode", otherCode)));

        assertThat(refused.input()).isEqualTo("enrolmentCode");
        assertThat(refused.getMessage()).contains("HTTP 400").contains("invalid enrolment_code").doesNotContain(otherCode);
        assertThat(invue.enrol(cabinet, invue.inputs(SERIAL)).vendorReference()).isEqualTo(SERIAL);
    }

    @Test
    void missing_serial_or_code_and_a_non_base64_code_are_refused_before_anything_is_sent() {
        assertThatThrownBy(() -> invue.enrol(cabinet, Map.of("serialNumber", " ")))
                .isInstanceOf(EnrolmentRefusedException.class).extracting("input").isEqualTo("serialNumber");
        assertThatThrownBy(() -> invue.enrol(cabinet, Map.of("serialNumber", SERIAL)))
                .isInstanceOf(EnrolmentRefusedException.class).extracting("input").isEqualTo("enrolmentCode");
        assertThatThrownBy(() -> invue.enrol(cabinet, Map.of("serialNumber", SERIAL, "enrolmentCode", "not base64!")))
                .isInstanceOf(EnrolmentRefusedException.class).extracting("input").isEqualTo("enrolmentCode");
        assertThat(invue.context.http().sent()).isEmpty();
    }

    @Test
    void a_serial_registered_elsewhere_is_refused_with_the_import_as_the_way_out() {
        invue.api.duplicateStatus(400);
        LockRef elsewhere = new LockRef("other-portier", SERIAL, "x", "UTC");
        X509Certificate registeredBefore = registerDirectly();

        EnrolmentRefusedException refused = catchThrowableOfType(EnrolmentRefusedException.class,
                () -> invue.enrol(cabinet, invue.inputs(SERIAL)));
        assertThat(refused.input()).isEqualTo("keyCertificate");
        assertThat(refused.getMessage()).contains("registered already").contains("Import");

        assertThatThrownBy(() -> invue.enrol(cabinet, with(invue.inputs(SERIAL), "retryUnknownOutcome", "true")))
                .as("retrying cannot help a registered serial").isInstanceOf(EnrolmentRefusedException.class);
        EnrolmentResult imported = invue.enrol(cabinet, Map.of("serialNumber", SERIAL,
                "keyCertificate", Pem.encode(registeredBefore)));
        assertThat(material(imported, "keyCertificate").content()).isEqualTo(Pem.der(registeredBefore));
        assertThat(invue.api.posts(SERIAL)).as("the other system's registration and ours").isEqualTo(2);
        assertThat(elsewhere.lockId()).isNotNull();
    }

    /** Registers the serial as another system would have, through a second driver of another connection. */
    private X509Certificate registerDirectly() {
        try (InVueFixture.Other other = new InVueFixture.Other(invue)) {
            other.enrol(SERIAL);
        }
        return invue.api.registration(SERIAL).orElseThrow();
    }

    @Test
    void an_imported_certificate_must_be_for_the_serial_and_signed_by_the_intermediate() {
        invue.enrol(invue.addLock("lock-2", "0000051a00000006"), invue.inputs("0000051a00000006"));
        X509Certificate another = invue.api.registration("0000051a00000006").orElseThrow();

        assertThatThrownBy(() -> invue.enrol(cabinet, Map.of("serialNumber", SERIAL, "keyCertificate", Pem.encode(another))))
                .isInstanceOf(EnrolmentRefusedException.class).hasMessageContaining("for lock 0000051a00000006");
        var foreign = dev.portier.plugins.invue.simulator.CertificateAuthority.create("Elsewhere", InVueFixture.NOW.minus(Duration.ofDays(1)),
                InVueFixture.NOW.plus(Duration.ofDays(100))).issueIntermediate("Acme Stores", InVueFixture.NOW.minus(Duration.ofDays(1)),
                InVueFixture.NOW.plus(Duration.ofDays(100)));
        X509Certificate forged = foreign.issueKeyCertificate(SERIAL, another.getPublicKey(), InVueFixture.NOW,
                InVueFixture.NOW.plus(Duration.ofDays(10)));
        assertThatThrownBy(() -> invue.enrol(cabinet, Map.of("serialNumber", SERIAL, "keyCertificate", Pem.encode(forged))))
                .isInstanceOf(EnrolmentRefusedException.class).hasMessageContaining("not signed by the connection's intermediate");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"TIMEOUT_AFTER_COMMIT", "RESET_AFTER_COMMIT"})
    void an_answer_lost_after_invue_registered_is_not_sent_again_and_the_certificate_is_recovered_by_import(Fault fault) {
        invue.api.failNext(fault);

        EnrolmentRefusedException lost = catchThrowableOfType(EnrolmentRefusedException.class,
                () -> invue.enrol(cabinet, invue.inputs(SERIAL)));
        assertThat(lost.input()).isEqualTo("keyCertificate");
        assertThat(lost.getMessage()).contains("may have registered").contains("will not send it again");

        EnrolmentRefusedException next = catchThrowableOfType(EnrolmentRefusedException.class,
                () -> invue.enrol(cabinet, invue.inputs(SERIAL)));
        assertThat(next.getMessage()).contains("no answer came back").contains("Import");
        assertThat(invue.api.posts(SERIAL)).as("no blind second registration").isEqualTo(1);

        X509Certificate fromSupport = invue.api.registration(SERIAL).orElseThrow();
        EnrolmentResult imported = invue.enrol(cabinet, with(invue.inputs(SERIAL), "keyCertificate", Pem.encode(fromSupport)));
        assertThat(material(imported, "keyCertificate").content()).isEqualTo(Pem.der(fromSupport));
        assertThat(invue.context.phoneMaterial("invue.keyCertificate", "lock-1")).isPresent();
        assertThat(invue.enrol(cabinet, invue.inputs(SERIAL))).isEqualTo(imported);
        assertThat(invue.api.posts(SERIAL)).isEqualTo(1);
    }

    @Test
    void a_confirmed_retry_after_a_lost_answer_meets_already_registered_and_never_registers_twice() {
        invue.api.failNext(Fault.TIMEOUT_AFTER_COMMIT);
        assertThatThrownBy(() -> invue.enrol(cabinet, invue.inputs(SERIAL))).isInstanceOf(EnrolmentRefusedException.class);

        assertThatThrownBy(() -> invue.enrol(cabinet, with(invue.inputs(SERIAL), "retryUnknownOutcome", "true")))
                .isInstanceOf(EnrolmentRefusedException.class).hasMessageContaining("registered already");
        assertThat(invue.api.registration(SERIAL)).isPresent();
        assertThat(invue.api.posts(SERIAL)).isEqualTo(2);
    }

    @Test
    void a_5xx_is_an_unknown_outcome_and_a_confirmed_retry_registers_once() {
        invue.api.failNext(Fault.SERVER_ERROR_BEFORE_COMMIT);
        assertThatThrownBy(() -> invue.enrol(cabinet, invue.inputs(SERIAL)))
                .isInstanceOf(EnrolmentRefusedException.class).hasMessageContaining("HTTP 503");
        assertThatThrownBy(() -> invue.enrol(cabinet, invue.inputs(SERIAL)))
                .isInstanceOf(EnrolmentRefusedException.class).hasMessageContaining("no answer came back");
        assertThat(invue.api.posts(SERIAL)).isEqualTo(1);

        EnrolmentResult result = invue.enrol(cabinet, with(invue.inputs(SERIAL), "retryUnknownOutcome", "true"));

        assertThat(material(result, "keyCertificate").content()).isEqualTo(Pem.der(invue.api.registration(SERIAL).orElseThrow()));
        assertThat(invue.api.posts(SERIAL)).isEqualTo(2);
    }

    @Test
    void a_refused_api_key_registers_nothing_reports_the_status_and_may_be_retried() {
        invue.api.failNext(Fault.UNAUTHORIZED);

        assertThatThrownBy(() -> invue.enrol(cabinet, invue.inputs(SERIAL)))
                .isInstanceOf(EnrolmentRefusedException.class).hasMessageContaining("API key (HTTP 401)");
        assertThat(invue.context.lastStatus()).hasValueSatisfying(status ->
                assertThat(status.detail()).isEqualTo(StatusDetail.AUTHENTICATION_ERROR));
        assertThat(invue.api.registration(SERIAL)).isEmpty();

        assertThat(invue.enrol(cabinet, invue.inputs(SERIAL)).vendorReference()).isEqualTo(SERIAL);
    }

    @Test
    void a_429_is_transient_and_registers_nothing() {
        invue.api.failNext(Fault.TOO_MANY_REQUESTS);

        assertThatThrownBy(() -> invue.enrol(cabinet, invue.inputs(SERIAL)))
                .isNotInstanceOf(EnrolmentRefusedException.class).hasMessageContaining("429");
        assertThat(invue.enrol(cabinet, invue.inputs(SERIAL)).vendorReference()).isEqualTo(SERIAL);
    }

    @Test
    void a_malformed_success_keeps_the_raw_answer_and_is_never_sent_again() {
        invue.api.failNext(Fault.MALFORMED_AFTER_COMMIT);

        EnrolmentRefusedException refused = catchThrowableOfType(EnrolmentRefusedException.class,
                () -> invue.enrol(cabinet, invue.inputs(SERIAL)));
        assertThat(refused.getMessage()).contains("registered serial").contains("raw answer is kept");
        assertThat(invue.context.secrets().names()).hasSize(1);
        String record = new String(invue.context.secrets().get(invue.context.secrets().names().iterator().next()).orElseThrow(),
                StandardCharsets.UTF_8);
        assertThat(record).contains("UNREADABLE_ANSWER").contains("rawAnswer");

        assertThatThrownBy(() -> invue.enrol(cabinet, with(invue.inputs(SERIAL), "retryUnknownOutcome", "true")))
                .isInstanceOf(EnrolmentRefusedException.class).hasMessageContaining("cannot read");
        assertThat(invue.api.posts(SERIAL)).isEqualTo(1);
        EnrolmentResult imported = invue.enrol(cabinet, Map.of("serialNumber", SERIAL,
                "keyCertificate", Pem.encode(invue.api.registration(SERIAL).orElseThrow())));
        assertThat(new String(material(imported, "enrolmentResponse").content(), StandardCharsets.UTF_8))
                .as("the raw answer stays in the lock's enrolment record").startsWith("{\"status\":\"ok\"");
    }

    @Test
    void the_attempt_is_recorded_before_the_call_is_sent() {
        invue.context.http().stall();
        Thread enrolling = Thread.ofVirtual().start(() -> {
            try {
                invue.enrol(cabinet, invue.inputs(SERIAL));
            } catch (RuntimeException expected) {
                // interrupted below
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (invue.context.http().sent().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        String record = new String(invue.context.secrets().get(invue.context.secrets().names().iterator().next()).orElseThrow(),
                StandardCharsets.UTF_8);
        assertThat(record).contains("SENDING");
        enrolling.interrupt();
        invue.context.http().release();
    }
}
