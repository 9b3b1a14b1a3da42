package dev.portier.web.shell;

import dev.portier.web.ui.FormErrors;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import dev.portier.platform.validation.VendorException;
import java.util.UUID;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Failures in button clicks and other UI events: a clear message to the user, details to the log. */
public final class UiErrorHandler implements ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(UiErrorHandler.class);

    @Override
    public void error(ErrorEvent event) {
        Throwable cause = rootOf(event.getThrowable());
        if (cause instanceof EofException) {
            // The browser went away mid-response (a download cancelled, a tab closed): nobody to tell.
            log.debug("Client disconnected", cause);
            return;
        }
        String message;
        if (cause instanceof ForbiddenException || cause instanceof ValidationException || cause instanceof NotFoundException
                || cause instanceof ConflictException || cause instanceof VendorException) {
            message = cause.getMessage();
        } else {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            log.error("UI error {}", reference, event.getThrowable());
            message = "Something went wrong (reference " + reference + "). Nothing was changed.";
        }
        if (UI.getCurrent() != null) {
            FormErrors.error(message);
        }
    }

    private static Throwable rootOf(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current
                && !(current instanceof ForbiddenException) && !(current instanceof ValidationException)
                && !(current instanceof NotFoundException) && !(current instanceof ConflictException)
                && !(current instanceof VendorException)) {
            current = current.getCause();
        }
        return current;
    }
}
