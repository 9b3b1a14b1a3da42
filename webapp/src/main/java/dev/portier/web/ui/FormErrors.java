package dev.portier.web.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.ValidationException;
import java.util.Map;

/** Shows a service's {@link ValidationException} or {@link ConflictException} at the fields it names. */
public final class FormErrors {

    private FormErrors() {
    }

    public static void show(ValidationException e, Map<String, ? extends HasValidation> fields) {
        e.fieldErrors().forEach((field, message) -> {
            HasValidation component = fields.get(field);
            if (component != null) {
                component.setErrorMessage(message);
                component.setInvalid(true);
            } else {
                error(message);
            }
        });
    }

    /** A duplicate shows at its field; a conflict about the whole thing (field "id") as a notification. */
    public static void show(ConflictException e, Map<String, ? extends HasValidation> fields) {
        show(ValidationException.of(e.field(), e.getMessage()), fields);
    }

    public static void error(String message) {
        Notification notification = Notification.show(message, 6000, Notification.Position.TOP_CENTER);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    public static void success(String message) {
        Notification notification = Notification.show(message, 4000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
