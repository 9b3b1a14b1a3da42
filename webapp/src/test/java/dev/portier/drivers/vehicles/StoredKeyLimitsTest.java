package dev.portier.drivers.vehicles;

import static dev.portier.testing.ReservationFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.access.bulk.BulkChange;
import dev.portier.access.bulk.BulkChanges;
import dev.portier.access.whatif.WhatIfDiff;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.people.Person;
import dev.portier.domain.reservations.ReservationService;
import dev.portier.testing.ReservationFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The what-if names the stored-key limit of a vehicle whose driver keeps keys (four per GO device, as Geotab's). */
class StoredKeyLimitsTest {

    static final Instant NOW = Instant.parse("2030-03-04T08:00:00Z");

    @TempDir
    Path dir;
    ReservationFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ReservationFixture(dir, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void moreGainingAVehicleThanItHasFreeKeysIsWarnedAboutADoorIsNot() {
        Lock van = fixture.storedVehicle("Van 1", "G9ABCDEF0001");
        Lock door = fixture.door("Depot door");
        Person booker = fixture.person("Bo Booker");
        ReservationService reservations = fixture.services.get(ReservationService.class);
        reservations.create(fixture.owner, draft(van, booker, List.of(), NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(2))));
        reservations.create(fixture.owner, draft(van, booker, List.of(), NOW.plus(Duration.ofHours(3)), NOW.plus(Duration.ofHours(4))));
        List<String> people = List.of(fixture.person("Ada").id(), fixture.person("Ben").id(), fixture.person("Cy").id());
        BulkChanges bulk = fixture.services.get(BulkChanges.class);

        WhatIfDiff vehicle = bulk.preview(fixture.owner, BulkChange.grant(people, List.of(), van.id(), null,
                EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED));
        WhatIfDiff doorOnly = bulk.preview(fixture.owner, BulkChange.grant(people, List.of(), door.id(), null,
                EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED));
        WhatIfDiff two = bulk.preview(fixture.owner, BulkChange.grant(people.subList(0, 2), List.of(), van.id(), null,
                EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED));

        assertThat(vehicle.gained()).hasSize(3);
        assertThat(vehicle.warnings()).containsExactly("'Van 1' stores at most 4 keys at its vendor (2 in use now): 3 people or "
                + "cards gain it, so 1 of them cannot hold a stored key at the same time and rely on its online check-in.");
        assertThat(doorOnly.gained()).hasSize(3);
        assertThat(doorOnly.warnings()).as("no vendor keeps keys for the door").isEmpty();
        assertThat(two.warnings()).as("two fit in the two free keys").isEmpty();
    }
}
