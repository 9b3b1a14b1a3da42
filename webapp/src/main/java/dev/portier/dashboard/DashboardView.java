package dev.portier.dashboard;

import com.google.inject.Inject;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import dev.portier.access.ExplainView;
import dev.portier.accounts.Account;
import dev.portier.accounts.AccountService;
import dev.portier.accounts.Role;
import dev.portier.audit.AuditEntry;
import dev.portier.audit.AuditFilter;
import dev.portier.audit.AuditLog;
import dev.portier.audit.AuditView;
import dev.portier.cards.CardService;
import dev.portier.cards.CardsView;
import dev.portier.grants.GrantFilter;
import dev.portier.grants.GrantService;
import dev.portier.grants.GrantStatus;
import dev.portier.grants.GrantsView;
import dev.portier.locks.LockFilter;
import dev.portier.locks.LockService;
import dev.portier.locks.LocksView;
import dev.portier.people.PeopleView;
import dev.portier.people.PersonService;
import dev.portier.security.Authorization;
import dev.portier.security.CurrentUser;
import dev.portier.security.SignedInUser;
import dev.portier.sites.SiteService;
import dev.portier.sites.SitesView;
import dev.portier.ui.MainLayout;
import dev.portier.ui.Times;
import java.time.ZoneId;

/** Where a signed-in user lands: which account they are in, as what, how much it holds, and what happened lately. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Dashboard · Portier")
public final class DashboardView extends VerticalLayout {

    private static final GrantFilter ACTIVE_GRANTS = new GrantFilter(null, null, null, null, null, GrantStatus.ACTIVE);

    @Inject
    DashboardView(AccountService accounts, Authorization authorization, AuditLog audit, SiteService sites, LockService locks,
            PersonService people, CardService cards, GrantService grants) {
        SignedInUser user = CurrentUser.require();
        Account account = accounts.current(user);
        Role role = authorization.require(user, Role.VIEWER);
        ZoneId zone = ZoneId.of(account.timeZone());

        H2 title = new H2("Welcome, " + user.displayName());
        Paragraph where = new Paragraph("You are " + role.label().toLowerCase() + " of " + account.name()
                + ". Times are shown in " + account.timeZone() + ".");

        HorizontalLayout counts = new HorizontalLayout(
                new CountTile("Sites", sites.count(user, null), SitesView.class, VaadinIcon.BUILDING),
                new CountTile("Locks", locks.count(user, LockFilter.NONE), LocksView.class, VaadinIcon.LOCK),
                new CountTile("People", people.count(user, null), PeopleView.class, VaadinIcon.USER),
                new CountTile("Cards", cards.count(user, null), CardsView.class, VaadinIcon.CREDIT_CARD),
                new CountTile("Active grants", grants.count(user, ACTIVE_GRANTS), GrantsView.class, VaadinIcon.KEY_O));
        counts.setWrap(true);

        Grid<AuditEntry> recent = new Grid<>();
        recent.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        recent.addColumn(e -> Times.format(e.occurredAt(), zone)).setHeader("When").setAutoWidth(true);
        recent.addColumn(AuditEntry::actor).setHeader("Who").setAutoWidth(true);
        recent.addColumn(e -> e.action().label()).setHeader("What").setAutoWidth(true);
        recent.addColumn(AuditEntry::target).setHeader("Target").setFlexGrow(1);
        recent.setItems(audit.page(account.id(), AuditFilter.NONE, 0, 10));
        recent.setAllRowsVisible(true);

        add(title, where, counts, new RouterLink("Explain who may open which lock, and why", ExplainView.class),
                new H3("Recent activity"), recent, new RouterLink("See the whole audit log", AuditView.class));
    }
}
