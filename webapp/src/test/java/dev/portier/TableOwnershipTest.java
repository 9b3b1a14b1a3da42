package dev.portier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every table has one owning package: only its code writes the table, and only its code reads it,
 * except for the read-model joins listed below (lists that show a name from another table). Others
 * call the owner's service or answer the owner's extension points (e.g. {@code LockReferences}).
 * The SQL is found in the string literals of {@code src/main/java}.
 */
class TableOwnershipTest {

    private static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("installation", "identity.users"), Map.entry("users", "identity.users"),
            Map.entry("accounts", "identity.accounts"), Map.entry("memberships", "identity.accounts"),
            Map.entry("sign_in_failures", "identity.security"), Map.entry("api_tokens", "identity.apitokens"),
            Map.entry("audit_entries", "platform.audit"),
            Map.entry("sites", "domain.sites"), Map.entry("locks", "domain.locks"), Map.entry("people", "domain.people"),
            Map.entry("cards", "domain.cards"), Map.entry("grants", "domain.grants"), Map.entry("lock_events", "domain.events"),
            Map.entry("reservations", "domain.reservations"), Map.entry("reservation_cards", "domain.reservations"),
            Map.entry("secrets", "drivers.connections"), Map.entry("connections", "drivers.connections"),
            Map.entry("lock_commands", "drivers.vehicles"), Map.entry("vehicle_settings", "drivers.vehicles"),
            Map.entry("on_demand_endpoints", "drivers.ondemand"),
            Map.entry("device_enrolment_codes", "drivers.trust"), Map.entry("devices", "drivers.trust"),
            Map.entry("lock_enrolments", "drivers.trust"), Map.entry("device_keys", "drivers.trust"), Map.entry("card_keys", "drivers.trust"),
            Map.entry("revocation_lists", "drivers.trust"), Map.entry("enrolment_material", "drivers.trust"),
            Map.entry("phone_material", "drivers.connections"), Map.entry("lock_health", "drivers.connections"),
            Map.entry("certificate_warnings", "drivers.connections"), Map.entry("material_deliveries", "drivers.trust"),
            Map.entry("enrolment_attempts", "drivers.trust"),
            Map.entry("lock_discoveries", "drivers.discovery"), Map.entry("discovered_locks", "drivers.discovery"),
            Map.entry("grant_syncs", "drivers.sync"), Map.entry("event_pulls", "drivers.pulling"),
            Map.entry("leases", "platform.db"), Map.entry("idempotency_keys", "platform.idempotency"),
            Map.entry("webhook_endpoints", "platform.webhooks"), Map.entry("webhook_messages", "platform.webhooks"),
            Map.entry("webhook_deliveries", "platform.webhooks"),
            Map.entry("holiday_calendars", "domain.holidays"), Map.entry("holidays", "domain.holidays"),
            Map.entry("site_holiday_calendars", "domain.holidays"),
            Map.entry("people_groups", "domain.groups"), Map.entry("people_group_members", "domain.groups"),
            Map.entry("lock_groups", "domain.groups"), Map.entry("lock_group_members", "domain.groups"),
            Map.entry("group_grants", "domain.grants"), Map.entry("bulk_changes", "access.bulk"));

    /**
     * Reads of another package's table that remain from before tables had owners: mostly joins that put
     * a name or time zone beside a row (a grant's lock and person, a lock's site), and a few existence
     * checks before a delete. Writes are already all with their owners; this list only shrinks — a new
     * read of another package's table fails the test.
     */
    private static final Set<String> READ_MODEL_JOINS = Set.of(
            "domain.cards → grants", "domain.cards → people", "domain.cards → reservation_cards", "domain.events → locks",
            "domain.grants → cards", "domain.grants → locks", "domain.grants → people", "domain.grants → sites",
            "domain.locks → connections", "domain.locks → sites", "domain.reservations → cards", "domain.reservations → locks",
            "domain.reservations → people", "domain.reservations → sites", "domain.sites → grants", "domain.sites → locks",
            "drivers.connections → cards", "drivers.connections → locks", "drivers.connections → sites",
            "drivers.sandbox → locks", "drivers.trust → cards", "drivers.trust → grants", "drivers.trust → locks", "drivers.trust → people",
            "drivers.trust → sites", "identity.accounts → api_tokens", "identity.users → memberships", "web.csv → cards",
            "web.csv → people");

    private static final Pattern STRING = Pattern.compile("\"((?:\\\\.|[^\"\\\\])*)\"");
    private static final Pattern WRITE = Pattern.compile("(?i)\\b(?:insert\\s+into|update|delete\\s+from)\\s+([a-z_]+)");
    private static final Pattern READ = Pattern.compile("(?i)\\b(?:from|join)\\s+([a-z_]+)");

    @Test
    void only_the_owning_package_writes_a_table() {
        assertThat(uses(WRITE)).as("writes outside the owning package").isEmpty();
    }

    @Test
    void only_the_owning_package_reads_a_table_beyond_the_listed_joins() {
        Set<String> reads = uses(READ);
        reads.removeAll(READ_MODEL_JOINS);
        assertThat(reads).as("reads outside the owning package").isEmpty();
    }

    @Test
    void every_table_of_the_migrations_has_an_owner() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path file : files.sorted(java.util.Comparator.comparing(TableOwnershipTest::version)).toList()) {
                String sql = Files.readString(file);
                Matcher m = Pattern.compile("(?i)create table (?:if not exists )?([a-z_0-9]+)").matcher(sql);
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase());
                }
                Matcher renamed = Pattern.compile("(?i)alter table ([a-z_0-9]+) rename to ([a-z_0-9]+)").matcher(sql);
                while (renamed.find()) {
                    tables.remove(renamed.group(1).toLowerCase());
                    tables.add(renamed.group(2).toLowerCase());
                }
            }
        }
        assertThat(OWNERS.keySet()).containsAll(tables);
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    /** "package → table" for each statement of {@code kind} in a package that does not own the table. */
    private static Set<String> uses(Pattern kind) {
        Set<String> found = new TreeSet<>();
        Path root = Path.of("src/main/java/dev/portier");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = packageOf(root.relativize(file));
                Matcher m = kind.matcher(literals(Files.readString(file)));
                while (m.find()) {
                    String table = m.group(1).toLowerCase();
                    String owner = OWNERS.get(table);
                    if (owner != null && !owner.equals(pkg)) {
                        found.add(pkg + " → " + table);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static String packageOf(Path relative) {
        List<String> parts = new ArrayList<>();
        if (relative.getParent() != null) {
            relative.getParent().forEach(p -> parts.add(p.toString()));
        }
        return String.join(".", parts.subList(0, Math.min(2, parts.size())));
    }

    private static String literals(String source) {
        StringBuilder sql = new StringBuilder();
        Matcher m = STRING.matcher(source);
        while (m.find()) {
            sql.append(m.group(1)).append(' ');
        }
        return sql.toString();
    }
}
