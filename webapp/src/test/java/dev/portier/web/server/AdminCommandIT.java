package dev.portier.web.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.identity.security.SignInResult;
import dev.portier.identity.security.SignInService;
import dev.portier.platform.config.ConfigLoader;
import dev.portier.platform.config.PortierConfig;
import dev.portier.plugins.example.simulator.DoorControllerSimulator;
import dev.portier.testing.ExamplePlugin;
import dev.portier.testing.RunningServer;
import dev.portier.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portier admin …} in-process and as a process, on this run's database: the tokens it prints are
 * used against the API over real HTTP, accounts and passwords it makes work for signing in, a backup
 * restores into an empty data directory and serves the same data, verify notices another master key.
 */
class AdminCommandIT {

    static final String PASSWORD = "correct horse battery";
    static final String EMAIL = "owner@example.com";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Run(int code, String out, String err) {
        String lastLine() {
            List<String> lines = out.lines().toList();
            return lines.isEmpty() ? "" : lines.getLast();
        }

        @Override
        public String toString() {
            return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    static Map<String, String> env(Path dir) {
        PortierConfig config = TestDatabase.config(dir);
        Map<String, String> env = new HashMap<>();
        env.put(ConfigLoader.DATA_DIR, dir.toString());
        env.put(ConfigLoader.DB_URL, config.dbUrl());
        config.dbLogin().ifPresent(login -> {
            env.put(ConfigLoader.DB_USER, login.user());
            env.put(ConfigLoader.DB_PASSWORD, login.password());
        });
        return env;
    }

    static Run admin(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AdminCommand.run(List.of(args), env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run admin(Path dir, String... args) {
        return admin(env(dir), "", args);
    }

    static void createOwner(Path dir) {
        Run run = admin(env(dir), PASSWORD + "\n", "create-owner", "--email", EMAIL, "--account", "Harbour");
        assertThat(run.code()).as(run.toString()).isZero();
    }

    static HttpResponse<String> call(RunningServer server, String method, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void usageErrorsExitWith2AndTouchNothing(@TempDir Path dir) {
        assertThat(admin(dir).code()).isEqualTo(2);
        Run unknown = admin(dir, "frobnicate");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown command 'frobnicate'").contains("create-token");
        Run noRole = admin(dir, "create-token", "--email", EMAIL);
        assertThat(noRole.code()).isEqualTo(2);
        assertThat(noRole.err()).contains("create-token needs --role");
        Run owner = admin(dir, "create-token", "--email", EMAIL, "--role", "OWNER");
        assertThat(owner.code()).isEqualTo(2);
        assertThat(owner.err()).contains("MANAGER or VIEWER");
        Run badRole = admin(dir, "create-token", "--email", EMAIL, "--role", "ADMIN");
        assertThat(badRole.code()).isEqualTo(2);
        Run badOption = admin(dir, "migrate", "--force", "yes");
        assertThat(badOption.code()).isEqualTo(2);
        assertThat(badOption.err()).contains("migrate has no option --force");
        Run dangling = admin(dir, "backup", "--to");
        assertThat(dangling.code()).isEqualTo(2);
        assertThat(dir.resolve("portier.db")).doesNotExist();
        assertThat(admin(dir, "help").code()).isZero();
    }

    @Test
    void theFirstOwnerAndTheTokensCreateTokenPrintsWorkAgainstTheApi(@TempDir Path dir) throws Exception {
        Run weak = admin(env(dir), "short\n", "create-owner", "--email", EMAIL, "--account", "Harbour");
        assertThat(weak.code()).as(weak.toString()).isEqualTo(1);
        assertThat(weak.err()).startsWith("--password: ");
        createOwner(dir);
        Run again = admin(env(dir), PASSWORD + "\n", "create-owner", "--email", "other@example.com", "--account", "Other");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already been set up");

        Run manager = admin(dir, "create-token", "--email", EMAIL, "--role", "MANAGER", "--name", "Install script");
        assertThat(manager.code()).as(manager.toString()).isZero();
        assertThat(manager.lastLine()).matches("ptr_[A-Za-z0-9_-]{43}");
        assertThat(manager.out()).doesNotContain("INFO");
        Run viewer = admin(dir, "create-token", "--email", EMAIL, "--role", "viewer");
        assertThat(viewer.code()).as(viewer.toString()).isZero();
        Run sameName = admin(dir, "create-token", "--email", EMAIL, "--role", "MANAGER", "--name", "Install script");
        assertThat(sameName.code()).isEqualTo(1);
        assertThat(sameName.err()).contains("already named Install script");
        Run stranger = admin(dir, "create-token", "--email", "nobody@example.com", "--role", "MANAGER");
        assertThat(stranger.code()).isEqualTo(1);
        assertThat(stranger.err()).contains("--email: No user has the email address nobody@example.com");

        try (RunningServer server = RunningServer.fresh(dir)) {
            HttpResponse<String> created = call(server, "POST", "/api/v1/sites", manager.lastLine(),
                    "{\"name\": \"Quay\", \"timeZone\": \"UTC\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(call(server, "GET", "/api/v1/sites", viewer.lastLine(), null).body()).contains("Quay");
            assertThat(call(server, "POST", "/api/v1/sites", viewer.lastLine(), "{\"name\": \"No\", \"timeZone\": \"UTC\"}")
                    .statusCode()).isEqualTo(403);
            assertThat(call(server, "GET", "/api/v1/sites", "ptr_" + "x".repeat(43), null).statusCode()).isEqualTo(401);
            if (!TestDatabase.postgres()) {
                // SQLite has one Portier per data directory; the admin command says so instead of waiting.
                Run busy = admin(dir, "create-token", "--email", EMAIL, "--role", "MANAGER");
                assertThat(busy.code()).as(busy.toString()).isEqualTo(1);
                assertThat(busy.err()).contains("stop Portier first");
            }
        }
    }

    @Test
    void accountsAndPasswords(@TempDir Path dir) throws Exception {
        createOwner(dir);
        Run second = admin(dir, "create-account", "--name", "Second site group", "--owner", EMAIL, "--time-zone", "Europe/Oslo");
        assertThat(second.code()).as(second.toString()).isZero();
        String secondId = second.lastLine();
        Run list = admin(dir, "list-accounts");
        assertThat(list.code()).isZero();
        assertThat(list.out().lines().toList()).hasSize(2).anyMatch(l -> l.equals(secondId + "\tSecond site group\tEurope/Oslo"))
                .anyMatch(l -> l.endsWith("\tHarbour\tUTC"));
        Run badZone = admin(dir, "create-account", "--name", "X", "--owner", EMAIL, "--time-zone", "Mars/Olympus");
        assertThat(badZone.code()).isEqualTo(1);
        assertThat(badZone.err()).startsWith("--time-zone: ");

        Run ambiguous = admin(dir, "create-token", "--email", EMAIL, "--role", "MANAGER");
        assertThat(ambiguous.code()).isEqualTo(1);
        assertThat(ambiguous.err()).contains("--account: Name the account with --account").contains("Second site group");
        Run unknownAccount = admin(dir, "create-token", "--email", EMAIL, "--role", "MANAGER", "--account", "Nowhere");
        assertThat(unknownAccount.code()).isEqualTo(1);
        Run byName = admin(dir, "create-token", "--email", EMAIL, "--role", "MANAGER", "--account", "Second site group");
        Run byId = admin(dir, "create-token", "--email", EMAIL, "--role", "VIEWER", "--account", secondId);
        assertThat(byName.code()).as(byName.toString()).isZero();
        assertThat(byId.code()).as(byId.toString()).isZero();
        Run harbour = admin(dir, "create-token", "--email", EMAIL, "--role", "VIEWER", "--account", "Harbour");

        Run tooShort = admin(env(dir), "short\n", "reset-password", "--email", EMAIL);
        assertThat(tooShort.code()).isEqualTo(1);
        Run reset = admin(env(dir), "a brand new passphrase\n", "reset-password", "--email", EMAIL.toUpperCase());
        assertThat(reset.code()).as(reset.toString()).isZero();

        try (RunningServer server = RunningServer.fresh(dir)) {
            assertThat(call(server, "POST", "/api/v1/sites", byName.lastLine(), "{\"name\": \"Only in second\", \"timeZone\": \"UTC\"}")
                    .statusCode()).isEqualTo(201);
            assertThat(call(server, "GET", "/api/v1/sites", byId.lastLine(), null).body()).contains("Only in second");
            assertThat(call(server, "GET", "/api/v1/sites", harbour.lastLine(), null).body()).doesNotContain("Only in second");
            SignInService signIn = server.get(SignInService.class);
            assertThat(signIn.signIn(EMAIL, "a brand new passphrase")).isInstanceOf(SignInResult.SignedIn.class);
            assertThat(signIn.signIn(EMAIL, PASSWORD)).isNotInstanceOf(SignInResult.SignedIn.class);
        }
    }

    @Test
    void backupWhileRunningRestoresIntoAnEmptyDataDirectory(@TempDir Path dir, @TempDir Path restored, @TempDir Path backups)
            throws Exception {
        createOwner(dir);
        String token = admin(dir, "create-token", "--email", EMAIL, "--role", "MANAGER").lastLine();
        Path backup = backups.resolve("nightly/portier-backup.db");
        if (TestDatabase.postgres()) {
            Run run = admin(dir, "backup", "--to", backup.toString());
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.err()).contains("pg_dump");
            assertThat(backup).doesNotExist();
            return;
        }
        try (RunningServer server = RunningServer.fresh(dir)) {
            assertThat(call(server, "POST", "/api/v1/sites", token, "{\"name\": \"Backed up\", \"timeZone\": \"UTC\"}")
                    .statusCode()).isEqualTo(201);
            Run run = admin(dir, "backup", "--to", backup.toString());
            assertThat(run.code()).as(run.toString()).isZero();
            assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(admin(dir, "backup", "--to", backup.toString()).code()).as("never overwrites").isEqualTo(1);
            assertThat(Files.list(backup.getParent()).toList()).containsExactly(backup);
        }
        Files.copy(dir.resolve("master.key"), restored.resolve("master.key"));
        Run restore = admin(restored, "restore", "--from", backup.toString());
        assertThat(restore.code()).as(restore.toString()).isZero();
        assertThat(restore.out()).contains("Verified");
        assertThat(Files.getPosixFilePermissions(restored.resolve("portier.db"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Run twice = admin(restored, "restore", "--from", backup.toString());
        assertThat(twice.code()).isEqualTo(1);
        assertThat(twice.err()).contains("needs an empty data directory");
        Path notADatabase = Files.writeString(backups.resolve("notes.txt"), "not a database");
        assertThat(admin(backups.resolve("empty"), "restore", "--from", notADatabase.toString()).code()).isEqualTo(1);

        try (RunningServer server = RunningServer.fresh(restored)) {
            HttpResponse<String> sites = call(server, "GET", "/api/v1/sites", token, null);
            assertThat(sites.statusCode()).isEqualTo(200);
            assertThat(sites.body()).contains("Backed up");
        }
        assertThat(admin(restored, "verify").code()).isZero();
    }

    @Test
    void migrateAndVerifyNoticeAnotherMasterKey(@TempDir Path dir) throws Exception {
        Run migrate = admin(dir, "migrate");
        assertThat(migrate.code()).as(migrate.toString()).isZero();
        createOwner(dir);
        ExamplePlugin.install(dir);
        try (DoorControllerSimulator controller = DoorControllerSimulator.start("verify-key-1");
                RunningServer server = RunningServer.withAdminAndPrivateHttp(dir)) {
            server.get(ConnectionService.class).create(ownerOf(server),
                    new ConnectionDraft("Doors", ExamplePlugin.DRIVER_ID, Map.of("baseUrl", controller.url(), "apiKey", "verify-key-1")));
        }
        Run verify = admin(dir, "verify");
        assertThat(verify.code()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("Database").contains("Stored secrets sealed with this master key: 1").contains("Verified");

        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        Map<String, String> otherEnv = new HashMap<>(env(dir));
        otherEnv.put(ConfigLoader.MASTER_KEY, Base64.getEncoder().encodeToString(otherKey));
        Run wrongKey = admin(otherEnv, "", "verify");
        assertThat(wrongKey.code()).as(wrongKey.toString()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("1 of 1 stored secrets were sealed with another master key");
    }

    private static dev.portier.identity.accounts.SignedInUser ownerOf(RunningServer server) {
        return server.get(dev.portier.identity.users.UserAdministration.class).actingAs(EMAIL, null);
    }

    @Test
    void asAProcessTheSecretIsTheLastLineOfStandardOutput(@TempDir Path dir) throws Exception {
        createOwner(dir);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Dguice_bytecode_gen_option=DISABLED",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.portier.Main", "admin"));
        ProcessBuilder builder = new ProcessBuilder();
        builder.environment().keySet().removeIf(k -> k.startsWith("PORTIER_"));
        builder.environment().putAll(env(dir));

        List<String> token = new ArrayList<>(command);
        token.addAll(List.of("create-token", "--email", EMAIL, "--role", "MANAGER"));
        Run made = runProcess(builder.command(token));
        assertThat(made.code()).as(made.toString()).isZero();
        assertThat(made.lastLine()).matches("ptr_[A-Za-z0-9_-]{43}");
        assertThat(made.out().lines().toList()).as("one line of description, then the secret").hasSize(2);

        Run usage = runProcess(builder.command(command));
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("Usage: portier admin");

        try (RunningServer server = RunningServer.fresh(dir)) {
            assertThat(call(server, "GET", "/api/v1/sites", made.lastLine(), null).statusCode()).isEqualTo(200);
        }
    }

    private static Run runProcess(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        process.getOutputStream().close();
        var out = process.getInputStream();
        var err = process.getErrorStream();
        var outText = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(out));
        var errText = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(err));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), outText.get(), errText.get());
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
