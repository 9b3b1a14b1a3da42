package dev.portier.web.server;

import com.vaadin.flow.server.VaadinServlet;
import jakarta.servlet.annotation.WebServlet;

/** The Vaadin UI, at the root of the server. Found by Jetty's annotation scan. */
@WebServlet(urlPatterns = "/*", name = "portier-ui", asyncSupported = true, loadOnStartup = 1)
public final class PortierServlet extends VaadinServlet {
}
