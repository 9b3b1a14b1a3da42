package dev.portier.plugins.tapkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.plugin.api.GrantSync.GrantSnapshot;
import dev.portier.plugin.api.GrantSync.GrantWithdrawal;
import dev.portier.plugin.api.GrantSync.RevocationProgress;
import dev.portier.plugin.api.GrantSync.RevocationProgress.Stage;
import dev.portier.plugin.api.GrantSync.ScheduleFit;
import dev.portier.plugin.api.GrantSync.SyncedGrant;
import dev.portier.plugin.api.Grantee;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.Permission;
import dev.portier.plugin.api.Schedule;
import dev.portier.plugin.api.VendorRefusedException;
import dev.portier.plugins.tapkey.TapkeyFixture.Started;
import dev.portier.plugins.tapkey.simulator.TapkeySimulator.Fault;
import dev.portier.plugins.tapkey.simulator.TapkeyWorld.GrantView;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Grants mirrored into a simulated Tapkey owner account, over HTTP. */
class GrantSyncTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Instant MARCH = ZonedDateTime.of(2026, 3, 2, 0, 0, 0, 0, OSLO).toInstant();
    private static final Grantee.Person ADA = new Grantee.Person("person-ada", "Ada Lovelace", "ada@example.com", null);

    private final TapkeyFixture tapkey = new TapkeyFixture();
    private final Started started = tapkey.start();

    @AfterEach
    void stop() {
        started.close();
        tapkey.close();
    }

    private static GrantSnapshot snapshot(LockRef lock, Grantee grantee, Instant from, Instant until, Schedule schedule, String previous) {
        return new GrantSnapshot("grant-1", lock, grantee, from, until, schedule, Set.of(Permission.UNLOCK), previous);
    }

    private List<GrantView> active() {
        return tapkey.simulator.world().grants(TapkeyFixture.OWNER).stream().filter(GrantView::active).toList();
    }

    @Test
    void a_weekday_schedule_becomes_an_ical_restriction_whose_occurrences_equal_portiers_decisions_across_dst() {
        Schedule schedule = HostSchedules.weekdays(OSLO, LocalDate.of(2026, 3, 2));
        Instant until = MARCH.plus(Duration.ofDays(40));
        SyncedGrant synced = started.driver().push(snapshot(TapkeyFixture.DOOR_LOCK, ADA, MARCH, until, schedule, null));

        GrantView held = tapkey.simulator.world().grant(synced.vendorReference()).orElseThrow();
        assertThat(held.restriction()).as("the time restriction Tapkey holds").isNotNull();
        assertThat(held.validFrom()).isEqualTo(MARCH);
        assertThat(held.validBefore()).isEqualTo(until);
        assertThat(tapkey.simulator.world().contacts(TapkeyFixture.OWNER)).extracting(c -> c.identifier())
                .containsExactly("ada@example.com");
        // March 2026 in Oslo: summer time starts on Sunday 29 March, 02:00 → 03:00.
        int open = 0;
        for (Instant t = MARCH; t.isBefore(MARCH.plus(Duration.ofDays(35))); t = t.plus(Duration.ofMinutes(15))) {
            boolean portier = schedule.isOpen(t);
            assertThat(held.restriction().allows(t)).as("ical4j's expansion at %s", t.atZone(OSLO)).isEqualTo(portier);
            open += portier ? 1 : 0;
        }
        assertThat(open).as("quarter hours open: 25 weekdays × 36").isEqualTo(25 * 36);

        Instant mondayMorningAfterDst = ZonedDateTime.of(2026, 3, 30, 8, 30, 0, 0, OSLO).toInstant();
        Instant mondayEarly = ZonedDateTime.of(2026, 3, 30, 7, 30, 0, 0, OSLO).toInstant();
        assertThat(tapkey.simulator.world().phoneUnlock(TapkeyFixture.DOOR, "ada@example.com", mondayMorningAfterDst).opened()).isTrue();
        assertThat(tapkey.simulator.world().phoneUnlock(TapkeyFixture.DOOR, "ada@example.com", mondayEarly).opened()).isFalse();
    }

    @Test
    void the_same_snapshot_pushed_again_and_a_create_whose_answer_was_lost_make_no_duplicate() {
        GrantSnapshot grant = snapshot(TapkeyFixture.DOOR_LOCK, ADA, MARCH, null, null, null);
        SyncedGrant first = started.driver().push(grant);
        assertThat(started.driver().push(grant)).isEqualTo(first);
        assertThat(active()).hasSize(1);

        GrantSnapshot other = new GrantSnapshot("grant-2", TapkeyFixture.DOOR_LOCK, new Grantee.Person("person-bob", "Bob", "bob@example.com",
                null), MARCH, null, null, Set.of(Permission.UNLOCK), null);
        tapkey.simulator.failNext("PUT", Fault.DROP_AFTER_COMMIT); // the contact's create
        tapkey.simulator.failNext("PUT", Fault.DROP_AFTER_COMMIT); // the grant's create
        SyncedGrant bob = started.driver().push(other);
        assertThat(started.driver().push(other)).isEqualTo(bob);

        assertThat(tapkey.simulator.count("PUT", "/grants")).as("grant creates sent").isEqualTo(2);
        assertThat(tapkey.simulator.world().contacts(TapkeyFixture.OWNER)).hasSize(2);
        assertThat(active()).hasSize(2).extracting(GrantView::id).containsExactlyInAnyOrder(first.vendorReference(), bob.vendorReference());
    }

    @Test
    void a_changed_grant_is_revoked_and_created_anew() {
        SyncedGrant first = started.driver().push(snapshot(TapkeyFixture.DOOR_LOCK, ADA, MARCH, null, null, null));
        Instant end = MARCH.plus(Duration.ofDays(7));
        SyncedGrant second = started.driver().push(snapshot(TapkeyFixture.DOOR_LOCK, ADA, MARCH, end, null, first.vendorReference()));

        assertThat(second.vendorReference()).isNotEqualTo(first.vendorReference());
        assertThat(tapkey.simulator.world().grant(first.vendorReference()).orElseThrow().state()).isEqualTo("Revoked");
        assertThat(active()).singleElement().satisfies(grant -> assertThat(grant.validBefore()).isEqualTo(end));
        assertThat(tapkey.simulator.count("PATCH", "/grants")).as("grants are never edited in place").isZero();
    }

    @Test
    void a_lock_without_ical_support_gets_a_warning_and_no_restriction() {
        started.driver().discover();
        Schedule schedule = HostSchedules.weekdays(OSLO, LocalDate.of(2026, 3, 2));
        ScheduleFit shed = started.driver().fit(TapkeyFixture.SHED_LOCK, schedule);
        assertThat(shed.exact()).isFalse();
        assertThat(shed.enforced()).isNull();
        assertThat(shed.explanation()).contains("Bike shed cannot take time restrictions")
                .contains("at any time between its start and end");
        assertThat(started.driver().fit(TapkeyFixture.DOOR_LOCK, schedule)).isEqualTo(ScheduleFit.exact(schedule));

        SyncedGrant synced = started.driver().push(snapshot(TapkeyFixture.SHED_LOCK, ADA, MARCH, null, schedule, null));
        assertThat(tapkey.simulator.world().grant(synced.vendorReference()).orElseThrow().restriction()).isNull();
    }

    @Test
    void a_schedule_with_holidays_is_enforced_exactly_through_the_icalendars_exdates() {
        started.driver().discover();
        Schedule weekdays = HostSchedules.weekdays(OSLO, LocalDate.of(2026, 3, 2));
        // As the host writes it: the holiday's occurrence excluded from the weekly rule.
        String ics = weekdays.iCalendar().replace("END:VEVENT", "EXDATE;TZID=Europe/Oslo:20260514T080000\r\nEND:VEVENT");
        Schedule schedule = new Schedule(OSLO, weekdays.windows(), ics, java.util.List.of(LocalDate.of(2026, 5, 14)), java.util.List.of());
        assertThat(started.driver().fit(TapkeyFixture.DOOR_LOCK, schedule)).isEqualTo(ScheduleFit.exact(schedule));

        SyncedGrant synced = started.driver().push(snapshot(TapkeyFixture.DOOR_LOCK, ADA, MARCH, null, schedule, null));
        var restriction = tapkey.simulator.world().grant(synced.vendorReference()).orElseThrow().restriction();
        assertThat(restriction.allows(java.time.ZonedDateTime.of(2026, 5, 13, 10, 0, 0, 0, OSLO).toInstant())).isTrue();
        assertThat(restriction.allows(java.time.ZonedDateTime.of(2026, 5, 14, 10, 0, 0, 0, OSLO).toInstant())).as("the holiday").isFalse();
        assertThat(restriction.allows(java.time.ZonedDateTime.of(2026, 5, 15, 10, 0, 0, 0, OSLO).toInstant())).isTrue();
    }

    @Test
    void a_person_without_email_is_refused_with_a_sentence() {
        Grantee.Person noEmail = new Grantee.Person("person-c", "Charles Babbage", null, "+4790000000");
        assertThatThrownBy(() -> started.driver().push(snapshot(TapkeyFixture.DOOR_LOCK, noEmail, MARCH, null, null, null)))
                .isInstanceOf(VendorRefusedException.class)
                .hasMessageContaining("Tapkey needs an email address for Charles Babbage");
        assertThat(tapkey.simulator.count("PUT", "/")).isZero();
    }

    @Test
    void a_card_grant_goes_to_the_bound_card_with_that_serial_and_an_unknown_card_is_refused() {
        Grantee.Card card = new Grantee.Card("card-7", "04a1b2c3", "MIFARE_DESFIRE");
        SyncedGrant synced = started.driver().push(snapshot(TapkeyFixture.DOOR_LOCK, card, MARCH, null, null, null));
        assertThat(tapkey.simulator.world().grant(synced.vendorReference()).orElseThrow().boundCardId()).isEqualTo(tapkey.cardId);
        assertThat(tapkey.simulator.world().cardUnlock(TapkeyFixture.DOOR, TapkeyFixture.CARD_LABEL, MARCH.plusSeconds(60)).opened())
                .isTrue();

        assertThatThrownBy(() -> started.driver().push(new GrantSnapshot("grant-9", TapkeyFixture.DOOR_LOCK,
                new Grantee.Card("card-9", "DEADBEEF", null), MARCH, null, null, Set.of(Permission.UNLOCK), null)))
                .isInstanceOf(VendorRefusedException.class).hasMessageContaining("no bound card with serial DEADBEEF");
    }

    @Test
    void a_revocation_is_followed_from_requested_to_the_vendor_to_the_lock() {
        Instant end = MARCH.plus(Duration.ofDays(30));
        SyncedGrant synced = started.driver().push(snapshot(TapkeyFixture.DOOR_LOCK, ADA, MARCH, end, null, null));
        tapkey.simulator.world().revocationDelay(Duration.ofMinutes(5));
        GrantWithdrawal withdrawal = new GrantWithdrawal("grant-1", TapkeyFixture.DOOR_LOCK, ADA, synced.vendorReference());
        started.driver().withdraw(withdrawal);

        RevocationProgress requested = started.driver().progress(withdrawal);
        assertThat(requested.stage()).isEqualTo(Stage.REQUESTED);
        assertThat(requested.exposedUntil()).isEqualTo(end);

        started.context().clock().advance(Duration.ofMinutes(6));
        RevocationProgress atVendor = started.driver().progress(withdrawal);
        assertThat(atVendor.stage()).isEqualTo(Stage.REVOKED_AT_VENDOR);
        assertThat(atVendor.exposedUntil()).isEqualTo(end);
        assertThat(atVendor.detail()).isEqualTo("Revocation list 1 issued; the lock last saw list 0.");

        tapkey.simulator.world().syncRevocationList(TapkeyFixture.DOOR);
        assertThat(started.driver().progress(withdrawal).stage()).isEqualTo(Stage.REACHED_LOCK);
        started.driver().withdraw(withdrawal); // already revoked: nothing to do, no error
    }

    @Test
    void a_revoke_refused_with_405_is_sent_once_with_the_other_verb() {
        tapkey.simulator.revokeVerbs("PUT");
        SyncedGrant synced = started.driver().push(snapshot(TapkeyFixture.DOOR_LOCK, ADA, MARCH, null, null, null));
        started.driver().withdraw(new GrantWithdrawal("grant-1", TapkeyFixture.DOOR_LOCK, ADA, synced.vendorReference()));

        assertThat(tapkey.simulator.world().grant(synced.vendorReference()).orElseThrow().active()).isFalse();
        assertThat(tapkey.simulator.requests()).filteredOn(r -> r.toLowerCase().contains("/revoke"))
                .extracting(r -> r.substring(0, r.indexOf(' '))).containsExactly("POST", "PUT");
    }

    @Test
    void a_plan_limit_is_a_refusal_not_a_retry() {
        tapkey.simulator.world().contactLimit(0);
        assertThatThrownBy(() -> started.driver().push(snapshot(TapkeyFixture.DOOR_LOCK, ADA, MARCH, null, null, null)))
                .isInstanceOf(VendorRefusedException.class).hasMessageContaining("HTTP 402");
        assertThat(tapkey.simulator.count("PUT", "/contacts")).isEqualTo(1);
    }
}
