package dev.portier.web.dashboard;

import dev.portier.web.ui.Routes;
import com.google.inject.Inject;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.accounts.Account;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.grants.GrantFilter;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.GrantStatus;
import dev.portier.drivers.connections.ConnectionCertificates;
import dev.portier.drivers.sync.GrantSyncs;
import dev.portier.domain.locks.LockFilter;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.SiteService;
import dev.portier.platform.time.Times;
import java.time.Clock;
import java.time.ZoneId;

/**
 * Where a signed-in user lands: which account they are in, as what, how much it holds; until the first grant the
 * steps to it, then what needs attention; grants a vendor refused, today's reservations and the latest door events.
 */
@Route(Routes.DASHBOARD)
@PageTitle("Dashboard · Portier")
public final class DashboardView extends VerticalLayout {

    private static final GrantFilter ACTIVE_GRANTS = new GrantFilter(null, null, null, null, null, GrantStatus.ACTIVE);

    @Inject
    DashboardView(AccountService accounts, Authorization authorization, SiteService sites, LockService locks,
            PersonService people, CardService cards, GrantService grants, GrantSyncs syncs, ConnectionCertificates certificates,
            Clock clock, dev.portier.platform.webhooks.WebhookEndpoints webhooks,
            dev.portier.drivers.connections.ConnectionService connections, dev.portier.drivers.connections.LockHealthReports health,
            dev.portier.domain.events.EventList events, dev.portier.domain.reservations.ReservationService reservations) {
        SignedInUser user = CurrentUser.require();
        Account account = accounts.current(user);
        Role role = authorization.require(user, Role.VIEWER);
        ZoneId zone = ZoneId.of(account.timeZone());

        H2 title = new H2("Welcome, " + user.displayName());
        Paragraph where = new Paragraph("You are " + role.label().toLowerCase() + " of " + account.name()
                + ". Times are shown in " + account.timeZone() + ".");

        HorizontalLayout counts = new HorizontalLayout(
                new CountTile("Sites", sites.count(user, null), Routes.SITES, VaadinIcon.BUILDING),
                new CountTile("Locks", locks.count(user, LockFilter.NONE), Routes.LOCKS, VaadinIcon.LOCK),
                new CountTile("People", people.count(user, null), Routes.PEOPLE, VaadinIcon.USER),
                new CountTile("Cards", cards.count(user, null), Routes.CARDS, VaadinIcon.CREDIT_CARD),
                new CountTile("Active grants", grants.count(user, ACTIVE_GRANTS), Routes.GRANTS, VaadinIcon.KEY_O));
        counts.setWrap(true);

        add(title, where, counts);
        int grantCount = grants.count(user, GrantFilter.NONE);
        if (grantCount == 0) {
            add(new SetupChecklist(connections.count(user), sites.count(user, null), locks.count(user, LockFilter.NONE),
                    people.count(user, null), grantCount));
        } else {
            add(new Attention(user, locks, health, syncs, events, grants, clock.instant(), zone));
        }
        add(new ExpiringCertificates(certificates, user, clock.instant(), zone), new FailedSyncs(syncs, grants, user),
                new WebhookTrouble(webhooks.troubled(user.accountId()), zone),
                Routes.link("Explain who may open which lock, and why", Routes.EXPLAIN),
                new TodaysReservations(reservations, user, clock.instant(), zone),
                new H3("At the doors"), new DoorFeed(events, user, zone), Routes.link("All events", Routes.EVENTS),
                Routes.link("The audit log: what administrators did", Routes.AUDIT));
    }
}
