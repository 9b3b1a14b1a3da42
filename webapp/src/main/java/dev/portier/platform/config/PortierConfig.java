package dev.portier.platform.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything an operator can configure, read once at start-up.
 *
 * @param port             HTTP port; 0 picks a free one (tests)
 * @param dataDir          where the SQLite database, plugins and the master key live
 * @param dbUrl            JDBC URL of the database: SQLite ({@code jdbc:sqlite:…}) or PostgreSQL ({@code jdbc:postgresql:…})
 * @param dbLogin          user and password for PostgreSQL, when not given in the URL
 * @param admin            optional first-user bootstrap
 * @param masterKey        base64 of the 32-byte master key from the environment; empty: the key file in
 *                         {@code dataDir} is used (and created on first start)
 * @param httpAllowPrivate whether plugins may reach loopback, link-local and private addresses
 * @param signer           where drivers' signing keys live (software, or a PKCS#11 token)
 * @param trustedProxies   the reverse proxies whose X-Forwarded-* headers are believed
 * @param metricsToken     the bearer token {@code /metrics} asks for; empty: {@code /metrics} is off (404)
 * @param apiRateLimit     API requests a minute per API token (and per phone), with a burst of as many; 0: no limit
 */
public record PortierConfig(int port, Path dataDir, String dbUrl, Optional<DbLogin> dbLogin, Optional<AdminBootstrap> admin,
        Optional<String> masterKey, boolean httpAllowPrivate, SignerSettings signer, TrustedProxies trustedProxies,
        Optional<String> metricsToken, int apiRateLimit) {

    /** {@code PORTIER_API_RATE_LIMIT} when unset: requests a minute per API token. */
    public static final int DEFAULT_API_RATE_LIMIT = 1200;

    public PortierConfig(int port, Path dataDir, String dbUrl, Optional<DbLogin> dbLogin, Optional<AdminBootstrap> admin,
            Optional<String> masterKey, boolean httpAllowPrivate, SignerSettings signer, TrustedProxies trustedProxies,
            Optional<String> metricsToken) {
        this(port, dataDir, dbUrl, dbLogin, admin, masterKey, httpAllowPrivate, signer, trustedProxies, metricsToken,
                DEFAULT_API_RATE_LIMIT);
    }

    /** Trusting no proxy, without metrics. */
    public PortierConfig(int port, Path dataDir, String dbUrl, Optional<DbLogin> dbLogin, Optional<AdminBootstrap> admin,
            Optional<String> masterKey, boolean httpAllowPrivate, SignerSettings signer) {
        this(port, dataDir, dbUrl, dbLogin, admin, masterKey, httpAllowPrivate, signer, TrustedProxies.NONE, Optional.empty());
    }

    /** With the software signer. */
    public PortierConfig(int port, Path dataDir, String dbUrl, Optional<DbLogin> dbLogin, Optional<AdminBootstrap> admin,
            Optional<String> masterKey, boolean httpAllowPrivate) {
        this(port, dataDir, dbUrl, dbLogin, admin, masterKey, httpAllowPrivate, SignerSettings.SOFTWARE);
    }

    /** On SQLite's or a URL-given login, with the software signer. */
    public PortierConfig(int port, Path dataDir, String dbUrl, Optional<AdminBootstrap> admin, Optional<String> masterKey,
            boolean httpAllowPrivate) {
        this(port, dataDir, dbUrl, Optional.empty(), admin, masterKey, httpAllowPrivate, SignerSettings.SOFTWARE);
    }

    /** The first OWNER created at start-up when nobody has set Portier up yet. */
    public record AdminBootstrap(String email, String password, String accountName) {
        @Override
        public String toString() {
            return "AdminBootstrap[email=" + email + ", accountName=" + accountName + "]";
        }
    }

    /** The login Portier uses on a PostgreSQL server; the password never appears in {@link #toString()}. */
    public record DbLogin(String user, String password) {
        @Override
        public String toString() {
            return "DbLogin[user=" + user + "]";
        }
    }

    /** A configuration for tests and tools: SQLite in {@code dataDir}, a free port, the key file in {@code dataDir}. */
    public static PortierConfig forDataDir(Path dataDir) {
        return new PortierConfig(0, dataDir, ConfigLoader.defaultDbUrl(dataDir), Optional.empty(), Optional.empty(), Optional.empty(),
                false, SignerSettings.SOFTWARE);
    }

    public PortierConfig withAdmin(AdminBootstrap bootstrap) {
        return new PortierConfig(port, dataDir, dbUrl, dbLogin, Optional.of(bootstrap), masterKey, httpAllowPrivate, signer, trustedProxies, metricsToken, apiRateLimit);
    }

    /** The same configuration with the master key given as base64 text, as {@code PORTIER_MASTER_KEY} gives it. */
    public PortierConfig withMasterKey(String base64) {
        return new PortierConfig(port, dataDir, dbUrl, dbLogin, admin, Optional.of(base64), httpAllowPrivate, signer, trustedProxies, metricsToken, apiRateLimit);
    }

    /** The same configuration letting plugins reach loopback and private addresses, as {@code PORTIER_HTTP_ALLOW_PRIVATE=true}. */
    public PortierConfig withHttpAllowPrivate() {
        return new PortierConfig(port, dataDir, dbUrl, dbLogin, admin, masterKey, true, signer, trustedProxies, metricsToken, apiRateLimit);
    }

    /** The same configuration on another database, as {@code PORTIER_DB_URL} (and user and password) choose it. */
    public PortierConfig withDatabase(String url, Optional<DbLogin> login) {
        return new PortierConfig(port, dataDir, url, login, admin, masterKey, httpAllowPrivate, signer, trustedProxies, metricsToken, apiRateLimit);
    }

    /** The same configuration with drivers' keys where {@code settings} say. */
    public PortierConfig withSigner(SignerSettings settings) {
        return new PortierConfig(port, dataDir, dbUrl, dbLogin, admin, masterKey, httpAllowPrivate, settings, trustedProxies,
                metricsToken, apiRateLimit);
    }

    /** The same configuration believing forwarded headers from {@code proxies}, as {@code PORTIER_TRUSTED_PROXIES}. */
    public PortierConfig withTrustedProxies(TrustedProxies proxies) {
        return new PortierConfig(port, dataDir, dbUrl, dbLogin, admin, masterKey, httpAllowPrivate, signer, proxies, metricsToken, apiRateLimit);
    }

    /** The same configuration serving {@code /metrics} to requests bearing {@code token}, as {@code PORTIER_METRICS_TOKEN}. */
    public PortierConfig withMetricsToken(String token) {
        return new PortierConfig(port, dataDir, dbUrl, dbLogin, admin, masterKey, httpAllowPrivate, signer, trustedProxies,
                Optional.of(token), apiRateLimit);
    }

    /** The same configuration with {@code perMinute} API requests a minute per token, as {@code PORTIER_API_RATE_LIMIT}. */
    public PortierConfig withApiRateLimit(int perMinute) {
        return new PortierConfig(port, dataDir, dbUrl, dbLogin, admin, masterKey, httpAllowPrivate, signer, trustedProxies,
                metricsToken, perMinute);
    }

    /** The master key is left out, so a logged configuration never carries it. */
    @Override
    public String toString() {
        return "PortierConfig[port=" + port + ", dataDir=" + dataDir + ", dbUrl=" + ConfigLoader.withoutPassword(dbUrl)
                + ", dbLogin=" + dbLogin + ", admin=" + admin
                + ", masterKey=" + (masterKey.isPresent() ? "(from environment)" : "(key file)")
                + ", httpAllowPrivate=" + httpAllowPrivate + ", signer=" + (signer.pkcs11() == null ? "software" : signer.pkcs11())
                + ", trustedProxies=" + trustedProxies + ", metrics=" + (metricsToken.isPresent() ? "on (token)" : "off")
                + ", apiRateLimit=" + apiRateLimit + "/min]";
    }
}
