package dev.portier.web.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import dev.portier.web.ui.PublicView;
import jakarta.servlet.http.HttpServletResponse;

/** Shown when a signed-in user's role does not include what a page needs (403). */
@PageTitle("No access · Portier")
@PublicView
public final class AccessDeniedView extends VerticalLayout implements HasErrorParameter<AccessDeniedException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        removeAll();
        String why = parameter.hasCustomMessage() ? parameter.getCustomMessage() : "Your role does not include this page";
        add(new H1("No access"), new Paragraph(why + ". Ask an owner of the account if you need it."),
                new Anchor("/", "Go to the dashboard"));
        return HttpServletResponse.SC_FORBIDDEN;
    }
}
