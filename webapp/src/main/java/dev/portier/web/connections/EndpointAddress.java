package dev.portier.web.connections;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.textfield.TextField;
import dev.portier.web.ui.Routes;

/**
 * The full address of a connection's plugin endpoints, to paste into the vendor's portal: the address
 * the browser reached Portier at (so it is right behind a reverse proxy too), followed by the path the
 * host routes to this connection's driver.
 */
final class EndpointAddress {

    private EndpointAddress() {
    }

    static TextField field(String pluginId, String connectionId) {
        TextField field = new TextField("Endpoint URL for the vendor's portal");
        field.setReadOnly(true);
        field.setHelperText("The vendor sends its requests (webhooks, check-ins) here; they reach this connection's driver.");
        String path = Routes.pluginEndpoints(pluginId, connectionId) + "/";
        field.setValue(path);
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.getPage().fetchCurrentURL(url -> field.setValue(origin(url.getProtocol(), url.getHost(), url.getPort()) + path));
        }
        return field;
    }

    static String origin(String scheme, String host, int port) {
        boolean usual = port == -1 || "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        return scheme + "://" + host + (usual ? "" : ":" + port);
    }
}
