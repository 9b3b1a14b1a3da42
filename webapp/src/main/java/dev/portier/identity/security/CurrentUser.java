package dev.portier.identity.security;

import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.identity.accounts.SignedInUser;
import com.vaadin.flow.server.VaadinSession;
import java.util.Optional;

/** The {@link SignedInUser} of the current Vaadin session. Call on a UI thread (session locked). */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Optional<SignedInUser> get() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable(session.getAttribute(SignedInUser.class));
    }

    /** The signed-in user; views behind the navigation guard can rely on one being there. */
    public static SignedInUser require() {
        return get().orElseThrow(() -> new ForbiddenException("Not signed in"));
    }

    public static void set(SignedInUser user) {
        VaadinSession.getCurrent().setAttribute(SignedInUser.class, user);
    }
}
