package dev.portier.web.server;

import com.google.inject.Inject;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import dev.portier.web.shell.NavigationGuard;
import dev.portier.web.shell.UiErrorHandler;

/** Hooks Portier into every UI: the navigation guard (sign-in, setup, roles) and the error handler. */
public final class PortierServiceInitListener implements VaadinServiceInitListener {

    private final transient NavigationGuard guard;

    @Inject
    PortierServiceInitListener(NavigationGuard guard) {
        this.guard = guard;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(uiEvent -> uiEvent.getUI().addBeforeEnterListener(guard));
        event.getSource().addSessionInitListener(sessionEvent -> sessionEvent.getSession().setErrorHandler(new UiErrorHandler()));
    }
}
