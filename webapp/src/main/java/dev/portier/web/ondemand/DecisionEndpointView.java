package dev.portier.web.ondemand;

import dev.portier.web.ui.Routes;
import dev.portier.drivers.ondemand.DecisionEndpoints;
import dev.portier.drivers.ondemand.ExternalDecisions;
import dev.portier.drivers.ondemand.DecisionEndpoint;
import dev.portier.drivers.ondemand.DecisionEndpointDraft;
import dev.portier.drivers.ondemand.Verdict;
import com.google.inject.Inject;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.security.RequiresRole;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.FormErrors;
import dev.portier.platform.validation.ValidationException;
import java.util.Map;
import java.util.Optional;

/**
 * MANAGER and up: the account's external decision endpoint for on-demand keys — set, change, test or
 * remove it. The key is write-only: the field is never filled, and left empty it keeps the stored one.
 */
@Route(DecisionEndpointView.ROUTE)
@PageTitle("External decisions · Portier")
@RequiresRole(Role.MANAGER)
public final class DecisionEndpointView extends VerticalLayout {

    public static final String ROUTE = Routes.EXTERNAL_DECISIONS;

    private final transient DecisionEndpoints endpoints;
    private final transient ExternalDecisions decisions;
    private final SignedInUser me = CurrentUser.require();
    private final TextField url = new TextField("Endpoint URL");
    private final TextField headerName = new TextField("API header name");
    private final PasswordField key = new PasswordField("API key");
    private final Paragraph state = new Paragraph();
    private final Button test = new Button("Test", e -> test());
    private final Button remove = new Button("Remove", e -> remove());

    @Inject
    DecisionEndpointView(DecisionEndpoints endpoints, ExternalDecisions decisions) {
        this.endpoints = endpoints;
        this.decisions = decisions;
        setMaxWidth("44rem");
        url.setPlaceholder("https://tasks.example.com/check-access");
        url.setHelperText("Portier sends GET <URL>?lockId=…&appUserId=… as Unloc's On Demand Keys do.");
        headerName.setHelperText("The header Portier sends the key in.");
        Button save = new Button("Save", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        FormLayout form = new FormLayout(url, headerName, key);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(new H2("External decisions"), new Paragraph("Before Portier issues an on-demand key, it can ask your own "
                + "system whether the person may open the lock now. Without an endpoint, Portier's grants decide alone. "
                + "Timeouts (5 s), errors and answers that do not fit the contract mean no key."), state, form,
                new HorizontalLayout(save, test, remove));
        show(endpoints.get(me));
    }

    private void show(Optional<DecisionEndpoint> endpoint) {
        url.setValue(endpoint.map(DecisionEndpoint::url).orElse(""));
        headerName.setValue(endpoint.map(DecisionEndpoint::headerName).orElse("X-Api-Key"));
        key.clear();
        key.setPlaceholder(endpoint.isPresent() ? "Stored — leave empty to keep" : "");
        state.setText(endpoint.map(e -> "Configured; last changed by " + e.updatedBy() + ".")
                .orElse("No endpoint: Portier's grants decide alone."));
        test.setEnabled(endpoint.isPresent());
        remove.setEnabled(endpoint.isPresent());
        for (var field : new com.vaadin.flow.component.HasValidation[] {url, headerName, key}) {
            field.setInvalid(false);
        }
    }

    private void save() {
        try {
            show(Optional.of(endpoints.save(me, new DecisionEndpointDraft(url.getValue(), headerName.getValue(), key.getValue()))));
            FormErrors.success("External decision endpoint saved");
        } catch (ValidationException e) {
            FormErrors.show(e, Map.of("url", url, "headerName", headerName, "key", key));
        }
    }

    private void test() {
        Verdict verdict = decisions.test(me);
        switch (verdict) {
            case Verdict.NotConfigured none -> FormErrors.error("Save an endpoint first");
            case Verdict.Allowed allowed -> FormErrors.success("The endpoint answered: access, key until " + allowed.end());
            case Verdict.Denied denied when denied.byEndpoint() -> FormErrors.success("The endpoint works: " + denied.reason()
                    + " for the test lock " + ExternalDecisions.TEST_LOCK_ID);
            case Verdict.Denied denied -> FormErrors.error("The test failed: " + denied.reason());
        }
    }

    private void remove() {
        endpoints.remove(me);
        show(Optional.empty());
        FormErrors.success("External decision endpoint removed");
    }
}
