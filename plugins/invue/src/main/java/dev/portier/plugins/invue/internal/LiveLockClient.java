package dev.portier.plugins.invue.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portier.plugin.api.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /v1/dlock} of InVue's LIVE Lock API, through the host's guarded HTTP. */
final class LiveLockClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What came back: the status, its content type and the raw body. */
    record Answer(int status, String contentType, byte[] body) {
    }

    private final OutboundHttp http;
    private final URI baseUrl;
    private final String apiKey;
    private final Duration timeout;

    LiveLockClient(OutboundHttp http, URI baseUrl, String apiKey, Duration timeout) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    /** Registers a lock; not idempotent (InVue registers a serial once). Fields passed through unchanged. */
    Answer register(String serial, String type, String owner, String enrolmentCode) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("serial_no", serial);
        body.put("type", type);
        body.put("certificate", owner);
        body.put("enrolment_code", enrolmentCode);
        body.put("base64", true);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/dlock"))
                .timeout(timeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Accept-Charset", "utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> response = http.send(request);
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/octet-stream"),
                response.body() == null ? new byte[0] : response.body());
    }
}
