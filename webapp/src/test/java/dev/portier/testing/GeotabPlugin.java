package dev.portier.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The Geotab plugin's jar as the root build makes it ({@code plugins} build before {@code webapp}). */
public final class GeotabPlugin {

    public static final String DRIVER_ID = "geotab";

    private GeotabPlugin() {
    }

    /** Copies the Geotab plugin's jar into {@code <dataDir>/plugins}. */
    public static void install(Path dataDir) throws IOException {
        Path target = Path.of("..", "plugins", "geotab", "target").toAbsolutePath().normalize();
        Path jar = null;
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "portier-plugin-geotab-*.jar")) {
                for (Path candidate : jars) {
                    jar = candidate;
                }
            }
        }
        if (jar == null) {
            throw new IllegalStateException("The Geotab plugin's jar is missing in " + target
                    + ": build from the repository root (./mvnw verify), which builds plugins before webapp");
        }
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
}
