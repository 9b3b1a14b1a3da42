package dev.portier.plugin.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.plugin.api.AccessDecider.AccessQuestion;
import dev.portier.plugin.api.AccessDecider.Subject;
import dev.portier.plugin.api.DenialReason;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.LockHealth;
import dev.portier.plugin.api.Permission;
import dev.portier.plugin.api.PhoneMaterial;
import dev.portier.plugin.api.OutboundHttp.DestinationRefusedException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestDriverContextTest {

    private final TestDriverContext context = TestDriverContext.of(Map.of("apiKey", "k"));

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void http_refuses_anything_but_loopback_and_records_the_attempt() {
        HttpRequest outside = HttpRequest.newBuilder(URI.create("https://192.0.2.10/doors")).build();
        HttpRequest named = HttpRequest.newBuilder(URI.create("https://vendor.example.com/doors")).build();

        assertThatThrownBy(() -> context.http().send(outside)).isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("192.0.2.10");
        assertThatThrownBy(() -> context.http().send(named)).isInstanceOf(DestinationRefusedException.class);
        assertThat(context.http().sent()).containsExactly(outside, named);
    }

    @Test
    void an_unreachable_vendor_fails_to_connect() {
        context.http().unreachable();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/status")).build();

        assertThatThrownBy(() -> context.http().send(request)).isInstanceOf(ConnectException.class);
    }

    @Test
    void disposing_cancels_scheduled_work() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        context.scheduler().every(Duration.ofMillis(20), runs::incrementAndGet);
        Thread.sleep(120);
        context.scheduler().cancelAll();
        int afterCancel = runs.get();
        Thread.sleep(100);

        assertThat(afterCancel).isPositive();
        assertThat(runs.get()).isEqualTo(afterCancel);
        assertThat(context.scheduler().pending()).isZero();
    }

    @Test
    void a_periodic_task_that_throws_runs_again_and_is_remembered() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        context.scheduler().every(Duration.ofMillis(20), () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("vendor said no");
        });
        Thread.sleep(150);

        assertThat(runs.get()).isGreaterThan(1);
        assertThat(context.scheduler().failures()).first().hasFieldOrPropertyWithValue("message", "vendor said no");
    }

    @Test
    void awaiting_a_status_names_what_was_reported_when_it_never_comes() {
        context.reportStatus(DriverStatus.initializing());

        assertThatThrownBy(() -> context.awaitStatus(s -> s.equals(DriverStatus.online()), Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("INITIALIZING");
        context.reportStatus(DriverStatus.online());
        assertThat(context.awaitStatus(s -> s.equals(DriverStatus.online()), Duration.ofMillis(50))).isEqualTo(DriverStatus.online());
    }

    @Test
    void signatures_verify_with_the_named_key_only() {
        byte[] data = "revocation list v3".getBytes(StandardCharsets.UTF_8);
        byte[] signature = context.signer().sign("issuing", data);

        assertThat(context.signer().publicKey("issuing")).hasSize(32);
        assertThat(signature).hasSize(64);
        assertThat(context.signer().verify("issuing", data, signature)).isTrue();
        assertThat(context.signer().verify("other", data, signature)).isFalse();
    }

    @Test
    void the_clock_moves_only_when_told() {
        context.clock().advance(Duration.ofHours(2));

        assertThat(context.clock().instant()).isEqualTo(TestDriverContext.START.plus(Duration.ofHours(2)));
    }

    @Test
    void published_phone_material_stays_until_withdrawn_and_is_replaced_by_name_and_lock() {
        PhoneMaterial lockCertificate = new PhoneMaterial("certificate", "lock-1", "application/pkix-cert", new byte[] {1}, null);
        PhoneMaterial renewed = new PhoneMaterial("certificate", "lock-1", "application/pkix-cert", new byte[] {2}, null);
        PhoneMaterial anchor = new PhoneMaterial("certificate", null, "application/pkix-cert", new byte[] {3}, null);

        context.phoneMaterial().publish(lockCertificate);
        context.phoneMaterial().publish(anchor);
        context.phoneMaterial().publish(renewed);
        assertThat(context.publishedPhoneMaterial()).containsExactlyInAnyOrder(renewed, anchor);

        context.phoneMaterial().withdraw("certificate", null);
        context.phoneMaterial().withdraw("never-published", "lock-1");
        assertThat(context.phoneMaterial("certificate", "lock-1")).contains(renewed);
        assertThat(context.phoneMaterial("certificate", null)).isEmpty();
    }

    @Test
    void reported_health_is_kept_in_order_per_lock() {
        context.reportHealth(new LockHealth("lock-1", true, 80, false, null, null));
        context.reportHealth(new LockHealth("lock-2", false, null, false, null, null));
        context.reportHealth(new LockHealth("lock-1", true, 9, true, null, null));

        assertThat(context.reportedHealth()).hasSize(3);
        assertThat(context.lastHealth("lock-1")).get().extracting(LockHealth::batteryPercent).isEqualTo(9);
        assertThat(context.awaitHealth(health -> health.batteryLow(), Duration.ofMillis(50)).lockId()).isEqualTo("lock-1");
        assertThatThrownBy(() -> context.awaitHealth(health -> health.lockId().equals("lock-3"), Duration.ofMillis(30)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("lock-2");
    }

    @Test
    void the_access_decision_denies_until_told_otherwise() {
        AccessQuestion question = new AccessQuestion("lock-1", Subject.person("person-1"), Permission.UNLOCK, TestDriverContext.START);

        assertThat(context.access().decide(question).reasons()).containsExactly(DenialReason.NO_GRANT);
    }
}
