package dev.portier.web.server;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.config.PortierConfig;
import dev.portier.platform.metrics.Metrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code GET /metrics}: every meter in Prometheus text format, for a request bearing
 * {@code Authorization: Bearer <PORTIER_METRICS_TOKEN>}. Without the setting the route answers 404 (off);
 * a missing or wrong token gets 401 and no metrics.
 */
@Singleton
public final class MetricsServlet extends HttpServlet {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final transient Metrics metrics;
    private final transient Optional<byte[]> token;

    @Inject
    MetricsServlet(Metrics metrics, PortierConfig config) {
        this.metrics = metrics;
        this.token = config.metricsToken().map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (token.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String header = request.getHeader("Authorization");
        byte[] presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(presented, token.get())) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"portier-metrics\"");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("text/plain; charset=utf-8");
            response.getWriter().write("/metrics needs Authorization: Bearer <PORTIER_METRICS_TOKEN>\n");
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(CONTENT_TYPE);
        response.getOutputStream().write(metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }
}
