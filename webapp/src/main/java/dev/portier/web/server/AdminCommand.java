package dev.portier.web.server;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.portier.drivers.connections.SealedSecretsCheck;
import dev.portier.identity.accounts.Account;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.identity.apitokens.ApiTokenService;
import dev.portier.identity.apitokens.NewApiToken;
import dev.portier.identity.users.SetupService;
import dev.portier.identity.users.UserAdministration;
import dev.portier.platform.config.ConfigLoader;
import dev.portier.platform.config.PortierConfig;
import dev.portier.platform.crypto.CryptoModule;
import dev.portier.platform.crypto.MasterKey;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.DatabaseModule;
import dev.portier.platform.db.Dialect;
import dev.portier.platform.lifecycle.Lifecycle;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.ValidationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code portier admin …}: what an operator does from a shell at install time or in an emergency —
 * first owner, API tokens, passwords, accounts, migrations, backup, restore, verification. Reads the
 * same environment as the server; opens the database and the master key, never the web server.
 * Exit codes: 0 done, 1 failed (the message says why), 2 usage error.
 */
public final class AdminCommand {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: portier admin <command> [options]
              create-owner  --email <email> --account <name> [--name <display name>] [--time-zone <zone>]
                            first account and its owner; the password is read from standard input
              create-token  --email <user> --role MANAGER|VIEWER [--account <name or id>] [--name <label>]
                            prints the new token's secret alone on the last line
              reset-password --email <user>            the new password is read from standard input
              list-accounts                            id, name and time zone, tab-separated
              create-account --name <name> --owner <email> [--time-zone <zone>]
              migrate                                  applies pending database migrations, nothing else
              backup  --to <file>                      SQLite: a consistent copy (file mode 0600), also while Portier runs
              restore --from <file>                    SQLite: into an empty data directory
              verify                                   database integrity, migrations, master key
            Configuration: the same PORTIER_* environment variables as the server.""";

    private record Spec(Set<String> required, Set<String> optional) {
    }

    private static final Map<String, Spec> COMMANDS = Map.of(
            "create-owner", new Spec(Set.of("email", "account"), Set.of("name", "time-zone")),
            "create-token", new Spec(Set.of("email", "role"), Set.of("account", "name")),
            "reset-password", new Spec(Set.of("email"), Set.of()),
            "list-accounts", new Spec(Set.of(), Set.of()),
            "create-account", new Spec(Set.of("name", "owner"), Set.of("time-zone")),
            "migrate", new Spec(Set.of(), Set.of()),
            "backup", new Spec(Set.of("to"), Set.of()),
            "restore", new Spec(Set.of("from"), Set.of()),
            "verify", new Spec(Set.of(), Set.of()));

    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    AdminCommand(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Runs one admin command; answers its exit code. */
    public static int run(List<String> args, Map<String, String> env, InputStream in, OutputStream out, OutputStream err) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new AdminCommand(env, in, o, e).run(args);
    }

    private int run(List<String> args) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
            (args.isEmpty() ? err : out).println(USAGE_TEXT);
            return args.isEmpty() ? USAGE : OK;
        }
        String command = args.get(0);
        Spec spec = COMMANDS.get(command);
        if (spec == null) {
            return usage("Unknown command '" + command + "'");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                return usage("Unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!spec.required().contains(name) && !spec.optional().contains(name)) {
                return usage(command + " has no option --" + name);
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    return usage("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (options.put(name, value) != null) {
                return usage("--" + name + " is given twice");
            }
        }
        List<String> missing = spec.required().stream().filter(r -> !options.containsKey(r)).sorted().map(r -> "--" + r).toList();
        if (!missing.isEmpty()) {
            return usage(command + " needs " + String.join(", ", missing));
        }
        PortierConfig config;
        try {
            config = ConfigLoader.fromEnvironment(env);
        } catch (ConfigLoader.ConfigurationException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        try {
            return switch (command) {
                case "create-owner" -> withServices(config, i -> createOwner(i, options));
                case "create-token" -> createToken(config, options);
                case "reset-password" -> withServices(config, i -> resetPassword(i, options));
                case "list-accounts" -> withServices(config, this::listAccounts);
                case "create-account" -> withServices(config, i -> createAccount(i, options));
                case "migrate" -> withServices(config, i -> {
                    out.println("Database is migrated: " + ConfigLoader.withoutPassword(config.dbUrl()));
                    return OK;
                });
                case "backup" -> backup(config, Path.of(options.get("to")));
                case "restore" -> restore(config, Path.of(options.get("from")));
                case "verify" -> withServices(config, i -> verify(i, config));
                default -> throw new IllegalStateException(command);
            };
        } catch (ValidationException e) {
            e.fieldErrors().forEach((field, message) -> err.println(optionName(field) + ": " + message));
            return FAILED;
        } catch (ConflictException | ForbiddenException | SetupService.AlreadySetUpException e) {
            err.println(e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            err.println("Failed: " + messageOf(e));
            return FAILED;
        }
    }

    private int usage(String problem) {
        err.println(problem);
        err.println(USAGE_TEXT);
        return USAGE;
    }

    private static String optionName(String field) {
        return switch (field) {
            case "timeZone" -> "--time-zone";
            case "accountName" -> "--account";
            case "displayName" -> "--name";
            default -> "--" + field;
        };
    }

    private static String messageOf(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            if (t.getCause().getClass().getSimpleName().equals("DatabaseInUseException")) {
                return t.getCause().getMessage() + " (stop Portier first; backup works while it runs)";
            }
            t = t.getCause();
        }
        return e.getMessage();
    }

    /** Starts only the master key and the database (migrated), runs {@code work}, stops them. */
    private int withServices(PortierConfig config, Function<Injector, Integer> work) {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new CoreModule(config, Clock.systemUTC()),
                new CryptoModule(), new DatabaseModule());
        Lifecycle lifecycle = injector.getInstance(Lifecycle.class);
        lifecycle.start();
        try {
            return work.apply(injector);
        } finally {
            lifecycle.stop();
        }
    }

    private int createOwner(Injector injector, Map<String, String> options) {
        String email = options.get("email");
        String password = readPassword("Password for " + email);
        String name = options.getOrDefault("name", email.contains("@") ? email.substring(0, email.indexOf('@')) : email);
        SignedInUser owner = injector.getInstance(SetupService.class).setUp(new SetupService.FirstOwner(
                options.get("account"), options.getOrDefault("time-zone", "UTC"), name, email, password));
        out.println("Created account " + options.get("account").strip() + " (" + owner.accountId() + ") with owner " + owner.email());
        return OK;
    }

    private int createToken(PortierConfig config, Map<String, String> options) {
        Role role;
        try {
            role = Role.valueOf(options.get("role").strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return usage("--role is MANAGER or VIEWER, not '" + options.get("role") + "'");
        }
        if (role == Role.OWNER) {
            return usage("--role is MANAGER or VIEWER: owners' work stays with people");
        }
        return withServices(config, injector -> {
            SignedInUser who = injector.getInstance(UserAdministration.class).actingAs(options.get("email"), options.get("account"));
            String label = options.getOrDefault("name", "Command line " + java.time.Instant.now());
            NewApiToken token = injector.getInstance(ApiTokenService.class).create(who, label, role);
            out.println("API token \"" + token.token().name() + "\" of " + who.email() + " in account " + who.accountId()
                    + " acts as " + role + "; its secret (shown once):");
            out.println(token.secret());
            return OK;
        });
    }

    private int resetPassword(Injector injector, Map<String, String> options) {
        String password = readPassword("New password for " + options.get("email"));
        injector.getInstance(UserAdministration.class).resetPassword(options.get("email"), password);
        out.println("Password of " + options.get("email").strip() + " reset");
        return OK;
    }

    private int listAccounts(Injector injector) {
        for (Account account : injector.getInstance(AccountService.class).all()) {
            out.println(account.id() + "\t" + account.name() + "\t" + account.timeZone());
        }
        return OK;
    }

    private int createAccount(Injector injector, Map<String, String> options) {
        UserAdministration users = injector.getInstance(UserAdministration.class);
        SignedInUser owner = users.asUser(options.get("owner"));
        SignedInUser created = injector.getInstance(AccountService.class).create(owner, options.get("name"),
                options.getOrDefault("time-zone", "UTC"));
        out.println("Created account " + options.get("name").strip() + " owned by " + owner.email() + ":");
        out.println(created.accountId());
        return OK;
    }

    private int verify(Injector injector, PortierConfig config) {
        List<String> problems = new ArrayList<>();
        Database database = injector.getInstance(Database.class);
        out.println("Master key " + injector.getInstance(MasterKey.class).id() + " loads");
        if (database.dialect() == Dialect.SQLITE) {
            List<String> integrity = database.jdbi().withHandle(h -> h.createQuery("PRAGMA integrity_check")
                    .mapTo(String.class).list());
            if (integrity.equals(List.of("ok"))) {
                out.println("Database integrity: ok");
            } else {
                problems.add("Database integrity check: " + String.join("; ", integrity));
            }
        } else {
            String problem = database.problem();
            if (problem != null) {
                problems.add(problem);
            } else {
                out.println("Database answers: " + ConfigLoader.withoutPassword(config.dbUrl()));
            }
        }
        out.println("Migrations: up to date");
        SealedSecretsCheck.Result secrets = injector.getInstance(SealedSecretsCheck.class).run();
        if (secrets.otherKey() > 0) {
            problems.add(secrets.otherKey() + " of " + secrets.sealed() + " stored secrets were sealed with another master key: "
                    + "set the PORTIER_MASTER_KEY or master.key that wrote them");
        } else {
            out.println("Stored secrets sealed with this master key: " + secrets.sealed());
        }
        problems.forEach(p -> err.println("Problem: " + p));
        if (problems.isEmpty()) {
            out.println("Verified");
        }
        return problems.isEmpty() ? OK : FAILED;
    }

    private int backup(PortierConfig config, Path target) {
        Dialect dialect = Dialect.of(config.dbUrl());
        if (dialect == Dialect.POSTGRESQL) {
            err.println("Portier runs on PostgreSQL here: back it up with pg_dump (for example "
                    + "pg_dump --format=custom --file=portier.dump <database>) and restore with pg_restore.");
            return FAILED;
        }
        Path source = sqliteFileOf(config);
        if (source == null || !Files.exists(source)) {
            err.println("No database to back up at " + (source == null ? config.dbUrl() : source.toAbsolutePath()));
            return FAILED;
        }
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute)) {
            err.println(absolute + " exists already; backup writes a new file");
            return FAILED;
        }
        try {
            Path parent = absolute.getParent();
            Files.createDirectories(parent);
            // VACUUM INTO writes with the process' umask: write inside a private directory, then move.
            Path privateDir = Files.createTempDirectory(parent, ".portier-backup-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path temporary = privateDir.resolve("backup.db");
            try {
                // A read-only connection next to a running Portier: SQLite gives VACUUM INTO one consistent snapshot.
                try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + source + "?mode=ro");
                        Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout(60);
                    statement.execute("PRAGMA busy_timeout = 10000");
                    statement.execute("VACUUM INTO '" + temporary.toString().replace("'", "''") + "'");
                }
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
                Files.deleteIfExists(privateDir);
            }
        } catch (IOException | SQLException e) {
            err.println("Backup failed: " + e.getMessage());
            return FAILED;
        }
        out.println("Backed up " + source.toAbsolutePath() + " to " + absolute + " (" + absolute.toFile().length() + " bytes)."
                + " Keep the master key (" + ConfigLoader.MASTER_KEY + " or master.key) with it: stored secrets need it.");
        return OK;
    }

    private int restore(PortierConfig config, Path backup) {
        if (Dialect.of(config.dbUrl()) == Dialect.POSTGRESQL) {
            err.println("Portier runs on PostgreSQL here: restore a pg_dump with pg_restore.");
            return FAILED;
        }
        Path target = sqliteFileOf(config);
        if (target == null) {
            err.println("No database file in " + config.dbUrl());
            return FAILED;
        }
        if (!Files.isRegularFile(backup)) {
            err.println("No backup at " + backup.toAbsolutePath());
            return FAILED;
        }
        if (!sqliteIntegrityOk(backup)) {
            err.println(backup.toAbsolutePath() + " is not an intact SQLite database");
            return FAILED;
        }
        try {
            if (Files.exists(target) || Files.exists(Path.of(target + "-wal"))) {
                err.println("Restore needs an empty data directory, but " + target.toAbsolutePath() + " exists");
                return FAILED;
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (InputStream from = Files.newInputStream(backup); OutputStream to = Files.newOutputStream(target)) {
                from.transferTo(to);
            }
        } catch (IOException e) {
            err.println("Restore failed: " + e.getMessage());
            return FAILED;
        }
        out.println("Restored " + backup.toAbsolutePath() + " to " + target.toAbsolutePath());
        return withServices(config, i -> verify(i, config));
    }

    private static boolean sqliteIntegrityOk(Path file) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            return rows.next() && "ok".equals(rows.getString(1)) && !rows.next();
        } catch (SQLException e) {
            return false;
        }
    }

    private static Path sqliteFileOf(PortierConfig config) {
        return Dialect.of(config.dbUrl()) == Dialect.SQLITE ? Database.sqliteFile(config.dbUrl()) : null;
    }

    private String readPassword(String prompt) {
        java.io.Console console = System.console();
        if (in == System.in && console != null) {
            char[] typed = console.readPassword("%s: ", prompt);
            return typed == null ? "" : new String(typed);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw ValidationException.of("password", "Give the password on standard input");
            }
            return line;
        } catch (IOException e) {
            throw new IllegalStateException("Reading the password failed: " + e.getMessage(), e);
        }
    }
}
