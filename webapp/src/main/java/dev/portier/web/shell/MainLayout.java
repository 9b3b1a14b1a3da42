package dev.portier.web.shell;

import com.google.inject.Inject;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.PageTitle;
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

/**
 * The shell around every signed-in page: navigation, account switcher, user menu. The page's title is its one
 * {@code <h1>} (in the navbar), and the view sits in a {@code <main>} landmark.
 */
@Layout
public final class MainLayout extends AppLayout implements BeforeEnterObserver, AfterNavigationObserver {

    private final transient AccountService accounts;
    private final transient Authorization authorization;
    private final transient SignInSessions sessions;
    /** The menu in three groups: the daily work, insight into what happened, and setting Portier up. */
    private final SideNav daily = group("Daily work");
    private final SideNav insight = group("Insight");
    private final SideNav administration = group("Administration");
    private final HorizontalLayout header = new HorizontalLayout();
    private final H1 title = new H1();
    private final Main main = new Main();

    @Inject
    MainLayout(AccountService accounts, Authorization authorization, SignInSessions sessions) {
        this.accounts = accounts;
        this.authorization = authorization;
        this.sessions = sessions;
        Span brand = new Span("Portier");
        brand.addClassNames("text-l", "font-semibold");
        header.getStyle().set("flex", "1").set("min-width", "0");
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.addClassNames("px-m");
        title.addClassNames("text-l", "m-0", "font-semibold");
        title.getStyle().set("white-space", "nowrap").set("overflow", "hidden").set("text-overflow", "ellipsis");
        DrawerToggle toggle = new DrawerToggle();
        toggle.setAriaLabel("Menu");
        // Landmarks around the bar and the menu, so that nothing on the page sits outside one.
        Header bar = new Header(toggle, title, header);
        bar.addClassNames("flex", "items-center", "w-full", "gap-s");
        addToNavbar(bar);
        main.setSizeFull();
        // The page scrolls in <main>, which is focusable so that keyboard users can scroll a page without
        // controls (Plugins); AppLayout's own content part, in its shadow DOM, cannot be made so.
        main.getStyle().set("overflow", "auto").set("box-sizing", "border-box");
        main.getElement().setAttribute("tabindex", "0");
        setContent(main);
        Nav menu = new Nav(brandBlock(brand), daily, insight, administration);
        menu.setAriaLabel("Main menu");
        addToDrawer(menu);
        setPrimarySection(Section.DRAWER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        CurrentUser.get().ifPresent(this::render);
        AriaRepairs.install(event.getUI());
    }

    @Override
    public void showRouterLayoutContent(HasElement content) {
        main.getElement().removeAllChildren();
        if (content != null) {
            main.getElement().appendChild(content.getElement());
        }
    }

    @Override
    public void removeRouterLayoutContent(HasElement oldContent) {
        main.getElement().removeAllChildren();
    }

    /** The view's title (its page title without " · Portier") as the page's heading, unless the view has its own h1. */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        Element view = main.getElement().getChildCount() == 0 ? null : main.getElement().getChild(0);
        boolean ownHeading = view != null && view.getChildren().anyMatch(child -> "h1".equals(child.getTag()));
        String text = "";
        Object component = view == null ? null : view.getComponent().orElse(null);
        if (component instanceof HasDynamicTitle dynamic) {
            text = dynamic.getPageTitle();
        } else if (component != null && component.getClass().isAnnotationPresent(PageTitle.class)) {
            text = component.getClass().getAnnotation(PageTitle.class).value();
        }
        title.setText(text == null ? "" : text.replaceFirst(" · Portier$", ""));
        title.setVisible(!ownHeading && !title.getText().isEmpty());
    }

    private void render(SignedInUser user) {
        Role role = authorization.roleOf(user).orElse(Role.VIEWER);
        daily.removeAll();
        insight.removeAll();
        administration.removeAll();
        daily.addItem(new SideNavItem("Dashboard", DashboardView.class, VaadinIcon.DASHBOARD.create()));
        daily.addItem(listPage("People", PeopleView.class, VaadinIcon.USER));
        daily.addItem(listPage("Cards", CardsView.class, VaadinIcon.CREDIT_CARD));
        daily.addItem(listPage("Grants", GrantsView.class, VaadinIcon.KEY_O));
        daily.addItem(new SideNavItem("Groups", dev.portier.web.groups.GroupsView.class, VaadinIcon.GROUP.create()));
        daily.addItem(listPage("Reservations", ReservationsView.class, VaadinIcon.CALENDAR));
        daily.addItem(new SideNavItem("Explain access", ExplainView.class, VaadinIcon.QUESTION_CIRCLE_O.create()));
        insight.addItem(new SideNavItem("Events", EventsView.class, VaadinIcon.LIST.create()));
        insight.addItem(new SideNavItem("Revocation exposure", dev.portier.web.trust.RevocationExposureView.class,
                VaadinIcon.SHIELD.create()));
        insight.addItem(new SideNavItem("Audit log", AuditView.class, VaadinIcon.CLIPBOARD_TEXT.create()));
        administration.addItem(listPage("Sites", SitesView.class, VaadinIcon.BUILDING));
        administration.addItem(new SideNavItem("Holidays", dev.portier.web.holidays.HolidaysView.class, VaadinIcon.CALENDAR_O.create()));
        administration.addItem(listPage("Locks", LocksView.class, VaadinIcon.LOCK));
        administration.addItem(listPage("Connections", ConnectionsView.class, VaadinIcon.CLUSTER));
        administration.addItem(new SideNavItem("Plugins", PluginsView.class, VaadinIcon.PLUG.create()));
        if (role.includes(Role.OWNER)) {
            administration.addItem(new SideNavItem("Users & roles", UsersView.class, VaadinIcon.USERS.create()));
        }
        if (role.includes(Role.MANAGER)) {
            administration.addItem(new SideNavItem("Sandbox", SandboxView.class, VaadinIcon.FLASK.create()));
            administration.addItem(new SideNavItem("API tokens", ApiTokensView.class, VaadinIcon.CONNECT.create()));
            administration.addItem(new SideNavItem("Webhooks", dev.portier.web.webhooks.WebhooksView.class, VaadinIcon.PAPERPLANE.create()));
            administration.addItem(new SideNavItem("External decisions", DecisionEndpointView.class, VaadinIcon.EXCHANGE.create()));
        }

        header.removeAll();
        List<AccountMembership> memberships = accounts.accountsOf(user);
        Select<AccountMembership> switcher = new Select<>();
        switcher.setAriaLabel("Account");
        switcher.setItems(memberships);
        switcher.setItemLabelGenerator(m -> m.accountName() + " · " + m.role().label());
        memberships.stream().filter(m -> m.accountId().equals(user.accountId())).findFirst().ifPresent(switcher::setValue);
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
        // One account: its name as text. A read-only select looked like a broken control.
        Component account = memberships.size() < 2 ? accountLabel(switcher.getValue()) : switcher;
        header.add(account, spacer, userMenu);
        header.setFlexGrow(1, spacer);
    }

    private static Span accountLabel(AccountMembership membership) {
        Span label = new Span(membership == null ? "" : membership.accountName() + " · " + membership.role().label());
        label.addClassNames("text-s", "text-secondary");
        label.setId("account-name");
        return label;
    }

    private static SideNav group(String label) {
        SideNav group = new SideNav(label);
        group.setCollapsible(true);
        group.addClassName("nav-group");
        return group;
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
