package dev.portier.web.shell;

import com.google.inject.Inject;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Layout;
import dev.portier.web.access.ExplainView;
import dev.portier.identity.accounts.AccountMembership;
import dev.portier.identity.accounts.AccountService;
import dev.portier.web.identity.NewAccountDialog;
import dev.portier.identity.accounts.Role;
import dev.portier.web.connections.ConnectionsView;
import dev.portier.web.identity.ApiTokensView;
import dev.portier.web.ondemand.DecisionEndpointView;
import dev.portier.web.audit.AuditView;
import dev.portier.web.cards.CardsView;
import dev.portier.web.dashboard.DashboardView;
import dev.portier.web.events.EventsView;
import dev.portier.web.grants.GrantsView;
import dev.portier.web.locks.LocksView;
import dev.portier.web.people.PeopleView;
import dev.portier.web.plugins.PluginsView;
import dev.portier.web.sandbox.SandboxView;
import dev.portier.web.reservations.ReservationsView;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.security.CurrentUser;
import dev.portier.web.identity.LoginView;
import dev.portier.identity.security.SignInSessions;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.sites.SitesView;
import dev.portier.web.identity.PasswordView;
import dev.portier.web.identity.UsersView;
import java.util.List;

/** The shell around every signed-in page: navigation, account switcher, user menu. */
@Layout
public final class MainLayout extends AppLayout implements BeforeEnterObserver {

    private final transient AccountService accounts;
    private final transient Authorization authorization;
    private final transient SignInSessions sessions;
    private final SideNav nav = new SideNav();
    private final HorizontalLayout header = new HorizontalLayout();

    @Inject
    MainLayout(AccountService accounts, Authorization authorization, SignInSessions sessions) {
        this.accounts = accounts;
        this.authorization = authorization;
        this.sessions = sessions;
        Span brand = new Span("Portier");
        brand.addClassNames("text-l", "font-semibold");
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.addClassNames("px-m");
        addToNavbar(new DrawerToggle(), header);
        addToDrawer(brandBlock(brand), nav);
        setPrimarySection(Section.DRAWER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        CurrentUser.get().ifPresent(this::render);
    }

    private void render(SignedInUser user) {
        Role role = authorization.roleOf(user).orElse(Role.VIEWER);
        nav.removeAll();
        nav.addItem(new SideNavItem("Dashboard", DashboardView.class, VaadinIcon.DASHBOARD.create()));
        nav.addItem(listPage("Sites", SitesView.class, VaadinIcon.BUILDING));
        nav.addItem(listPage("Locks", LocksView.class, VaadinIcon.LOCK));
        nav.addItem(listPage("People", PeopleView.class, VaadinIcon.USER));
        nav.addItem(listPage("Cards", CardsView.class, VaadinIcon.CREDIT_CARD));
        nav.addItem(listPage("Grants", GrantsView.class, VaadinIcon.KEY_O));
        nav.addItem(new SideNavItem("Groups", dev.portier.web.groups.GroupsView.class, VaadinIcon.GROUP.create()));
        nav.addItem(listPage("Reservations", ReservationsView.class, VaadinIcon.CALENDAR));
        nav.addItem(new SideNavItem("Explain access", ExplainView.class, VaadinIcon.QUESTION_CIRCLE_O.create()));
        nav.addItem(new SideNavItem("Events", EventsView.class, VaadinIcon.LIST.create()));
        nav.addItem(new SideNavItem("Revocation exposure", dev.portier.web.trust.RevocationExposureView.class,
                VaadinIcon.SHIELD.create()));
        if (role.includes(Role.OWNER)) {
            nav.addItem(new SideNavItem("Users & roles", UsersView.class, VaadinIcon.USERS.create()));
        }
        nav.addItem(new SideNavItem("Audit log", AuditView.class, VaadinIcon.CLIPBOARD_TEXT.create()));
        nav.addItem(listPage("Connections", ConnectionsView.class, VaadinIcon.CLUSTER));
        nav.addItem(new SideNavItem("Plugins", PluginsView.class, VaadinIcon.PLUG.create()));
        if (role.includes(Role.MANAGER)) {
            nav.addItem(new SideNavItem("Sandbox", SandboxView.class, VaadinIcon.FLASK.create()));
            nav.addItem(new SideNavItem("API tokens", ApiTokensView.class, VaadinIcon.CONNECT.create()));
            nav.addItem(new SideNavItem("Webhooks", dev.portier.web.webhooks.WebhooksView.class, VaadinIcon.PAPERPLANE.create()));
            nav.addItem(new SideNavItem("External decisions", DecisionEndpointView.class, VaadinIcon.EXCHANGE.create()));
        }

        header.removeAll();
        List<AccountMembership> memberships = accounts.accountsOf(user);
        Select<AccountMembership> switcher = new Select<>();
        switcher.setAriaLabel("Account");
        switcher.setItems(memberships);
        switcher.setItemLabelGenerator(m -> m.accountName() + " · " + m.role().label());
        memberships.stream().filter(m -> m.accountId().equals(user.accountId())).findFirst().ifPresent(switcher::setValue);
        switcher.setReadOnly(memberships.size() < 2);
        switcher.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                sessions.switchAccount(accounts.switchTo(user, e.getValue().accountId()));
                getUI().ifPresent(ui -> ui.getPage().setLocation("/"));
            }
        });

        MenuBar userMenu = new MenuBar();
        userMenu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY);
        var me = userMenu.addItem(user.displayName());
        me.getSubMenu().addItem("Change password", e -> getUI().ifPresent(ui -> ui.navigate(PasswordView.class)));
        me.getSubMenu().addItem("New account…", e -> new NewAccountDialog(accounts, user,
                accounts.current(user).timeZone(), created -> {
                    sessions.switchAccount(created);
                    getUI().ifPresent(ui -> ui.getPage().setLocation("/"));
                }).open());
        me.getSubMenu().addItem("Sign out", e -> {
            sessions.signOut();
            getUI().ifPresent(ui -> ui.getPage().setLocation("/" + LoginView.ROUTE));
        });
        Span spacer = new Span();
        header.add(switcher, spacer, userMenu);
        header.setFlexGrow(1, spacer);
    }

    /** Highlighted also while one of its entities is open ({@code /sites/{id}}). */
    private static SideNavItem listPage(String label, Class<? extends Component> view, VaadinIcon icon) {
        SideNavItem item = new SideNavItem(label, view, icon.create());
        item.setMatchNested(true);
        return item;
    }

    private static HorizontalLayout brandBlock(Span brand) {
        HorizontalLayout block = new HorizontalLayout(VaadinIcon.KEY.create(), brand);
        block.setAlignItems(FlexComponent.Alignment.CENTER);
        block.addClassNames("p-m");
        return block;
    }
}
