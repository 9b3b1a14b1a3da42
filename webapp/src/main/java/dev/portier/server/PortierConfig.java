package dev.portier.server;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything an operator can configure, read once at start-up.
 *
 * @param port        HTTP port; 0 picks a free one (tests)
 * @param dataDir     where the SQLite database, plugins and the master key live
 * @param dbUrl       JDBC URL of the database
 * @param admin       optional first-user bootstrap
 */
public record PortierConfig(int port, Path dataDir, String dbUrl, Optional<AdminBootstrap> admin) {

    /** The first OWNER created at start-up when nobody has set Portier up yet. */
    public record AdminBootstrap(String email, String password, String accountName) {
        @Override
        public String toString() {
            return "AdminBootstrap[email=" + email + ", accountName=" + accountName + "]";
        }
    }

    /** A configuration for tests and tools: SQLite in {@code dataDir}, a free port. */
    public static PortierConfig forDataDir(Path dataDir) {
        return new PortierConfig(0, dataDir, ConfigLoader.defaultDbUrl(dataDir), Optional.empty());
    }

    public PortierConfig withAdmin(AdminBootstrap bootstrap) {
        return new PortierConfig(port, dataDir, dbUrl, Optional.of(bootstrap));
    }
}
