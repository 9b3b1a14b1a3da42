package dev.portier.plugins.invue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.FieldProblem;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.invue.internal.Pem;
import dev.portier.plugins.invue.simulator.CertificateAuthority;
import dev.portier.plugins.invue.simulator.CustomerIntermediate;
import dev.portier.plugins.invue.simulator.SandboxCa;
import dev.portier.plugins.invue.simulator.SimulatedLock;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The customer intermediate as validate() judges it before saving, and the certificates as a simulated
 * lock judges them at the door: wrong root, expired or not-yet-valid intermediate, malformed PEM, another
 * lock's key certificate, a renewed intermediate.
 */
class CertificateChainTest {

    private final InVueFixture invue = new InVueFixture();

    @AfterEach
    void close() {
        invue.close();
    }

    private ConfigValidation validate(Map<String, String> changes) {
        Map<String, String> values = new HashMap<>(invue.configuration());
        values.putAll(changes);
        return new InVueFactory().validate(new DriverConfiguration(values), invue.context);
    }

    private static FieldProblem only(ConfigValidation validation) {
        assertThat(validation.problems()).hasSize(1);
        return validation.problems().getFirst();
    }

    @Test
    void a_good_intermediate_is_accepted_with_its_subject_and_expiry_in_the_notes() {
        ConfigValidation validation = validate(Map.of());

        assertThat(validation.isValid()).isTrue();
        assertThat(validation.notes()).anySatisfy(note -> assertThat(note)
                .contains("CN=Acme Stores").contains("valid until 2026-12-06").contains("335 days"));
    }

    @Test
    void an_intermediate_of_another_root_is_refused_on_the_intermediate_field() {
        CertificateAuthority other = CertificateAuthority.create("InVue Test Root", InVueFixture.NOW.minus(Duration.ofDays(10)),
                InVueFixture.NOW.plus(Duration.ofDays(1000)));

        FieldProblem problem = only(validate(Map.of("rootCertificate", Pem.encode(other.root()))));

        assertThat(problem.key()).isEqualTo("intermediateCertificate");
        assertThat(problem.message()).contains("not issued by this root");
    }

    @Test
    void an_expired_intermediate_is_refused() {
        CustomerIntermediate expired = invue.ca.issueIntermediate("Acme Stores", InVueFixture.NOW.minus(Duration.ofDays(400)),
                InVueFixture.NOW.minus(Duration.ofDays(1)));

        FieldProblem problem = only(validate(Map.of("intermediateCertificate", Pem.encode(expired.certificate()))));

        assertThat(problem.key()).isEqualTo("intermediateCertificate");
        assertThat(problem.message()).contains("expired on 2026-01-04");
    }

    @Test
    void a_not_yet_valid_intermediate_is_refused() {
        CustomerIntermediate future = invue.ca.issueIntermediate("Acme Stores", InVueFixture.NOW.plus(Duration.ofDays(2)),
                InVueFixture.NOW.plus(Duration.ofDays(400)));

        FieldProblem problem = only(validate(Map.of("intermediateCertificate", Pem.encode(future.certificate()))));

        assertThat(problem.key()).isEqualTo("intermediateCertificate");
        assertThat(problem.message()).contains("not valid before");
    }

