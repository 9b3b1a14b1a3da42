package dev.portier.web.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import dev.portier.web.ui.PublicView;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An unexpected failure while opening a page: a reference for the log, never a stack trace. */
@PageTitle("Error · Portier")
@PublicView
public final class InternalErrorView extends VerticalLayout implements HasErrorParameter<Exception> {

    private static final Logger log = LoggerFactory.getLogger(InternalErrorView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Error {} while opening /{}", reference, event.getLocation().getPath(), parameter.getException());
        removeAll();
        add(new H1("Something went wrong"),
                new Paragraph("Portier could not open this page. The error was logged with reference " + reference + "."),
                new Anchor("/", "Go to the dashboard"));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
