package dev.portier.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static dev.portier.testing.VaadinLocators.fieldError;
import static dev.portier.testing.VaadinLocators.visible;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portier.platform.db.Database;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The foundation's flows in a real Chromium against a real server. */
class FoundationBrowserIT {

    static BrowserSupport browsers;

    @TempDir
    Path dir;
    RunningServer server;
    BrowserContext context;

    @BeforeAll
    static void launch() {
        browsers = new BrowserSupport();
    }

    @AfterAll
    static void quit() {
        browsers.close();
    }

    @AfterEach
    void tearDown() {
        if (context != null) {
            context.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void firstRunSetupThenSignInDashboardAndSignOut() {
        server = RunningServer.fresh(dir);
        Page page = newPage();
        page.navigate(server.url("/"));
        assertThat(page).hasTitle("Set up · Portier");

        field(page, "Account name").fill("<script>alert(1)</script>");
        field(page, "Your name").fill("Olivia Owner");
        field(page, "Email").fill("olivia@example.com");
        field(page, "Password").fill("short");
        field(page, "Repeat password").fill("short");
        button(page, "Create account").click();
        assertThat(fieldError(page, "Account name cannot contain <, > or control characters")).isVisible();
        assertThat(fieldError(page, "Use at least 12 characters")).isVisible();
        assertThat(count("users")).as("nothing written").isZero();

        field(page, "Account name").fill("Acme Properties");
        field(page, "Password").fill("olivia password 1");
        field(page, "Repeat password").fill("olivia password 2");
        button(page, "Create account").click();
        assertThat(fieldError(page, "The passwords do not match")).isVisible();

        field(page, "Repeat password").fill("olivia password 1");
        button(page, "Create account").click();
        page.waitForURL(server.url("/"));
        assertThat(page.getByText("Welcome, Olivia Owner")).isVisible();
        assertThat(page.getByText("You are owner of Acme Properties")).isVisible();
        assertThat(page).hasTitle("Dashboard · Portier");

        signOut(page, "Olivia Owner");
        page.navigate(server.url("/setup"));
        assertThat(page.getByText("Page not found")).isVisible();

        String anonymousSession = sessionId();
        signIn(page, "Olivia@Example.com", "olivia password 1");
        assertThat(page.getByText("Welcome, Olivia Owner")).isVisible();
        assertThat(sessionId()).as("a new session id at sign-in").isNotEqualTo(anonymousSession);
        signOut(page, "Olivia Owner");
        page.navigate(server.url("/"));
        assertThat(page).hasTitle("Sign in · Portier");
    }

    @Test
    void aWrongPasswordShowsAnErrorAndRepeatedFailuresAskToWait() {
        server = RunningServer.withAdmin(dir);
        Page page = newPage();
        page.navigate(server.url("/login"));
        for (int attempt = 1; attempt <= 4; attempt++) {
            submitLogin(page, RunningServer.ADMIN_EMAIL, "not the password");
            assertThat(page.getByText("Incorrect email or password")).isVisible();
            assertThat(page).hasURL(server.url("/login"));
        }
        submitLogin(page, RunningServer.ADMIN_EMAIL, "not the password");
        assertThat(page.getByText("Too many failed attempts: wait 2 seconds before the next one.")).isVisible();
        submitLogin(page, RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);
        assertThat(page.getByText("Too many failed sign-ins")).isVisible();
        assertThat(page).hasURL(server.url("/login"));
    }

    @Test
    void aViewerNeverReachesTheUsersPage() {
        server = RunningServer.withAdmin(dir);
        Page owner = newPage();
        signIn(owner, RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);
        owner.getByText("Users & roles").click();
        owner.waitForURL("**/users");
        button(owner, "Add user").click();
        field(owner, "Email").fill("vic@example.com");
        field(owner, "Name").fill("Vic Viewer");
        field(owner, "Initial password").fill("viewer password 1");
        button(owner, "Add").click();
        assertThat(owner.getByText("vic@example.com was added as Viewer")).isVisible();
        assertThat(owner.locator("vaadin-grid").getByText("Vic Viewer")).isVisible();

        BrowserContext viewerContext = browsers.browser().newContext();
        try {
            Page viewer = viewerContext.newPage();
            viewer.navigate(server.url("/login"));
            signIn(viewer, "vic@example.com", "viewer password 1");
            assertThat(viewer.getByText("You are viewer of Portier")).isVisible();
            assertThat(viewer.getByText("Audit log").first()).isVisible();
            assertThat(viewer.getByText("Users & roles")).hasCount(0);

            viewer.navigate(server.url("/users"));
            assertThat(viewer.getByText("No access")).isVisible();
            assertThat(viewer.getByText("This page needs the Owner role")).isVisible();
            assertThat(viewer.getByText("vic@example.com")).hasCount(0);
        } finally {
            viewerContext.close();
        }
    }

    @Test
    void changingThePasswordEndsTheOtherSessions() {
        server = RunningServer.withAdmin(dir);
        Page first = newPage();
        signIn(first, RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);
        BrowserContext otherContext = browsers.browser().newContext();
        try {
            Page second = otherContext.newPage();
            second.navigate(server.url("/login"));
            signIn(second, RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);

            first.navigate(server.url("/account/password"));
            field(first, "Current password").fill(RunningServer.ADMIN_PASSWORD);
            field(first, "New password").fill("a fresh password 2");
            field(first, "Repeat new password").fill("a fresh password 2");
            button(first, "Change password").click();
            assertThat(first.getByText("Password changed; 1 other session(s) signed out")).isVisible();

            second.navigate(server.url("/audit"));
            assertThat(second).hasTitle("Sign in · Portier");
            first.navigate(server.url("/audit"));
            assertThat(first.locator("vaadin-grid").getByText("Changed password")).isVisible();
        } finally {
            otherContext.close();
        }
    }

    @Test
    void theAuditLogRecordsSignInsAndFilters() {
        server = RunningServer.withAdmin(dir);
        Page page = newPage();
        page.navigate(server.url("/login"));
        submitLogin(page, RunningServer.ADMIN_EMAIL, "not the password");
        assertThat(page.getByText("Incorrect email or password")).isVisible();
        signIn(page, RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);
        page.getByText("Audit log").first().click();
        page.waitForURL("**/audit");
        Locator grid = page.locator("vaadin-grid");
        assertThat(grid.getByText("Sign-in failed")).isVisible();
        assertThat(visible(grid.getByText("Signed in"))).hasCount(0);
        page.getByText("Show sign-ins").click();
        assertThat(grid.getByText("Signed in")).isVisible();
        assertThat(grid.getByText("Set up Portier")).isVisible();

        field(page, "Search").fill("wrong email");
        assertThat(visible(grid.getByText("Signed in"))).hasCount(0);
        assertThat(visible(grid.getByText("Sign-in failed"))).hasCount(1);
    }

    @Test
    void anOwnerCreatesASecondAccountAndSwitchesBetweenThem() {
        server = RunningServer.withAdmin(dir);
        Page page = newPage();
        signIn(page, RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("admin")).click();
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("New account…")).click();
        field(page, "Account name").fill("Beta Depot");
        button(page, "Create").click();
        assertThat(page.getByText("You are owner of Beta Depot")).isVisible();

        page.locator("vaadin-select").click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText("Portier · Owner")).click();
        assertThat(page.getByText("You are owner of Portier")).isVisible();
        page.getByText("Audit log").first().click();
        assertThat(page.locator("vaadin-grid").getByText("Created account")).hasCount(0);
    }

    private String sessionId() {
        return context.cookies().stream().filter(c -> c.name.equals("JSESSIONID")).map(c -> c.value).findFirst().orElse("");
    }

    private Page newPage() {
        context = browsers.browser().newContext();
        return context.newPage();
    }

    private void signIn(Page page, String email, String password) {
        if (!page.url().contains("/login")) {
            page.navigate(server.url("/login"));
        }
        submitLogin(page, email, password);
        page.waitForURL(server.url("/"));
    }

    private static void submitLogin(Page page, String email, String password) {
        field(page, "Email").fill(email);
        field(page, "Password").fill(password);
        button(page, "Log in").click();
    }

    private void signOut(Page page, String displayName) {
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName(displayName)).click();
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Sign out")).click();
        page.waitForURL("**/login");
    }

    private int count(String table) {
        return server.get(Database.class).jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }
}
