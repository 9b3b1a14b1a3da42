package dev.portier.web.webhooks;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import dev.portier.platform.webhooks.NewWebhookSecret;
import dev.portier.web.ui.FormErrors;

/** A webhook's signing secret, shown this once with a copy button; closing the dialog forgets it. */
final class SecretDialog extends Dialog {

    SecretDialog(String title, NewWebhookSecret created) {
        setHeaderTitle(title);
        setWidth("40rem");
        setCloseOnOutsideClick(false);
        TextField secret = new TextField("Signing secret");
        secret.addClassName("webhook-secret");
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        secret.setHelperText("Copy it now into the receiver: Portier shows it only this once.");
        add(secret, new Paragraph("Requests to " + created.endpoint().url() + " carry the headers webhook-id, webhook-timestamp "
                + "and webhook-signature; any Standard Webhooks library verifies them with this secret."));
        Button copy = new Button("Copy", VaadinIcon.COPY.create(), e -> {
            secret.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", created.secret());
            FormErrors.success("Copied to the clipboard");
        });
        Button done = new Button("Done", e -> close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(copy, done);
    }
}
