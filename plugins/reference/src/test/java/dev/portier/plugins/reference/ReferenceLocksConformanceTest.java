package dev.portier.plugins.reference;

import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.conformance.LockDriverContract;
import java.util.Map;

/** The reference driver passes the conformance kit (lifecycle, schema, capabilities, idempotence). */
class ReferenceLocksConformanceTest extends LockDriverContract {

    @Override
    protected LockDriverFactory factory() {
        return new ReferenceLocksFactory();
    }

    @Override
    protected Map<String, String> validConfiguration() {
        return Map.of("mode", "sandbox");
    }

    @Override
    protected Map<String, String> invalidConfiguration() {
        return Map.of("mode", "staging");
    }
}
