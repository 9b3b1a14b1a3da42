package dev.portier.web.ui;

import com.vaadin.flow.component.html.Anchor;

/**
 * Every page's address, in one place. Views declare their route with these constants and link to one
 * another by address, never by class: only the shell's navigation registry knows the view classes, so
 * no view depends on another.
 */
public final class Routes {

    public static final String DASHBOARD = "";
    public static final String SETUP = "setup";
    public static final String LOGIN = "login";
    public static final String PASSWORD = "account/password";
    public static final String USERS = "users";
    public static final String API_TOKENS = "api-tokens";
    public static final String WEBHOOKS = "webhooks";
    public static final String AUDIT = "audit";
    public static final String SITES = "sites";
    public static final String HOLIDAYS = "holidays";
    public static final String LOCKS = "locks";
    public static final String LOCK_TIMELINE = "locks/:lockId/timeline";
    public static final String PEOPLE = "people";
    public static final String CARDS = "cards";
    public static final String GRANTS = "grants";
    public static final String GROUPS = "groups";
    public static final String EXPLAIN = "explain";
    public static final String RESERVATIONS = "reservations";
    public static final String VEHICLES = "vehicles";
    public static final String EVENTS = "events";
    /** The event list's query parameter that filters by lock id. */
    public static final String EVENTS_LOCK_PARAMETER = "lock";
    public static final String CONNECTIONS = "connections";
    public static final String PLUGINS = "plugins";
    public static final String SANDBOX = "sandbox";
    public static final String EXTERNAL_DECISIONS = "external-decisions";
    public static final String REVOCATION_EXPOSURE = "revocation-exposure";
    /** Every lock one person or card may open: {@code access/person/<id>} or {@code access/card/<id>}. */
    public static final String SUBJECT_ACCESS = "access/:kind/:id";

    private Routes() {
    }

    /** The address of one item of a list page, e.g. {@code grants/<id>} (its dialog opens). */
    public static String item(String route, String id) {
        return route + "/" + id;
    }

    public static String lockTimeline(String lockId) {
        return "locks/" + lockId + "/timeline";
    }

    public static String personAccess(String personId) {
        return "access/person/" + personId;
    }

    public static String cardAccess(String cardId) {
        return "access/card/" + cardId;
    }

    public static String eventsOfLock(String lockId) {
        return EVENTS + "?" + EVENTS_LOCK_PARAMETER + "=" + lockId;
    }

    /**
     * Where the host serves a connection's plugin endpoints, below the server's root and without the
     * trailing slash: what a vendor's portal is given (see {@code web.server.PluginEndpointServlet}).
     */
    public static String pluginEndpoints(String pluginId, String connectionId) {
        return "/api/plugins/" + pluginId + "/connections/" + connectionId;
    }

    /** A link that the router follows without reloading the page, like Vaadin's {@code RouterLink}. */
    public static Anchor link(String text, String address) {
        Anchor anchor = new Anchor(address, text);
        anchor.getElement().setAttribute("router-link", true);
        return anchor;
    }
}
