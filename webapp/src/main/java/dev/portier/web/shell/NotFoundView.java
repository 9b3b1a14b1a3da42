package dev.portier.web.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import dev.portier.web.ui.PublicView;
import jakarta.servlet.http.HttpServletResponse;

/** A friendly 404. */
@PageTitle("Not found · Portier")
@PublicView
public final class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        add(new H1("Page not found"),
                new Paragraph("There is nothing at /" + event.getLocation().getPath() + ". It may have moved, or the link is mistyped."),
                new Anchor("/", "Go to the dashboard"));
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
