package dev.portier.audit;

import dev.portier.security.SignedInUser;

/** Shorthands for services recording changes made by a signed-in user. */
public final class Audited {

    private Audited() {
    }

    public static Actor by(SignedInUser who) {
        return new Actor(who.userId(), who.email());
    }
}
