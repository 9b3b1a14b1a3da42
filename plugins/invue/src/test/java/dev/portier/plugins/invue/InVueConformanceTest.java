package dev.portier.plugins.invue;

import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.conformance.LockDriverContract;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The kit's contract, with a production connection pointed at a simulated LIVE Lock API. */
class InVueConformanceTest extends LockDriverContract {

    private static final InVueFixture INVUE = new InVueFixture();

    @AfterAll
    static void stop() {
        INVUE.close();
    }

    @Override
    protected LockDriverFactory factory() {
        return new InVueFactory();
    }

    @Override
    protected Map<String, String> validConfiguration() {
        return INVUE.configuration();
    }

    @Override
    protected Map<String, String> invalidConfiguration() {
        Map<String, String> values = new HashMap<>(INVUE.configuration());
        values.put("intermediateCertificate", "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n");
        return values;
    }

    @Override
    protected LockRef lock() {
        return new LockRef("lock-1", "0000051a000000c1", "Cabinet", "Europe/Berlin");
    }

    @Override
    protected Map<String, String> enrolmentInputs() {
        return INVUE.inputs("0000051a000000c1");
    }
}
