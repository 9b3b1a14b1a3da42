package dev.portier.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @Test
    void defaultsServeOnPort8080WithSqliteInData() {
        PortierConfig config = ConfigLoader.fromEnvironment(Map.of("PATH", "/usr/bin"));
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.dbUrl()).startsWith("jdbc:sqlite:").endsWith("data/portier.db");
        assertThat(config.admin()).isEmpty();
    }

    @Test
    void readsEveryVariable() {
        PortierConfig config = ConfigLoader.fromEnvironment(Map.of(
                "PORTIER_PORT", "9000", "PORTIER_DATA_DIR", "/srv/portier", "PORTIER_DB_URL", "jdbc:sqlite:/tmp/x.db",
                "PORTIER_ADMIN_EMAIL", "Admin@Example.com", "PORTIER_ADMIN_PASSWORD", "correct horse battery",
                "PORTIER_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "PORTIER_HTTP_ALLOW_PRIVATE", "true"));
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/portier"));
        assertThat(config.dbUrl()).isEqualTo("jdbc:sqlite:/tmp/x.db");
        assertThat(config.masterKey()).hasValue("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        assertThat(config.toString()).doesNotContain("AAECAwQF");
        assertThat(config.httpAllowPrivate()).isTrue();
        assertThat(config.admin()).hasValueSatisfying(a -> {
            assertThat(a.email()).isEqualTo("admin@example.com");
            assertThat(a.accountName()).isEqualTo("Portier");
            assertThat(a.toString()).doesNotContain("correct horse");
        });
    }

    @Test
    void aPostgresqlUrlSelectsPostgresqlWithItsLogin() {
        PortierConfig config = ConfigLoader.fromEnvironment(Map.of("PORTIER_DB_URL", "jdbc:postgresql://db:5432/portier",
                "PORTIER_DB_USER", "portier", "PORTIER_DB_PASSWORD", "s3cret pass"));
        assertThat(config.dbUrl()).isEqualTo("jdbc:postgresql://db:5432/portier");
        assertThat(config.dbLogin()).hasValue(new PortierConfig.DbLogin("portier", "s3cret pass"));
        assertThat(config.toString()).contains("user=portier").doesNotContain("s3cret");

        PortierConfig inUrl = ConfigLoader.fromEnvironment(Map.of("PORTIER_DB_URL",
                "jdbc:postgresql://db/portier?user=portier&password=s3cret&ssl=true"));
        assertThat(inUrl.dbLogin()).isEmpty();
        assertThat(inUrl.toString()).contains("password=***&ssl=true").doesNotContain("s3cret");
    }

    @Test
    void aDatabaseLoginNeedsPostgresqlAndAUser() {
        assertThatThrownBy(() -> ConfigLoader.fromEnvironment(Map.of("PORTIER_DB_USER", "portier")))
                .hasMessageContaining("PORTIER_DB_USER and PORTIER_DB_PASSWORD only apply to PostgreSQL");
        assertThatThrownBy(() -> ConfigLoader.fromEnvironment(Map.of("PORTIER_DB_URL", "jdbc:postgresql://db/portier",
                "PORTIER_DB_PASSWORD", "s3cret")))
                .hasMessageContaining("PORTIER_DB_USER is required when PORTIER_DB_PASSWORD is set")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> ConfigLoader.fromEnvironment(Map.of("PORTIER_DB_URL", "jdbc:mysql://db/x?password=s3cret")))
                .hasMessageContaining("or a PostgreSQL one").hasMessageNotContaining("s3cret");
    }

    @Test
    void everyProblemNamesItsVariable() {
        assertThatThrownBy(() -> ConfigLoader.fromEnvironment(Map.of(
                "PORTIER_PORT", "eighty", "PORTIER_PROT", "1", "PORTIER_DB_URL", "jdbc:mysql://x",
                "PORTIER_ADMIN_EMAIL", "nobody")))
                .isInstanceOfSatisfying(ConfigLoader.ConfigurationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("PORTIER_PROT is not a Portier setting"))
                        .anySatisfy(p -> assertThat(p).startsWith("PORTIER_PORT must be a number"))
                        .anySatisfy(p -> assertThat(p).startsWith("PORTIER_DB_URL must be a SQLite JDBC URL"))
                        .anySatisfy(p -> assertThat(p).startsWith("PORTIER_ADMIN_PASSWORD is required")));
        assertThatThrownBy(() -> ConfigLoader.fromEnvironment(Map.of("PORTIER_PORT", "70000")))
                .hasMessageContaining("PORTIER_PORT must be between 0 and 65535");
        assertThatThrownBy(() -> ConfigLoader.fromEnvironment(Map.of(
                "PORTIER_ADMIN_EMAIL", "a@example.com", "PORTIER_ADMIN_PASSWORD", "short")))
                .hasMessageContaining("PORTIER_ADMIN_PASSWORD: Use at least 12 characters");
    }

    @Test
    void theHttpFlagIsTrueOrFalse() {
        assertThat(ConfigLoader.fromEnvironment(Map.of()).httpAllowPrivate()).isFalse();
        assertThat(ConfigLoader.fromEnvironment(Map.of("PORTIER_HTTP_ALLOW_PRIVATE", "TRUE")).httpAllowPrivate()).isTrue();
        assertThatThrownBy(() -> ConfigLoader.fromEnvironment(Map.of("PORTIER_HTTP_ALLOW_PRIVATE", "yes")))
                .hasMessageContaining("PORTIER_HTTP_ALLOW_PRIVATE must be true or false, was 'yes'");
    }

    @Test
    void theMetricsTokenTurnsMetricsOnAndNeverShows() {
        assertThat(ConfigLoader.fromEnvironment(Map.of()).metricsToken()).isEmpty();
        PortierConfig config = ConfigLoader.fromEnvironment(Map.of("PORTIER_METRICS_TOKEN", "s3cret-token-0123456789"));
        assertThat(config.metricsToken()).hasValue("s3cret-token-0123456789");
        assertThat(config.toString()).contains("metrics=on").doesNotContain("s3cret");
        assertThatThrownBy(() -> ConfigLoader.fromEnvironment(Map.of("PORTIER_METRICS_TOKEN", "short")))
                .hasMessageContaining("PORTIER_METRICS_TOKEN must be at least 16").hasMessageNotContaining("short'");
        assertThatThrownBy(() -> ConfigLoader.fromEnvironment(Map.of("PORTIER_METRICS_TOKEN", "has a space in the middle")))
                .hasMessageContaining("PORTIER_METRICS_TOKEN must be");
    }

    @Test
    void theApiRateLimitIsAWholeNumberOfRequestsAMinuteWith1200WhenUnset() {
        assertThat(ConfigLoader.fromEnvironment(Map.of()).apiRateLimit()).isEqualTo(1200);
        assertThat(ConfigLoader.fromEnvironment(Map.of("PORTIER_API_RATE_LIMIT", "60")).apiRateLimit()).isEqualTo(60);
        assertThat(ConfigLoader.fromEnvironment(Map.of("PORTIER_API_RATE_LIMIT", "0")).apiRateLimit()).isZero();
        for (String bad : java.util.List.of("-1", "many", "1.5")) {
            assertThatThrownBy(() -> ConfigLoader.fromEnvironment(Map.of("PORTIER_API_RATE_LIMIT", bad)))
                    .hasMessageContaining("PORTIER_API_RATE_LIMIT must be a whole number of requests a minute per API token");
        }
    }

    @Test
    void theLogFormatIsTextOrJson() {
        ConfigLoader.fromEnvironment(Map.of("PORTIER_LOG_FORMAT", "json"));
        ConfigLoader.fromEnvironment(Map.of("PORTIER_LOG_FORMAT", "text"));
        assertThatThrownBy(() -> ConfigLoader.fromEnvironment(Map.of("PORTIER_LOG_FORMAT", "xml")))
                .hasMessageContaining("PORTIER_LOG_FORMAT must be text or json, was 'xml'");
    }
}
