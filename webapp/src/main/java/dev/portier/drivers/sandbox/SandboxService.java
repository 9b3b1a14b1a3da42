package dev.portier.drivers.sandbox;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.platform.db.Database;
import dev.portier.plugin.api.SandboxActions;
import dev.portier.plugin.api.SandboxActions.SandboxAction;
import dev.portier.plugin.api.SandboxActions.SandboxInput;
import dev.portier.plugin.api.SandboxActions.SandboxOutcome;
import dev.portier.plugin.api.SandboxActions.SandboxRun;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.lifecycle.LocalServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Sandbox page shows and runs: the account's running connections whose driver offers sandbox
 * actions, their locks, and running one action through {@link ConnectionRuntime#callCapability} (a
 * driver worker with the usual time limit). MANAGER and up; every connection and lock is looked up
 * within the signed-in account.
 */
@Singleton
public final class SandboxService {

    /** More connections than an account plausibly has in sandbox mode; the page lists them all. */
    private static final int MAX_CONNECTIONS = 500;

    private final ConnectionService connections;
    private final ConnectionRuntime runtime;
    private final Authorization authorization;
    private final Database database;
    private final Provider<LocalServer> server;

    /** A connection that offers sandbox actions now. */
    public record SandboxConnection(Connection connection, List<SandboxAction> actions) {
    }

    /** A lock of the connection, as a LOCK input offers it. */
    public record SandboxLock(String id, String name, String vendorReference) {
    }

    @Inject
    SandboxService(ConnectionService connections, ConnectionRuntime runtime, Authorization authorization, Database database,
            Provider<LocalServer> server) {
        this.connections = connections;
        this.runtime = runtime;
        this.authorization = authorization;
        this.database = database;
        this.server = server;
    }

    /** The account's running connections whose driver offers at least one sandbox action now. */
    public List<SandboxConnection> connections(SignedInUser who) {
        authorization.require(who, Role.MANAGER);
        List<SandboxConnection> offered = new ArrayList<>();
        for (Connection connection : connections.list(who, 0, MAX_CONNECTIONS)) {
            if (!runtime.offers(connection.id(), SandboxActions.class)) {
                continue;
            }
            DriverCallResult<List<SandboxAction>> actions = runtime.callCapability(connection.id(), SandboxActions.class,
                    "list sandbox actions", SandboxActions::sandboxActions);
            List<SandboxAction> listed = actions.orElse(failed -> List.of());
            if (listed != null && !listed.isEmpty()) {
                offered.add(new SandboxConnection(connection, listed));
            }
        }
        return offered;
    }

    /** The locks of one of the account's connections, by name. */
    public List<SandboxLock> locks(SignedInUser who, String connectionId) {
        authorization.require(who, Role.MANAGER);
        connections.get(who, connectionId);
        return database.jdbi().withHandle(h -> h.createQuery("SELECT id, name, vendor_reference FROM locks "
                        + "WHERE connection_id = :connectionId AND account_id = :accountId ORDER BY name, id")
                .bind("connectionId", connectionId).bind("accountId", who.accountId())
                .map((rs, ctx) -> new SandboxLock(rs.getString("id"), rs.getString("name"), rs.getString("vendor_reference")))
                .list());
    }

    /**
     * Runs one action of one of the account's connections. Inputs of kind LOCK must name a lock of that
     * connection; a failed call (not running, time limit, driver error) is a failed outcome saying so.
     */
    public SandboxOutcome run(SignedInUser who, String connectionId, String actionId, Map<String, String> inputs) {
        authorization.require(who, Role.MANAGER);
        connections.get(who, connectionId);
        SandboxAction action = connections(who).stream().filter(c -> c.connection().id().equals(connectionId))
                .flatMap(c -> c.actions().stream()).filter(a -> a.id().equals(actionId)).findFirst().orElse(null);
        if (action == null) {
            return new SandboxOutcome(false, List.of("The connection does not offer the action " + actionId + " now."));
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (SandboxInput input : action.inputs()) {
            String value = inputs.get(input.name());
            if ((value == null || value.isBlank()) && input.kind() == SandboxActions.InputKind.TEXT && input.defaultValue() != null) {
                // A text input with a default may be left empty ("empty: a new one"): the driver gets the default.
                given.put(input.name(), input.defaultValue());
                continue;
            }
            if (value == null || value.isBlank()) {
                return new SandboxOutcome(false, List.of(input.label() + " is required."));
            }
            if (input.kind() == SandboxActions.InputKind.LOCK
                    && locks(who, connectionId).stream().noneMatch(lock -> lock.id().equals(value))) {
                return new SandboxOutcome(false, List.of(input.label() + " is not a lock of this connection."));
            }
            if (input.kind() == SandboxActions.InputKind.CHOICE && !input.choices().contains(value)) {
                return new SandboxOutcome(false, List.of(input.label() + " must be one of " + input.choices() + "."));
            }
            given.put(input.name(), value.trim());
        }
        SandboxRun run = new SandboxRun(actionId, given, portierBaseUrl());
        DriverCallResult<SandboxOutcome> result = runtime.callCapability(connectionId, SandboxActions.class,
                "run sandbox action " + actionId, actions -> actions.run(run));
        return switch (result) {
            case DriverCallResult.Succeeded<SandboxOutcome> ok -> ok.value() == null
                    ? new SandboxOutcome(false, List.of("The driver answered nothing.")) : ok.value();
            case DriverCallResult.Failed<SandboxOutcome> failed -> new SandboxOutcome(false, List.of(failed.message()));
        };
    }

    /** Where this Portier answers HTTP on loopback, for simulators that call it as a vendor's cloud would. */
    URI portierBaseUrl() {
        return URI.create("http://127.0.0.1:" + server.get().port());
    }
}
