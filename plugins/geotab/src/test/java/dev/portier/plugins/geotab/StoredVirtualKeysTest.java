package dev.portier.plugins.geotab;

import static dev.portier.plugins.geotab.GeotabHarness.VAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.plugin.api.EndBookCondition;
import dev.portier.plugin.api.LimitExceededException;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.ReservationPrivilege;
import dev.portier.plugin.api.ReservationSync.Capacity;
import dev.portier.plugin.api.ReservationSync.ReservationRequest;
import dev.portier.plugin.api.VehiclePermission;
import dev.portier.plugin.api.VendorRefusedException;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.geotab.internal.SerialNumbers;
import dev.portier.plugins.geotab.simulator.VirtualKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reservations become stored virtual keys within the vendor's documented limits, over real HTTP to the simulator. */
class StoredVirtualKeysTest {

    private static final Instant T1 = TestDriverContext.START;
    private final GeotabHarness harness = new GeotabHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    /** The vendor document's table: vk_1 … vk_4 exist, vk_5 is created at t1+2500. */
    private void storeSeedKeys() {
        store("vk_1", 0, 1000, "743227D3PR");
        store("vk_2", 100, 500, "6D4297YA22");
        store("vk_3", 200, 2750, "ABF26238AA");
        store("vk_4", 300, 3000, "G9A72FBE29");
    }

    @Test
    void the_fifth_key_of_the_seed_example_is_created_because_keys_have_expired_by_t1_plus_2500() {
        storeSeedKeys();
        harness.context.clock().set(T1.plusMillis(2500));

        String vk5 = store("vk_5", 400, 4000, "HJKLMNPQ01");

        assertThat(vk5).isNotBlank();
        // vk_2 (ends t1+500) has expired, as the document says — and so has vk_1 (ends t1+1000) by t1+2500.
        Capacity capacity = sync().capacity(VAN);
        assertThat(capacity.activeKeys()).isEqualTo(3);
        assertThat(capacity.maxActiveKeys()).isEqualTo(4);
        assertThat(harness.requests("POST", "virtual-keys")).isEqualTo(5);
    }

    @Test
    void a_fifth_key_is_refused_when_none_of_the_four_has_expired_and_nothing_is_created() {
        storeSeedKeys();
        harness.context.clock().set(T1.plusMillis(400));

        assertThatThrownBy(() -> store("vk_5", 400, 4000, "HJKLMNPQ01"))
                .isInstanceOfSatisfying(LimitExceededException.class, limit -> {
                    assertThat(limit.rule()).isEqualTo("geotab.active-keys");
                    assertThat(limit.limit()).isEqualTo(4);
                    assertThat(limit.current()).as("the keys there would be").isEqualTo(5);
                })
                .hasMessageContaining("at most 4 active stored virtual keys");
        assertThat(harness.requests("POST", "virtual-keys")).isEqualTo(4);
        assertThat(sync().capacity(VAN).activeKeys()).isEqualTo(4);
    }

    @Test
    void the_2025th_tap_card_on_a_device_is_refused() {
        List<String> cards = serials(2025);
        store("fleet", 0, 86_400_000, cards.subList(0, 2024).toArray(String[]::new));
        assertThat(sync().capacity(VAN).cardSerials()).isEqualTo(2024);

        assertThatThrownBy(() -> store("one-more", 0, 86_400_000, cards.get(2024)))
                .isInstanceOfSatisfying(LimitExceededException.class, limit -> {
                    assertThat(limit.rule()).isEqualTo("geotab.card-serials");
                    assertThat(limit.limit()).isEqualTo(2024);
                    assertThat(limit.current()).as("the serials there would be").isEqualTo(2025);
                })
                .hasMessageContaining("at most 2024 tap-card serial numbers");
        assertThat(harness.requests("POST", "virtual-keys")).isEqualTo(1);
    }

