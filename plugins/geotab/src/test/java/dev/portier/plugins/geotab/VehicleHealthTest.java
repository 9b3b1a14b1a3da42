package dev.portier.plugins.geotab;

import static dev.portier.plugins.geotab.GeotabHarness.VAN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.LockHealth;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.geotab.simulator.GoDevice;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each vehicle's health — communicating or not, since when, which firmware — from its GO device's status. */
class VehicleHealthTest {

    private final GeotabHarness harness = new GeotabHarness();
    private final GoDevice van = harness.simulator.device(VAN.vendorReference());

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void the_connections_first_check_reports_every_vehicle() {
        LockHealth health = harness.context.awaitHealth(h -> h.lockId().equals(VAN.lockId()), Duration.ofSeconds(5));

        assertThat(health.online()).isTrue();
        assertThat(health.lastSeen()).isEqualTo(TestDriverContext.START);
        assertThat(health.firmware()).isEqualTo("33.37");
        assertThat(health.batteryPercent()).as("a GO device runs on the vehicle's battery").isNull();
        assertThat(health.batteryLow()).isFalse();
    }

    @Test
    void an_offline_device_is_reported_offline_since_it_last_communicated() {
        Instant lost = harness.context.clock().instant().plus(Duration.ofMinutes(3));
        harness.context.clock().set(lost);
        van.setOnline(false);
        harness.context.clock().advance(Duration.ofHours(2));
        van.firmware("33.40");

        harness.driver.checkHealth();

        LockHealth health = harness.context.lastHealth(VAN.lockId()).orElseThrow();
        assertThat(health.online()).isFalse();
        assertThat(health.lastSeen()).isEqualTo(lost);
        assertThat(health.firmware()).isEqualTo("33.40");
    }

    @Test
    void back_online_it_communicates_now_again() {
        van.setOnline(false);
        harness.context.clock().advance(Duration.ofMinutes(30));
        van.setOnline(true);
        harness.context.clock().advance(Duration.ofMinutes(1));

        harness.driver.checkHealth();

        LockHealth health = harness.context.lastHealth(VAN.lockId()).orElseThrow();
        assertThat(health.online()).isTrue();
        assertThat(health.lastSeen()).isEqualTo(harness.context.clock().instant());
    }

    @Test
    void every_vehicle_of_the_connection_is_reported_by_its_own_lock_id() {
        LockRef truck = new LockRef("lock-truck", "G9B11111AAAA", "Truck 2", "Europe/Berlin");
        harness.context.addLock(truck);
        harness.simulator.device(truck.vendorReference()).setOnline(false);

        harness.driver.checkHealth();

        assertThat(harness.context.lastHealth(truck.lockId())).hasValueSatisfying(h -> assertThat(h.online()).isFalse());
        assertThat(harness.context.lastHealth(VAN.lockId())).hasValueSatisfying(h -> assertThat(h.online()).isTrue());
    }

    @Test
    void a_service_that_does_not_answer_device_status_reports_nothing() {
        int before = harness.context.reportedHealth().size();
        harness.context.http().unreachable();

        harness.driver.checkHealth();

        assertThat(harness.context.reportedHealth()).hasSize(before);
    }
}
