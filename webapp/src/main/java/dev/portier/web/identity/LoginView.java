package dev.portier.web.identity;

import dev.portier.web.ui.Routes;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.security.SignInResult;
import dev.portier.identity.security.SignInService;
import dev.portier.identity.security.SignInSessions;
import dev.portier.web.ui.PublicView;
import com.google.inject.Inject;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.accounts.AccountMembership;
import java.time.Duration;
import java.util.Optional;

/** Sign-in with Vaadin's login form; failures never say whether the email exists. */
@Route(value = LoginView.ROUTE, autoLayout = false)
@PageTitle("Sign in · Portier")
@PublicView
public final class LoginView extends VerticalLayout implements BeforeEnterObserver {

    public static final String ROUTE = Routes.LOGIN;

    private final transient SignInService signIns;
    private final transient SignInSessions sessions;
    private final LoginForm form = new LoginForm();
    private String next = "";

    @Inject
    LoginView(SignInService signIns, SignInSessions sessions) {
        this.signIns = signIns;
        this.sessions = sessions;
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);

        form.setForgotPasswordButtonVisible(false);
        form.setI18n(i18n("Incorrect email or password", "Check both and try again."));
        form.addLoginListener(event -> signIn(event.getUsername(), event.getPassword()));
        add(new H1("Portier"), new Paragraph("Smart-lock access for your properties"), form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (CurrentUser.get().isPresent()) {
            event.forwardTo("");
            return;
        }
        next = event.getLocation().getQueryParameters().getSingleParameter("next")
                .filter(LoginView::isLocalPath).orElse("");
    }

    private void signIn(String email, String password) {
        // The peer's address, or the client's when a trusted proxy forwarded it (see TrustedForwarding).
        Optional<String> clientAddress = Optional.ofNullable(VaadinRequest.getCurrent()).map(VaadinRequest::getRemoteAddr);
        SignInResult result = signIns.signIn(email, password, clientAddress);
        switch (result) {
            case SignInResult.SignedIn ok -> {
                AccountMembership first = ok.accounts().getFirst();
                sessions.begin(new SignedInUser(ok.user().id(), ok.user().email(), ok.user().displayName(), first.accountId()));
                getUI().ifPresent(ui -> ui.navigate(next));
            }
            case SignInResult.Refused refused -> fail("Incorrect email or password",
                    refused.nextWait().map(w -> "Too many failed attempts: wait " + describe(w) + " before the next one.")
                            .orElse("Check both and try again."));
            case SignInResult.Throttled throttled -> fail("Too many failed sign-ins",
                    "For your safety, wait " + describe(throttled.retryAfter()) + " before trying again.");
            case SignInResult.NoAccount none -> fail("No account",
                    "You no longer belong to any account. Ask an owner to add you again.");
        }
    }

    private void fail(String title, String message) {
        form.setI18n(i18n(title, message));
        form.setError(true);
        form.setEnabled(true);
    }

    static String describe(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        if (seconds < 120) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        return ((seconds + 59) / 60) + " minutes";
    }

    private static boolean isLocalPath(String path) {
        return !path.contains("//") && !path.contains("\\") && !path.contains(":") && !path.startsWith(LoginView.ROUTE);
    }

    private static LoginI18n i18n(String errorTitle, String errorMessage) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in");
        i18n.getForm().setUsername("Email");
        i18n.getErrorMessage().setTitle(errorTitle);
        i18n.getErrorMessage().setMessage(errorMessage);
        return i18n;
    }
}
