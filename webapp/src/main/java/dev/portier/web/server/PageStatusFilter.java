package dev.portier.web.server;

import dev.portier.web.ui.Routes;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import dev.portier.identity.users.SetupService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * Gives page loads an honest HTTP status. Vaadin answers every path with its 200 bootstrap page and
 * shows the not-found view in the browser; this filter makes the same page arrive with 404 when no
 * route matches, or when the path is the setup page and Portier is already set up.
 */
@Singleton
public final class PageStatusFilter extends HttpFilter {

    private final transient SetupService setup;

    @Inject
    PageStatusFilter(SetupService setup) {
        this.setup = setup;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (isPageLoad(request) && !exists(path(request))) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            chain.doFilter(request, new HttpServletResponseWrapper(response) {
                @Override
                public void setStatus(int status) {
                    // Vaadin's bootstrap would confirm 200; the page does not exist.
                    if (status != SC_OK) {
                        super.setStatus(status);
                    }
                }
            });
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean exists(String path) {
        if (path.equals(Routes.SETUP)) {
            return !setup.isSetUp();
        }
        ApplicationRouteRegistry routes = ApplicationRouteRegistry.getInstance(new VaadinServletContext(getServletContext()));
        return routes.getNavigationTarget(path).isPresent();
    }

    private static boolean isPageLoad(HttpServletRequest request) {
        String path = path(request);
        return "GET".equals(request.getMethod())
                && request.getParameter("v-r") == null
                && !path.startsWith("VAADIN/")
                && !path.startsWith("api/")
                && !path.equals("health")
                && !path.equals("metrics")
                && !path.contains(".");
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        return uri.startsWith("/") ? uri.substring(1) : uri;
    }
}
