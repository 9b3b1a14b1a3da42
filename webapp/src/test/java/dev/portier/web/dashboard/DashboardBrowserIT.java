package dev.portier.web.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portier.domain.events.EventLog;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.plugin.api.LockEvent;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.FirstDayData;
import dev.portier.testing.KeylessTestPlugin;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #19: the dashboard says what to do — the setup checklist (connection → site → lock → person → grant,
 * ticked as each exists, each linking to where it is made) until the first grant, then what needs attention
 * (locks not enrolled, denied attempts of the last 24 h), today's reservations and the latest door events
 * instead of the admin audit.
 */
class DashboardBrowserIT {

    /** Friday 2030-03-08, 10:30 UTC: during the first-day van booking (09:00–13:00 UTC). */
    static final Instant NOW = Instant.parse("2030-03-08T10:30:00Z");

    @TempDir
    static Path dir;
    static RunningServer server;
    static BrowserSupport browsers;

    @BeforeAll
    static void start() throws Exception {
        KeylessTestPlugin.install(dir);
        server = RunningServer.withAdmin(dir, Clock.fixed(NOW, ZoneOffset.UTC));
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
    void theChecklistLeadsToTheFirstGrantThenTheDashboardSaysWhatNeedsAttention() {
        BrowserContext context = browsers.browser().newContext();
        try {
            Page page = context.newPage();
            page.navigate(server.url("/login"));
            field(page, "Email").fill(RunningServer.ADMIN_EMAIL);
            field(page, "Password").fill(RunningServer.ADMIN_PASSWORD);
            button(page, "Log in").click();
            page.waitForURL(server.url("/"));

            Locator checklist = page.locator(".setup-checklist");
            assertThat(checklist.locator("li.todo")).hasCount(5);
            assertThat(checklist.getByRole(AriaRole.LINK).first()).hasAttribute("href", "connections/new");
            assertThat(page.locator(".attention")).hasCount(0);
            assertThat(page.getByText("Signed in")).hasCount(0);

            server.get(SiteService.class).create(server.admin(), new SiteDraft("Annex", null, "Europe/Oslo"));
            page.reload();
            assertThat(checklist.locator("li.done")).hasCount(1);
            assertThat(checklist.locator("li.done")).containsText("Add a site");
            checklist.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Add a lock at the site")).click();
            page.waitForURL(server.url("/locks/new"));

            // The first grant (and a connection, a lock, a person) exists: no checklist, but what needs attention.
            FirstDayData data = FirstDayData.create(server);
            server.get(LockService.class).create(server.admin(), new LockDraft(data.site().id(), "Side gate", LockKind.GATE, null, null,
                    LockState.PENDING_ENROLMENT));
            server.get(EventLog.class).recordAll(server.admin().accountId(), data.door().id(), "mobile", List.of(
                    new LockEvent(data.door().id(), 1L, NOW.minusSeconds(3600), "ACCESS_DENIED", Map.of()),
                    new LockEvent(data.door().id(), 2L, NOW.minusSeconds(600), "UNLOCKED", Map.of())));
            dev.portier.domain.grants.Grant ending = server.get(dev.portier.domain.grants.GrantService.class).create(server.admin(),
                    new dev.portier.domain.grants.GrantDraft(data.ola().id(), null, data.door().id(), null, null,
                            NOW.plus(java.time.Duration.ofDays(3)), null, java.util.EnumSet.of(dev.portier.domain.grants.Permission.UNLOCK),
                            dev.portier.domain.grants.Delivery.PRE_ISSUED, null));
            server.get(dev.portier.domain.grants.GrantService.class).create(server.admin(),
                    new dev.portier.domain.grants.GrantDraft(data.ola().id(), null, data.door().id(), null, null,
                            NOW.plus(java.time.Duration.ofDays(20)), null, java.util.EnumSet.of(dev.portier.domain.grants.Permission.UNLOCK),
                            dev.portier.domain.grants.Delivery.PRE_ISSUED, null));
            page.navigate(server.url("/"));
            assertThat(page.locator(".setup-checklist")).hasCount(0);
            Locator attention = page.locator(".attention");
            assertThat(attention.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("1 lock is not enrolled yet")))
                    .hasAttribute("href", "locks");
            assertThat(attention.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("1 denied attempt in the last 24 hours")))
                    .hasAttribute("href", "events");

            Locator endings = attention.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^The grant for .* ends")));
            assertThat(endings).hasCount(1); // only the one ending within 14 days
            assertThat(endings).hasAttribute("href", "grants/" + ending.id());

            Locator today = page.locator(".todays-reservations");
            Locator booking = today.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("Van 1 · Ola Nordmann")));
            assertThat(booking).hasAttribute("href", "reservations/" + data.friday().id());
            assertThat(today).containsText("not checked in");

            Locator feed = page.locator(".door-feed");
            assertThat(feed.getByText("Access denied")).isVisible();
            assertThat(feed.getByText("Unlocked")).isVisible();
        } finally {
            context.close();
        }
    }
}
