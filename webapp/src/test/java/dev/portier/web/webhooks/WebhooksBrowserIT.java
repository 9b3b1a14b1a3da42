package dev.portier.web.webhooks;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static dev.portier.testing.VaadinLocators.visible;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.portier.platform.webhooks.WebhookDelivery;
import dev.portier.platform.webhooks.WebhookEndpoints;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.RunningServer;
import dev.portier.testing.StandardWebhooksVerifier;
import dev.portier.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manager adds a webhook in the browser, sees its secret once, sends a test event and watches the delivery log
 * show it delivered; when the receiver keeps failing, the dashboard says so.
 */
class WebhooksBrowserIT {

    static BrowserSupport browsers;

    @TempDir
    Path dir;
    RunningServer server;
    BrowserContext context;
    WebhookReceiver receiver;

    @BeforeAll
    static void launch() throws Exception {
        StandardWebhooksVerifier.install();
        browsers = new BrowserSupport();
    }

    @AfterAll
    static void quit() {
        if (browsers != null) {
            browsers.close();
        }
    }

    @AfterEach
    void tearDown() {
        if (context != null) {
            context.close();
        }
        if (server != null) {
            server.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aWebhookIsAddedItsSecretShownOnceAndTheTestEventShowsDeliveredInTheLog() throws Exception {
        receiver = WebhookReceiver.start();
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        server = RunningServer.withAdminAndPrivateHttp(dir, clock);
        context = browsers.browser().newContext();
        Page page = context.newPage();
        page.navigate(server.url("/login"));
        field(page, "Email").fill(RunningServer.ADMIN_EMAIL);
        field(page, "Password").fill(RunningServer.ADMIN_PASSWORD);
        button(page, "Log in").click();
        page.waitForURL(server.url("/"));

        page.getByText("Webhooks").first().click();
        page.waitForURL("**/webhooks");
        assertThat(page).hasTitle("Webhooks · Portier");

        button(page, "New webhook").click();
        button(page, "Add webhook").click();
        assertThat(page.getByText("Give the address Portier posts events to (https://…)")).isVisible();
        field(page, "Address").fill(receiver.url("/portier"));
        page.getByText("grant.created · A grant was created").click();
        button(page, "Add webhook").click();

        Locator secretField = field(page, "Signing secret");
        assertThat(secretField).isVisible();
        String secret = secretField.inputValue();
        assertThat(secret).startsWith("whsec_");
        assertThat(page.getByText("Portier shows it only this once")).isVisible();
        button(page, "Done").click();
        assertThat(page.content()).as("the secret is gone from the page").doesNotContain(secret);
        Locator endpoints = page.locator("vaadin-grid").first();
        assertThat(visible(endpoints.getByText(receiver.url("/portier")))).hasCount(1);
        assertThat(visible(endpoints.getByText("Healthy"))).hasCount(1);

        button(page, "Send test event").click();
        WebhookReceiver.await("the test event arrived", Duration.ofSeconds(20), () -> receiver.received().size() == 1);
        assertThat(StandardWebhooksVerifier.verify(secret, receiver.received()).getFirst().type()).isEqualTo("webhook.test");
        WebhookEndpoints webhooks = server.get(WebhookEndpoints.class);
        String accountId = server.admin().accountId();
        String hookId = webhooks.list(accountId).getFirst().id();
        WebhookReceiver.await("the log has it delivered", Duration.ofSeconds(20),
                () -> webhooks.deliveries(accountId, hookId, 1).getFirst().state() == WebhookDelivery.State.SUCCEEDED);
        button(page, "Refresh").click();
        Locator log = page.locator("vaadin-grid.webhook-deliveries");
        assertThat(visible(log.getByText("webhook.test"))).hasCount(1);
        assertThat(visible(log.getByText("Delivered"))).hasCount(1);
        assertThat(visible(log.getByText("204"))).hasCount(1);

        // The receiver fails from now on: three failed attempts in a row make the endpoint failing, on the dashboard too.
        receiver.answer(500);
        button(page, "Send test event").click();
        for (Duration wait : new Duration[] {Duration.ofSeconds(5), Duration.ofMinutes(5), null}) {
            int before = receiver.received().size();
            WebhookReceiver.await("another attempt", Duration.ofSeconds(20), () -> receiver.received().size() == before + 1);
            if (wait != null) {
                WebhookReceiver.await("the attempt recorded", Duration.ofSeconds(20),
                        () -> webhooks.deliveries(accountId, hookId, 1).getFirst().attempts() == receiver.received().size() - 1);
                clock.advance(wait);
            }
        }
        WebhookReceiver.await("the endpoint is failing", Duration.ofSeconds(20), () -> !webhooks.troubled(accountId).isEmpty());
        page.navigate(server.url("/"));
        assertThat(page.getByText("Webhooks failing (1)")).isVisible();
        assertThat(page.locator(".webhook-trouble")).containsText("3 failed attempts in a row");
    }
}
