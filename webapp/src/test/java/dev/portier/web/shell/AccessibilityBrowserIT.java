package dev.portier.web.shell;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import dev.portier.testing.AxeCore;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.BundledPluginJar;
import dev.portier.testing.FirstDayData;
import dev.portier.testing.KeylessTestPlugin;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #19 item 10: axe-core on every signed-in view at laptop (1280×800) and phone (390×844) width. Prints the
 * findings per view and impact; fails on any critical or serious one, on a page without exactly one
 * {@code <main>} and one {@code <h1>}, and on any 404 the page's own requests meet (the favicon).
 */
class AccessibilityBrowserIT {

    @TempDir
    static Path dir;
    static RunningServer server;
    static BrowserSupport browsers;
    static AxeCore axe;
    static FirstDayData data;

    @BeforeAll
    static void start() throws Exception {
        axe = AxeCore.install();
        KeylessTestPlugin.install(dir);
        // Every bundled plugin, as a real installation lists them (the Plugins page then scrolls).
        for (String module : List.of("example", "reference", "unloc", "geotab", "invue")) {
            BundledPluginJar.install(dir, module);
        }
        server = RunningServer.withAdmin(dir);
        data = FirstDayData.create(server);
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

    private static List<String> views() {
        return List.of("/", "/sites", "/locks", "/people", "/cards", "/grants", "/groups", "/reservations", "/vehicles/" + data.van().id(),
                "/locks/" + data.door().id() + "/timeline", "/explain", "/events", "/revocation-exposure", "/users", "/audit",
                "/connections", "/plugins", "/sandbox", "/api-tokens", "/webhooks", "/external-decisions", "/account/password",
                "/access/person/" + data.ola().id(), "/access/card/" + data.card().id(),
                // the forms, whose dialogs hold the required selects
                "/sites/new", "/locks/new", "/people/new", "/cards/new", "/grants/new", "/reservations/new", "/connections/new",
                "/locks/" + data.door().id(), "/grants/" + data.grant().id());
    }

    @Test
    void everyViewHasOneMainAndOneH1AndNoCriticalOrSeriousFindingAtBothWidths() {
        Map<String, Map<String, Integer>> totals = new LinkedHashMap<>();
        Map<String, Integer> byRule = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int[] size : List.of(new int[] {1280, 800}, new int[] {390, 844})) {
            Browser.NewContextOptions options = new Browser.NewContextOptions().setViewportSize(size[0], size[1]);
            BrowserContext context = browsers.browser().newContext(options);
            try {
                Page page = context.newPage();
                List<String> missing = new CopyOnWriteArrayList<>();
                page.onResponse(r -> {
                    if (r.status() == 404) {
                        missing.add(r.url());
                    }
                });
                signIn(page);
                String icon = (String) page.evaluate("() => document.querySelector('link[rel=icon]')?.href ?? ''");
                assertThat(icon).as("the page names its icon").isNotEmpty();
                assertThat(page.request().get(icon).status()).as(icon).isEqualTo(200);
                for (String view : views()) {
                    missing.clear();
                    page.navigate(server.url(view));
                    page.waitForLoadState(LoadState.NETWORKIDLE);
                    assertThat(page.locator("vaadin-app-layout")).isVisible();
                    String key = view.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}|[0-9A-Za-z]{20,}", "{id}") + " @" + size[0];
                    Map<String, Integer> byImpact = new TreeMap<>();
                    for (AxeCore.Finding finding : axe.check(page)) {
                        byImpact.merge(finding.impact(), finding.nodes(), Integer::sum);
                        byRule.merge(finding.impact() + " " + finding.rule(), finding.nodes(), Integer::sum);
                        if (finding.criticalOrSerious()) {
                            failures.add(key + ": " + finding);
                        }
                    }
                    totals.put(key, byImpact);
                    int mains = page.locator("main").count();
                    int headings = page.locator("h1").count();
                    if (mains != 1 || headings != 1) {
                        failures.add(key + ": " + mains + " <main> and " + headings + " <h1>");
                    }
                    if (!missing.isEmpty()) {
                        failures.add(key + ": 404 for " + missing);
                    }
                }
            } finally {
                context.close();
            }
        }
        System.out.println("axe-core " + AxeCore.VERSION + " findings (elements) per view and impact:");
        totals.forEach((view, byImpact) -> System.out.println("  " + view + " " + (byImpact.isEmpty() ? "none" : byImpact)));
        System.out.println("  all views, by rule: " + byRule);
        assertThat(failures).as("critical or serious axe findings, landmarks, headings, 404s").isEmpty();
    }

    private static void signIn(Page page) {
        page.navigate(server.url("/login"));
        field(page, "Email").fill(RunningServer.ADMIN_EMAIL);
        field(page, "Password").fill(RunningServer.ADMIN_PASSWORD);
        button(page, "Log in").click();
        page.waitForURL(server.url("/"));
    }
}
