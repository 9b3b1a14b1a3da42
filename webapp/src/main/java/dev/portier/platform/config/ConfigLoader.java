package dev.portier.platform.config;

import dev.portier.platform.validation.PasswordPolicy;
import dev.portier.platform.validation.EmailAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@link PortierConfig} from environment variables. Every problem names its variable, and
 * all problems are reported at once so an operator fixes them in one go.
 */
public final class ConfigLoader {

    public static final String PORT = "PORTIER_PORT";
    public static final String DATA_DIR = "PORTIER_DATA_DIR";
    public static final String DB_URL = "PORTIER_DB_URL";
    public static final String DB_USER = "PORTIER_DB_USER";
    public static final String DB_PASSWORD = "PORTIER_DB_PASSWORD";
    public static final String ADMIN_EMAIL = "PORTIER_ADMIN_EMAIL";
    public static final String ADMIN_PASSWORD = "PORTIER_ADMIN_PASSWORD";
    public static final String ADMIN_ACCOUNT = "PORTIER_ADMIN_ACCOUNT";
    public static final String MASTER_KEY = "PORTIER_MASTER_KEY";
    public static final String HTTP_ALLOW_PRIVATE = "PORTIER_HTTP_ALLOW_PRIVATE";
    public static final String TRUSTED_PROXIES = "PORTIER_TRUSTED_PROXIES";
    public static final String METRICS_TOKEN = "PORTIER_METRICS_TOKEN";
    public static final String API_RATE_LIMIT = "PORTIER_API_RATE_LIMIT";
    /** Read by logback.xml itself ({@code text} or {@code json}); checked here so a typo stops the start. */
    public static final String LOG_FORMAT = "PORTIER_LOG_FORMAT";

    /** A metrics token shorter than this is refused: it is a bearer secret. */
    static final int METRICS_TOKEN_MIN = 16;

    static final String SQLITE_PREFIX = "jdbc:sqlite:";
    static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

    /** The master key is AES-256: exactly 32 bytes. */
    static final int MASTER_KEY_BYTES = 32;

    private static final Set<String> KNOWN = known(PORT, DATA_DIR, DB_URL, DB_USER, DB_PASSWORD, ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_ACCOUNT,
            MASTER_KEY, HTTP_ALLOW_PRIVATE, TRUSTED_PROXIES, METRICS_TOKEN, LOG_FORMAT, API_RATE_LIMIT);

    private static Set<String> known(String... names) {
        Set<String> all = new TreeSet<>(List.of(names));
        all.addAll(SignerSettings.NAMES);
        return Set.copyOf(all);
    }

    private ConfigLoader() {
    }

    public static PortierConfig fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        env.keySet().stream().filter(k -> k.startsWith("PORTIER_") && !KNOWN.contains(k)).forEach(unknown::add);
        for (String name : unknown) {
            problems.add(name + " is not a Portier setting (known: " + String.join(", ", new TreeSet<>(KNOWN)) + ")");
        }

        int port = 8080;
        String rawPort = trimmed(env, PORT);
        if (rawPort != null) {
            try {
                port = Integer.parseInt(rawPort);
                if (port < 0 || port > 65535) {
                    problems.add(PORT + " must be between 0 and 65535, was " + rawPort);
                }
            } catch (NumberFormatException e) {
                problems.add(PORT + " must be a number, was '" + rawPort + "'");
            }
        }

        Path dataDir = Path.of("data");
        String rawDataDir = trimmed(env, DATA_DIR);
        if (rawDataDir != null) {
            try {
                dataDir = Path.of(rawDataDir);
            } catch (InvalidPathException e) {
                problems.add(DATA_DIR + " is not a valid path: " + e.getMessage());
            }
        }

        String dbUrl = trimmed(env, DB_URL);
        if (dbUrl == null) {
            dbUrl = defaultDbUrl(dataDir);
        } else if (!dbUrl.startsWith(SQLITE_PREFIX) && !dbUrl.startsWith(POSTGRESQL_PREFIX)) {
            problems.add(DB_URL + " must be a SQLite JDBC URL (jdbc:sqlite:/path/to/portier.db) or a PostgreSQL one "
                    + "(jdbc:postgresql://host:5432/portier), was '" + withoutPassword(dbUrl) + "'");
        }
        Optional<PortierConfig.DbLogin> dbLogin = dbLogin(env, dbUrl, problems);

        Optional<PortierConfig.AdminBootstrap> admin = adminBootstrap(env, problems);
        Optional<String> masterKey = masterKey(env, problems);
        boolean httpAllowPrivate = flag(env, HTTP_ALLOW_PRIVATE, problems);
        SignerSettings signer = SignerSettings.fromEnvironment(env, problems);
        TrustedProxies trustedProxies = TrustedProxies.parse(TRUSTED_PROXIES, env.get(TRUSTED_PROXIES), problems);

