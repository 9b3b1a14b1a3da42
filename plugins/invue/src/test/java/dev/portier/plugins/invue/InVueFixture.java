package dev.portier.plugins.invue;

import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockEnrolment;
import dev.portier.plugin.api.LockEnrolment.EnrolmentRequest;
import dev.portier.plugin.api.LockEnrolment.EnrolmentResult;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.invue.internal.Pem;
import dev.portier.plugins.invue.simulator.CertificateAuthority;
import dev.portier.plugins.invue.simulator.CustomerIntermediate;
import dev.portier.plugins.invue.simulator.LiveLockApiSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A test's InVue: a CA whose intermediate is valid a year around the kit's clock, a LIVE Lock API
 * simulator on loopback issuing with it, and a production connection pointed at the simulator.
 */
final class InVueFixture implements AutoCloseable {

    static final String API_KEY = "eyJhbGciOi.test-key.signature";
    static final String OWNER = "Acme Stores";
    static final Instant NOW = TestDriverContext.START;

    final CertificateAuthority ca = CertificateAuthority.create("InVue Test Root", NOW.minus(Duration.ofDays(3650)),
            NOW.plus(Duration.ofDays(3650)));
    final CustomerIntermediate intermediate = ca.issueIntermediate(OWNER, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(335)));
    final LiveLockApiSimulator api;
    volatile TestDriverContext context;
    final LockDriver driver;

    InVueFixture() {
        api = LiveLockApiSimulator.start(API_KEY, ca.root(), intermediate, "test locks".getBytes(), clockAtNow());
        context = TestDriverContext.of(configuration());
        driver = new InVueFactory(Duration.ofSeconds(1)).create(context.configuration(), context);
    }

    /** The context's clock, once there is a context: the simulated locks judge validity by the test's time. */
    private java.time.Clock clockAtNow() {
        InVueFixture fixture = this;
        return new java.time.Clock() {
            @Override
            public java.time.Instant instant() {
                return fixture.context == null ? NOW : fixture.context.clock().instant();
            }

            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
    }

    Map<String, String> configuration() {
        Map<String, String> values = new HashMap<>();
        values.put("mode", "production");
        values.put("apiKey", API_KEY);
        values.put("baseUrl", api.url());
        values.put("rootCertificate", Pem.encode(ca.root()));
        values.put("intermediateCertificate", Pem.encode(intermediate.certificate()));
        return values;
    }

    LockRef addLock(String lockId, String serial) {
        LockRef lock = new LockRef(lockId, serial, "Cabinet " + serial, "Europe/Berlin");
        context.addLock(lock);
        return lock;
    }

    /** The inputs a phone would send for a new lock of the simulator. */
    Map<String, String> inputs(String serial) {
        return Map.of("serialNumber", serial, "lockType", "CAM", "enrolmentCode", api.manufacture(serial).provisioningCode());
    }

    EnrolmentResult enrol(LockRef lock, Map<String, String> inputs) {
        return ((LockEnrolment) driver).enrol(new EnrolmentRequest(lock, inputs));
    }

    @Override
    public void close() {
        context.dispose(driver);
        context.close();
        api.close();
    }

    /** Another connection (another Portier, another system) of the same InVue customer. */
    static final class Other implements AutoCloseable {
        private final dev.portier.plugin.conformance.TestDriverContext context;
        private final LockDriver driver;
        private final InVueFixture invue;

        Other(InVueFixture invue) {
            this.invue = invue;
            this.context = TestDriverContext.of(invue.configuration());
            this.driver = new InVueFactory(Duration.ofSeconds(1)).create(context.configuration(), context);
        }

        void enrol(String serial) {
            ((LockEnrolment) driver).enrol(new EnrolmentRequest(new LockRef("elsewhere", serial, "x", "UTC"), invue.inputs(serial)));
        }

        @Override
        public void close() {
            context.dispose(driver);
            context.close();
        }
    }
}
