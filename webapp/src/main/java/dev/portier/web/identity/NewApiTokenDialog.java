package dev.portier.web.identity;

import dev.portier.identity.apitokens.ApiToken;
import dev.portier.identity.apitokens.ApiTokenService;
import dev.portier.identity.apitokens.NewApiToken;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.FormErrors;
import dev.portier.web.ui.Validators;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.util.Map;

/**
 * Creates an API token in two steps: name and role, then the secret, shown this once with a hint
 * to copy it. Closing the dialog forgets the secret.
 */
final class NewApiTokenDialog extends Dialog {

    private final transient ApiTokenService tokens;
    private final SignedInUser me;
    private final Runnable onCreated;

    private final TextField name = new TextField("Name");
    private final Select<Role> role = new Select<>();
    private final Binder<ApiToken> binder = new Binder<>();

    NewApiTokenDialog(ApiTokenService tokens, SignedInUser me, Runnable onCreated) {
        this.tokens = tokens;
        this.me = me;
        this.onCreated = onCreated;
        setHeaderTitle("New API token");
        setWidth("36rem");

        name.setMaxLength(100);
        name.setHelperText("What uses it, e.g. \"Booking system sync\"");
        role.setLabel("Acts as");
        role.setItems(Role.VIEWER, Role.MANAGER);
        role.setItemLabelGenerator(r -> r == Role.VIEWER ? "Viewer (reads only)" : "Manager (reads and changes)");
        role.setValue(Role.VIEWER);
        binder.forField(name).withValidator(Validators.of(v -> TextRules.validateName(v, "a name", 100)))
                .bind(ApiToken::name, Validators.notWritten());
        binder.forField(role).asRequired("Choose the role the token acts as").bind(ApiToken::role, Validators.notWritten());

        FormLayout form = new FormLayout(name, role);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);

        Button create = new Button("Create token", e -> create());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), create);
    }

    private void create() {
        if (!binder.validate().isOk()) {
            return;
        }
        try {
            showSecret(tokens.create(me, name.getValue(), role.getValue()));
            onCreated.run();
        } catch (ValidationException e) {
            FormErrors.show(e, Map.of("name", name, "role", role));
        } catch (ConflictException e) {
            name.setErrorMessage(e.getMessage());
            name.setInvalid(true);
        }
    }

    private void showSecret(NewApiToken created) {
        setHeaderTitle("API token " + created.token().name());
        removeAll();
        getFooter().removeAll();
        setCloseOnOutsideClick(false);

        TextField secret = new TextField("Token");
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        secret.setHelperText("Copy it now and keep it secret: Portier shows it only this once.");
        secret.addFocusListener(e -> secret.getElement().executeJs("this.inputElement.select()"));
        Paragraph usage = new Paragraph("Send it with every request: Authorization: Bearer " + created.token().secretHint() + "…");
        add(secret, usage);

        Button copy = new Button("Copy", VaadinIcon.COPY.create(), e -> {
            secret.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", created.secret());
            FormErrors.success("Copied to the clipboard");
        });
        Button done = new Button("Done", e -> close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(copy, done);
    }
}
