package dev.portier.web.trust;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.portier.domain.locks.Lock;
import dev.portier.drivers.trust.LockEnrolments;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.time.Times;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.UnavailableException;
import dev.portier.platform.validation.ValidationException;
import dev.portier.plugin.api.ConfigProperty;
import dev.portier.web.ui.FormErrors;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enrols a lock through its connection's driver with exactly the inputs the driver declares (a serial
 * number, an installer code, a public key …): secrets in password fields, multi-line values in text areas.
 * A refused input shows at its field; nothing is stored until the driver has enrolled the lock.
 */
public final class EnrolLockDialog extends Dialog {

    private final Map<String, HasValue<?, String>> fields = new LinkedHashMap<>();

    public EnrolLockDialog(LockEnrolments enrolments, SignedInUser me, Lock lock, ZoneId zone, Runnable afterEnrol) {
        setHeaderTitle("Enrol " + lock.name());
        setWidth("560px");
        VerticalLayout content = new VerticalLayout(new Paragraph(enrolments.get(me, lock.id())
                .map(e -> "Enrolled on " + Times.format(e.enrolledAt(), zone) + " by " + e.enrolledBy()
                        + ". Enrolling again replaces its identity and material.")
                .orElse("Not enrolled yet: the lock gets no keys until its driver has enrolled it.")));
        content.setPadding(false);
        enrolments.lastFailedAttempt(me, lock.id()).ifPresent(attempt -> {
            Paragraph last = new Paragraph((attempt.outcome() == LockEnrolments.Attempt.Outcome.REFUSED
                    ? "The last attempt (" : "The last attempt could not reach the driver (")
                    + Times.format(attempt.attemptedAt(), zone) + ", " + attempt.attemptedBy() + "): " + attempt.message());
            last.addClassName("enrolment-attempt");
            last.getStyle().set("color", "var(--lumo-error-text-color)");
            content.add(last);
        });
        List<ConfigProperty> inputs;
        try {
            inputs = enrolments.inputs(me, lock.id());
        } catch (ConflictException | UnavailableException problem) {
            content.add(new Paragraph(problem.getMessage()));
            add(content);
            getFooter().add(new Button("Close", e -> close()));
            return;
        }
        if (inputs.isEmpty()) {
            content.add(new Paragraph("The driver needs nothing to enrol this lock."));
        }
        for (ConfigProperty input : inputs) {
            HasValue<?, String> field = field(input);
            fields.put(input.key(), field);
            content.add((Component) field);
        }
        add(content);
        Button enrol = new Button("Enrol", e -> {
            try {
                enrolments.enrol(me, lock.id(), values());
                FormErrors.success(lock.name() + " was enrolled");
                close();
                afterEnrol.run();
            } catch (ValidationException problem) {
                showAtFields(problem);
            } catch (ConflictException | UnavailableException problem) {
                FormErrors.error(problem.getMessage());
            }
        });
        enrol.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), enrol);
    }

    private static HasValue<?, String> field(ConfigProperty input) {
        HasValue<?, String> field = switch (input.type()) {
            case MULTILINE -> {
                TextArea area = new TextArea(input.label());
                area.setHelperText(input.help());
                area.setMaxLength(8000);
                yield area;
            }
            case CHOICE -> {
                Select<String> select = new Select<>();
                select.setLabel(input.label());
                select.setItems(input.options());
                select.setHelperText(input.help());
                yield select;
            }
            default -> {
                if (input.secret()) {
                    PasswordField secret = new PasswordField(input.label());
                    secret.setHelperText(input.help());
                    secret.setRevealButtonVisible(false);
                    yield secret;
                }
                TextField text = new TextField(input.label());
                text.setHelperText(input.help());
                yield text;
            }
        };
        if (input.defaultValue() != null && !input.secret()) {
            field.setValue(input.defaultValue());
        }
        field.setRequiredIndicatorVisible(input.required());
        ((Component) field).getElement().getStyle().set("width", "100%");
        return field;
    }

    private Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((key, field) -> {
            if (field instanceof HasValidation validating) {
                validating.setInvalid(false);
            }
            String value = field.getValue();
            if (value != null && !value.isBlank()) {
                values.put(key, value);
            }
        });
        return values;
    }

    /** The driver's (or the host's) refusal at the input it names; one about no declared input as a message. */
    private void showAtFields(ValidationException problem) {
        boolean shown = false;
        for (Map.Entry<String, String> error : problem.fieldErrors().entrySet()) {
            if (fields.get(error.getKey()) instanceof HasValidation field) {
                field.setErrorMessage(error.getValue());
                field.setInvalid(true);
                shown = true;
            }
        }
        if (!shown) {
            FormErrors.error(problem.getMessage());
        }
    }
}
