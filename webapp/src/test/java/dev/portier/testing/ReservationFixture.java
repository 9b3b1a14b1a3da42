package dev.portier.testing;

import dev.portier.drivers.vehicles.VehiclesModule;
import dev.portier.domain.reservations.ReservationDraft;
import dev.portier.domain.reservations.ReservationTerms;
import dev.portier.identity.accounts.Role;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.drivers.connections.ConnectionsModule;
import dev.portier.platform.http.OutboundHttpModule;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.drivers.plugins.PluginsModule;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.config.PortierConfig;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.testing.KeylessTestPlugin;
import dev.portier.testing.TestServices;
import dev.portier.identity.users.UserService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Services with the keyless test plugin, an owner, a site, a viewer and a connection that stores keys. */
public final class ReservationFixture implements AutoCloseable {

    public final TestServices services;
    public final SignedInUser owner;
    public final SignedInUser viewer;
    public final Site site;
    public final Connection keyless;

    public ReservationFixture(Path dir, Clock clock) throws IOException {
        KeylessTestPlugin.install(dir);
        services = new TestServices(PortierConfig.forDataDir(dir), clock, new OutboundHttpModule(), new PluginsModule(), new VehiclesModule(),
                new ConnectionsModule());
        owner = services.setUpOwner();
        services.get(UserService.class).addMember(owner, new UserService.NewMember("viewer@example.com", "Vic Viewer",
                Role.VIEWER, "viewer password 1"));
        var member = services.get(UserService.class).members(owner).stream().filter(m -> m.role() == Role.VIEWER).findFirst()
                .orElseThrow();
        viewer = new SignedInUser(member.userId(), member.email(), member.displayName(), owner.accountId());
        site = services.get(SiteService.class).create(owner, new SiteDraft("Depot", null, "Europe/Oslo"));
        keyless = services.get(ConnectionService.class).create(owner, new ConnectionDraft("Keyless", KeylessTestPlugin.DRIVER_ID,
                Map.of()));
    }

    /** A vehicle of the keyless connection (stored keys) with GO serial {@code serial}. */
    public Lock storedVehicle(String name, String serial) {
        return services.get(LockService.class).create(owner, new LockDraft(site.id(), name, LockKind.VEHICLE, null, serial,
                LockState.ACTIVE, keyless.id()));
    }

    /** A vehicle no driver manages (reservations stay in Portier). */
    public Lock localVehicle(String name) {
        return services.get(LockService.class).create(owner, new LockDraft(site.id(), name, LockKind.VEHICLE, null, null,
                LockState.ACTIVE));
    }

    public Lock door(String name) {
        return services.get(LockService.class).create(owner, new LockDraft(site.id(), name, LockKind.DOOR, null, null,
                LockState.ACTIVE));
    }

    public Person person(String name) {
        return services.get(PersonService.class).create(owner, new PersonDraft(name,
                name.toLowerCase().replace(' ', '.') + "@example.com", null, null));
    }

    public Card card(String serial, String personId) {
        return services.get(CardService.class).create(owner, new CardDraft(CardType.GEOTAB_TAPCARD, serial, personId, null,
                CardState.ACTIVE));
    }

    public static ReservationDraft draft(Lock vehicle, Person person, List<Card> cards, Instant begin, Instant end) {
        return new ReservationDraft(vehicle.id(), person.id(), cards.stream().map(Card::id).toList(), begin, end,
                ReservationTerms.DEFAULT_PERMISSIONS, java.util.Set.of("ResetAtEndOfBooking"), java.util.Set.of("IgnitionOff"));
    }

    @Override
    public void close() {
        services.close();
    }
}
