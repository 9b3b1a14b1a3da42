package dev.portier.drivers.pulling;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.identity.apitokens.ApiTokenService;
import dev.portier.plugins.example.simulator.DoorControllerSimulator;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.ExamplePlugin;
import dev.portier.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server pulls a door controller on loopback through the example plugin: the lock timeline
 * read over the REST API, the Connections page in Chromium, and a restart on the same data directory.
 */
class EventPullingIT {

    static final String KEY = "pulling-it-key-42";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    DoorControllerSimulator controller;
    RunningServer server;
    Connection connection;
    Lock front;
    String token;

    @BeforeEach
    void start() throws Exception {
        ExamplePlugin.install(dir);
        controller = DoorControllerSimulator.start(KEY);
        controller.addDoor("front");
        server = RunningServer.withAdminAndPrivateHttp(dir, EventPullingTest.FAST);
        SignedInUser admin = server.admin();
        Site site = server.get(SiteService.class).create(admin, new SiteDraft("Harbour", null, "UTC"));
        connection = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Front controller",
                ExamplePlugin.DRIVER_ID, Map.of("baseUrl", controller.url(), "apiKey", KEY)));
        front = server.get(LockService.class).create(admin, new LockDraft(site.id(), "Front door", LockKind.DOOR, null, "front",
                LockState.ACTIVE, connection.id()));
        token = server.get(ApiTokenService.class).create(admin, "Timeline reader", Role.VIEWER).secret();
    }

    @AfterEach
    void stop() {
        server.close();
        controller.close();
    }

    @Test
    void pulledEntriesShowAGapInTheTimelineUntilTheWithheldEntryArrives() {
        controller.logByHand("front", "UNLOCKED");
        long late = controller.logByHand("front", "LOCKED");
        controller.logByHand("front", "UNLOCKED");
        controller.withhold(late);

        await(this::timeline, List.of("1 UNLOCKED", "gap 2-2", "3 UNLOCKED"));
        controller.release(late);
        await(this::timeline, List.of("1 UNLOCKED", "2 LOCKED", "3 UNLOCKED"));
    }

    @Test
    void aFailingControllerIsShownOnTheConnectionsPageUntilAPullWorksAgain() {
        controller.logByHand("front", "UNLOCKED");
        await(this::timeline, List.of("1 UNLOCKED"));
        controller.failNext("/log", 1_000);
        PullStatus failing = await(() -> status().filter(PullStatus::failing).orElse(null));
        assertThat(failing.lastError()).contains("503");

        try (BrowserSupport browsers = new BrowserSupport(); BrowserContext context = browsers.browser().newContext()) {
            Page page = signIn(context);
            page.navigate(server.url("/connections"));
            Locator grid = page.locator("vaadin-grid").last();
            assertThat(grid.getByText("Events pulled")).isVisible();
            assertThat(grid.getByText("Pull failed", new Locator.GetByTextOptions().setExact(false)).first()).isVisible();
            assertThat(grid.getByText("HTTP 503", new Locator.GetByTextOptions().setExact(false)).first()).isVisible();
            assertThat(grid.getByText("Last pull", new Locator.GetByTextOptions().setExact(false)).first()).isVisible();

            controller.failNext("/log", 0);
            controller.logByHand("front", "LOCKED");
            await(this::timeline, List.of("1 UNLOCKED", "2 LOCKED"));
            await(() -> status().filter(s -> !s.failing()).orElse(null));
            page.reload();
            grid = page.locator("vaadin-grid").last();
            assertThat(grid.getByText("2 events received", new Locator.GetByTextOptions().setExact(false)).first()).isVisible();
            assertThat(grid.getByText("Pull failed", new Locator.GetByTextOptions().setExact(false))).hasCount(0);

            grid.getByText("Front controller").click();
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.DIALOG)
                    .getByText("Last pull", new Locator.GetByTextOptions().setExact(false))).isVisible();
        }
    }

    @Test
    void aRestartedServerContinuesFromThePersistedCursorWithoutDuplicatesOrLosses() {
        controller.logByHand("front", "UNLOCKED");
        controller.logByHand("front", "LOCKED");
        await(this::timeline, List.of("1 UNLOCKED", "2 LOCKED"));
        server.close();

        // Entries 1 and 2 are no longer answered: a server that pulled from the start again would see entry 3
        // behind a gap and hold back; one that continues from its cursor reads it at once.
        controller.withhold(1);
        controller.withhold(2);
        controller.logByHand("front", "UNLOCKED");
        server = RunningServer.withAdminAndPrivateHttp(dir, EventPullingTest.FAST);

        await(this::timeline, List.of("1 UNLOCKED", "2 LOCKED", "3 UNLOCKED"));
        controller.release(1);
        controller.release(2);
        controller.logByHand("front", "LOCKED");
        await(this::timeline, List.of("1 UNLOCKED", "2 LOCKED", "3 UNLOCKED", "4 LOCKED"));
        assertThat(status().orElseThrow().eventsReceived()).as("each entry recorded once").isEqualTo(4);
    }

    private java.util.Optional<PullStatus> status() {
        return server.get(EventPulls.class).status(server.admin(), connection.id());
    }

    /** The lock's timeline over the REST API: "entry type" or "gap from-to" per item. */
    private List<String> timeline() {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/locks/" + front.id()
                    + "/events"))).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            List<String> items = new ArrayList<>();
            for (JsonNode item : JSON.readTree(answer.body()).get("items")) {
                items.add(item.has("gap") ? "gap " + item.get("gap").get("from") + "-" + item.get("gap").get("to")
                        : item.get("entryNumber").asLong() + " " + item.get("type").asText());
            }
            return items;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Page signIn(BrowserContext context) {
        Page page = context.newPage();
        page.navigate(server.url("/login"));
        field(page, "Email").fill(RunningServer.ADMIN_EMAIL);
        field(page, "Password").fill(RunningServer.ADMIN_PASSWORD);
        button(page, "Log in").click();
        page.waitForURL(server.url("/"));
        return page;
    }

    private static <T> void await(Supplier<T> actual, T wanted) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (!wanted.equals(actual.get()) && Instant.now().isBefore(deadline)) {
            sleep();
        }
        assertThat(actual.get()).isEqualTo(wanted);
    }

    private static <T> T await(Supplier<T> found) {
        Instant deadline = Instant.now().plusSeconds(15);
        T value = found.get();
        while (value == null && Instant.now().isBefore(deadline)) {
            sleep();
            value = found.get();
        }
        assertThat(value).as("in time").isNotNull();
        return value;
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
