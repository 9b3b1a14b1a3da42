package dev.portier.web.server;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Headers every answer carries, the UI's pages as well as the API's JSON and Jetty's error pages: a
 * Content-Security-Policy, {@code X-Content-Type-Options: nosniff}, a Referrer-Policy that keeps
 * Portier's URLs (which hold ids) from other sites, and HSTS when the request came over TLS — directly
 * or, as a trusted proxy says, through it ({@link TrustedForwarding}); never over plain HTTP, where a
 * browser would ignore it anyway and a misconfigured proxy could lock users out.
 *
 * <p>The policy fits Vaadin's prebuilt bundle: its scripts and styles come from Portier itself, the
 * bootstrap page has inline script, Lit/Vaadin components set inline styles, and Flow's client runs
 * the server's {@code executeJs} calls through {@code new Function} (without {@code 'unsafe-eval'} the
 * UI stays blank: FoundationBrowserIT), so scripts keep {@code 'unsafe-inline' 'unsafe-eval'};
 * everything else — frames, plugins, other origins, form targets, base URLs —
 * is shut.
 */
final class SecurityHeaders extends Handler.Wrapper {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    static final String HSTS = "max-age=31536000";

    SecurityHeaders(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields.Mutable headers = response.getHeaders();
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "same-origin");
        headers.put("X-Frame-Options", "DENY");
        if (request.isSecure()) {
            headers.put("Strict-Transport-Security", HSTS);
        }
        return super.handle(request, response, callback);
    }
}
