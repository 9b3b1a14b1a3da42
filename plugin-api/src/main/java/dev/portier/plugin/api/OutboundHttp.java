package dev.portier.plugin.api;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The only way a driver reaches the network. The host applies a connect and request time limit
 * (the request's own timeout when shorter), refuses destinations in loopback, link-local and private
 * ranges unless the operator allows them, and re-checks every redirect's destination.
 *
 * <p>Blocks the calling thread for the duration of the call: use it from capability methods or
 * scheduled tasks, never from {@link LockDriver#initialize()}.
 */
public interface OutboundHttp {

    /**
     * Sends a request and reads the whole body.
     *
     * @throws DestinationRefusedException when the destination (or a redirect's) is not allowed
     * @throws IOException when the exchange fails or times out
     */
    HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException;

    /** An outbound request the host would not send; its message names the destination and the rule. */
    final class DestinationRefusedException extends IOException {
        public DestinationRefusedException(String message) {
            super(message);
        }
    }
}
