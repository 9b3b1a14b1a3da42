package dev.portier.web.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Leaves the matched resource template (e.g. {@code /api/v1/locks/{id}/events}) on the servlet request
 * as {@link #ATTRIBUTE}, so HTTP metrics name routes, never raw paths with ids in them.
 */
final class RouteTemplate implements ContainerResponseFilter {

    public static final String ATTRIBUTE = "dev.portier.route";

    @Context
    private HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getUriInfo() instanceof ExtendedUriInfo info)) {
            return;
        }
        List<UriTemplate> templates = info.getMatchedTemplates();
        if (templates.isEmpty()) {
            return;
        }
        StringBuilder route = new StringBuilder("/api");
        // Jersey lists the innermost (method) template first.
        for (int i = templates.size() - 1; i >= 0; i--) {
            String part = templates.get(i).getTemplate();
            if (part.isEmpty() || part.equals("/")) {
                continue;
            }
            if (!part.startsWith("/")) {
                route.append('/');
            }
            route.append(part.endsWith("/") ? part.substring(0, part.length() - 1) : part);
        }
        servletRequest.setAttribute(ATTRIBUTE, route.toString());
    }
}
