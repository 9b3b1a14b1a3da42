package dev.portier.identity.security;

import dev.portier.identity.accounts.SignedInUser;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedHttpSession;
import com.vaadin.flow.server.WrappedSession;
import jakarta.servlet.http.HttpSession;

/** Binds a signed-in user to the browser's session, and ends sessions. Call on a UI thread. */
@Singleton
public final class SignInSessions {

    private final SessionRegistry registry;
    private final SignInService signIns;

    @Inject
    SignInSessions(SessionRegistry registry, SignInService signIns) {
        this.registry = registry;
        this.signIns = signIns;
    }

    /** Starts a fresh HTTP session (new id: no session fixation) holding {@code user}. */
    public void begin(SignedInUser user) {
        VaadinService.reinitializeSession(VaadinRequest.getCurrent());
        CurrentUser.set(user);
        HttpSession http = httpSession();
        if (http != null) {
            registry.register(user.userId(), http);
        }
    }

    public void switchAccount(SignedInUser user) {
        CurrentUser.set(user);
    }

    /** Records the sign-out and ends this session; the caller then sends the browser to sign-in. */
    public void signOut() {
        CurrentUser.get().ifPresent(signIns::signedOut);
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            session.setAttribute(SignedInUser.class, null);
            session.getSession().invalidate();
        }
    }

    /** Ends every other session of the current user, e.g. after a password change. */
    public int endOtherSessions() {
        SignedInUser user = CurrentUser.require();
        return registry.endOtherSessions(user.userId(), httpSession());
    }

    private static HttpSession httpSession() {
        VaadinSession session = VaadinSession.getCurrent();
        WrappedSession wrapped = session == null ? null : session.getSession();
        return wrapped instanceof WrappedHttpSession http ? http.getHttpSession() : null;
    }
}
