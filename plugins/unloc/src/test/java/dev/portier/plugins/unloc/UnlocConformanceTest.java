package dev.portier.plugins.unloc;

import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.conformance.LockDriverContract;
import java.util.Map;

/** The Unloc driver passes the conformance kit; it talks to nobody, so no simulator is needed. */
class UnlocConformanceTest extends LockDriverContract {

    @Override
    protected LockDriverFactory factory() {
        return new UnlocDriverFactory();
    }

    @Override
    protected Map<String, String> validConfiguration() {
        return Map.of("apiHeader", "X-Api-Key", "apiKey", "conformance-key-0123456789", "mode", "sandbox");
    }

    @Override
    protected Map<String, String> invalidConfiguration() {
        return Map.of("apiHeader", "X Api Key", "apiKey", "conformance-key-0123456789", "mode", "sandbox");
    }
}
