package dev.portier.web.grants;

import dev.portier.web.ui.Routes;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantFilter;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.GroupGrant;
import dev.portier.domain.grants.GroupGrantService;
import dev.portier.domain.groups.GroupService;
import com.vaadin.flow.component.checkbox.Checkbox;
import java.util.List;
import dev.portier.domain.grants.GrantStatus;
import dev.portier.domain.grants.Permission;
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
import dev.portier.web.ui.ScheduleText;
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
    private final Grid<GroupGrant> groupGrid = new Grid<>();
    private final Checkbox withMembers = new Checkbox("Member grants of group grants");
    private final EntityDialogs<Object> dialogs;
    private transient GroupGrantService groupGrants;
    private final transient CardService cards;

    @Inject
    GrantsView(GrantService grants, GrantSyncs syncs, PersonService people, CardService cards, LockService locks,
            SiteService sites, AccountService accounts, Authorization authorization, Clock clock, ScheduleFits fits,
            GroupService groups, GroupGrantService groupGrants, dev.portier.access.whatif.WhatIfs whatIfs) {
        boolean canEdit = authorization.require(me, Role.VIEWER).includes(Role.MANAGER);
        this.cards = cards;
        ZoneId zone = ZoneId.of(accounts.current(me).timeZone());
        GrantContext context = new GrantContext(people, cards, locks, sites, me, zone, groups);
        GrantDialogs grantDialogs = new GrantDialogs(grants, groupGrants, syncs, fits, context, clock, canEdit, this::refresh);
        grantDialogs.previewWith(whatIfs);
        // A grant's id or a group grant's: both open at /grants/{id}.
        dialogs = new EntityDialogs<>(GrantsView.class,
                id -> groupGrants.exists(me, id) ? groupGrants.get(me, id) : grants.get(me, id),
                grant -> grant == null ? grantDialogs.create()
                        : grant instanceof GroupGrant group ? grantDialogs.openGroup(group) : grantDialogs.open((Grant) grant),
                canEdit ? null : "Adding a grant needs the Manager role");
        person = Pickers.people(people, me, "Person");
        card = Pickers.cards(cards, me, "Card");
        lock = Pickers.locks(locks, me, "Lock");
        site = Pickers.sites(sites, me, "Site");
        setSizeFull();

        grid.addComponentColumn(g -> statusBadge(g.status(clock.instant()))).setHeader("Status").setAutoWidth(true);
        grid.addColumn(this::subject).setHeader("Subject").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(Grant::targetLabel).setHeader("Target").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(g -> window(g, zone)).setHeader("Valid").setAutoWidth(true);
        grid.addColumn(GrantsView::schedule).setHeader("Schedule").setFlexGrow(2).setTooltipGenerator(GrantsView::schedule);
        grid.addColumn(g -> g.permissions().stream().map(Permission::label).collect(Collectors.joining(", ")))
                .setHeader("Permissions").setAutoWidth(true);
        grid.addColumn(g -> g.delivery().label()).setHeader("Delivery").setAutoWidth(true);
        grid.setItems(q -> grants.list(me, filter(), Paging.of(q)).stream(), q -> grants.count(me, filter()));
        // Group grants once each, with how many member grants they keep; their member grants only on request.
        groupGrid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_COMPACT);
        groupGrid.addComponentColumn(g -> statusBadge(g.status(clock.instant()))).setHeader("Status").setAutoWidth(true);
        groupGrid.addColumn(GroupGrant::name).setHeader("Group grant").setAutoWidth(true).setFlexGrow(1);
        groupGrid.addColumn(GroupGrant::subjectLabel).setHeader("Subject").setAutoWidth(true).setFlexGrow(1);
        groupGrid.addColumn(GroupGrant::targetLabel).setHeader("Target").setAutoWidth(true).setFlexGrow(1);
        groupGrid.addColumn(g -> ScheduleText.sentence(g.schedule())).setHeader("Schedule").setFlexGrow(1);
        groupGrid.addColumn(GroupGrant::memberGrants).setHeader("Member grants").setAutoWidth(true);
        groupGrid.setAllRowsVisible(true);
        groupGrid.setId("group-grants");
        groupGrid.addItemClickListener(e -> navigate(e.getItem().id()));
        this.groupGrants = groupGrants;
        refresh();
        withMembers.addValueChangeListener(e -> refresh());
        grid.addItemClickListener(e -> navigate(e.getItem().id()));
        search.addValueChangeListener(e -> refresh());
        status.addValueChangeListener(e -> refresh());
        person.addValueChangeListener(e -> refresh());
        card.addValueChangeListener(e -> refresh());
        lock.addValueChangeListener(e -> refresh());
        site.addValueChangeListener(e -> refresh());

        add(ListPages.header("Grants", new CsvActions(CsvKind.GRANTS, grid.getDataProvider()::refreshAll),
                        canEdit ? ListPages.addButton("Add grant", () -> navigate(EntityDialogs.NEW)) : null),
                ListPages.filters(search, status, person, card, lock, site, withMembers), groupGrid, grid);
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String id) {
        dialogs.show(event, id);
    }

    private GrantFilter filter() {
        GrantFilter filter = new GrantFilter(search.getValue(), person.getValue() == null ? null : person.getValue().id(),
                card.getValue() == null ? null : card.getValue().id(), lock.getValue() == null ? null : lock.getValue().id(),
                site.getValue() == null ? null : site.getValue().id(), status.getValue());
        // A person's or card's grants include those they have through groups; otherwise each group grant shows once, above.
        boolean members = withMembers.getValue() || person.getValue() != null || card.getValue() != null;
        return members ? filter : filter.directOnly();
    }

    private static String window(Grant grant, ZoneId zone) {
        if (grant.validFrom() == null && grant.validUntil() == null) {
            return "Always";
        }
        return (grant.validFrom() == null ? "…" : MINUTES.format(grant.validFrom().atZone(zone))) + " – "
                + (grant.validUntil() == null ? "…" : MINUTES.format(grant.validUntil().atZone(zone)));
    }

    private static String schedule(Grant grant) {
        return ScheduleText.sentence(grant.schedule());
    }

    /** A card's grant names the card's holder too: "Card 04A1B2C3 (Ola Nordmann)". */
    private String subject(Grant grant) {
        if (grant.cardId() == null) {
            return grant.subjectLabel();
        }
        String holder = cards.findIfAny(me.accountId(), grant.cardId()).map(Card::personName).orElse(null);
        return holder == null ? grant.subjectLabel() : grant.subjectLabel() + " (" + holder + ")";
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
        if (groupGrants != null) {
            List<GroupGrant> rows = groupGrants.list(me);
            groupGrid.setItems(rows);
            groupGrid.setVisible(!rows.isEmpty());
        }
    }

    private void navigate(String id) {
        UI.getCurrent().navigate(GrantsView.class, id);
    }
}
