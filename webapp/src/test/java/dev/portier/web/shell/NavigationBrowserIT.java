package dev.portier.web.shell;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #19 item 9: the menu in three labelled groups — daily work, insight, administration — each collapsible. */
class NavigationBrowserIT {

    @TempDir
    static Path dir;
    static RunningServer server;
    static BrowserSupport browsers;

    @BeforeAll
    static void start() {
        server = RunningServer.withAdmin(dir);
        browsers = new BrowserSupport();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) {
            browsers.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theMenuIsGroupedIntoDailyWorkInsightAndAdministration() {
        BrowserContext context = browsers.browser().newContext();
        try {
            Page page = context.newPage();
            page.navigate(server.url("/login"));
            field(page, "Email").fill(RunningServer.ADMIN_EMAIL);
            field(page, "Password").fill(RunningServer.ADMIN_PASSWORD);
            button(page, "Log in").click();
            page.waitForURL(server.url("/"));

            assertThat(page.locator("vaadin-side-nav")).hasCount(3);
            assertGroup(page, "Daily work", List.of("Dashboard", "People", "Cards", "Grants", "Groups", "Reservations", "Explain access"));
            assertGroup(page, "Insight", List.of("Events", "Revocation exposure", "Audit log"));
            assertGroup(page, "Administration", List.of("Sites", "Holidays", "Locks", "Connections", "Plugins", "Users & roles", "Sandbox",
                    "API tokens", "Webhooks", "External decisions"));

            // A group folds away and opens again; its pages stay reachable.
            Locator admin = group(page, "Administration");
            admin.locator("[slot=label]").click();
            assertThat(admin.locator("vaadin-side-nav-item").first()).isHidden();
            admin.locator("[slot=label]").click();
            admin.locator("vaadin-side-nav-item", new Locator.LocatorOptions().setHasText("Locks")).click();
            page.waitForURL(server.url("/locks"));
        } finally {
            context.close();
        }
    }

    private static Locator group(Page page, String label) {
        return page.locator("vaadin-side-nav").filter(new Locator.FilterOptions().setHas(
                page.locator("[slot=label]", new Page.LocatorOptions().setHasText(label))));
    }

    private static void assertGroup(Page page, String label, List<String> items) {
        Locator group = group(page, label);
        assertThat(group).hasCount(1);
        // containsText: an item's text also holds its shadow toggle's "Toggle child items".
        assertThat(group.locator("vaadin-side-nav-item")).containsText(items.toArray(String[]::new));
    }
}
