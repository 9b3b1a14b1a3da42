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
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping Portier");
            server.close();
            stopped.countDown();
        }, "portier-shutdown"));
        stopped.await();
    }
}
