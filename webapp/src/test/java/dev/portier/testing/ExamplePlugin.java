package dev.portier.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The example plugin's jar, as the root build makes it ({@code plugins} build before {@code webapp}),
 * and a door controller on loopback that answers its {@code GET /status} as the real one does.
 */
public final class ExamplePlugin {

    public static final String DRIVER_ID = "example";

    private ExamplePlugin() {
    }

    /** Copies the example plugin's jar into {@code <dataDir>/plugins}. */
    public static void install(Path dataDir) throws IOException {
        Path target = Path.of("..", "plugins", "example", "target").toAbsolutePath().normalize();
        Path jar = null;
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "portier-plugin-example-*.jar")) {
                for (Path candidate : jars) {
                    jar = candidate;
                }
            }
        }
        if (jar == null) {
            throw new IllegalStateException("The example plugin's jar is missing in " + target
                    + ": build from the repository root (./mvnw verify), which builds plugins before webapp");
        }
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A door controller on 127.0.0.1 that accepts one API key; {@code GET /status} answers 200 or 401. */
    public static final class Controller implements AutoCloseable {

        private final HttpServer server;
        private final String apiKey;
        private final AtomicInteger statusCalls = new AtomicInteger();

        public Controller(String apiKey) {
            this.apiKey = apiKey;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/status", exchange -> {
                statusCalls.incrementAndGet();
                int status = apiKey.equals(exchange.getRequestHeaders().getFirst("X-Api-Key")) ? 200 : 401;
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        public String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        public String apiKey() {
            return apiKey;
        }

        public int statusCalls() {
            return statusCalls.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
