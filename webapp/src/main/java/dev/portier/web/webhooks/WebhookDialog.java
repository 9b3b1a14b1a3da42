package dev.portier.web.webhooks;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.portier.platform.audit.Actor;
import dev.portier.platform.validation.ValidationException;
import dev.portier.platform.webhooks.NewWebhookSecret;
import dev.portier.platform.webhooks.WebhookDraft;
import dev.portier.platform.webhooks.WebhookEndpoint;
import dev.portier.platform.webhooks.WebhookEndpoints;
import dev.portier.platform.webhooks.WebhookEventType;
import dev.portier.web.ui.FormErrors;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;

/** Adds an endpoint (then shows its secret, once) or changes one: its address, the events it gets, whether it is on. */
final class WebhookDialog extends Dialog {

    private final transient WebhookEndpoints webhooks;
    private final String accountId;
    private final Actor actor;
    private final WebhookEndpoint editing;
    private final Runnable onSaved;

    private final TextField url = new TextField("Address");
    private final CheckboxGroup<WebhookEventType> events = new CheckboxGroup<>("Events");
    private final Checkbox enabled = new Checkbox("Enabled");

    WebhookDialog(WebhookEndpoints webhooks, String accountId, Actor actor, WebhookEndpoint editing, Runnable onSaved) {
        this.webhooks = webhooks;
        this.accountId = accountId;
        this.actor = actor;
        this.editing = editing;
        this.onSaved = onSaved;
        setHeaderTitle(editing == null ? "New webhook" : "Change webhook");
        setWidth("40rem");

        url.setWidthFull();
        url.setPlaceholder("https://bookings.example.com/portier/webhooks");
        url.setHelperText("Portier posts each event here, signed per the Standard Webhooks specification");
        events.setItems(Arrays.stream(WebhookEventType.values()).filter(t -> t != WebhookEventType.WEBHOOK_TEST).toList());
        events.setItemLabelGenerator(t -> t.wireName() + " · " + t.description());
        events.addThemeName("vertical");
        if (editing == null) {
            enabled.setValue(true);
        } else {
            url.setValue(editing.url());
            events.setValue(editing.events().isEmpty() ? EnumSet.noneOf(WebhookEventType.class) : EnumSet.copyOf(editing.events()));
            enabled.setValue(editing.enabled());
        }
        FormLayout form = new FormLayout(url, enabled, events);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);

        Button save = new Button(editing == null ? "Add webhook" : "Save", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private void save() {
        WebhookDraft draft = new WebhookDraft(url.getValue(), events.getValue().stream().map(WebhookEventType::wireName).toList(),
                enabled.getValue());
        try {
            if (editing == null) {
                NewWebhookSecret created = webhooks.create(accountId, actor, draft);
                close();
                new SecretDialog("Webhook added", created).open();
            } else {
                webhooks.update(accountId, actor, editing.id(), draft);
                close();
                FormErrors.success("The webhook was saved");
            }
            onSaved.run();
        } catch (ValidationException e) {
            FormErrors.show(e, Map.of("url", url, "events", events));
        }
    }
}
