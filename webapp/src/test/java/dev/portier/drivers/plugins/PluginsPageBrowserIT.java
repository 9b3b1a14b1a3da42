package dev.portier.drivers.plugins;

import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import java.util.Map;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Plugins page in a real Chromium: every installed plugin with its state, drivers and errors. */
class PluginsPageBrowserIT {

    static BrowserSupport browsers;
    @TempDir
    static Path dir;
    static RunningServer server;
    BrowserContext context;

    @BeforeAll
    static void launch() throws Exception {
        TestPlugins.install(dir);
        server = RunningServer.withAdmin(dir);
        browsers = new BrowserSupport();
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
    void showsEachPluginWithItsStateDriversAndError() throws Exception {
        Page page = signedIn();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Plugins").setExact(true)).click();
        page.waitForURL(server.url("/plugins"));
        assertThat(page).hasTitle("Plugins · Portier");

        Locator good = plugin(page, "good-plugin");
        assertThat(good.getByText("good-plugin 1.2.3")).isVisible();
        assertThat(good.getByText("Started", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(good.getByText("By Portier tests · Requires plugin API >=2.0.0 & <3.0.0 · From good-plugin.jar")).isVisible();
        assertThat(good.getByText("Good Driver (good-driver, Goodlock): HTTP endpoints")).isVisible();

        assertThat(plugin(page, "broken-start").getByText("Failed", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(plugin(page, "broken-start").getByText(TestPlugins.LICENCE_ERROR, new Locator.GetByTextOptions())).isVisible();
        assertThat(plugin(page, "future-plugin").getByText("Incompatible", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(plugin(page, "future-plugin").getByText("Requires Portier plugin API >=3.0.0, this host implements 2.2.0"))
                .isVisible();
        assertThat(plugin(page, "bad-descriptor").getByText(TestPlugins.DESCRIPTOR_ERROR)).isVisible();
        assertThat(plugin(page, "liar-plugin")
                .getByText("answers no driver type or no configuration")).isVisible();
        assertThat(plugin(page, "not-a-plugin.jar").getByText("Could not load not-a-plugin.jar")).isVisible();
        assertThat(good.getByText("Last failed call")).hasCount(0);
    }

    @Test
    void aFailedEndpointCallShowsOnThePageAndTheHostStaysHealthy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String connection = server.get(ConnectionService.class).create(server.admin(), new ConnectionDraft("Boom", "boom-driver",
                Map.of("siteCode", "B"))).id();
        HttpResponse<String> boom = http.send(HttpRequest.newBuilder(URI.create(server.url("/api/plugins/boom-plugin/connections/"
                        + connection + "/hook")))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(boom.statusCode()).isEqualTo(502);
        assertThat(server.get("/health").statusCode()).isEqualTo(200);

        Page page = signedIn();
        page.navigate(server.url("/plugins"));
        Locator card = plugin(page, "boom-plugin");
        assertThat(card.getByText("Started", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(card.getByText("Last failed call")).containsText(
                "Boom: answer POST /hook failed: IllegalStateException: " + TestPlugins.VENDOR_ERROR);
        // The rest of the UI still works.
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dashboard").setExact(true)).click();
        assertThat(page).hasTitle("Dashboard · Portier");
    }

    private Page signedIn() {
        context = browsers.browser().newContext();
        Page page = context.newPage();
        page.navigate(server.url("/login"));
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Email").setExact(true)).fill(RunningServer.ADMIN_EMAIL);
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Password").setExact(true)).fill(RunningServer.ADMIN_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in").setExact(true)).click();
        page.waitForURL(server.url("/"));
        return page;
    }

    private static Locator plugin(Page page, String id) {
        return page.locator("section[aria-label='Plugin " + id + "']");
    }
}
