package dev.portier.web.identity;

import dev.portier.identity.accounts.Account;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.TimeZones;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.FormErrors;
import dev.portier.web.ui.Validators;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.util.Map;
import java.util.function.Consumer;

/** Creates another account owned by the signed-in user, e.g. for a separate portfolio. */
public final class NewAccountDialog extends Dialog {

    private final TextField name = new TextField("Account name");
    private final ComboBox<String> timeZone = new ComboBox<>("Time zone", TimeZones.ids());
    private final Binder<Account> binder = new Binder<>();

    public NewAccountDialog(AccountService accounts, SignedInUser me, String defaultZone, Consumer<SignedInUser> onCreated) {
        setHeaderTitle("New account");
        name.setMaxLength(100);
        timeZone.setValue(defaultZone);
        binder.forField(name).withValidator(Validators.of(v -> TextRules.validateName(v, "an account name", 100)))
                .bind(Account::name, Validators.notWritten());
        binder.forField(timeZone).withValidator(Validators.of(TimeZones::validate))
                .bind(Account::timeZone, Validators.notWritten());
        FormLayout form = new FormLayout(name, timeZone);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(new Paragraph("You will be its owner. Its sites, locks and people are separate from every other account."), form);

        Button create = new Button("Create", e -> {
            if (!binder.validate().isOk()) {
                return;
            }
            try {
                SignedInUser inNewAccount = accounts.create(me, name.getValue(), timeZone.getValue());
                close();
                onCreated.accept(inNewAccount);
            } catch (ValidationException ex) {
                FormErrors.show(ex, Map.of("name", name, "timeZone", timeZone));
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), create);
    }
}
