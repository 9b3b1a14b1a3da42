package dev.portier.identity.accounts;

import dev.portier.platform.audit.Actor;
import dev.portier.identity.accounts.SignedInUser;

/** Shorthands for services recording changes made by a signed-in user or an API token. */
public final class Audited {

    private Audited() {
    }

    public static Actor by(SignedInUser who) {
        return new Actor(who.userId(), who.actorLabel());
    }
}
