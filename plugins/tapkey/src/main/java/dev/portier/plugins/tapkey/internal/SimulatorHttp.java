package dev.portier.plugins.tapkey.internal;

import dev.portier.plugin.api.OutboundHttp;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * How a sandbox connection reaches its own simulator on loopback: a plain {@code java.net.http} client.
 * The host's guarded client refuses loopback, rightly for addresses people type; this one is only ever
 * pointed at the simulator the driver started itself.
 */
public final class SimulatorHttp implements OutboundHttp, AutoCloseable {

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Override
    public HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        client.close();
    }
}
