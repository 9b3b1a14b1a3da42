package dev.portier.drivers.ondemand;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static dev.portier.testing.VaadinLocators.fieldError;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import dev.portier.platform.db.Database;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.RunningServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An owner sets the external decision endpoint in the browser, sees bad input at its fields, tests it
 * against an endpoint on loopback (the server allows private targets, as an operator with an
 * on-premises endpoint would), and removes it.
 */
class DecisionEndpointBrowserIT {

    private static final String KEY = "browser-endpoint-key-0123";

    static BrowserSupport browsers;

    @TempDir
    Path dir;
    RunningServer server;
    BrowserContext context;
    HttpServer endpoint;
    final AtomicReference<String> sentKey = new AtomicReference<>();

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
        if (endpoint != null) {
            endpoint.stop(0);
        }
    }

    @Test
    void anOwnerSavesTestsAndRemovesTheEndpoint() throws Exception {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/check-access", exchange -> {
            sentKey.set(exchange.getRequestHeaders().getFirst("X-Tasks-Key"));
            byte[] body = ("{\"lockId\":\"" + ExternalDecisions.TEST_LOCK_ID + "\",\"appUserId\":\"" + ExternalDecisions.TEST_PHONE
                    + "\",\"hasAccess\":false}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        server = RunningServer.withAdminAndPrivateHttp(dir);
        context = browsers.browser().newContext();
        Page page = context.newPage();
        page.navigate(server.url("/login"));
        field(page, "Email").fill(RunningServer.ADMIN_EMAIL);
        field(page, "Password").fill(RunningServer.ADMIN_PASSWORD);
        button(page, "Log in").click();
        page.waitForURL(server.url("/"));

        page.getByText("External decisions").first().click();
        page.waitForURL("**/external-decisions");
        assertThat(page).hasTitle("External decisions · Portier");
        assertThat(page.getByText("No endpoint: Portier's grants decide alone.")).isVisible();

        field(page, "Endpoint URL").fill("ftp://tasks.example.com");
        button(page, "Save").click();
        assertThat(fieldError(page, "Enter an absolute http:// or https:// address")).isVisible();
        assertThat(fieldError(page, "Enter the API key the endpoint expects")).isVisible();

        field(page, "Endpoint URL").fill("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/check-access");
        field(page, "API header name").fill("X-Tasks-Key");
        field(page, "API key").fill(KEY);
        button(page, "Save").click();
        assertThat(page.getByText("Configured; last changed by")).isVisible();
        assertThat(field(page, "API key")).hasValue("");
        String sealed = server.get(Database.class).jdbi().withHandle(h -> h.createQuery("SELECT sealed_key FROM on_demand_endpoints")
                .mapTo(String.class).one());
        org.assertj.core.api.Assertions.assertThat(sealed).doesNotContain(KEY);

        button(page, "Test").click();
        assertThat(page.getByText("The endpoint works: 127.0.0.1 answered hasAccess: false")).isVisible();
        org.assertj.core.api.Assertions.assertThat(sentKey.get()).isEqualTo(KEY);

        button(page, "Remove").click();
        assertThat(page.getByText("No endpoint: Portier's grants decide alone.")).isVisible();
    }
}
