package dev.portier.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The Unloc plugin's jar, as the root build makes it ({@code plugins} build before {@code webapp}). */
public final class UnlocPlugin {

    public static final String DRIVER_ID = "unloc";

    private UnlocPlugin() {
    }

    /** Copies the Unloc plugin's jar into {@code <dataDir>/plugins}. */
    public static void install(Path dataDir) throws IOException {
        Path target = Path.of("..", "plugins", "unloc", "target").toAbsolutePath().normalize();
        Path jar = null;
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "portier-plugin-unloc-*.jar")) {
                for (Path candidate : jars) {
                    jar = candidate;
                }
            }
        }
        if (jar == null) {
            throw new IllegalStateException("The Unloc plugin's jar is missing in " + target
                    + ": build from the repository root (./mvnw verify), which builds plugins before webapp");
        }
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
}
