package dev.portier.identity.apitokens;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static dev.portier.testing.VaadinLocators.visible;
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
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An owner creates an API token in the browser, sees it once, uses it over HTTP and revokes it. */
class ApiTokensBrowserIT {

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
    void aTokenIsShownOnceWorksForTheApiAndStopsWhenRevoked() throws Exception {
        server = RunningServer.withAdmin(dir);
        context = browsers.browser().newContext();
        Page page = context.newPage();
        page.navigate(server.url("/login"));
        field(page, "Email").fill(RunningServer.ADMIN_EMAIL);
        field(page, "Password").fill(RunningServer.ADMIN_PASSWORD);
        button(page, "Log in").click();
        page.waitForURL(server.url("/"));

        page.getByText("API tokens").first().click();
        page.waitForURL("**/api-tokens");
        assertThat(page).hasTitle("API tokens · Portier");

        button(page, "New token").click();
        button(page, "Create token").click();
        assertThat(page.locator("[slot=error-message]", new Page.LocatorOptions().setHasText("Enter a name"))).isVisible();
        field(page, "Name").fill("Booking sync");
        button(page, "Create token").click();

        Locator secretField = field(page, "Token");
        assertThat(secretField).isVisible();
        String secret = secretField.inputValue();
        assertThat(secret).startsWith("ptr_").hasSize(47);
        assertThat(page.getByText("Portier shows it only this once")).isVisible();
        button(page, "Done").click();

        Locator grid = page.locator("vaadin-grid");
        assertThat(visible(grid.getByText("Booking sync"))).hasCount(1);
        assertThat(visible(grid.getByText("Never"))).hasCount(1);
        assertThat(page.content()).as("the secret is gone from the page").doesNotContain(secret);

        assertThat(callApi(secret).statusCode()).isEqualTo(200);
        page.reload();
        assertThat(visible(grid.getByText("Booking sync"))).hasCount(1);
        assertThat(visible(grid.getByText("Never"))).hasCount(0); // the last use is shown now

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke Booking sync")).click();
        assertThat(page.getByText("Revoke Booking sync?")).isVisible();
        button(page, "Revoke").click();
        assertThat(page.getByText("Booking sync was revoked")).isVisible();
        assertThat(visible(grid.getByText("Revoked"))).hasCount(1);

        HttpResponse<String> refused = callApi(secret);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"error\"");
    }

    private HttpResponse<String> callApi(String secret) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/sites"))).header("Authorization", "Bearer " + secret)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
