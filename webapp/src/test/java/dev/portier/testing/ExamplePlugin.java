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
 * whose door controller simulator ({@code DoorControllerSimulator}) tests start on loopback.
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
}
