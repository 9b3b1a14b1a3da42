package dev.portier.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.identity.security.SignInResult;
import dev.portier.identity.security.SignInService;
import dev.portier.platform.config.PortierConfig;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.web.server.PortierServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The People page in a real Chromium (Playwright, launched as the browser ITs launch it) against a real
 * Portier: the time from clicking People in the side navigation (from the dashboard, as a user
 * navigates: no page reload) until the first person's row shows, and from
 * asking the grid for its last row ({@code scrollToIndex}) until that row shows. Measured with 100,000
 * people in the account; the baseline in the same run is the same page with 100 people.
 *
 * <p>Arguments: {@code [people] [runs]} (default 100000 and 7).
 */
public final class PeopleGridBenchmark {

    private static final String EMAIL = "bench@example.com";
    private static final String PASSWORD = "bench password 1";

    private PeopleGridBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        int small = 100;
        Path dir = Files.createTempDirectory("portier-bench-people");
        UiBenchSupport.quietLogging(dir);
        try (PortierServer server = PortierServer.start(PortierConfig.forDataDir(dir)
                .withAdmin(new PortierConfig.AdminBootstrap(EMAIL, PASSWORD, "Bench")))) {
            SignInResult.SignedIn ok = (SignInResult.SignedIn) server.injector().getInstance(SignInService.class).signIn(EMAIL, PASSWORD);
            SignedInUser owner = new SignedInUser(ok.user().id(), ok.user().email(), ok.user().displayName(),
                    ok.accounts().getFirst().accountId());
            Database database = server.injector().getInstance(Database.class);
            String base = "http://127.0.0.1:" + server.port();
            try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
                BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true)
                        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"));
                if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
                    options.setExecutablePath(Path.of("/usr/bin/chromium"));
                }
                try (Browser browser = playwright.chromium().launch(options); BrowserContext context = browser.newContext()) {
                    Page page = context.newPage();
                    page.setDefaultTimeout(60_000);
                    page.navigate(base + "/login");
                    page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Email").setExact(true)).fill(EMAIL);
                    page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Password").setExact(true)).fill(PASSWORD);
                    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in").setExact(true)).click();
                    page.waitForURL(base + "/");

                    insertPeople(database, owner.accountId(), 0, small, total);
                    double[][] baseline = measure(page, base, small, total, runs);
                    System.out.println("Writing " + total + " people ...");
                    insertPeople(database, owner.accountId(), small, total, total);
                    double[][] portier = measure(page, base, total, total, runs);

                    row("people grid " + count(total) + ", first rows after navigation", portier[0], baseline[0], small);
                    row("people grid " + count(total) + ", scrolling to the end", portier[1], baseline[1], small);
                }
            }
        }
    }

    /** People named so that sorting by name puts person i at row i: {@code Person 000042}. */
    private static String name(int i, int total) {
        return String.format(Locale.ROOT, "Person %0" + String.valueOf(total).length() + "d", i);
    }

    private static void insertPeople(Database database, String accountId, int from, int to, int total) {
        long at = System.currentTimeMillis();
        database.jdbi().useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO people (id, account_id, name, email, phone, notes, created_at) "
                    + "VALUES (:id, :account, :name, :email, NULL, :notes, :at)");
            for (int i = from; i < to; i++) {
                batch.bind("id", Ids.newId()).bind("account", accountId).bind("name", name(i, total))
                        .bind("email", "p" + i + "@bench.example").bind("notes", "Bench person " + i).bind("at", at).add();
                if ((i - from) % 1000 == 999) {
                    batch.execute();
                }
            }
            batch.execute();
        });
    }

    /** [first rows ms per run, scroll-to-end ms per run], after one warm-up run. */
    private static double[][] measure(Page page, String base, int people, int total, int runs) {
        double[] first = new double[runs];
        double[] end = new double[runs];
        String firstName = name(0, total);
        String lastName = name(people - 1, total);
        for (int run = -1; run < runs; run++) {
            if (run == -1) {
                page.navigate(base + "/");
            } else {
                navItem(page, "Dashboard").click();
            }
            page.waitForURL(base + "/");
            page.getByText("Recent activity").waitFor();
            long started = System.nanoTime();
            navItem(page, "People").click();
            cell(page, firstName).waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
            long shown = System.nanoTime();
            page.evaluate("() => { const g = document.querySelector('vaadin-grid'); g.scrollToIndex(g.size - 1); }");
            cell(page, lastName).waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
            long scrolled = System.nanoTime();
            int size = ((Number) page.evaluate("() => document.querySelector('vaadin-grid').size")).intValue();
            if (size != people) {
                throw new IllegalStateException("the grid says " + size + " rows, expected " + people);
            }
            if (run >= 0) {
                first[run] = (shown - started) / 1e6;
                end[run] = (scrolled - shown) / 1e6;
            }
            System.out.printf(Locale.ROOT, "%,d people, run %d: first rows %.0f ms, end %.0f ms%n", people, run + 1,
                    (shown - started) / 1e6, (scrolled - shown) / 1e6);
        }
        return new double[][] {first, end};
    }

    /** The side navigation's link to a page: navigating the way a user does, without reloading the app. */
    private static Locator navItem(Page page, String label) {
        return page.locator("vaadin-side-nav").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(label).setExact(true));
    }

    private static Locator cell(Page page, String text) {
        return page.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText(text)).first();
    }

    private static void row(String hotPath, double[] portier, double[] baseline, int small) {
        double p50 = UiBenchSupport.percentile(portier, 50);
        double base = UiBenchSupport.percentile(baseline, 50);
        double max = UiBenchSupport.percentile(portier, 100);
        BenchRows.append(hotPath, BenchRows.millis(p50) + " (median of " + portier.length + ")",
                count(small) + " people " + BenchRows.millis(base), BenchRows.ratio(p50 / base),
                BenchRows.millis(p50), BenchRows.millis(max) + " (max)", "≤ 1 s", p50 <= 1000);
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