    @Test
    void invalid_serial_numbers_are_refused_naming_the_rule() {
        assertThatThrownBy(() -> store("short", 0, 1000, "6D4297YA"))
                .isInstanceOfSatisfying(LimitExceededException.class, limit -> {
                    assertThat(limit.rule()).isEqualTo("geotab.serial-rule-1");
                    assertThat(limit.limit()).as("the length a serial has").isEqualTo(10);
                    assertThat(limit.current()).as("the length this one has").isEqualTo(8);
                })
                .hasMessageContaining("rule 1").hasMessageContaining("ten characters");
        assertThatThrownBy(() -> store("zero", 0, 1000, "0D4297YA12"))
                .isInstanceOfSatisfying(LimitExceededException.class, limit -> {
                    assertThat(limit.rule()).isEqualTo("geotab.serial-rule-2");
                    assertThat(limit.limit()).isZero();
                    assertThat(limit.current()).isOne();
                })
                .hasMessageContaining("rule 2").hasMessageContaining("'0' at position 1");
        assertThatThrownBy(() -> store("letter-i", 0, 1000, "743227I3PR"))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        limit -> assertThat(limit.rule()).isEqualTo("geotab.serial-rule-2"))
                .hasMessageContaining("rule 2").hasMessageContaining("'I' at position 7");
        assertThat(harness.requests("POST", "virtual-keys")).isZero();
    }

    @Test
    void the_documented_body_reaches_the_service_and_cancelling_deletes_the_key() {
        String id = store("trip", 0, 3_600_000, "743227D3PR");
        assertThat(harness.simulator.device(VAN.vendorReference()).describe())
                .anySatisfy(line -> assertThat(line).contains(id).contains("[743227D3PR]"));

        sync().cancel(VAN, id);
        sync().cancel(VAN, id);

        assertThat(harness.requests("DELETE", "virtual-keys/")).isEqualTo(2);
        assertThat(sync().capacity(VAN).activeKeys()).isZero();
        assertThat(harness.simulator.device(VAN.vendorReference()).describe())
                .noneSatisfy(line -> assertThat(line).contains(id));
    }

    @Test
    void every_typed_reservation_value_reaches_the_service_spelt_as_the_vendor_document_does() {
        String id = sync().store(new ReservationRequest("all", VAN, "user@example.com", List.of("743227D3PR"),
                T1, T1.plusSeconds(3600), Set.of(VehiclePermission.values()), Set.of(ReservationPrivilege.values()),
                Set.of(EndBookCondition.values()))).vendorKeyId();

        VirtualKey stored = harness.simulator.device(VAN.vendorReference()).storedKeys().getFirst();
        assertThat(stored.virtualKeyId()).isEqualTo(id);
        assertThat(stored.permissions()).containsExactlyInAnyOrder("Lock", "Unlock", "IgnitionEnable", "IgnitionInhibit",
                "CheckIn", "CheckOut", "Locate");
        assertThat(stored.privileges()).containsExactly("ResetAtEndOfBooking");
        assertThat(stored.endBookConditions()).containsExactly("IgnitionOff");
    }

    @Test
    void a_limit_portier_could_not_see_is_refused_by_the_service_permanently_and_nothing_is_created() throws Exception {
        // Four keys created behind Portier's back, by another integration on the same database.
        for (String card : List.of("743227D3PR", "ABF26238AA", "G9A72FBE29", "HJKLMNPQ01")) {
            assertThat(harness.callService("POST", "/devices/" + VAN.vendorReference() + "/virtual-keys",
                    "{\"tapCardSerialNumbers\":[\"" + card + "\"],\"beginningTimestamp\":" + T1.toEpochMilli()
                            + ",\"endingTimestamp\":" + T1.plusSeconds(7200).toEpochMilli() + "}").statusCode())
                    .isEqualTo(200);
        }

        assertThatThrownBy(() -> store("fifth", 0, 3_600_000, "6D4297YA22"))
                .isInstanceOf(VendorRefusedException.class)
                .hasMessageContaining("at most 4 active stored virtual keys");
        assertThat(harness.simulator.device(VAN.vendorReference()).storedKeys()).hasSize(4);
        assertThat(sync().capacity(VAN).activeKeys()).isZero();
    }

    @Test
    void deleting_all_keys_is_accepted_with_202() {
        store("a", 0, 3_600_000, "743227D3PR");
        store("b", 0, 3_600_000, "ABF26238AA");

        harness.driver.cancelAll(VAN);

        assertThat(harness.requests("DELETE", "virtual-keys")).isEqualTo(1);
        assertThat(sync().capacity(VAN).activeKeys()).isZero();
    }

    /**
     * Issue #15 item 3: the Keyless Service synchronises stored keys itself (diagnostics 3407/3408). A device
     * that lost its keys must not make the plugin delete every key of the vehicle and create them again; the
     * service's own workflow gives them back, under the same ids. Before the fix the plugin read an invented
     * status-data endpoint and, on a "mismatch", deleted all keys and re-created them under new ids.
     */
    @Test
    void a_device_that_lost_its_keys_is_synchronised_by_the_keyless_service_not_by_the_plugin() {
        String a = store("a", 0, 3_600_000, "743227D3PR");
        String b = store("b", 0, 3_600_000, "ABF26238AA");
        var device = harness.simulator.device(VAN.vendorReference());
        device.loseFlash();

        harness.driver.test();

        assertThat(harness.requests("DELETE", "virtual-keys")).as("no delete-all, ever").isZero();
        assertThat(harness.simulator.requests()).noneMatch(r -> r.contains("status-data"));
        assertThat(harness.context.recordedEvents()).isEmpty();

        harness.simulator.synchroniseDevices();
        assertThat(device.storedKeys()).extracting(k -> k.virtualKeyId()).containsExactlyInAnyOrder(a, b);
        assertThat(sync().capacity(VAN).activeKeys()).isEqualTo(2);
    }

    private dev.portier.plugin.api.ReservationSync sync() {
        return harness.driver;
    }

    private String store(String reservation, long beginOffset, long endOffset, String... cards) {
        return sync().store(new ReservationRequest(reservation, VAN, "user@example.com", List.of(cards),
                T1.plusMillis(beginOffset), T1.plusMillis(endOffset), Set.of(VehiclePermission.LOCK),
                Set.of(ReservationPrivilege.RESET_AT_END_OF_BOOKING), Set.of(EndBookCondition.IGNITION_OFF))).vendorKeyId();
    }

    /** Distinct valid serials: eight characters of Geotab's alphabet counting up, then "PR". */
    static List<String> serials(int count) {
        List<String> serials = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            StringBuilder serial = new StringBuilder();
            int rest = n;
            for (int i = 0; i < 8; i++) {
                serial.insert(0, SerialNumbers.ALPHABET.charAt(rest % 32));
                rest /= 32;
            }
            serials.add(serial + "PR");
        }
        return serials;
    }
}
