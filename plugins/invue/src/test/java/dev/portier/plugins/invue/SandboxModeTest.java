package dev.portier.plugins.invue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.ConnectionState;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockEnrolment;
import dev.portier.plugin.api.LockEnrolment.EnrolmentRequest;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.SandboxActions;
import dev.portier.plugin.api.SandboxActions.SandboxOutcome;
import dev.portier.plugin.api.SandboxActions.SandboxRun;
import dev.portier.plugin.conformance.TestDriverContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A newcomer's path in sandbox mode: unbox a simulated lock, enrol it by its provisioning code, open it with the phone's certificates. */
class SandboxModeTest {

    @Test
    void unbox_enrol_and_present_the_published_certificates() {
        try (TestDriverContext context = TestDriverContext.of(Map.of("mode", "sandbox"))) {
            LockDriver driver = new InVueFactory().create(context.configuration(), context);
            driver.initialize();
            context.awaitStatus(status -> status.state() == ConnectionState.ONLINE, Duration.ofSeconds(5));
            SandboxActions sandbox = (SandboxActions) driver;
            assertThat(sandbox.sandboxActions()).extracting(SandboxActions.SandboxAction::id)
                    .contains("unbox-lock", "present-certificates", "show-certificates", "renew-intermediate");

            SandboxOutcome unboxed = sandbox.run(new SandboxRun("unbox-lock", Map.of("serial", "00000a0b0c0d0e0f"), null));
            String code = unboxed.transcript().stream().filter(line -> line.startsWith("Provisioning code: "))
                    .findFirst().orElseThrow().substring("Provisioning code: ".length());
            assertThat(code).hasSize(344);

            LockRef lock = new LockRef("lock-7", "00000a0b0c0d0e0f", "Cabinet 7", "Europe/Berlin");
            context.addLock(lock);
            ((LockEnrolment) driver).enrol(new EnrolmentRequest(lock,
                    Map.of("serialNumber", "00000a0b0c0d0e0f", "lockType", "CAM", "enrolmentCode", code)));
            assertThat(context.phoneMaterial("invue.keyCertificate", "lock-7")).isPresent();

            SandboxOutcome opened = sandbox.run(new SandboxRun("present-certificates", Map.of("lock", "lock-7"), null));
            assertThat(opened.transcript()).anySatisfy(line -> assertThat(line).contains("unlocked; provisioning bit set to 1"));
            SandboxOutcome renewal = sandbox.run(new SandboxRun("renew-intermediate", Map.of(), null));
            String renewed = renewal.transcript().getLast();
            SandboxOutcome withRenewal = sandbox.run(new SandboxRun("present-certificates",
                    Map.of("lock", "lock-7", "intermediate", renewed), null));
            assertThat(withRenewal.transcript().getLast()).contains("unlocked");
            context.dispose(driver);
        }
    }

    @Test
    void production_drivers_offer_no_sandbox_actions() {
        try (InVueFixture invue = new InVueFixture()) {
            invue.driver.initialize();
            assertThat(((SandboxActions) invue.driver).sandboxActions()).isEmpty();
        }
    }
}
