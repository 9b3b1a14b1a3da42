package dev.portier.drivers.pulling;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.db.Database;
import java.util.Optional;

/** How event pulling goes for the connections of the signed-in user's account; VIEWERs read it. */
@Singleton
public final class EventPulls {

    private final EventPullStore store;
    private final EventPullSchedule schedule;
    private final Authorization authorization;

    @Inject
    EventPulls(Database database, EventPullSchedule schedule, Authorization authorization) {
        this.store = new EventPullStore(database);
        this.schedule = schedule;
        this.authorization = authorization;
    }

    /** The connection's last pull and its outcome; empty before its first pull (or when it is not the account's). */
    public Optional<PullStatus> status(SignedInUser who, String connectionId) {
        authorization.require(who, Role.VIEWER);
        return store.status(who.accountId(), connectionId);
    }

    /** Whether Portier pulls the connection's events now (it runs, and its driver pulls events). */
    public boolean pulls(SignedInUser who, String connectionId) {
        authorization.require(who, Role.VIEWER);
        return schedule.pulls(connectionId);
    }
}
