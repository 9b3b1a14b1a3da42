package dev.portier.web.grants;

import dev.portier.web.ui.Routes;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantFilter;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.GrantStatus;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.grants.WeeklySchedule;
import dev.portier.drivers.sync.GrantSyncs;
import dev.portier.drivers.sync.ScheduleFits;
import com.google.inject.Inject;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteService;
import dev.portier.web.ui.EntityDialogs;
import dev.portier.web.csv.CsvActions;
import dev.portier.web.csv.CsvKind;
import dev.portier.web.ui.ListPages;
import dev.portier.web.ui.Paging;
import dev.portier.web.ui.Pickers;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/** Every grant of the account, revoked and expired ones included; {@code /grants/{id}} opens one. */
@Route(GrantsView.ROUTE)
@PageTitle("Grants · Portier")
public final class GrantsView extends VerticalLayout implements HasUrlParameter<String> {

    public static final String ROUTE = Routes.GRANTS;
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private final SignedInUser me = CurrentUser.require();
    private final TextField search = ListPages.search("Person, card, lock or site");
    private final Select<GrantStatus> status = ListPages.filter("Status", GrantStatus.values(), GrantStatus::label, "Any status");
    private final ComboBox<Person> person;
    private final ComboBox<Card> card;
    private final ComboBox<Lock> lock;
    private final ComboBox<Site> site;
    private final Grid<Grant> grid = ListPages.grid();
    private final EntityDialogs<Grant> dialogs;

    @Inject
    GrantsView(GrantService grants, GrantSyncs syncs, PersonService people, CardService cards, LockService locks,
            SiteService sites, AccountService accounts, Authorization authorization, Clock clock, ScheduleFits fits,
            dev.portier.access.whatif.WhatIfs whatIfs) {
        boolean canEdit = authorization.require(me, Role.VIEWER).includes(Role.MANAGER);
        ZoneId zone = ZoneId.of(accounts.current(me).timeZone());
        GrantContext context = new GrantContext(people, cards, locks, sites, me, zone);
        GrantDialogs grantDialogs = new GrantDialogs(grants, syncs, fits, context, clock, canEdit, this::refresh);
        grantDialogs.previewWith(whatIfs);
        dialogs = new EntityDialogs<>(GrantsView.class, id -> grants.get(me, id),
                grant -> grant == null ? grantDialogs.create() : grantDialogs.open(grant),
                canEdit ? null : "Adding a grant needs the Manager role");
        person = Pickers.people(people, me, "Person");
        card = Pickers.cards(cards, me, "Card");
        lock = Pickers.locks(locks, me, "Lock");
        site = Pickers.sites(sites, me, "Site");
        setSizeFull();

        grid.addComponentColumn(g -> statusBadge(g.status(clock.instant()))).setHeader("Status").setAutoWidth(true);
        grid.addColumn(Grant::subjectLabel).setHeader("Subject").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(Grant::targetLabel).setHeader("Target").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(g -> window(g, zone)).setHeader("Valid").setAutoWidth(true);
        grid.addColumn(GrantsView::schedule).setHeader("Schedule").setFlexGrow(2).setTooltipGenerator(GrantsView::schedule);
        grid.addColumn(g -> g.permissions().stream().map(Permission::label).collect(Collectors.joining(", ")))
                .setHeader("Permissions").setAutoWidth(true);
        grid.setItems(q -> grants.list(me, filter(), Paging.of(q)).stream(), q -> grants.count(me, filter()));
        grid.addItemClickListener(e -> navigate(e.getItem().id()));
        search.addValueChangeListener(e -> refresh());
        status.addValueChangeListener(e -> refresh());
        person.addValueChangeListener(e -> refresh());
        card.addValueChangeListener(e -> refresh());
        lock.addValueChangeListener(e -> refresh());
        site.addValueChangeListener(e -> refresh());

        add(ListPages.header("Grants", new CsvActions(CsvKind.GRANTS, grid.getDataProvider()::refreshAll),
                        canEdit ? ListPages.addButton("Add grant", () -> navigate(EntityDialogs.NEW)) : null),
                ListPages.filters(search, status, person, card, lock, site), grid);
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String id) {
        dialogs.show(event, id);
    }

    private GrantFilter filter() {
        return new GrantFilter(search.getValue(), person.getValue() == null ? null : person.getValue().id(),
                card.getValue() == null ? null : card.getValue().id(), lock.getValue() == null ? null : lock.getValue().id(),
                site.getValue() == null ? null : site.getValue().id(), status.getValue());
    }

    private static String window(Grant grant, ZoneId zone) {
        if (grant.validFrom() == null && grant.validUntil() == null) {
            return "Always";
        }
        return (grant.validFrom() == null ? "…" : MINUTES.format(grant.validFrom().atZone(zone))) + " – "
                + (grant.validUntil() == null ? "…" : MINUTES.format(grant.validUntil().atZone(zone)));
    }

    private static String schedule(Grant grant) {
        return grant.scheduleIfAny().map(WeeklySchedule::format).orElse("Any time");
    }

    static Badge statusBadge(GrantStatus status) {
        Badge badge = new Badge(status.label());
        badge.addThemeVariants(switch (status) {
            case ACTIVE -> BadgeVariant.SUCCESS;
            case NOT_YET_VALID -> BadgeVariant.WARNING;
            case EXPIRED -> BadgeVariant.CONTRAST;
            case REVOKED -> BadgeVariant.ERROR;
        });
        return badge;
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
    }

    private void navigate(String id) {
        UI.getCurrent().navigate(GrantsView.class, id);
    }
}
