package dev.portier.plugin.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portier.plugin.api.Capability;
import dev.portier.plugin.api.EventPulling;
import dev.portier.plugin.api.GrantSync;
import dev.portier.plugin.api.KeyIssuing;
import dev.portier.plugin.api.KeyIssuing.IssuedKey;
import dev.portier.plugin.api.KeyIssuing.KeyRequest;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockEnrolment;
import dev.portier.plugin.api.LockEnrolment.EnrolmentResult;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.RemoteCommands;
import dev.portier.plugin.api.RemoteCommands.CommandResult;
import dev.portier.plugin.api.RemoteCommands.LockCommand;
import dev.portier.plugin.api.ReservationSync;
import dev.portier.plugin.api.RevocationPublishing;
import dev.portier.plugin.api.RevocationPublishing.RevokedKey;
import dev.portier.plugin.api.RevocationPublishing.SignedRevocationList;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The idempotence promises of the capability interfaces, as far as the kit can observe them. Each
 * test runs only when the factory declares the capability (otherwise it is skipped). The driver runs
 * with {@link #validConfiguration()} against the test's simulator. Extend {@link LockDriverContract}.
 */
public abstract class IdempotenceContract extends DriverContractSupport {

    /** The key request issued twice by the KEY_ISSUING contract; override when the driver needs more. */
    protected KeyRequest keyRequest() {
        return new KeyRequest("key-1", lock(), new TestSigner().publicKey("holder-device"), null,
                TestDriverContext.START, TestDriverContext.START.plus(Duration.ofDays(30)), null, Set.of("UNLOCK"),
                TestDriverContext.START);
    }

    /** The command sent twice by the REMOTE_COMMANDS contract. */
    protected LockCommand command() {
        return new LockCommand("command-1", RemoteCommands.CommandType.UNLOCK, Map.of());
    }

    /** What the ENROLMENT contract enrols with (e.g. a provisioning code the simulator accepts). */
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
        assumeTrue(factory().capabilities().contains(capability), "the driver does not declare " + capability);
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
        assertThatCode(() -> ((KeyIssuing) driver).withdraw("never-issued")).doesNotThrowAnyException();
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
    void pulling_the_same_events_twice_answers_the_same_entries() {
        LockDriver driver = driverWith(Capability.EVENT_PULLING);
        Set<LockEvent> first = new HashSet<>(((EventPulling) driver).pull(lock(), 0));
        Set<LockEvent> second = new HashSet<>(((EventPulling) driver).pull(lock(), 0));

        assertThat(second).isEqualTo(first);
        assertThat(first).allSatisfy(event -> assertThat(event.lockId()).isEqualTo(lock().lockId()));
    }

    @Test
    void enrolling_a_lock_twice_answers_its_existing_material() {
        LockDriver driver = driverWith(Capability.ENROLMENT);
        LockEnrolment.EnrolmentRequest request = new LockEnrolment.EnrolmentRequest(lock(), enrolmentInputs());
        EnrolmentResult first = ((LockEnrolment) driver).enrol(request);
        EnrolmentResult second = ((LockEnrolment) driver).enrol(request);

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
    void withdrawing_an_unknown_grant_does_nothing() {
        LockDriver driver = driverWith(Capability.GRANT_SYNC);
        assertThatCode(() -> ((GrantSync) driver).withdraw("never-pushed")).doesNotThrowAnyException();
    }

    @Test
    void cancelling_an_unknown_reservation_does_nothing() {
        LockDriver driver = driverWith(Capability.RESERVATIONS);
        assertThatCode(() -> ((ReservationSync) driver).cancel(lock(), "never-stored")).doesNotThrowAnyException();
    }
}
