package dev.portier.web.trust;

import dev.portier.drivers.trust.LockEnrolments;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.portier.domain.locks.Lock;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.FormErrors;
import dev.portier.platform.time.Times;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.UnavailableException;
import dev.portier.platform.validation.ValidationException;
import java.time.ZoneId;
import java.util.Map;

/**
 * Enrols a lock through its connection's driver: the lock's public key (as the lock shows it when it is
 * being installed) is all Portier needs; a sandbox connection creates a simulated lock instead.
 */
public final class EnrolLockDialog extends Dialog {

    public EnrolLockDialog(LockEnrolments enrolments, SignedInUser me, Lock lock, ZoneId zone, Runnable afterEnrol) {
        setHeaderTitle("Enrol " + lock.name());
        setWidth("560px");
        Paragraph current = new Paragraph(enrolments.get(me, lock.id())
                .map(e -> "Enrolled on " + Times.format(e.enrolledAt(), zone) + " by " + e.enrolledBy() + ". Lock key "
                        + e.publicKey().substring(0, 12) + "… Enrolling again replaces its identity.")
                .orElse("Not enrolled yet: phones cannot check this lock, and it gets no keys."));
        TextField publicKey = new TextField("Lock's public key");
        publicKey.setHelperText("Raw Ed25519 key, base64url, as the lock shows it at installation. Leave empty on a "
                + "sandbox connection: it creates a simulated lock.");
        publicKey.setWidthFull();
        add(new VerticalLayout(current, publicKey));
        Button enrol = new Button("Enrol", e -> {
            try {
                Map<String, String> inputs = publicKey.getValue().isBlank() ? Map.of() : Map.of("publicKey", publicKey.getValue().strip());
                enrolments.enrol(me, lock.id(), inputs);
                FormErrors.success(lock.name() + " was enrolled");
                close();
                afterEnrol.run();
            } catch (ValidationException problem) {
                publicKey.setErrorMessage(problem.getMessage());
                publicKey.setInvalid(true);
            } catch (ConflictException | UnavailableException problem) {
                FormErrors.error(problem.getMessage());
            }
        });
        enrol.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), enrol);
    }
}
