package dev.portier.web.csv;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portier.platform.db.Database;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.RunningServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV import (all-or-nothing, every bad row shown) and export from the People page, in Chromium. */
class CsvBrowserIT {

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
    void importingPeopleIsAllOrNothingAndTheExportHasThemAll() throws Exception {
        try (RunningServer server = RunningServer.withAdmin(dir.resolve("data"));
                BrowserContext context = browsers.browser().newContext(new Browser.NewContextOptions().setAcceptDownloads(true))) {
            Page page = context.newPage();
            page.navigate(server.url("/login"));
            page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Email").setExact(true)).fill(RunningServer.ADMIN_EMAIL);
            page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Password").setExact(true)).fill(RunningServer.ADMIN_PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in").setExact(true)).click();
            page.waitForURL(server.url("/"));
            page.navigate(server.url("/people"));

            StringBuilder rows = new StringBuilder("name,email,phone\n");
            for (int i = 0; i < 500; i++) {
                rows.append("Person ").append(i).append(",p").append(i).append("@example.com,\n");
            }
            String withErrors = rows + "Bad,bad@,\nWorse,,+47 abc\n";
            Path bad = dir.resolve("bad.csv");
            Files.writeString(bad, withErrors);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import CSV")).click();
            upload(page, bad);
            assertThat(page.getByText("Nothing was imported")).isVisible();
            assertThat(page.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText("502")).first()).isVisible();
            assertThat(page.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText("503")).first()).isVisible();
            assertThat(count(server)).isZero();

            Path good = dir.resolve("good.csv");
            Files.writeString(good, withErrors.replace("bad@,", "bad@example.com,").replace("+47 abc", "+47 123 45 678"));
            upload(page, good);
            assertThat(page.getByText("Imported 502 people")).isVisible();
            assertThat(count(server)).isEqualTo(502);

            Download download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Export CSV")).click());
            String text = Files.readString(download.path(), StandardCharsets.UTF_8);
            assertThat(download.suggestedFilename()).matches("people-\\d{4}-\\d{2}-\\d{2}\\.csv");
            assertThat(text).startsWith("\uFEFFname,email,phone,notes,groups\r\n").contains("Worse,,'+4712345678,");
            assertThat(text.lines().count()).isEqualTo(503);
        }
    }

    private static void upload(Page page, Path file) {
        FileChooser chooser = page.waitForFileChooser(() -> page.locator("vaadin-upload vaadin-button, vaadin-upload-button").first().click());
        chooser.setFiles(file);
    }

    private static int count(RunningServer server) {
        return server.get(Database.class).jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM people").mapTo(Integer.class).one());
    }
}
