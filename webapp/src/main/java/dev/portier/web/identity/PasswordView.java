package dev.portier.web.identity;

import dev.portier.web.ui.Routes;
import dev.portier.identity.users.UserService;
import com.google.inject.Inject;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.security.SignInSessions;
import dev.portier.web.ui.FormErrors;
import dev.portier.web.ui.Validators;
import dev.portier.platform.validation.PasswordPolicy;
import dev.portier.platform.validation.ValidationException;
import java.util.Map;

/** Change one's own password; every other session of the user ends. */
@Route(PasswordView.ROUTE)
@PageTitle("Change password · Portier")
public final class PasswordView extends VerticalLayout {

    public static final String ROUTE = Routes.PASSWORD;

    private final transient UserService users;
    private final transient SignInSessions sessions;
    private final PasswordField current = new PasswordField("Current password");
    private final PasswordField fresh = new PasswordField("New password");
    private final PasswordField confirm = new PasswordField("Repeat new password");
    private final Binder<Void> binder = new Binder<>();

    @Inject
    PasswordView(UserService users, SignInSessions sessions) {
        this.users = users;
        this.sessions = sessions;
        setMaxWidth("36rem");

        binder.forField(current).asRequired("Enter your current password").bind(v -> "", Validators.notWritten());
        binder.forField(fresh).withValidator(Validators.of(PasswordPolicy::validate)).bind(v -> "", Validators.notWritten());
        binder.forField(confirm).withValidator(v -> v.equals(fresh.getValue()), "The passwords do not match").bind(v -> "", Validators.notWritten());
        fresh.setHelperText("At least " + PasswordPolicy.MIN_LENGTH + " characters");

        Button save = new Button("Change password", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(current, fresh, confirm);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(new H2("Change password"),
                new Paragraph("Changing your password signs you out everywhere else."), form, save);
    }

    private void save() {
        if (!binder.validate().isOk()) {
            return;
        }
        try {
            users.changeOwnPassword(CurrentUser.require(), current.getValue(), fresh.getValue());
            int ended = sessions.endOtherSessions();
            current.clear();
            fresh.clear();
            confirm.clear();
            binder.refreshFields();
            FormErrors.success("Password changed" + (ended > 0 ? "; " + ended + " other session(s) signed out" : ""));
        } catch (ValidationException e) {
            FormErrors.show(e, Map.of("currentPassword", current, "newPassword", fresh));
        }
    }
}