    @Test
    void malformed_pem_is_refused_on_its_field() {
        assertThat(only(validate(Map.of("intermediateCertificate", "hello"))).key()).isEqualTo("intermediateCertificate");
        FieldProblem broken = only(validate(Map.of("rootCertificate",
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")));
        assertThat(broken.key()).isEqualTo("rootCertificate");
        assertThat(broken.message()).contains("not a readable PEM certificate");
    }

    @Test
    void an_end_entity_certificate_is_not_accepted_as_intermediate() {
        X509Certificate keyCertificate = invue.intermediate.issueKeyCertificate("0000051a00000005",
                invue.ca.root().getPublicKey(), InVueFixture.NOW, InVueFixture.NOW.plus(Duration.ofDays(10)));

        FieldProblem problem = only(validate(Map.of("intermediateCertificate", Pem.encode(keyCertificate))));

        assertThat(problem.message()).contains("not a CA certificate");
    }

    @Test
    void production_refuses_the_sandbox_root() {
        FieldProblem problem = only(validate(Map.of("rootCertificate", Pem.encode(SandboxCa.authority().root()),
                "intermediateCertificate", Pem.encode(SandboxCa.intermediate().certificate()))));

        assertThat(problem.key()).isEqualTo("rootCertificate");
        assertThat(problem.message()).contains("sandbox root");
    }

    @Test
    void sandbox_mode_needs_no_certificates_and_notes_the_sandbox_intermediate() {
        ConfigValidation validation = new InVueFactory().validate(new DriverConfiguration(Map.of("mode", "sandbox")), invue.context);

        assertThat(validation.isValid()).isTrue();
        assertThat(validation.notes()).anySatisfy(note -> assertThat(note).contains("CN=Portier Sandbox").contains("2035-01-01"));
    }

    @Test
    void the_lock_opens_for_its_key_certificate_and_refuses_wrong_root_expired_intermediate_and_another_locks_certificate() {
        LockRef cabinet = invue.addLock("lock-1", "0000051a00000005");
        invue.addLock("lock-2", "0000051a00000006");
        invue.enrol(cabinet, invue.inputs("0000051a00000005"));
        invue.enrol(new LockRef("lock-2", "0000051a00000006", "B", "Europe/Berlin"), invue.inputs("0000051a00000006"));
        X509Certificate mine = invue.api.registration("0000051a00000005").orElseThrow();
        X509Certificate theirs = invue.api.registration("0000051a00000006").orElseThrow();
        SimulatedLock lock = invue.api.lock("0000051a00000005").orElseThrow();

        assertThat(lock.provisioned()).isFalse();
        assertThat(lock.present(mine, invue.intermediate.certificate()).unlocked()).isTrue();
        assertThat(lock.provisioned()).isTrue();

        SimulatedLock.Attempt another = lock.present(theirs, invue.intermediate.certificate());
        assertThat(another.unlocked()).isFalse();
        assertThat(another.reason()).contains("for lock 0000051a00000006");

        CertificateAuthority impostor = CertificateAuthority.create("InVue Test Root", InVueFixture.NOW.minus(Duration.ofDays(10)),
                InVueFixture.NOW.plus(Duration.ofDays(1000)));
        CustomerIntermediate forged = impostor.issueIntermediate("Acme Stores", InVueFixture.NOW.minus(Duration.ofDays(1)),
                InVueFixture.NOW.plus(Duration.ofDays(100)));
        X509Certificate forgedKey = forged.issueKeyCertificate("0000051a00000005", mine.getPublicKey(), InVueFixture.NOW,
                InVueFixture.NOW.plus(Duration.ofDays(10)));
        assertThat(lock.present(forgedKey, forged.certificate()).unlocked()).as("a chain to another root").isFalse();
        assertThat(lock.present(mine, forged.certificate()).unlocked()).as("the right key certificate, a foreign intermediate")
                .isFalse();

        CustomerIntermediate lapsed = invue.ca.renew(invue.intermediate, InVueFixture.NOW.minus(Duration.ofDays(400)),
                InVueFixture.NOW.minus(Duration.ofDays(1)));
        SimulatedLock.Attempt expired = lock.present(mine, lapsed.certificate());
        assertThat(expired.unlocked()).isFalse();
        assertThat(expired.reason()).contains("intermediate certificate has expired");
    }

    @Test
    void a_renewed_intermediate_opens_with_the_key_certificate_issued_before_the_renewal() {
        LockRef cabinet = invue.addLock("lock-1", "0000051a00000005");
        invue.enrol(cabinet, invue.inputs("0000051a00000005"));
        X509Certificate keyCertificate = invue.api.registration("0000051a00000005").orElseThrow();
        SimulatedLock lock = invue.api.lock("0000051a00000005").orElseThrow();
        CustomerIntermediate renewed = invue.ca.renew(invue.intermediate, InVueFixture.NOW.plus(Duration.ofDays(300)),
                InVueFixture.NOW.plus(Duration.ofDays(700)));

        invue.context.clock().advance(Duration.ofDays(400)); // the first intermediate has expired
        assertThat(lock.present(keyCertificate, invue.intermediate.certificate()).unlocked()).isFalse();
        assertThat(lock.present(keyCertificate, renewed.certificate()).unlocked()).isTrue();
        assertThat(new InVueFactory().validate(new DriverConfiguration(Map.of("mode", "production", "apiKey", "k",
                "rootCertificate", Pem.encode(invue.ca.root()), "intermediateCertificate", Pem.encode(renewed.certificate()))),
                invue.context).isValid()).as("the renewal validates as the new intermediate").isTrue();
    }
}
