package dev.portier.web.locks;

import dev.portier.domain.groups.GroupKind;
import dev.portier.domain.groups.GroupService;
import dev.portier.web.groups.GroupsOfMember;
import dev.portier.web.ui.Routes;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockFilter;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import com.google.inject.Inject;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteService;
import dev.portier.web.trust.EnrolLockDialog;
import dev.portier.drivers.discovery.LockDiscoveries;
import dev.portier.platform.time.Times;
import dev.portier.drivers.trust.LockEnrolments;
import dev.portier.web.ui.EntityDialogs;
import dev.portier.web.ui.FormDialog;
import dev.portier.web.ui.ListPages;
import dev.portier.web.ui.Paging;
import dev.portier.web.ui.Pickers;
import dev.portier.drivers.connections.LockHealthReports;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The account's locks, filtered by site, kind and state; {@code /locks/{id}} opens one. */
@Route(LocksView.ROUTE)
@PageTitle("Locks · Portier")
public final class LocksView extends VerticalLayout implements HasUrlParameter<String> {

    public static final String ROUTE = Routes.LOCKS;

    private final transient LockService locks;
    /** More connections than an account has in practice; the form offers them in one list. */
    private static final int MAX_CONNECTIONS = 500;

    private final transient SiteService sites;
    private final transient GroupService groups;
    private final transient ConnectionService connections;
    private final SignedInUser me = CurrentUser.require();
    private final TextField search = ListPages.search("Name or vendor reference");
    private final ComboBox<Site> site;
    private final Select<LockKind> kind = ListPages.filter("Kind", LockKind.values(), LockKind::label, "All kinds");
    private final Select<LockState> state = ListPages.filter("State", LockState.values(), LockState::label, "All states");
    private final Grid<Lock> grid = ListPages.grid();
    private final EntityDialogs<Lock> dialogs;
    private final boolean canEdit;

    @Inject
    LocksView(LockService locks, SiteService sites, ConnectionService connections, Authorization authorization,
            LockEnrolments enrolments, AccountService accounts, LockHealthReports healthReports, LockDiscoveries discoveries,
            GroupService groups) {
        this.locks = locks;
        this.groups = groups;
        this.discoveries = discoveries;
        this.healthReports = healthReports;
        this.enrolments = enrolments;
        this.zone = ZoneId.of(accounts.current(me).timeZone());
        this.connections = connections;
        this.sites = sites;
        canEdit = authorization.require(me, Role.VIEWER).includes(Role.MANAGER);
        dialogs = new EntityDialogs<>(LocksView.class, id -> locks.get(me, id), this::dialog,
                canEdit ? null : "Adding a lock needs the Manager role");
        site = Pickers.sites(sites, me, "Site");
        site.setPlaceholder("All sites");
        setSizeFull();

        grid.addColumn(Lock::name).setHeader("Name").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(l -> l.kind().label()).setHeader("Kind").setAutoWidth(true);
        grid.addColumn(Lock::siteName).setHeader("Site").setAutoWidth(true);
        grid.addComponentColumn(this::stateOf).setHeader("State").setAutoWidth(true);
        grid.addColumn(l -> l.driverId() == null ? "—" : l.driverId() + " · " + l.vendorReference())
                .setHeader("Driver · vendor reference").setFlexGrow(1);
        grid.addComponentColumn(l -> HealthBadge.of(health.get(l.id()), zone)).setHeader("Health").setFlexGrow(1);
        Grid.Column<Lock> timeline = grid.addComponentColumn(l -> Routes.link("Timeline", Routes.lockTimeline(l.id()))).setHeader("Events").setAutoWidth(true);
        grid.setItems(q -> withHealth(locks.list(me, filter(), Paging.of(q))).stream(), q -> locks.count(me, filter()));
        // A click on the timeline link follows the link; anywhere else in the row opens the lock.
        grid.addItemClickListener(e -> {
            if (e.getColumn() != timeline) {
                navigate(e.getItem().id());
            }
        });
        search.addValueChangeListener(e -> refresh());
        site.addValueChangeListener(e -> refresh());
        kind.addValueChangeListener(e -> refresh());
        state.addValueChangeListener(e -> refresh());

        add(ListPages.header("Locks", canEdit ? ListPages.addButton("Add lock", () -> navigate(EntityDialogs.NEW)) : null),
                ListPages.filters(search, site, kind, state), grid);
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String id) {
        dialogs.show(event, id);
    }

    private LockFilter filter() {
        return new LockFilter(search.getValue(), site.getValue() == null ? null : site.getValue().id(), kind.getValue(), state.getValue());
    }

    private final transient LockEnrolments enrolments;
    private final transient LockHealthReports healthReports;
    private final transient LockDiscoveries discoveries;
    /** The latest health of the locks on the pages shown, fetched with each page. */
    private final Map<String, LockHealthReports.Health> health = new HashMap<>();
    /** Locks on the pages shown whose last enrolment attempt failed. */
    private final java.util.Set<String> refusedEnrolments = new java.util.HashSet<>();
    /** What the vendor says of the locks on the pages shown that discovery imported. */
    private final Map<String, LockDiscoveries.Facts> vendorFacts = new HashMap<>();
    private final ZoneId zone;

