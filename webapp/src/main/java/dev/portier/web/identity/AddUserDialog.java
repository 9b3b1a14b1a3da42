package dev.portier.web.identity;

import dev.portier.identity.users.Member;
import dev.portier.identity.users.UserService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.FormErrors;
import dev.portier.web.ui.Validators;
import dev.portier.platform.validation.EmailAddress;
import dev.portier.platform.validation.PasswordPolicy;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.util.Map;
import java.util.Optional;

/**
 * Adds someone to the account. An email that already has a user only needs a role; a new user also
 * needs a name and an initial password, which the owner passes on to them.
 */
final class AddUserDialog extends Dialog {

    private final transient UserService users;
    private final SignedInUser me;
    private final Runnable onAdded;

    final TextField email = new TextField("Email"); // EmailField would flag "a@" with an empty message before our rule runs
    final TextField displayName = new TextField("Name");
    final Select<Role> role = new Select<>();
    final PasswordField initialPassword = new PasswordField("Initial password");
    private final Binder<UserService.NewMember> binder = new Binder<>();
    private boolean existingUser;

    AddUserDialog(UserService users, SignedInUser me, Runnable onAdded) {
        this.users = users;
        this.me = me;
        this.onAdded = onAdded;
        setHeaderTitle("Add user");

        email.setMaxLength(EmailAddress.MAX_LENGTH);
        email.setValueChangeMode(ValueChangeMode.ON_BLUR);
        email.addValueChangeListener(e -> lookUp());
        displayName.setMaxLength(100);
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setItemLabelGenerator(Role::label);
        role.setValue(Role.VIEWER);
        initialPassword.setHelperText("At least " + PasswordPolicy.MIN_LENGTH + " characters; tell them to change it");

        binder.forField(email).withValidator(Validators.of(EmailAddress::validate)).bind(UserService.NewMember::email, Validators.notWritten());
        binder.forField(displayName)
                .withValidator(Validators.of(v -> existingUser ? Optional.empty() : TextRules.validateName(v, "a name", 100)))
                .bind(UserService.NewMember::displayName, Validators.notWritten());
        binder.forField(role).asRequired("Choose a role").bind(UserService.NewMember::role, Validators.notWritten());
        binder.forField(initialPassword)
                .withValidator(Validators.of(v -> existingUser ? Optional.empty() : PasswordPolicy.validate(v)))
                .bind(UserService.NewMember::initialPassword, Validators.notWritten());

        FormLayout form = new FormLayout(email, displayName, role, initialPassword);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);

        Button save = new Button("Add", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private void lookUp() {
        existingUser = EmailAddress.validate(email.getValue()).isEmpty() && users.userExists(me, email.getValue());
        displayName.setVisible(!existingUser);
        initialPassword.setVisible(!existingUser);
        email.setHelperText(existingUser ? "Already has a Portier user: they keep their password" : null);
    }

    private void save() {
        lookUp();
        if (!binder.validate().isOk()) {
            return;
        }
        try {
            Member added = users.addMember(me, new UserService.NewMember(email.getValue(), displayName.getValue(),
                    role.getValue(), initialPassword.getValue()));
            FormErrors.success(added.email() + " was added as " + added.role().label());
            close();
            onAdded.run();
        } catch (ValidationException e) {
            FormErrors.show(e, Map.of("email", email, "displayName", displayName, "role", role,
                    "initialPassword", initialPassword));
        }
    }
}
