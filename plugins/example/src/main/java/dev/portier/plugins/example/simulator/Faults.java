package dev.portier.plugins.example.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failures a test switches on by path prefix: answer 503 a number of times, or hang until released
 * (the host's time limits and retries are what such tests look at). Thread-safe.
 */
final class Faults {

    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> hangs = new ConcurrentHashMap<>();

    void failNext(String pathPrefix, int times) {
        failures.put(pathPrefix, new AtomicInteger(times));
    }

    void hang(String pathPrefix) {
        hangs.putIfAbsent(pathPrefix, new CountDownLatch(1));
    }

    void releaseHung() {
        hangs.values().forEach(CountDownLatch::countDown);
        hangs.clear();
    }

    /** Blocks while {@code path} is hung; then whether this request should fail. */
    boolean failOrHang(String path) throws InterruptedException {
        for (Map.Entry<String, CountDownLatch> hang : hangs.entrySet()) {
            if (path.startsWith(hang.getKey())) {
                hang.getValue().await();
            }
        }
        for (Map.Entry<String, AtomicInteger> failure : failures.entrySet()) {
            if (path.startsWith(failure.getKey()) && failure.getValue().getAndDecrement() > 0) {
                return true;
            }
        }
        return false;
    }
}
