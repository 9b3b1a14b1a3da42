package dev.portier;

import dev.portier.platform.config.ConfigLoader;
import dev.portier.platform.config.PortierConfig;
import dev.portier.web.server.AdminCommand;
import dev.portier.web.server.PortierServer;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Portier from environment variables; stops gracefully on SIGTERM / Ctrl-C. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("admin")) {
            System.setProperty("portier.log.target", "System.err");
            System.exit(AdminCommand.run(java.util.List.of(args).subList(1, args.length), System.getenv(), System.in,
                    System.out, System.err));
            return;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        long started = System.nanoTime();
        PortierConfig config;
        try {
            config = ConfigLoader.fromEnvironment(System.getenv());
        } catch (ConfigLoader.ConfigurationException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        PortierServer server;
        try {
            server = PortierServer.start(config);
        } catch (RuntimeException e) {
            log.error("Portier could not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        log.info("Started in {} ms; data in {}", (System.nanoTime() - started) / 1_000_000, config.dataDir().toAbsolutePath());
        if (Boolean.getBoolean("portier.aotTraining")) {
            // A training run for the JVM's ahead-of-time cache (./portier makes one): everything a start loads
            // is loaded now, plus one request through Jetty; then stop normally, so the JVM writes the cache.
            trainingRequest(server.port());
            server.close();
            System.exit(0);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping Portier");
            server.close();
            stopped.countDown();
        }, "portier-shutdown"));
        stopped.await();
    }

    private static void trainingRequest(int port) {
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException | InterruptedException e) {
            LoggerFactory.getLogger(Main.class).warn("Training request failed: {}", e.getMessage());
        }
    }
}
