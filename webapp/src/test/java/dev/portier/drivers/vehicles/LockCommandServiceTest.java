package dev.portier.drivers.vehicles;

import dev.portier.domain.reservations.ReservationService;
import dev.portier.domain.reservations.Reservation;
import dev.portier.testing.ReservationFixture;
import dev.portier.domain.reservations.ReservationState;
import dev.portier.domain.reservations.SentCommand;
import static dev.portier.testing.ReservationFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.identity.accounts.AccountService;
import dev.portier.platform.db.PageRequest;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.people.Person;
import dev.portier.plugin.api.RemoteCommands.CommandStatus;
import dev.portier.plugin.api.RemoteCommands.CommandType;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands through the keyless test driver: kept with their answers, under the running booking's key. */
class LockCommandServiceTest {

    static final Instant NOW = Instant.parse("2030-03-04T08:00:00Z");

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(NOW);
    ReservationFixture fixture;
    LockCommandService commands;
    ReservationService reservations;
    Lock van;
    Person pia;

    @BeforeEach
    void start() throws Exception {
        fixture = new ReservationFixture(dir, clock);
        commands = fixture.services.get(LockCommandService.class);
        reservations = fixture.services.get(ReservationService.class);
        van = fixture.storedVehicle("Van 1", "G9A720FBE29A");
        pia = fixture.person("Pia Hansen");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void withoutABookingACommandCarriesNoKeyAndCheckInIsRefused() {
        SentCommand unlock = commands.send(fixture.owner, van.id(), CommandType.UNLOCK);
        assertThat(unlock.status()).isEqualTo(CommandStatus.COMPLETED);
        assertThat(unlock.options()).isEmpty();
        assertThat(unlock.reservationId()).isNull();
        assertThat(unlock.vendorReference()).isEqualTo("cmd-" + unlock.id());
        assertThat(unlock.requestedBy()).isEqualTo(fixture.owner.email());

        // Issue #15 item 4: without a booking's key a check-in is refused before it is sent, never recorded as sent.
        assertThatThrownBy(() -> commands.send(fixture.owner, van.id(), CommandType.CHECK_IN))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.field()).isEqualTo("type");
                    assertThat(e.getMessage()).contains("needs a running booking stored at the vendor");
                });
        assertThatThrownBy(() -> commands.send(fixture.owner, van.id(), CommandType.CHECK_OUT)).isInstanceOf(ConflictException.class);

        SentCommand locate = commands.send(fixture.owner, van.id(), CommandType.LOCATE);
        assertThat(locate.status()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(commands.list(fixture.owner, van.id(), PageRequest.first(10))).extracting(SentCommand::type)
                .containsExactly(CommandType.LOCATE, CommandType.UNLOCK);
        assertThat(commands.count(fixture.viewer, van.id())).isEqualTo(2);
    }

    @Test
    void duringABookingCommandsCarryItsKeyAndCheckInAndCheckOutMoveIt() {
        Reservation booking = reservations.create(fixture.owner, draft(van, pia, List.of(), NOW.plusSeconds(60),
                NOW.plus(Duration.ofHours(2))));
        assertThat(commands.send(fixture.owner, van.id(), CommandType.LOCK).options()).as("not begun yet").isEmpty();

        clock.advance(Duration.ofMinutes(5));
        SentCommand checkIn = commands.send(fixture.owner, van.id(), CommandType.CHECK_IN);
        assertThat(checkIn.status()).isEqualTo(CommandStatus.COMPLETED);
        assertThat(checkIn.options()).isEqualTo(Map.of(LockCommandService.VIRTUAL_KEY_ID, booking.vendorKeyId()));
        assertThat(checkIn.reservationId()).isEqualTo(booking.id());
        assertThat(reservations.get(fixture.owner, booking.id()).state()).isEqualTo(ReservationState.CHECKED_IN);

        assertThat(commands.send(fixture.owner, van.id(), CommandType.CHECK_OUT).status()).isEqualTo(CommandStatus.COMPLETED);
        assertThat(reservations.get(fixture.owner, booking.id()).state()).isEqualTo(ReservationState.COMPLETED);
    }

    @Test
    void onlyManagersSendAndOnlyToTheirAccountsLocksWithADriverThatTakesCommands() {
        assertThatThrownBy(() -> commands.send(fixture.viewer, van.id(), CommandType.UNLOCK)).isInstanceOf(ForbiddenException.class);
        assertThat(commands.count(fixture.owner, van.id())).isZero();

        SignedInUser beta = fixture.services.get(AccountService.class).create(fixture.owner, "Beta", "UTC");
        assertThatThrownBy(() -> commands.send(beta, van.id(), CommandType.UNLOCK)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> commands.list(beta, van.id(), PageRequest.first(10))).isInstanceOf(NotFoundException.class);

        Lock local = fixture.localVehicle("Van 2");
        assertThatThrownBy(() -> commands.send(fixture.owner, local.id(), CommandType.UNLOCK))
                .isInstanceOf(ConflictException.class).hasMessageContaining("Van 2 takes no commands");
        assertThat(commands.takesCommands(fixture.viewer, van.id())).isTrue();
        assertThat(commands.takesCommands(fixture.viewer, local.id())).isFalse();
    }
}
