package dev.portier.web.shell;

import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.security.RequiresRole;
import dev.portier.identity.security.SignInSessions;
import dev.portier.web.identity.LoginView;
import dev.portier.web.ui.PublicView;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterListener;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.QueryParameters;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.users.SetupService;
import dev.portier.web.identity.SetupView;
import java.util.Optional;

/**
 * Runs before every navigation: sends everyone to setup until Portier is set up, anonymous users to
 * sign-in, and refuses views whose {@link RequiresRole} the user's current role does not include.
 */
@Singleton
public final class NavigationGuard implements BeforeEnterListener {

    private final transient SetupService setup;
    private final transient Authorization authorization;
    private final transient AccountService accounts;
    private final transient SignInSessions sessions;

    @Inject
    NavigationGuard(SetupService setup, Authorization authorization, AccountService accounts, SignInSessions sessions) {
        this.setup = setup;
        this.authorization = authorization;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Class<?> target = event.getNavigationTarget();
        if (!setup.isSetUp()) {
            if (target != SetupView.class && !isErrorView(target)) {
                event.forwardTo(SetupView.class);
            }
            return;
        }
        if (target.isAnnotationPresent(PublicView.class)) {
            return;
        }
        Optional<SignedInUser> user = CurrentUser.get();
        if (user.isEmpty()) {
            String path = event.getLocation().getPathWithQueryParameters();
            event.forwardTo(LoginView.class, path.isEmpty() ? QueryParameters.empty() : QueryParameters.of("next", path));
            return;
        }
        Optional<Role> role = authorization.roleOf(user.get());
        if (role.isEmpty()) {
            // Removed from this account meanwhile: continue in another account, or sign out.
            Optional<SignedInUser> elsewhere = accounts.accountsOf(user.get()).stream().findFirst()
                    .map(m -> user.get().inAccount(m.accountId()));
            if (elsewhere.isEmpty()) {
                sessions.signOut();
                event.forwardTo(LoginView.class);
                return;
            }
            CurrentUser.set(elsewhere.get());
            role = authorization.roleOf(elsewhere.get());
        }
        RequiresRole required = target.getAnnotation(RequiresRole.class);
        if (required != null && (role.isEmpty() || !role.get().includes(required.value()))) {
            event.rerouteToError(AccessDeniedException.class, "This page needs the " + required.value().label() + " role");
        }
    }

    private static boolean isErrorView(Class<?> target) {
        return HasErrorParameter.class.isAssignableFrom(target);
    }
}