        Optional<String> metricsToken = metricsToken(env, problems);
        String logFormat = trimmed(env, LOG_FORMAT);
        if (logFormat != null && !logFormat.equals("text") && !logFormat.equals("json")) {
            problems.add(LOG_FORMAT + " must be text or json, was '" + logFormat + "'");
        }
        int apiRateLimit = PortierConfig.DEFAULT_API_RATE_LIMIT;
        String rawRateLimit = trimmed(env, API_RATE_LIMIT);
        if (rawRateLimit != null) {
            try {
                apiRateLimit = Integer.parseInt(rawRateLimit);
            } catch (NumberFormatException e) {
                apiRateLimit = -1;
            }
            if (apiRateLimit < 0) {
                problems.add(API_RATE_LIMIT + " must be a whole number of requests a minute per API token (0: no limit), was '"
                        + rawRateLimit + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new PortierConfig(port, dataDir, dbUrl, dbLogin, admin, masterKey, httpAllowPrivate, signer, trustedProxies,
                metricsToken, apiRateLimit);
    }

    /** User and password for PostgreSQL; they may also be given in the URL ({@code ?user=…&password=…}). */
    private static Optional<PortierConfig.DbLogin> dbLogin(Map<String, String> env, String dbUrl, List<String> problems) {
        String user = trimmed(env, DB_USER);
        String password = env.get(DB_PASSWORD);
        boolean hasPassword = password != null && !password.isEmpty();
        if (user == null && !hasPassword) {
            return Optional.empty();
        }
        if (dbUrl.startsWith(SQLITE_PREFIX)) {
            problems.add(DB_USER + " and " + DB_PASSWORD + " only apply to PostgreSQL (" + DB_URL + "=jdbc:postgresql://…); "
                    + "SQLite has no users");
            return Optional.empty();
        }
        if (user == null) {
            problems.add(DB_USER + " is required when " + DB_PASSWORD + " is set");
            return Optional.empty();
        }
        return Optional.of(new PortierConfig.DbLogin(user, hasPassword ? password : null));
    }

    /** A URL as it may appear in a message or a log: a password given in it is left out. */
    public static String withoutPassword(String jdbcUrl) {
        return jdbcUrl == null ? null : jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    static String defaultDbUrl(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.toAbsolutePath().normalize().resolve("portier.db");
    }

    private static Optional<PortierConfig.AdminBootstrap> adminBootstrap(Map<String, String> env, List<String> problems) {
        String email = trimmed(env, ADMIN_EMAIL);
        String password = env.get(ADMIN_PASSWORD);
        String account = trimmed(env, ADMIN_ACCOUNT);
        if (email == null && (password == null || password.isEmpty())) {
            if (account != null) {
                problems.add(ADMIN_ACCOUNT + " only applies together with " + ADMIN_EMAIL + " and " + ADMIN_PASSWORD);
            }
            return Optional.empty();
        }
        if (email == null) {
            problems.add(ADMIN_EMAIL + " is required when " + ADMIN_PASSWORD + " is set");
            return Optional.empty();
        }
        if (password == null || password.isEmpty()) {
            problems.add(ADMIN_PASSWORD + " is required when " + ADMIN_EMAIL + " is set");
            return Optional.empty();
        }
        EmailAddress.validate(email).ifPresent(msg -> problems.add(ADMIN_EMAIL + ": " + msg));
        PasswordPolicy.validate(password).ifPresent(msg -> problems.add(ADMIN_PASSWORD + ": " + msg));
        String accountName = account == null ? "Portier" : account;
        if (accountName.length() > 100) {
            problems.add(ADMIN_ACCOUNT + " must be at most 100 characters");
        }
        return Optional.of(new PortierConfig.AdminBootstrap(EmailAddress.normalize(email), password, accountName));
    }

    /** Unset: {@code /metrics} answers 404. The value never appears in a message. */
    private static Optional<String> metricsToken(Map<String, String> env, List<String> problems) {
        String raw = trimmed(env, METRICS_TOKEN);
        if (raw == null) {
            return Optional.empty();
        }
        if (raw.length() < METRICS_TOKEN_MIN || !raw.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            problems.add(METRICS_TOKEN + " must be at least " + METRICS_TOKEN_MIN + " printable ASCII characters without spaces "
                    + "(create one with: openssl rand -hex 32)");
            return Optional.empty();
        }
        return Optional.of(raw);
    }

    /** The value itself never appears in a message: it may be a real key with one character wrong. */
    private static Optional<String> masterKey(Map<String, String> env, List<String> problems) {
        String raw = trimmed(env, MASTER_KEY);
        if (raw == null) {
            return Optional.empty();
        }
        String hint = " (create one with: openssl rand -base64 32)";
        try {
            int length = Base64.getDecoder().decode(raw).length;
            if (length != MASTER_KEY_BYTES) {
                problems.add(MASTER_KEY + " must be the base64 of " + MASTER_KEY_BYTES + " random bytes, but it decodes to "
                        + length + " bytes" + hint);
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            problems.add(MASTER_KEY + " must be the base64 of " + MASTER_KEY_BYTES + " random bytes, but it is not valid base64"
                    + hint);
            return Optional.empty();
        }
        return Optional.of(raw);
    }

    private static boolean flag(Map<String, String> env, String name, List<String> problems) {
        String raw = trimmed(env, name);
        if (raw == null || raw.equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.equalsIgnoreCase("true")) {
            return true;
        }
        problems.add(name + " must be true or false, was '" + raw + "'");
        return false;
    }

    private static String trimmed(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.trim();
    }

    /** Start-up configuration is unusable; the message lists every problem. */
    public static final class ConfigurationException extends RuntimeException {
        private final List<String> problems;

        ConfigurationException(List<String> problems) {
            super("Invalid configuration:\n  - " + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
