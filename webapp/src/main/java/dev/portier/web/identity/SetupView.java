package dev.portier.web.identity;

import dev.portier.web.ui.Routes;
import dev.portier.identity.accounts.TimeZones;
import dev.portier.identity.users.SetupService;
import com.google.inject.Inject;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.web.ui.PublicView;
import dev.portier.identity.security.SignInSessions;
import dev.portier.web.ui.FormErrors;
import dev.portier.web.ui.Validators;
import dev.portier.platform.validation.EmailAddress;
import dev.portier.platform.validation.PasswordPolicy;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.util.Map;

/** First run: create the first account and its owner. Gone (404) once Portier is set up. */
@Route(value = SetupView.ROUTE, autoLayout = false)
@PageTitle("Set up · Portier")
@PublicView
public final class SetupView extends VerticalLayout implements BeforeEnterObserver {

    public static final String ROUTE = Routes.SETUP;

    private final transient SetupService setup;
    private final transient SignInSessions sessions;

    private final TextField accountName = new TextField("Account name");
    private final ComboBox<String> timeZone = new ComboBox<>("Time zone", TimeZones.ids());
    private final TextField displayName = new TextField("Your name");
    private final TextField email = new TextField("Email"); // EmailField would flag "a@" with an empty message before our rule runs
    private final PasswordField password = new PasswordField("Password");
    private final PasswordField confirm = new PasswordField("Repeat password");
    private final Binder<SetupService.FirstOwner> binder = new Binder<>();

    @Inject
    SetupView(SetupService setup, SignInSessions sessions) {
        this.setup = setup;
        this.sessions = sessions;
        setMaxWidth("40rem");
        getStyle().set("margin", "0 auto");

        accountName.setHelperText("Your company or property portfolio");
        accountName.setMaxLength(100);
        displayName.setMaxLength(100);
        email.setMaxLength(EmailAddress.MAX_LENGTH);
        timeZone.setValue("UTC");
        password.setHelperText("At least " + PasswordPolicy.MIN_LENGTH + " characters");
        getElement().executeJs("return Intl.DateTimeFormat().resolvedOptions().timeZone")
                .then(String.class, zone -> {
                    if (TimeZones.validate(zone).isEmpty()) {
                        timeZone.setValue(zone);
                    }
                });

        binder.forField(accountName).withValidator(Validators.of(v -> TextRules.validateName(v, "an account name", 100))).bind(SetupService.FirstOwner::accountName, Validators.notWritten());
        binder.forField(timeZone).withValidator(Validators.of(TimeZones::validate)).bind(SetupService.FirstOwner::timeZone, Validators.notWritten());
        binder.forField(displayName).withValidator(Validators.of(v -> TextRules.validateName(v, "your name", 100))).bind(SetupService.FirstOwner::displayName, Validators.notWritten());
        binder.forField(email).withValidator(Validators.of(EmailAddress::validate)).bind(SetupService.FirstOwner::email, Validators.notWritten());
        binder.forField(password).withValidator(Validators.of(PasswordPolicy::validate)).bind(SetupService.FirstOwner::password, Validators.notWritten());
        Binder.Binding<SetupService.FirstOwner, String> confirmBinding = binder.forField(confirm)
                .withValidator(v -> v.equals(password.getValue()), "The passwords do not match")
                .bind(o -> "", Validators.notWritten());
        password.addValueChangeListener(e -> {
            if (!confirm.isEmpty()) {
                confirmBinding.validate();
            }
        });

        Button create = new Button("Create account", e -> create());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(com.vaadin.flow.component.Key.ENTER);

        FormLayout form = new FormLayout(accountName, timeZone, displayName, email, password, confirm);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(new H1("Welcome to Portier"),
                new Paragraph("Create your account and its first owner. You can invite more people afterwards."),
                form, create);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (setup.isSetUp()) {
            event.rerouteToError(NotFoundException.class);
        }
    }

    private void create() {
        if (!binder.validate().isOk()) {
            return;
        }
        SetupService.FirstOwner owner = new SetupService.FirstOwner(accountName.getValue(), timeZone.getValue(),
                displayName.getValue(), email.getValue(), password.getValue());
        try {
            sessions.begin(setup.setUp(owner));
            getUI().ifPresent(ui -> ui.navigate(""));
        } catch (ValidationException e) {
            FormErrors.show(e, Map.of("accountName", accountName, "timeZone", timeZone, "displayName", displayName,
                    "email", email, "password", password));
        } catch (SetupService.AlreadySetUpException e) {
            FormErrors.error("Portier has just been set up by someone else. Sign in instead.");
            getUI().ifPresent(ui -> ui.navigate("login"));
        }
    }
}
