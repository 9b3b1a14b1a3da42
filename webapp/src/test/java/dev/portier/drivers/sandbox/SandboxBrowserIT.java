package dev.portier.drivers.sandbox;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.identity.users.Member;
import dev.portier.identity.users.UserService;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.GeotabPlugin;
import dev.portier.testing.RunningServer;
import dev.portier.platform.validation.NotFoundException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Sandbox page in a real Chromium: a test plugin's action runs with every kind of input and shows
 * its transcript, and a Geotab sandbox connection taps a simulated card whose CheckIn request goes
 * through Portier's real webhook and access decision.
 */
class SandboxBrowserIT {

    static final String ADAS_CARD = "ABF26238AA";

    static BrowserSupport browsers;
    @TempDir
    static Path dir;
    static RunningServer server;
    static SignedInUser admin;
    BrowserContext context;

    @BeforeAll
    static void launch() throws Exception {
        EchoSandboxPlugin.install(dir);
        GeotabPlugin.install(dir);
        server = RunningServer.withAdmin(dir);
        browsers = new BrowserSupport();
        admin = server.admin();
        Site depot = server.get(SiteService.class).create(admin, new SiteDraft("Depot", null, "Europe/Berlin"));
        Connection echo = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Echo box",
                EchoSandboxPlugin.DRIVER_ID, Map.of()));
        server.get(LockService.class).create(admin, new LockDraft(depot.id(), "Back door", LockKind.DOOR,
                EchoSandboxPlugin.DRIVER_ID, "door-42", LockState.ACTIVE, echo.id()));
        Connection fleet = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Fleet sandbox",
                GeotabPlugin.DRIVER_ID, Map.of("mode", "sandbox", "database", "fleet")));
        server.get(LockService.class).create(admin, new LockDraft(depot.id(), "Van 7", LockKind.VEHICLE,
                GeotabPlugin.DRIVER_ID, "G9A720FBE29A", LockState.ACTIVE, fleet.id()));
        Lock van8 = server.get(LockService.class).create(admin, new LockDraft(depot.id(), "Van 8", LockKind.VEHICLE,
                GeotabPlugin.DRIVER_ID, "G9A720FBE2B8", LockState.ACTIVE, fleet.id()));
        Card card = server.get(CardService.class).create(admin, new CardDraft(CardType.GEOTAB_TAPCARD, ADAS_CARD, null,
                "Ada's card", CardState.ACTIVE));
        server.get(GrantService.class).create(admin, new GrantDraft(null, card.id(), van8.id(), null, null, null, null,
                EnumSet.of(Permission.UNLOCK), Delivery.ON_DEMAND, 120));
    }

    @AfterAll
    static void quit() {
        browsers.close();
        server.close();
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void anActionRunsWithItsInputsAndShowsItsTranscript() {
        Page page = signIn();
        page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Sandbox")).first().click();
        assertThat(page).hasTitle("Sandbox · Portier");
        pickConnection(page, "Echo box");

        field(page, "Word").fill("ahoy");
        page.locator("vaadin-select", new Page.LocatorOptions().setHasText("Tone")).click();
        option(page, "loud").click();
        button(page, "Say something").click();

        Locator transcript = page.locator(".sandbox-transcript");
        assertThat(transcript).containsText("Said AHOY at door-42");
        assertThat(transcript).containsText("Portier's /health answered 200");
        assertThat(page.getByText("Done", new Page.GetByTextOptions().setExact(true))).isVisible();
    }

    @Test
    void aLongHoldOfAnUnknownCardAtASimulatedVanIsDecidedByPortierAndRefused() {
        Page page = signIn();
        page.navigate(server.url("/sandbox"));
        pickConnection(page, "Fleet sandbox");
        Locator tapCard = card(page, "Tap a card");

        assertThat(tapCard.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Vehicle"))).hasValue("Van 7 (G9A720FBE29A)");
        tapCard.locator("vaadin-select", new Locator.LocatorOptions().setHasText("How")).click();
        option(page, "Long hold (about 7 s)").click();
        button(page, "Tap a card").click();

        Locator transcript = tapCard.locator(".sandbox-transcript");
        assertThat(transcript).containsText("Long hold of card 743227D3PR at G9A720FBE29A",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
        assertThat(transcript).containsText("LED: Action in progress");
        assertThat(transcript).containsText("Webhook answered HTTP 200");
        assertThat(transcript).containsText("\"result\":\"refused\"");
        assertThat(transcript).containsText("NO_GRANT");

        button(page, "Show the vehicle's stored keys").click();
        assertThat(card(page, "Show the vehicle's stored keys").locator(".sandbox-transcript"))
                .containsText("G9A720FBE29A: online, locked, ignition inhibited, not booked");
    }

    @Test
    void aLongHoldOfAGrantedCardChecksTheVanIn() {
        Page page = signIn();
        page.navigate(server.url("/sandbox"));
        pickConnection(page, "Fleet sandbox");
        Locator tapCard = card(page, "Tap a card");
        Locator vehicle = tapCard.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Vehicle"));
        vehicle.fill("Van 8");
        option(page, "Van 8 (G9A720FBE2B8)").click();
        tapCard.getByLabel("Card serial number").fill(ADAS_CARD);
        tapCard.locator("vaadin-select", new Locator.LocatorOptions().setHasText("How")).click();
        option(page, "Long hold (about 7 s)").click();
        button(page, "Tap a card").click();

        Locator transcript = tapCard.locator(".sandbox-transcript");
        assertThat(transcript).containsText("\"result\":\"approved\"");
        assertThat(transcript).containsText("CheckIn approved with virtual key");
        assertThat(transcript).containsText("LED: CheckIn/CheckOut completed");

        Locator showKeys = card(page, "Show the vehicle's stored keys");
        showKeys.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Vehicle")).fill("Van 8");
        option(page, "Van 8 (G9A720FBE2B8)").click();
        button(page, "Show the vehicle's stored keys").click();
        assertThat(showKeys.locator(".sandbox-transcript")).containsText("G9A720FBE2B8: online, unlocked, ignition enabled, checked in with");
    }

    @Test
    void anotherAccountsConnectionAndLocksAreNotFound() {
        Connection fleet = server.get(ConnectionService.class).list(admin, 0, 10).stream()
                .filter(c -> c.name().equals("Fleet sandbox")).findFirst().orElseThrow();
        SignedInUser elsewhere = server.get(AccountService.class).create(admin, "Other fleet", "Europe/Berlin");
        SandboxService sandbox = server.get(SandboxService.class);

        assertThat(sandbox.connections(elsewhere)).isEmpty();
        assertThatThrownBy(() -> sandbox.run(elsewhere, fleet.id(), "show-keys", Map.of()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> sandbox.locks(elsewhere, fleet.id())).isInstanceOf(NotFoundException.class);
        assertThat(sandbox.connections(admin)).extracting(c -> c.connection().name()).contains("Echo box", "Fleet sandbox");
    }

    @Test
    void viewersHaveNoSandbox() {
        Member viewer = server.get(UserService.class).addMember(admin, new UserService.NewMember("viewer@example.com",
                "Vera Viewer", Role.VIEWER, "viewer password 1"));
        SignedInUser vera = new SignedInUser(viewer.userId(), viewer.email(), viewer.displayName(), admin.accountId());
        assertThatThrownBy(() -> server.get(SandboxService.class).connections(vera)).isInstanceOf(ForbiddenException.class);

        context = browsers.browser().newContext();
        Page page = context.newPage();
        page.navigate(server.url("/login"));
        field(page, "Email").fill("viewer@example.com");
        field(page, "Password").fill("viewer password 1");
        button(page, "Log in").click();
        page.waitForURL(server.url("/"));
        assertThat(page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Connections")).first()).isVisible();
        assertThat(page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Sandbox"))).hasCount(0);
        page.navigate(server.url("/sandbox"));
        assertThat(page.getByText("No access")).isVisible();
    }

    private static void pickConnection(Page page, String name) {
        page.locator("vaadin-select", new Page.LocatorOptions().setHasText("Connection")).first().click();
        option(page, name).click();
    }

    /** The action's card: the innermost block holding its heading. */
    private static Locator card(Page page, String action) {
        return page.locator("div", new Page.LocatorOptions().setHas(page.getByRole(AriaRole.HEADING,
                new Page.GetByRoleOptions().setName(action).setExact(true)))).last();
    }

    private static Locator option(Page page, String name) {
        return page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Page signIn() {
        context = browsers.browser().newContext();
        Page page = context.newPage();
        page.navigate(server.url("/login"));
        field(page, "Email").fill(RunningServer.ADMIN_EMAIL);
        field(page, "Password").fill(RunningServer.ADMIN_PASSWORD);
        button(page, "Log in").click();
        page.waitForURL(server.url("/"));
        return page;
    }
}
