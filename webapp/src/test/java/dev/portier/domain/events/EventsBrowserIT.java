package dev.portier.domain.events;

import dev.portier.web.events.EventsCsv;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portier.identity.accounts.AccountService;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.plugin.api.LockEvent;
import dev.portier.identity.security.SignInResult;
import dev.portier.identity.security.SignInService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.SiteService;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.RunningServer;
import dev.portier.testing.VaadinLocators;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock timeline (a gap row, then not) and the event list with its CSV export, in Chromium. */
class EventsBrowserIT {

    static BrowserSupport browsers;

    @TempDir
    Path dir;

    @BeforeAll
    static void launch() {
        browsers = new BrowserSupport();
    }

    @AfterAll
    static void quit() {
        browsers.close();
    }

    @Test
    void theTimelineShowsAGapUntilTheEntriesArriveAndTheListExportsWhatItShows() throws Exception {
        try (RunningServer server = RunningServer.withAdmin(dir.resolve("data"));
                BrowserContext context = browsers.browser().newContext(new Browser.NewContextOptions().setAcceptDownloads(true))) {
            SignedInUser admin = admin(server);
            Lock door = EventFixtures.lock(server.get(SiteService.class), server.get(LockService.class), admin, "Front door");
            EventLog log = server.get(EventLog.class);
            log.recordAll(admin.accountId(), door.id(), "mobile", entries(door, 1, 2, 5, 6));
            Page page = context.newPage();
            signIn(page, server);
            // Created after signing in, so that the browser stays in the admin's first account.
            SignedInUser beta = server.get(AccountService.class).create(admin, "Beta", "UTC");
            Lock theirs = EventFixtures.lock(server.get(SiteService.class), server.get(LockService.class), beta, "Their door");
            page.navigate(server.url("/locks"));
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Timeline")).click();
            page.waitForURL(server.url("/locks/" + door.id() + "/timeline"));
            assertThat(page.getByText("Timeline of Front door")).isVisible();
            assertThat(page.getByText("Entries 3–4 not received yet")).isVisible();
            assertThat(cell(page, "#5")).isVisible();

            log.recordAll(admin.accountId(), door.id(), "mobile", entries(door, 4, 3));
            page.reload();
            assertThat(cell(page, "#3")).isVisible();
            assertThat(cell(page, "#4")).isVisible();
            assertThat(page.getByText("not received yet")).hasCount(0);

            page.navigate(server.url("/locks/" + theirs.id() + "/timeline"));
            assertThat(page.getByText("Page not found")).isVisible();

            page.navigate(server.url("/events"));
            assertThat(cell(page, "card=04A15, verdict=ALLOWED")).isVisible();
            VaadinLocators.field(page, "Search").fill("04a15");
            assertThat(VaadinLocators.visible(page.locator("vaadin-grid-cell-content").filter(
                    new Locator.FilterOptions().setHasText("#6")))).hasCount(0);
            Download download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                    new Page.GetByRoleOptions().setName("Export CSV")).click());
            assertThat(download.suggestedFilename()).matches("events-\\d{4}-\\d{2}-\\d{2}\\.csv");
            List<String> lines = Files.readAllLines(download.path(), StandardCharsets.UTF_8);
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).isEqualTo("\uFEFF" + String.join(",", EventsCsv.COLUMNS));
            assertThat(lines.get(1)).startsWith("2026-11-02T07:05:00Z,").contains(",Front door," + door.id() + ",5,UNLOCKED,")
                    .contains("\"{\"\"card\"\":\"\"04A15\"\",\"\"verdict\"\":\"\"ALLOWED\"\"}\",mobile,");
        }
    }

    private static Locator cell(Page page, String text) {
        return VaadinLocators.visible(page.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText(text))).first();
    }

    private static List<LockEvent> entries(Lock lock, long... numbers) {
        return LongStream.of(numbers).mapToObj(n -> EventFixtures.entry(lock.id(), n)).toList();
    }

    private static SignedInUser admin(RunningServer server) {
        SignInResult.SignedIn ok = (SignInResult.SignedIn) server.get(SignInService.class)
                .signIn(RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);
        return new SignedInUser(ok.user().id(), ok.user().email(), ok.user().displayName(), ok.accounts().getFirst().accountId());
    }

    private static void signIn(Page page, RunningServer server) {
        page.navigate(server.url("/login"));
        VaadinLocators.field(page, "Email").fill(RunningServer.ADMIN_EMAIL);
        VaadinLocators.field(page, "Password").fill(RunningServer.ADMIN_PASSWORD);
        VaadinLocators.button(page, "Log in").click();
        page.waitForURL(server.url("/"));
    }
}
