package dev.portier.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.portier.platform.config.PortierConfig;
import dev.portier.web.server.PortierServer;
import dev.portier.web.server.WebServer;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Retained heap of an idle Vaadin session after sign-in: a real Portier in a forked JVM, {@code sessions}
 * Chromium browser contexts (Playwright, launched as the browser ITs launch it) that each open
 * {@code /login} and then sign in as a browser would, all kept open; after each step the server's live
 * heap ({@code jcmd GC.class_histogram}: a full collection, then the total of what survives). Figure: (heap with every context signed in − heap with no session)
 * ÷ sessions. Baseline in the same run: the same sessions before sign-in (a bare session with the login
 * page's UI). With {@code -Dbench.histograms=<dir>} it keeps the three histograms, for a diff of what a session
 * keeps.
 *
 * <p>Arguments: {@code [sessions]} (default 200).
 */
public final class SessionHeapBenchmark {

    private static final String EMAIL = "bench@example.com";
    private static final String PASSWORD = "bench password 1";
    private static final long IDLE_TIMEOUT_MS = 3_000;

    private SessionHeapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--server")) {
            server(Path.of(args[1]));
            return;
        }
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Files.createTempDirectory("portier-bench-sessions");
        String histograms = System.getProperty("bench.histograms");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "--enable-native-access=ALL-UNNAMED"));
        // e.g. -Dbench.serverJvmArgs=-XX:StartFlightRecording=filename=sessions.jfr,settings=profile
        String extra = System.getProperty("bench.serverJvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SessionHeapBenchmark.class.getName(), "--server", dir.toString()));
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line;
            int port = -1;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PORT ")) {
                    port = Integer.parseInt(line.substring(5).trim());
                    break;
                }
                System.out.println("server: " + line);
            }
            if (port < 0) {
                throw new IllegalStateException("the server did not start");
            }
            Thread.ofPlatform().daemon().start(() -> out.lines().forEach(l -> System.out.println("server: " + l)));
            measure(server.pid(), "http://127.0.0.1:" + port, sessions, histograms == null ? null : Path.of(histograms));
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** The forked Portier whose heap is measured (the browser's client objects stay out of it). */
    private static void server(Path dir) throws Exception {
        UiBenchSupport.quietLogging(dir);
        PortierServer server = PortierServer.start(PortierConfig.forDataDir(dir)
                .withAdmin(new PortierConfig.AdminBootstrap(EMAIL, PASSWORD, "Bench")));
        // The browsers' idle keep-alive connections (each with its parser's field cache, ~100 kB) are not
        // what a session keeps: a short connector idle timeout closes them before the heap is measured.
        Field field = WebServer.class.getDeclaredField("server");
        field.setAccessible(true);
        for (Connector connector : ((Server) field.get(server.injector().getInstance(WebServer.class))).getConnectors()) {
            ((AbstractConnector) connector).setIdleTimeout(IDLE_TIMEOUT_MS);
        }
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    private static void measure(long pid, String base, int sessions, Path histograms) throws Exception {
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                            // 200 pages: let them share a few renderer processes.
                            "--renderer-process-limit=4"));
            if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
                options.setExecutablePath(Path.of("/usr/bin/chromium"));
            }
            try (Browser browser = playwright.chromium().launch(options)) {
                // Warm-up: one session through sign-in and out, so classes and caches loaded once are not counted.
                try (BrowserContext warm = browser.newContext()) {
                    Page page = warm.newPage();
                    page.navigate(base + "/login");
                    signIn(page, base);
                }
                long empty = liveHeap(pid, histograms, "0-sessions");
                List<Page> pages = new ArrayList<>();
                for (int i = 0; i < sessions; i++) {
                    Page page = browser.newContext().newPage();
                    page.setDefaultTimeout(120_000);
                    page.navigate(base + "/login");
                    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in").setExact(true)).waitFor();
                    pages.add(page);
                }
                long bare = liveHeap(pid, histograms, "login-pages");
                long started = System.nanoTime();
                for (Page page : pages) {
                    signIn(page, base);
                }
                System.out.printf(Locale.ROOT, "%d sign-ins took %.1f s%n", sessions, (System.nanoTime() - started) / 1e9);
                long signedIn = liveHeap(pid, histograms, "signed-in");
                double perBare = (bare - empty) / (double) sessions / 1024;
                double perSession = (signedIn - empty) / (double) sessions / 1024;
                System.out.printf(Locale.ROOT, "live heap: no session %,d kB, %d login pages %,d kB, signed in %,d kB%n",
                        empty / 1024, sessions, bare / 1024, signedIn / 1024);
                BenchRows.append("idle Vaadin session after sign-in (" + sessions + " sessions)",
                        String.format(Locale.ROOT, "%.0f kB/session", perSession),
                        String.format(Locale.ROOT, "login page before sign-in %.0f kB/session", perBare),
                        BenchRows.ratio(perSession / perBare), "-", "-", "≤ 300 kB retained heap per session",
                        perSession <= 300);
                for (Page page : pages) {
                    page.context().close();
                }
            }
        }
    }

    private static void signIn(Page page, String base) {
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Email").setExact(true)).fill(EMAIL);
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Password").setExact(true)).fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in").setExact(true)).click();
        page.waitForURL(base + "/");
        // The landing view has rendered (its title is set once the view is attached).
        page.waitForFunction("() => document.title && !document.title.startsWith('Sign in')");
    }

    /**
     * The server's live heap: {@code jcmd <pid> GC.class_histogram} runs a full collection and totals what
     * survives; the histogram is kept as {@code <label>.txt} when a directory is given.
     */
    private static long liveHeap(long pid, Path histograms, String label) throws Exception {
        // Idle: past the connector idle timeout, so the browsers' keep-alive connections have closed.
        Thread.sleep(IDLE_TIMEOUT_MS + 3_000);
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run").redirectErrorStream(true).start().waitFor();
        Process process = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.class_histogram").redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        if (histograms != null) {
            Files.createDirectories(histograms);
            Files.writeString(histograms.resolve(label + ".txt"), text);
        }
        Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(text);
        if (!total.find()) {
            throw new IllegalStateException("no total in the class histogram: " + text);
        }
        long used = Long.parseLong(total.group(1));
        System.out.printf(Locale.ROOT, "%s: %,d kB live%n", label, used / 1024);
        return used;
    }
}
