package dev.portier.plugins.geotab;

import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.RemoteCommands;
import dev.portier.plugin.api.RemoteCommands.LockCommand;
import dev.portier.plugin.conformance.LockDriverContract;
import java.util.Map;

/** The Geotab driver in sandbox mode, with the simulator it starts itself, passes the conformance kit too. */
class GeotabSandboxConformanceTest extends LockDriverContract {

    @Override
    protected LockDriverFactory factory() {
        return new GeotabFactory();
    }

    @Override
    protected LockRef lock() {
        return new LockRef("lock-1", "G9A720FBE29A", "Van 7", "Europe/Berlin");
    }

    @Override
    protected Map<String, String> validConfiguration() {
        return Map.of("mode", "sandbox", "database", "fleet");
    }

    @Override
    protected Map<String, String> invalidConfiguration() {
        return Map.of("mode", "sandbox", "database", "not a database name");
    }

    @Override
    protected LockCommand command() {
        return new LockCommand("command-1", RemoteCommands.CommandType.LOCATE, null);
    }
}