    private List<Lock> withHealth(List<Lock> page) {
        List<String> ids = page.stream().map(Lock::id).toList();
        health.putAll(healthReports.all(me.accountId(), ids));
        ids.forEach(refusedEnrolments::remove);
        refusedEnrolments.addAll(enrolments.withFailedAttempt(me, ids));
        ids.forEach(vendorFacts::remove);
        vendorFacts.putAll(discoveries.facts(me, ids));
        return page;
    }

    /** The lock's state, unless its vendor no longer lists it or its last enrolment attempt failed. */
    private Badge stateOf(Lock lock) {
        LockDiscoveries.Facts facts = vendorFacts.get(lock.id());
        if (facts != null && facts.missingSince() != null) {
            Badge badge = new Badge("No longer at the vendor");
            badge.addThemeVariants(BadgeVariant.WARNING);
            badge.getElement().setAttribute("title", "The vendor's list of locks no longer has it (since "
                    + Times.format(facts.missingSince(), zone) + "). Portier keeps it and its history.");
            return badge;
        }
        return refusedEnrolments.contains(lock.id()) ? enrolmentRefusedBadge() : stateBadge(lock);
    }

    /** What the vendor says of an imported lock: its id in the vendor's form, model and other facts. */
    private com.vaadin.flow.component.html.Paragraph vendorFactsOf(LockDiscoveries.Facts facts) {
        StringBuilder words = new StringBuilder("At the vendor: ");
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (facts.displayReference() != null) {
            parts.add("id " + facts.displayReference());
        }
        if (facts.model() != null) {
            parts.add(facts.model());
        }
        facts.facts().forEach((label, value) -> parts.add(label + ": " + value));
        words.append(String.join(" · ", parts));
        words.append(facts.missingSince() == null ? " (listed " + Times.format(facts.lastSeenAt(), zone) + ")"
                : " — no longer listed since " + Times.format(facts.missingSince(), zone) + "; kept with its history");
        com.vaadin.flow.component.html.Paragraph paragraph = new com.vaadin.flow.component.html.Paragraph(words.toString());
        paragraph.addClassName("vendor-facts");
        return paragraph;
    }

    /** A lock whose last enrolment attempt failed: open it and choose Enrol… to see why and what to do. */
    private static Badge enrolmentRefusedBadge() {
        Badge badge = new Badge("Enrolment failed");
        badge.addThemeVariants(BadgeVariant.ERROR);
        badge.getElement().setAttribute("title", "The last enrolment attempt failed: open the lock and choose Enrol… to see why and what to do");
        return badge;
    }

    private Dialog dialog(Lock lock) {
        LockForm form = new LockForm(sites, me, connections.list(me, 0, MAX_CONNECTIONS));
        if (lock == null) {
            form.edit(new LockDraft(site.getValue() == null ? null : site.getValue().id(), "", LockKind.DOOR, "", "", LockState.ACTIVE));
            return new FormDialog<>("New lock", form, draft -> "Lock " + locks.create(me, draft).name() + " was added", this::refresh);
        }
        form.edit(new LockDraft(lock.siteId(), lock.name(), lock.kind(), lock.driverId(), lock.vendorReference(), lock.state(),
                lock.connectionId()));
        discoveries.facts(me, List.of(lock.id())).values().forEach(facts -> form.add(vendorFactsOf(facts)));
        FormDialog<LockDraft> dialog = new FormDialog<>(lock.name(), form,
                draft -> "Lock " + locks.update(me, lock.id(), draft).name() + " was saved", this::refresh);
        dialog.add(GroupsOfMember.of(groups, me, GroupKind.LOCKS, lock.id()));
        // The lock's own page (reservations of a vehicle, commands), by address: the locks package does not depend on it.
        dialog.getFooter().addComponentAsFirst(new Anchor("vehicles/" + lock.id(),
                lock.kind() == LockKind.VEHICLE ? "Reservations & commands" : "Commands"));
        if (!canEdit) {
            return dialog.lookOnly();
        }
        if (enrolments.canEnrol(lock)) {
            Button enrol = new Button("Enrol…", e -> {
                dialog.close();
                new EnrolLockDialog(enrolments, me, lock, zone, this::refresh).open();
            });
            enrol.getStyle().set("margin-inline-end", "auto");
            dialog.getFooter().addComponentAsFirst(enrol);
        }
        return dialog.withDelete("Delete " + lock.name() + "?",
                "A lock that has grants cannot be deleted: set its state to Decommissioned instead, which keeps its history.",
                () -> {
                    locks.delete(me, lock.id());
                    return "Lock " + lock.name() + " was deleted";
                }, this::refresh);
    }

    static Badge stateBadge(Lock lock) {
        Badge badge = new Badge(lock.state().label());
        badge.addThemeVariants(switch (lock.state()) {
            case ACTIVE -> BadgeVariant.SUCCESS;
            case PENDING_ENROLMENT -> BadgeVariant.WARNING;
            case DECOMMISSIONED -> BadgeVariant.CONTRAST;
        });
        return badge;
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
    }

    private void navigate(String id) {
        UI.getCurrent().navigate(LocksView.class, id);
    }
}
