package dev.portier.reservations;

import dev.portier.accounts.Role;
import dev.portier.cards.Card;
import dev.portier.cards.CardDraft;
import dev.portier.cards.CardService;
import dev.portier.cards.CardState;
import dev.portier.cards.CardType;
import dev.portier.connections.Connection;
import dev.portier.connections.ConnectionDraft;
import dev.portier.connections.ConnectionService;
import dev.portier.connections.ConnectionsModule;
import dev.portier.http.OutboundHttpModule;
import dev.portier.locks.Lock;
import dev.portier.locks.LockDraft;
import dev.portier.locks.LockKind;
import dev.portier.locks.LockService;
import dev.portier.locks.LockState;
import dev.portier.people.Person;
import dev.portier.people.PersonDraft;
import dev.portier.people.PersonService;
import dev.portier.plugins.PluginsModule;
import dev.portier.security.SignedInUser;
import dev.portier.server.PortierConfig;
import dev.portier.sites.Site;
import dev.portier.sites.SiteDraft;
import dev.portier.sites.SiteService;
import dev.portier.testing.KeylessTestPlugin;
import dev.portier.testing.TestServices;
import dev.portier.users.UserService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Services with the keyless test plugin, an owner, a site, a viewer and a connection that stores keys. */
final class ReservationFixture implements AutoCloseable {

    final TestServices services;
    final SignedInUser owner;
    final SignedInUser viewer;
    final Site site;
    final Connection keyless;

    ReservationFixture(Path dir, Clock clock) throws IOException {
        KeylessTestPlugin.install(dir);
        services = new TestServices(PortierConfig.forDataDir(dir), clock, new OutboundHttpModule(), new PluginsModule(),
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
    Lock storedVehicle(String name, String serial) {
        return services.get(LockService.class).create(owner, new LockDraft(site.id(), name, LockKind.VEHICLE, null, serial,
                LockState.ACTIVE, keyless.id()));
    }

    /** A vehicle no driver manages (reservations stay in Portier). */
    Lock localVehicle(String name) {
        return services.get(LockService.class).create(owner, new LockDraft(site.id(), name, LockKind.VEHICLE, null, null,
                LockState.ACTIVE));
    }

    Lock door(String name) {
        return services.get(LockService.class).create(owner, new LockDraft(site.id(), name, LockKind.DOOR, null, null,
                LockState.ACTIVE));
    }

    Person person(String name) {
        return services.get(PersonService.class).create(owner, new PersonDraft(name,
                name.toLowerCase().replace(' ', '.') + "@example.com", null, null));
    }

    Card card(String serial, String personId) {
        return services.get(CardService.class).create(owner, new CardDraft(CardType.GEOTAB_TAPCARD, serial, personId, null,
                CardState.ACTIVE));
    }

    static ReservationDraft draft(Lock vehicle, Person person, List<Card> cards, Instant begin, Instant end) {
        return new ReservationDraft(vehicle.id(), person.id(), cards.stream().map(Card::id).toList(), begin, end,
                ReservationTerms.DEFAULT_PERMISSIONS, java.util.Set.of("ResetAtEndOfBooking"), java.util.Set.of("IgnitionOff"));
    }

    @Override
    public void close() {
        services.close();
    }
}
