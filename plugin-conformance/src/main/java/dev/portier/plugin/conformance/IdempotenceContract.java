package dev.portier.plugin.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portier.plugin.api.Capability;
import dev.portier.plugin.api.EventPulling;
import dev.portier.plugin.api.EventPulling.PulledEvents;
import dev.portier.plugin.api.GrantSync;
import dev.portier.plugin.api.GrantSync.GrantSnapshot;
import dev.portier.plugin.api.GrantSync.GrantWithdrawal;
import dev.portier.plugin.api.GrantSync.RevocationProgress;
import dev.portier.plugin.api.GrantSync.ScheduleFit;
import dev.portier.plugin.api.GrantSync.SyncedGrant;
import dev.portier.plugin.api.Grantee;
import dev.portier.plugin.api.KeyHolder;
import dev.portier.plugin.api.KeyIssuing;
import dev.portier.plugin.api.KeyIssuing.IssuedKey;
import dev.portier.plugin.api.KeyIssuing.KeyRequest;
import dev.portier.plugin.api.KeyIssuing.KeyWithdrawal;
import dev.portier.plugin.api.LockDiscovery;
import dev.portier.plugin.api.LockDiscovery.DiscoveredLock;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockEnrolment;
import dev.portier.plugin.api.LockEnrolment.EnrolmentResult;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.Permission;
import dev.portier.plugin.api.PluginHttpEndpoints;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpRequest;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpResponse;
import dev.portier.plugin.api.RemoteCommands;
import dev.portier.plugin.api.RemoteCommands.CommandResult;
import dev.portier.plugin.api.RemoteCommands.LockCommand;
import dev.portier.plugin.api.ReservationSync;
import dev.portier.plugin.api.RevocationPublishing;
import dev.portier.plugin.api.RevocationPublishing.RevokedKey;
import dev.portier.plugin.api.RevocationPublishing.SignedRevocationList;
import dev.portier.plugin.api.Schedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * The idempotence promises of the capability interfaces, as far as the kit can observe them. Each
 * test runs only when the factory's {@code driverType()} implements the capability (otherwise it is
 * skipped). The driver runs with {@link #validConfiguration()} against the test's simulator. Extend
 * {@link LockDriverContract}.
 */
public abstract class IdempotenceContract extends DriverContractSupport {

    /** The key request issued twice by the KEY_ISSUING contract; override when the driver needs more. */
    protected KeyRequest keyRequest() {
        return new KeyRequest("key-1", lock(), new KeyHolder.Device("device-1", new TestSigner().publicKey("holder-device")),
                TestDriverContext.START, TestDriverContext.START.plus(Duration.ofDays(30)), null, Set.of(Permission.UNLOCK),
                TestDriverContext.START);
    }

    /** The command sent twice by the REMOTE_COMMANDS contract. */
    protected LockCommand command() {
        return new LockCommand("command-1", RemoteCommands.CommandType.UNLOCK, null);
    }

    /** The grant pushed twice by the GRANT_SYNC contract: a person with an email, always, to unlock. */
    protected GrantSnapshot grantSnapshot() {
        return new GrantSnapshot("grant-1", lock(), new Grantee.Person("person-1", "Ada Lovelace", "ada@example.com", null),
                TestDriverContext.START, null, null, Set.of(Permission.UNLOCK), null);
    }

    /**
     * The schedule the GRANT_SYNC contract asks {@code fit} about: Monday to Friday 08:00–17:00 in the
     * lock's zone, with the iCalendar text the host would compute (one VEVENT, weekly RRULE, TZID).
     */
    protected Schedule schedule() {
        ZoneId zone = ZoneId.of(lock().timeZone() == null ? "UTC" : lock().timeZone());
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Portier//Grant schedule//EN\r\n"
                + "BEGIN:VEVENT\r\nUID:conformance-1\r\nDTSTART;TZID=" + zone.getId() + ":20260105T080000\r\n"
                + "DURATION:PT9H0M\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        return new Schedule(zone, List.of(new Schedule.Window(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(8, 0), LocalTime.of(17, 0))), ics);
    }

    /** The most {@code GrantSync.fit} may take: it runs on a request thread. 250 ms by default. */
    protected Duration fitLimit() {
        return Duration.ofMillis(250);
    }

    /** What the ENROLMENT contract enrols with (e.g. a serial number and code the simulator accepts). */
    protected Map<String, String> enrolmentInputs() {
        return Map.of();
    }

    /**
     * How often the vendor (your simulator) executed {@code commandId}; empty when it cannot tell.
     * When present, the REMOTE_COMMANDS contract requires exactly one execution after two sends.
     */
    protected OptionalInt executions(String commandId) {
        return OptionalInt.empty();
    }

    private LockDriver driverWith(Capability capability) {
        assumeTrue(Capability.of(factory().driverType()).contains(capability), "the driver type does not implement " + capability);
        return start(newContext(validConfiguration()));
    }

    @Test
    void issuing_the_same_key_twice_answers_an_equivalent_key() {
        LockDriver driver = driverWith(Capability.KEY_ISSUING);
        KeyRequest request = keyRequest();
        IssuedKey first = ((KeyIssuing) driver).issue(request);
        IssuedKey second = ((KeyIssuing) driver).issue(request);

        assertThat(second.keyId()).isEqualTo(first.keyId()).isEqualTo(request.keyId());
        assertThat(second.format()).isEqualTo(first.format());
        assertThat(second.notBefore()).isEqualTo(first.notBefore());
        assertThat(second.notAfter()).isEqualTo(first.notAfter());
    }

    @Test
    void withdrawing_an_unknown_key_does_nothing() {
        LockDriver driver = driverWith(Capability.KEY_ISSUING);
        KeyWithdrawal unknown = new KeyWithdrawal("never-issued", lock(), TestDriverContext.START.plus(Duration.ofDays(1)));
        assertThatCode(() -> ((KeyIssuing) driver).withdraw(unknown)).doesNotThrowAnyException();
    }

    @Test
    void sending_the_same_command_twice_runs_it_once() {
        LockDriver driver = driverWith(Capability.REMOTE_COMMANDS);
        LockCommand command = command();
        CommandResult first = ((RemoteCommands) driver).send(lock(), command);
        CommandResult second = ((RemoteCommands) driver).send(lock(), command);

        assertThat(first.status()).as("first send: %s", first).isNotEqualTo(RemoteCommands.CommandStatus.FAILED);
        assertThat(second.status()).as("the repeated command answers like the first").isEqualTo(first.status());
        executions(command.commandId()).ifPresent(count ->
                assertThat(count).as("executions of %s at the vendor", command.commandId()).isEqualTo(1));
    }

    @Test
    void pulling_from_the_same_cursor_twice_answers_the_same_page() {
        LockDriver driver = driverWith(Capability.EVENT_PULLING);
        EventPulling pulling = (EventPulling) driver;
        PulledEvents first = pulling.pull(null);
        PulledEvents second = pulling.pull(null);

        assertThat(new HashSet<>(second.events())).isEqualTo(new HashSet<>(first.events()));
        assertThat(second.nextCursor()).isEqualTo(first.nextCursor());
        assertThat(pulling.pullInterval()).as("pullInterval()").isPositive();
        Set<String> lockIds = new HashSet<>();
        newContext(validConfiguration()).locks().all().forEach(lock -> lockIds.add(lock.lockId()));
        assertThat(first.events()).extracting(LockEvent::lockId).as("events name the connection's Portier lock ids")
                .allMatch(lockIds::contains);
        if (first.nextCursor() != null && !first.more()) {
            PulledEvents after = pulling.pull(first.nextCursor());
            assertThat(after.events()).as("events after the cursor of the last page").isEmpty();
        }
    }

    @Test
    void enrolling_a_lock_twice_answers_its_existing_material() {
        LockDriver driver = driverWith(Capability.ENROLMENT);
        LockEnrolment enrolment = (LockEnrolment) driver;
        assertThat(enrolment.enrolmentInputs()).as("enrolmentInputs()").isNotNull().isEqualTo(enrolment.enrolmentInputs());
        LockEnrolment.EnrolmentRequest request = new LockEnrolment.EnrolmentRequest(lock(), enrolmentInputs());
        EnrolmentResult first = enrolment.enrol(request);
        EnrolmentResult second = enrolment.enrol(request);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void publishing_the_same_revocations_twice_answers_the_same_list() {
        LockDriver driver = driverWith(Capability.REVOCATION_LISTS);
        List<RevokedKey> revoked = List.of(new RevokedKey("key-7", TestDriverContext.START.plus(Duration.ofDays(3))));
        SignedRevocationList first = ((RevocationPublishing) driver).publish(lock(), 3, TestDriverContext.START, revoked);
        SignedRevocationList second = ((RevocationPublishing) driver).publish(lock(), 3, TestDriverContext.START, revoked);

        assertThat(first.version()).isEqualTo(3);
        assertThat(second.version()).isEqualTo(3);
        assertThat(second.payload()).as("same revocations, same clock, same list").isEqualTo(first.payload());
    }

    @Test
    void pushing_the_same_grant_twice_answers_the_same_reference() {
        LockDriver driver = driverWith(Capability.GRANT_SYNC);
        GrantSnapshot snapshot = grantSnapshot();
        SyncedGrant first = ((GrantSync) driver).push(snapshot);
        SyncedGrant second = ((GrantSync) driver).push(snapshot);

        assertThat(second).as("a retried push of the same snapshot").isEqualTo(first);
    }

    @Test
    void withdrawing_an_unknown_grant_does_nothing() {
        LockDriver driver = driverWith(Capability.GRANT_SYNC);
        GrantWithdrawal unknown = new GrantWithdrawal("never-pushed", lock(), grantSnapshot().grantee(), null);
        assertThatCode(() -> ((GrantSync) driver).withdraw(unknown)).doesNotThrowAnyException();
    }

    @Test
    void fitting_a_schedule_answers_at_once_without_the_network() {
        LockDriver driver = driverWith(Capability.GRANT_SYNC);
        TestDriverContext context = lastContext();
        // A request made by fit would hang here, and the time limit would name the breach.
        context.http().stall();
        ThrowingSupplier<ScheduleFit> call = () -> {
            int before = context.http().sentFrom(Thread.currentThread());
            ScheduleFit fit = ((GrantSync) driver).fit(lock(), schedule());
            assertThat(context.http().sentFrom(Thread.currentThread())).as("requests sent by fit(...)").isEqualTo(before);
            return fit;
        };
        ScheduleFit fit = assertTimeoutPreemptively(fitLimit(), call,
                "fit(...) runs on a request thread: answer from what discover() and pushes taught the driver, never the network");
        assertThat(fit).as("fit(...)").isNotNull();
        if (fit.exact()) {
            assertThat(fit.enforced()).as("an exact fit enforces the schedule asked about").isEqualTo(schedule());
        } else {
            assertThat(fit.explanation()).as("why the lock enforces something else").isNotBlank();
        }
    }

    /**
     * A schedule with holidays (since 2.3.0): a driver may answer exact only when it keeps the holidays (the
     * default {@code fit} says the lock cannot observe them); the answer never widens silently.
     */
    @Test
    void fitting_a_schedule_with_holidays_keeps_them_or_says_so() {
        LockDriver driver = driverWith(Capability.GRANT_SYNC);
        Schedule plain = schedule();
        Schedule withHolidays = new Schedule(plain.zone(), plain.windows(), plain.iCalendar(),
                List.of(java.time.LocalDate.of(2026, 5, 14), java.time.LocalDate.of(2026, 5, 17)), List.of());
        ScheduleFit fit = ((GrantSync) driver).fit(lock(), withHolidays);
        assertThat(fit).as("fit(...) of a schedule with holidays").isNotNull();
        if (fit.exact()) {
            assertThat(fit.enforced().holidays()).as("an exact fit enforces the holidays too").isEqualTo(withHolidays.holidays());
        } else {
            assertThat(fit.explanation()).as("why the lock enforces something else").isNotBlank();
        }
    }

    @Test
    void the_progress_of_a_withdrawal_never_pushed_is_answered() {
        LockDriver driver = driverWith(Capability.GRANT_SYNC);
        GrantWithdrawal unknown = new GrantWithdrawal("never-pushed", lock(), grantSnapshot().grantee(), null);
        RevocationProgress progress = ((GrantSync) driver).progress(unknown);

        assertThat(progress).as("progress(...) of a withdrawal never pushed").isNotNull();
        assertThat(progress.stage()).isNotNull();
    }

    @Test
    void discovery_answers_locks_with_unique_vendor_references() {
        LockDriver driver = driverWith(Capability.LOCK_DISCOVERY);
        LockDiscovery discovery = (LockDiscovery) driver;
        List<DiscoveredLock> first = discovery.discover();
        List<DiscoveredLock> second = discovery.discover();

        assertThat(discovery.discoveryInterval()).as("discoveryInterval()").isPositive();
        assertThat(first).as("discover()").isNotNull().doesNotContainNull();
        Set<String> references = new HashSet<>();
        for (DiscoveredLock lock : first) {
            assertThat(references.add(lock.vendorReference())).as("vendor reference %s is unique", lock.vendorReference()).isTrue();
            assertThat(lock.name()).as("name of %s", lock.vendorReference()).isNotBlank();
        }
        assertThat(second).extracting(DiscoveredLock::vendorReference).as("a second discovery names the same locks")
                .containsExactlyInAnyOrderElementsOf(references);
    }

    @Test
    void cancelling_an_unknown_reservation_does_nothing() {
        LockDriver driver = driverWith(Capability.RESERVATIONS);
        assertThatCode(() -> ((ReservationSync) driver).cancel(lock(), "never-stored")).doesNotThrowAnyException();
    }

    @Test
    void an_endpoint_request_for_an_unknown_path_is_answered_not_thrown() {
        LockDriver driver = driverWith(Capability.HTTP_ENDPOINTS);
        PluginHttpRequest unknown = new PluginHttpRequest("GET", "/conformance-kit/no-such-path", Map.of(), Map.of(), new byte[0]);
        PluginHttpResponse response = ((PluginHttpEndpoints) driver).handle(unknown);

        assertThat(response).isNotNull();
        assertThat(response.status()).as("status for an unknown path without credentials").isBetween(400, 499);
    }
}
