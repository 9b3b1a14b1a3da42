package dev.portier.testing;

import dev.portier.platform.db.Database;
import dev.portier.drivers.pulling.PullTiming;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.config.PortierConfig;
import dev.portier.web.server.PortierServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A real Portier server on a free port with its own data directory (and database: see {@link TestDatabase}). */
public final class RunningServer implements AutoCloseable {

    public static final String ADMIN_EMAIL = "admin@example.com";
    public static final String ADMIN_PASSWORD = "admin password 1";

    private final PortierServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private RunningServer(PortierConfig config) {
        this(config, Clock.systemUTC());
    }

    private RunningServer(PortierConfig config, Clock clock) {
        this.server = PortierServer.start(TestDatabase.adapt(config), clock);
    }

    private RunningServer(PortierConfig config, PullTiming pulling) {
        this.server = PortierServer.start(TestDatabase.adapt(config), Clock.systemUTC(), pulling);
    }

    /** Like {@link #withAdmin(Path)}, on a clock the test moves. */
    public static RunningServer withAdmin(Path dataDir, Clock clock) {
        return new RunningServer(PortierConfig.forDataDir(dataDir)
                .withAdmin(new PortierConfig.AdminBootstrap(ADMIN_EMAIL, ADMIN_PASSWORD, "Portier")), clock);
    }

    /** Like {@link #withAdmin(Path)}, with drivers' keys where {@code signer} says (a PKCS#11 token). */
    public static RunningServer withAdmin(Path dataDir, dev.portier.platform.config.SignerSettings signer) {
        return new RunningServer(PortierConfig.forDataDir(dataDir).withSigner(signer)
                .withAdmin(new PortierConfig.AdminBootstrap(ADMIN_EMAIL, ADMIN_PASSWORD, "Portier")));
    }

    /** Like {@link #withAdmin(Path)}, believing X-Forwarded-* headers from {@code proxies} (PORTIER_TRUSTED_PROXIES). */
    public static RunningServer withAdmin(Path dataDir, dev.portier.platform.config.TrustedProxies proxies) {
        return new RunningServer(PortierConfig.forDataDir(dataDir).withTrustedProxies(proxies)
                .withAdmin(new PortierConfig.AdminBootstrap(ADMIN_EMAIL, ADMIN_PASSWORD, "Portier")));
    }

    /** A server nobody has set up yet. */
    public static RunningServer fresh(Path dataDir) {
        return new RunningServer(PortierConfig.forDataDir(dataDir));
    }

    /** A server set up by the admin bootstrap: account "Portier", owner {@link #ADMIN_EMAIL}. */
    public static RunningServer withAdmin(Path dataDir) {
        return new RunningServer(PortierConfig.forDataDir(dataDir)
                .withAdmin(new PortierConfig.AdminBootstrap(ADMIN_EMAIL, ADMIN_PASSWORD, "Portier")));
    }

    /** Like {@link #withAdmin(Path)}, letting plugins reach loopback (a simulator on 127.0.0.1). */
    public static RunningServer withAdminAndPrivateHttp(Path dataDir) {
        return new RunningServer(PortierConfig.forDataDir(dataDir).withHttpAllowPrivate()
                .withAdmin(new PortierConfig.AdminBootstrap(ADMIN_EMAIL, ADMIN_PASSWORD, "Portier")));
    }

    /** Like {@link #withAdminAndPrivateHttp(Path)}, on a clock the test moves. */
    public static RunningServer withAdminAndPrivateHttp(Path dataDir, Clock clock) {
        return new RunningServer(PortierConfig.forDataDir(dataDir).withHttpAllowPrivate()
                .withAdmin(new PortierConfig.AdminBootstrap(ADMIN_EMAIL, ADMIN_PASSWORD, "Portier")), clock);
    }

    /** Like {@link #withAdminAndPrivateHttp(Path)}, pulling drivers' events with {@code pulling} (fast, in tests). */
    public static RunningServer withAdminAndPrivateHttp(Path dataDir, PullTiming pulling) {
        return new RunningServer(PortierConfig.forDataDir(dataDir).withHttpAllowPrivate()
                .withAdmin(new PortierConfig.AdminBootstrap(ADMIN_EMAIL, ADMIN_PASSWORD, "Portier")), pulling);
    }

    /** Like {@link #withAdminAndPrivateHttp(Path, Clock)}, serving {@code /metrics} to requests bearing {@code metricsToken}. */
    public static RunningServer withAdminPrivateHttpAndMetrics(Path dataDir, Clock clock, String metricsToken) {
        return new RunningServer(PortierConfig.forDataDir(dataDir).withHttpAllowPrivate().withMetricsToken(metricsToken)
                .withAdmin(new PortierConfig.AdminBootstrap(ADMIN_EMAIL, ADMIN_PASSWORD, "Portier")), clock);
    }

    /** Like {@link #withAdmin(Path, Clock)}, with {@code apiRateLimit} API requests a minute per token. */
    public static RunningServer withAdmin(Path dataDir, Clock clock, int apiRateLimit) {
        return new RunningServer(PortierConfig.forDataDir(dataDir).withApiRateLimit(apiRateLimit)
                .withAdmin(new PortierConfig.AdminBootstrap(ADMIN_EMAIL, ADMIN_PASSWORD, "Portier")), clock);
    }

    /** The bootstrap admin in account "Portier" (servers made by {@link #withAdmin}), without signing in. */
    public SignedInUser admin() {
        return get(Database.class).jdbi().withHandle(h -> h.createQuery("SELECT u.id, u.email, u.display_name, m.account_id "
                        + "FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = :email")
                .bind("email", ADMIN_EMAIL)
                .map((rs, ctx) -> new SignedInUser(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).one());
    }

    public String url(String path) {
        return "http://localhost:" + server.port() + path;
    }

    public <T> T get(Class<T> type) {
        return server.injector().getInstance(type);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
    }
}
