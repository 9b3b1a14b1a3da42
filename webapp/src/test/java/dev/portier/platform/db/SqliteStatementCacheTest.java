package dev.portier.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.portier.testing.TestDatabase;
import dev.portier.testing.TestServices;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's prepared statements are kept per connection, and a kept statement never answers from an old snapshot. */
class SqliteStatementCacheTest {

    private static final String SELECT = "SELECT name FROM leases WHERE name >= :from ORDER BY name";

    @TempDir
    Path dir;

    @BeforeEach
    void onSqlite() {
        assumeFalse(TestDatabase.postgres(), "PostgreSQL's driver keeps its own prepared statements");
    }

    @Test
    void aQueryRunAgainOnAConnectionReusesItsStatementWithNewBindings() {
        try (TestServices services = new TestServices(dir, Clock.systemUTC())) {
            Jdbi jdbi = services.get(Database.class).jdbi();
            insert(jdbi, "a", "b", "c");
            jdbi.useHandle(h -> {
                Statement first = h.createQuery(SELECT).bind("from", "b").map((rs, ctx) -> ctx.getStatement()).first();
                Statement again = h.createQuery(SELECT).bind("from", "a").map((rs, ctx) -> ctx.getStatement()).first();
                assertThat(again).isSameAs(first);
                assertThat(h.createQuery(SELECT).bind("from", "b").mapTo(String.class).list()).containsExactly("b", "c");
                assertThat(h.createQuery(SELECT).bind("from", "a").mapTo(String.class).list()).containsExactly("a", "b", "c");
            });
        }
    }

    @Test
    void aQueryLeftUnreadHoldsNoSnapshot() {
        try (TestServices services = new TestServices(dir, Clock.systemUTC())) {
            Jdbi jdbi = services.get(Database.class).jdbi();
            insert(jdbi, "a", "b");
            jdbi.useHandle(h -> {
                assertThat(h.createQuery(SELECT).bind("from", "a").mapTo(String.class).first()).isEqualTo("a");
                // Another connection writes meanwhile (the outer handle holds this thread's).
                insert(jdbi, "c");
                assertThat(h.createQuery(SELECT).bind("from", "a").mapTo(String.class).list()).containsExactly("a", "b", "c");
            });
        }
    }

    @Test
    void twoUsesOfOneQueryAtOnceGetTwoStatements() {
        try (TestServices services = new TestServices(dir, Clock.systemUTC())) {
            Jdbi jdbi = services.get(Database.class).jdbi();
            insert(jdbi, "a", "b");
            List<String> pairs = jdbi.withHandle(h -> h.createQuery(SELECT).bind("from", "a").mapTo(String.class)
                    .stream().flatMap(outer -> h.createQuery(SELECT).bind("from", outer).mapTo(String.class).list().stream()
                            .map(inner -> outer + inner)).toList());
            assertThat(pairs).containsExactly("aa", "ab", "bb");
        }
    }

    private static void insert(Jdbi jdbi, String... ids) {
        jdbi.useTransaction(h -> {
            for (String id : ids) {
                h.createUpdate("INSERT INTO leases (name, holder, expires_at) VALUES (:id, 'test', 0)").bind("id", id).execute();
            }
        });
    }
}
