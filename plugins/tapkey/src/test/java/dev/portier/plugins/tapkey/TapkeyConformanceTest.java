package dev.portier.plugins.tapkey;

import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.conformance.LockDriverContract;
import dev.portier.plugin.conformance.TestDriverContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The kit's contract, with a production connection pointed at a simulated Tapkey. */
class TapkeyConformanceTest extends LockDriverContract {

    private static final TapkeyFixture TAPKEY = new TapkeyFixture();

    @AfterAll
    static void stop() {
        TAPKEY.close();
    }

    @Override
    protected LockDriverFactory factory() {
        return new TapkeyFactory(TAPKEY.tuning(500));
    }

    @Override
    protected Map<String, String> validConfiguration() {
        return TAPKEY.configuration();
    }

    @Override
    protected Map<String, String> invalidConfiguration() {
        Map<String, String> values = new HashMap<>(TAPKEY.configuration());
        values.remove("clientSecret");
        return values;
    }

    @Override
    protected LockRef lock() {
        return TapkeyFixture.DOOR_LOCK;
    }

    @Override
    protected void prepare(TestDriverContext context) {
        super.prepare(context);
        TAPKEY.follow(context);
    }
}
