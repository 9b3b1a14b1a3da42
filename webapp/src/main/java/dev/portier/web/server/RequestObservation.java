package dev.portier.web.server;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.metrics.Metrics;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Every HTTP request: gets a request id (the caller's {@code X-Request-Id} when it is a short plain token,
 * else a new UUID), put in the logging MDC as {@code requestId} for the request's log lines and returned as
 * {@code X-Request-Id}; and is timed into {@code portier_http_server_requests_seconds} by method, route
 * template (never the raw path: ids would make a series per id) and status.
 */
@Singleton
public final class RequestObservation implements Filter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Set by the API (Jersey) to the matched resource template, e.g. {@code /api/v1/locks/{id}}. */
    public static final String ROUTE_ATTRIBUTE = "dev.portier.route"; // = web.api.RouteTemplate.ATTRIBUTE

    /** One line a request (path without its query): INFO for server errors, DEBUG for the rest. */
    private static final org.slf4j.Logger ACCESS = org.slf4j.LoggerFactory.getLogger("dev.portier.web.access");
    private static final Pattern ACCEPTED_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Metrics metrics;

    @Inject
    RequestObservation(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String given = request.getHeader(HEADER);
        String id = given != null && ACCEPTED_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        long start = System.nanoTime();
        try {
            chain.doFilter(req, res);
        } finally {
            long nanos = System.nanoTime() - start;
            int status = response.getStatus();
            if (status >= 500) {
                ACCESS.info("{} {} {} {} ms", request.getMethod(), request.getRequestURI(), status, nanos / 1_000_000);
            } else {
                ACCESS.debug("{} {} {} {} ms", request.getMethod(), request.getRequestURI(), status, nanos / 1_000_000);
            }
            MDC.remove(MDC_KEY);
            Timer.builder("portier.http.server.requests").description("HTTP requests by route template")
                    .tag("method", request.getMethod()).tag("route", route(request)).tag("status", Integer.toString(status))
                    .register(metrics.registry()).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** A bounded set of names: the API's matched template, or the servlet area the path belongs to. */
    static String route(HttpServletRequest request) {
        Object matched = request.getAttribute(ROUTE_ATTRIBUTE);
        if (matched instanceof String template) {
            return template;
        }
        String path = request.getRequestURI();
        if (path.equals("/health") || path.equals("/metrics")) {
            return path;
        }
        if (path.startsWith("/api/plugins/")) {
            return "/api/plugins/*";
        }
        if (path.startsWith("/api/")) {
            return "/api/unmatched";
        }
        return "/ui";
    }
}
