package dev.portier.plugins.geotab;

import static dev.portier.plugins.geotab.GeotabHarness.VAN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.AccessDecider.AccessAnswer;
import dev.portier.plugin.api.AccessDecider.AccessQuestion;
import dev.portier.plugin.api.EndBookCondition;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.Permission;
import dev.portier.plugin.api.ReservationSync.ReservationRequest;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.geotab.internal.GeotabDriver;
import dev.portier.plugins.geotab.simulator.GoDevice;
import dev.portier.plugins.geotab.simulator.WebhookCourier.Delivery;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook over real HTTP: the simulated GO device asks, Portier decides with the core's access
 * decision and answers with the CheckIn response, or lets the request lapse; tap notifications become
 * events at their own time; replays and wrong tokens change nothing.
 */
class CheckInNotificationsTest {

    private static final String CARD = "743227D3PR";
    private final GeotabHarness harness = new GeotabHarness(Duration.ofMillis(1500));
    private final List<AccessQuestion> asked = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void a_checkin_request_is_approved_in_time_when_the_core_allows_the_card() {
        Instant until = TestDriverContext.START.plus(Duration.ofHours(3));
        harness.context.decideWith(question -> {
            asked.add(question);
            return new AccessAnswer(true, "grant-9", null, until, null, List.of());
        });
        GoDevice van = harness.simulator.device(VAN.vendorReference());

        GoDevice.Outcome outcome = van.tap(CARD, true, Duration.ofSeconds(5));

        assertThat(outcome.lines()).contains("LED: CheckIn/CheckOut completed: [Green LED - On (500ms), Off (500ms)] x 3");
        assertThat(van.checkedInKeyId()).isNotNull();
        assertThat(van.locked()).isFalse();
        assertThat(asked).singleElement().satisfies(q -> {
            assertThat(q.lockId()).isEqualTo(VAN.lockId());
            assertThat(q.subject().cardSerial()).isEqualTo(CARD);
            assertThat(q.at()).isEqualTo(TestDriverContext.START);
            assertThat(q.permission()).isEqualTo(Permission.UNLOCK);
        });
        assertThat(harness.context.recordedEvents()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("CHECK_IN_APPROVED");
            assertThat(event.details()).containsEntry("cardSerial", CARD).containsEntry("grantId", "grant-9")
                    .containsEntry("virtualKeyId", van.checkedInKeyId()).containsEntry("until", until.toString());
        });
    }

    @Test
    void a_checkin_request_the_core_refuses_is_left_to_lapse_and_recorded() throws InterruptedException {
        GoDevice van = harness.simulator.device(VAN.vendorReference());

        GoDevice.Outcome outcome = van.tap(CARD, true, Duration.ofSeconds(5));

        assertThat(outcome.deliveries()).singleElement().satisfies(d -> assertThat(d.answer()).contains("refused").contains("NO_GRANT"));
        assertThat(outcome.lines()).contains("LED: Access denied: Orange LED - On (1500ms)");
        assertThat(van.checkedInKeyId()).isNull();
        assertThat(harness.requests("POST", "commands")).isZero();
        assertThat(harness.context.recordedEvents()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("CHECK_IN_REFUSED");
            assertThat(event.details()).containsEntry("cardSerial", CARD).containsEntry("reasons", "NO_GRANT");
        });
    }

    @Test
    void a_replayed_notification_is_acknowledged_and_ignored() {
        storeKeyFor(CARD);
        GoDevice van = harness.simulator.device(VAN.vendorReference());
        Delivery first = van.tap(CARD, false, Duration.ofSeconds(1)).deliveries().getFirst();
        assertThat(first.type()).isEqualTo("TapCheckInComplete");

        Delivery replay = harness.simulator.courier().resend(first);

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.answer()).contains("ignored");
        assertThat(harness.context.recordedEvents()).extracting(LockEvent::type).containsExactly("TAP_CHECK_IN_COMPLETE");
    }

    @Test
    void after_a_restart_the_token_and_the_handled_ids_are_still_known() {
        storeKeyFor(CARD);
        GoDevice van = harness.simulator.device(VAN.vendorReference());
        Delivery first = van.tap(CARD, false, Duration.ofSeconds(1)).deliveries().getFirst();
        String token = harness.simulator.courier().subscriptionToken();
        harness.driver.dispose();

        GeotabDriver restarted = (GeotabDriver) harness.factory.create(harness.context.configuration(), harness.context);
        restarted.initialize();
        harness.serving = restarted;
        try {
            Delivery replay = harness.simulator.courier().resend(first);

            assertThat(replay.status()).as("the restarted driver accepts the same token").isEqualTo(200);
            assertThat(replay.answer()).contains("ignored");
            assertThat(harness.simulator.courier().subscriptionToken()).isEqualTo(token);
            assertThat(harness.context.recordedEvents()).extracting(LockEvent::type).containsExactly("TAP_CHECK_IN_COMPLETE");
        } finally {
            restarted.dispose();
        }
    }

    @Test
    void a_wrong_or_missing_security_token_is_401_json() throws Exception {
        String body = "{\"NotificationId\":\"2651AAF8-EECA-489C-8673-A7A96CF78AAD\",\"Database\":\"portierfleet\","
                + "\"Timestamp\":1634325392007,\"Type\":\"TapCheckInComplete\",\"Data\":\"{\\\"deviceSerialNumber\\\":"
                + "\\\"G9A720FBE29A\\\",\\\"tapCardSerialNumber\\\":\\\"743227D3PR\\\",\\\"virtualKeyId\\\":\\\"X\\\"}\"}";
        String token = harness.simulator.courier().subscriptionToken();

        HttpResponse<String> wrong = harness.postNotification(token.substring(0, token.length() - 1)
                + (token.endsWith("A") ? "B" : "A"), body);
        HttpResponse<String> missing = harness.postNotification(null, body);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("{\"error\":\"The security token was not accepted\"}");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(harness.context.recordedEvents()).isEmpty();

        HttpResponse<String> right = harness.postNotification(token, body);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(harness.context.recordedEvents()).singleElement()
                .satisfies(e -> assertThat(e.occurredAt()).isEqualTo(Instant.ofEpochMilli(1634325392007L)));
    }

    @Test
    void taps_while_offline_are_delivered_on_reconnect_in_the_order_they_happened() {
        storeKeyFor(CARD);
        GoDevice van = harness.simulator.device(VAN.vendorReference());
        van.setOnline(false);
        Instant checkIn = harness.context.clock().instant();
        van.tap(CARD, false, Duration.ofSeconds(1));
        harness.context.clock().advance(Duration.ofMinutes(40));
        van.tap(CARD, false, Duration.ofSeconds(1));
        harness.context.clock().advance(Duration.ofMinutes(5));
        Instant checkOut = harness.context.clock().instant();
        van.tap(CARD, true, Duration.ofSeconds(1));
        assertThat(harness.context.recordedEvents()).as("nothing reaches Portier while offline").isEmpty();
        harness.context.clock().advance(Duration.ofHours(2));

        GoDevice.Outcome back = van.setOnline(true);

        assertThat(back.deliveries()).extracting(Delivery::type).containsExactly("TapCheckInComplete", "CheckOutComplete");
        assertThat(harness.context.recordedEvents()).extracting(LockEvent::type, LockEvent::occurredAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TAP_CHECK_IN_COMPLETE", checkIn),
                        org.assertj.core.groups.Tuple.tuple("CHECK_OUT_COMPLETE", checkOut));
    }

    /** Issue #15 item 2: a booking's key ends with the booking, and the event names the booking the host records it on. */
    @Test
    void a_card_allowed_by_a_booking_gets_a_key_until_the_booking_ends() {
        Instant bookingEnd = TestDriverContext.START.plus(Duration.ofMinutes(90));
        harness.context.decideWith(q -> new AccessAnswer(true, null, "booking-1", bookingEnd, Duration.ofMinutes(90), List.of()));
        GoDevice van = harness.simulator.device(VAN.vendorReference());

        van.tap(CARD, true, Duration.ofSeconds(5));

        assertThat(van.storedKeys()).isEmpty();
        assertThat(harness.context.recordedEvents()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("CHECK_IN_APPROVED");
            assertThat(event.details()).containsEntry("reservationId", "booking-1").containsEntry("until", bookingEnd.toString())
                    .doesNotContainKey("grantId");
        });
    }

    /**
     * Issue #15 item 2: a grant's key never outlasts what the grant allows, and never runs into the vehicle's next
     * booking; a grant without any end gives its own on-demand duration, not a 12-hour default; while a booking of
     * the vehicle runs, a grant's card gets nothing. Before the fix the key ran to the grant's end, or 12 hours.
     */
    @Test
    void a_grants_key_ends_before_the_next_booking_and_never_by_a_default() {
        Instant grantEnd = TestDriverContext.START.plus(Duration.ofDays(30));
        harness.context.decideWith(q -> new AccessAnswer(true, "grant-1", null, grantEnd, Duration.ofMinutes(30), List.of()));
        Instant nextBooking = TestDriverContext.START.plus(Duration.ofHours(4));
        harness.driver.store(new ReservationRequest("booking-2", VAN, "ada@example.com", List.of("ABF26238AA"), nextBooking,
                nextBooking.plus(Duration.ofHours(1)), Set.of(), Set.of(), Set.of()));
        GoDevice van = harness.simulator.device(VAN.vendorReference());

        van.tap(CARD, true, Duration.ofSeconds(5));

        assertThat(harness.context.recordedEvents()).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("until", nextBooking.toString()));
    }

    @Test
    void a_grant_without_an_end_gives_its_on_demand_duration_and_a_running_booking_refuses_a_grants_card() throws Exception {
        harness.context.decideWith(q -> new AccessAnswer(true, "grant-1", null, null, Duration.ofMinutes(30), List.of()));
        GoDevice van = harness.simulator.device(VAN.vendorReference());
        van.tap(CARD, true, Duration.ofSeconds(5));
        assertThat(harness.context.recordedEvents()).singleElement().satisfies(event -> assertThat(event.details())
                .containsEntry("until", TestDriverContext.START.plus(Duration.ofMinutes(30)).toString()));
        van.tap(CARD, true, Duration.ofSeconds(5));

        harness.driver.store(new ReservationRequest("booking-3", VAN, "ada@example.com", List.of("ABF26238AA"),
                TestDriverContext.START.minus(Duration.ofMinutes(1)), TestDriverContext.START.plus(Duration.ofHours(1)),
                Set.of(), Set.of(), Set.of()));
        GoDevice.Outcome outcome = van.tap("6D4297YA01", true, Duration.ofSeconds(5));
        assertThat(outcome.deliveries()).last().satisfies(d -> assertThat(d.answer()).contains("refused").contains("VEHICLE_BOOKED"));
        assertThat(harness.context.recordedEvents()).last().satisfies(event -> {
            assertThat(event.type()).isEqualTo("CHECK_IN_REFUSED");
            assertThat(event.details()).containsEntry("reasons", "VEHICLE_BOOKED");
        });
    }

    /**
     * Issue #15 item 5: with "Disable Online CheckIn" the device refuses a card it does not store without asking;
     * a CheckIn request that still arrives (the parameter not yet set at the device) is refused, not decided.
     */
    @Test
    void with_online_checkin_disabled_the_device_does_not_ask_and_a_request_is_refused() throws Exception {
        harness.context.decideWith(q -> {
            asked.add(q);
            return new AccessAnswer(true, "grant-1", null, TestDriverContext.START.plus(Duration.ofHours(1)), null, List.of());
        });
        GoDevice van = harness.simulator.device(VAN.vendorReference());
        harness.driver.onlineCheckIn(VAN, false);
        // In production the document names no call that sets the parameter: it is set in MyGeotab.
        assertThat(van.onlineCheckInDisabled()).isFalse();
        van.disableOnlineCheckIn(true);

        GoDevice.Outcome outcome = van.tap(CARD, true, Duration.ofSeconds(5));
        assertThat(outcome.lines()).contains(
                "Card not in a valid stored virtual key and \"Disable Online CheckIn\" is set: no CheckIn request.",
                "LED: Access denied: Orange LED - On (1500ms)");
        assertThat(outcome.deliveries()).isEmpty();

        van.disableOnlineCheckIn(false);
        GoDevice.Outcome asking = van.tap(CARD, true, Duration.ofSeconds(5));
        assertThat(asking.deliveries()).singleElement()
                .satisfies(d -> assertThat(d.answer()).contains("refused").contains("ONLINE_CHECK_IN_DISABLED"));
        assertThat(asked).as("the access decision is not asked").isEmpty();
        assertThat(van.checkedInKeyId()).isNull();

        harness.driver.onlineCheckIn(VAN, true);
        van.tap(CARD, true, Duration.ofSeconds(5));
        assertThat(asked).as("allowed again, the request is decided").hasSize(1);
    }

    private void storeKeyFor(String card) {
        harness.driver.store(new ReservationRequest("r-1", VAN, "user@example.com", List.of(card),
                TestDriverContext.START.minus(Duration.ofMinutes(5)), TestDriverContext.START.plus(Duration.ofDays(1)),
                Set.of(), Set.of(), Set.of(EndBookCondition.IGNITION_OFF)));
    }
}
