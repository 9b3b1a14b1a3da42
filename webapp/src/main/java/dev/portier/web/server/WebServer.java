package dev.portier.web.server;

import dev.portier.platform.config.PortierConfig;
import dev.portier.platform.lifecycle.LifecycleListener;
import dev.portier.platform.lifecycle.LocalServer;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Singleton;
import dev.portier.web.api.ApiApplication;
import dev.portier.web.server.PluginEndpointServlet;
import dev.portier.identity.security.SessionRegistry;
import jakarta.servlet.DispatcherType;
import java.net.URL;
import java.util.EnumSet;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded Jetty with one web application: the Vaadin UI at {@code /} (found by Jetty's annotation
 * scan of Portier's and Vaadin's jars), the REST API at {@code /api}, plugin
 * endpoints at {@code /api/plugins} and {@code /health}. Stopping is
 * graceful: requests in flight get up to {@value #STOP_TIMEOUT_MS} ms to finish.
 */
@Singleton
public final class WebServer implements LifecycleListener, LocalServer {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    private static final long STOP_TIMEOUT_MS = 10_000;
    // Only these jars can hold Servlet/Vaadin annotations we need; scanning all would slow start-up.
    private static final String SCANNED_JARS = ".*/(flow-|vaadin-|portier-)[^/]*\\.jar$|.*/classes/.*|.*/portier\\.jar$";

    private final PortierConfig config;
    private final Injector injector;
    private final HealthServlet health;
    private final SessionRegistry sessions;
    private final PageStatusFilter pageStatus;
    private final ApiApplication api;
    private final PluginEndpointServlet pluginEndpoints;
    private final MetricsServlet metrics;
    private final RequestObservation observation;
    private volatile Server server;

    @Inject
    WebServer(PortierConfig config, Injector injector, HealthServlet health, SessionRegistry sessions,
            PageStatusFilter pageStatus, ApiApplication api, PluginEndpointServlet pluginEndpoints,
            MetricsServlet metrics, RequestObservation observation) {
        this.config = config;
        this.injector = injector;
        this.health = health;
        this.sessions = sessions;
        this.pageStatus = pageStatus;
        this.api = api;
        this.pluginEndpoints = pluginEndpoints;
        this.metrics = metrics;
        this.observation = observation;
    }

    @Override
    public void start() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("portier-http");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // No "Server: Jetty(12.x)" header: it tells an attacker which advisories to try.
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.addCustomizer(new TrustedForwarding(config.trustedProxies()));
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setPort(config.port());
        jetty.addConnector(connector);

        WebAppContext app = new WebAppContext();
        app.setContextPath("/");
        URL webRoot = WebServer.class.getResource("/webapp/ROOT");
        if (webRoot == null) {
            throw new IllegalStateException("webapp/ROOT is missing from the class path");
        }
        app.setBaseResource(app.getResourceFactory().newResource(webRoot.toURI().resolve(".")));
        app.setAttribute(MetaInfConfiguration.CONTAINER_JAR_PATTERN, SCANNED_JARS);
        app.setConfigurationDiscovered(true);
        app.setThrowUnavailableOnStartupException(true);
        app.setAttribute(Injector.class.getName(), injector);
        // First filter: every request, the UI's too, gets its request id and is timed.
        app.addFilter(new FilterHolder(observation), "/*", EnumSet.of(DispatcherType.REQUEST));
        app.addServlet(new ServletHolder("health", health), "/health");
        app.addServlet(new ServletHolder("metrics", metrics), "/metrics");
        app.addServlet(new ServletHolder("api", api.servlet()), "/api/*");
        // The longer prefix wins over /api/*: plugin endpoints never reach Jersey or its authentication.
        app.addServlet(new ServletHolder("plugin-endpoints", pluginEndpoints), "/api/plugins/*");
        app.addFilter(new FilterHolder(pageStatus), "/*", EnumSet.of(DispatcherType.REQUEST));
        app.addEventListener(sessions);
        app.getSessionHandler().getSessionCookieConfig().setHttpOnly(true);
        app.getSessionHandler().setSameSite(org.eclipse.jetty.http.HttpCookie.SameSite.LAX);

        jetty.setErrorHandler(new ErrorPages());
        jetty.setHandler(new GracefulHandler(new SecurityHeaders(app)));
        jetty.setStopTimeout(STOP_TIMEOUT_MS);
        jetty.start();
        server = jetty;
        log.info("Portier is listening on http://localhost:{}/", port());
    }

    @Override
    public void stop() throws Exception {
        Server jetty = server;
        if (jetty != null) {
            jetty.stop();
        }
    }

    /** The port actually bound (useful when the configuration asked for 0). */
    @Override
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
