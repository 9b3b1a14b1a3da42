package dev.portier.web.grants;

import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.web.ui.FormErrors;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.util.Map;
import java.util.function.Consumer;

/** Asks to confirm a revocation and why; the reason stays with the grant and in the audit log. */
final class RevokeDialog extends Dialog {

    final TextArea reason = new TextArea("Reason");

    RevokeDialog(GrantService grants, GrantContext context, Grant grant, Consumer<Grant> onRevoked) {
        setHeaderTitle("Revoke this grant?");
        reason.setMaxLength(500);
        reason.setWidthFull();
        reason.setHelperText("For example: left the company, card stolen");
        add(new Paragraph(grant.subjectLabel() + " loses access to " + grant.targetLabel()
                + " at once. The grant stays in the list as revoked; it cannot be undone."), reason);
        Button revoke = new Button("Revoke", e -> {
            TextRules.validateName(reason.getValue(), "a reason", 500).ifPresentOrElse(message -> {
                reason.setErrorMessage(message);
                reason.setInvalid(true);
            }, () -> {
                try {
                    Grant revoked = grants.revoke(context.who(), grant.id(), reason.getValue());
                    FormErrors.success("The grant for " + revoked.subjectLabel() + " was revoked");
                    close();
                    onRevoked.accept(revoked);
                } catch (ValidationException ex) {
                    FormErrors.show(ex, Map.of("reason", reason));
                } catch (ForbiddenException ex) {
                    FormErrors.error(ex.getMessage());
                }
            });
        });
        revoke.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        getFooter().add(new Button("Cancel", e -> close()), revoke);
        setWidth("min(32em, 100vw)");
    }
}
