package dev.portier.plugin.conformance;

import dev.portier.plugin.api.OutboundHttp;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * The kit's {@link OutboundHttp}: really sends over {@code java.net.http}, but only to loopback
 * addresses, where a test runs its simulator of the vendor. Any other destination is refused with a
 * {@link DestinationRefusedException}, so a driver test can never reach the internet by accident.
 * Redirects are not followed (the host re-checks each one; a driver must not rely on them).
 *
 * <p>Tests switch the vendor's behaviour: {@link #stall()} makes every request hang until
 * {@link #release()} or until the calling thread is interrupted (a vendor that never answers),
 * {@link #unreachable()} makes every request fail to connect. Every request handed to
 * {@link #send} is recorded, whatever the mode. Thread-safe.
 */
public final class LoopbackHttp implements OutboundHttp {

    private enum Mode { NORMAL, STALL, UNREACHABLE }

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final List<HttpRequest> sent = new CopyOnWriteArrayList<>();
    private final List<Thread> senders = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.NORMAL;
    private volatile CountDownLatch stalled = new CountDownLatch(0);

    @Override
    public HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        sent.add(request);
        senders.add(Thread.currentThread());
        URI uri = request.uri();
        if (!loopback(uri.getHost())) {
            throw new DestinationRefusedException("The conformance kit only sends to loopback simulators, not to " + uri);
        }
        switch (mode) {
            case STALL -> stalled.await();
            case UNREACHABLE -> throw new ConnectException("Connection refused (simulated by the conformance kit): " + uri);
            case NORMAL -> { }
        }
        HttpRequest limited = request.timeout().isPresent()
                ? request
                : HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofSeconds(5)).build();
        return client.send(limited, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static boolean loopback(String host) throws IOException {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses are looked at, so a refused name is never sent to DNS.
        boolean literal = host.startsWith("[") || host.matches("[0-9.]+");
        return literal && InetAddress.getByName(host).isLoopbackAddress();
    }

    /** Every request from now on hangs until {@link #release()} or an interrupt. */
    public void stall() {
        stalled = new CountDownLatch(1);
        mode = Mode.STALL;
    }

    /** Every request from now on fails to connect. */
    public void unreachable() {
        mode = Mode.UNREACHABLE;
    }

    /** Back to sending requests; hanging requests go on. */
    public void release() {
        mode = Mode.NORMAL;
        stalled.countDown();
    }

    /** The requests handed over so far, in order, including refused and failed ones. */
    public List<HttpRequest> sent() {
        return List.copyOf(sent);
    }

    /** How many requests {@code thread} handed over so far (to tell a call's own requests from background work's). */
    public int sentFrom(Thread thread) {
        return (int) senders.stream().filter(sender -> sender == thread).count();
    }

    void close() {
        release();
        client.close();
    }
}
