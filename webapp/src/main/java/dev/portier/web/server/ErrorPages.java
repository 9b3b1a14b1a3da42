package dev.portier.web.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to requests refused before any servlet sees them (a malformed URI, headers too
 * large): its usual page for people, but under {@code /api/} the API's JSON error shape, since API
 * clients never get an HTML page.
 */
final class ErrorPages extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
            List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
        if (isApi(request)) {
            if (!response.getHeaders().contains(RequestObservation.HEADER)) {
                response.getHeaders().put(RequestObservation.HEADER, java.util.UUID.randomUUID().toString());
            }
            return super.generateAcceptableResponse(request, response, callback, "application/json", List.of(StandardCharsets.UTF_8),
                    code, message, cause);
        }
        return super.generateAcceptableResponse(request, response, callback, contentType, charsets, code, message, cause);
    }

    @Override
    protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
        String error = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        // The API's problem details (web.api.ApiError); code "bad_request" for what Jetty refuses itself.
        String problem = code == 400 ? "bad_request" : code == 404 ? "not_found" : code == 413 ? "body_too_large"
                : code == 431 ? "headers_too_large" : "http_" + code;
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", "https://portier.dev/problems/" + problem);
        body.put("title", HttpStatus.getMessage(code));
        body.put("status", code);
        body.put("detail", error);
        body.put("code", problem);
        body.put("error", error);
        try {
            writer.write(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isApi(Request request) {
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }
}
