package dev.portier.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * axe-core (npm {@code axe-core}, pinned in {@code src/test/axe/package-lock.json}), installed with
 * {@code npm ci} into {@code target/axe} once and injected into pages to find accessibility problems the
 * way the audit did. Tests skip only when Node.js is not installed (CI installs it).
 */
public final class AxeCore {

    public static final String VERSION = "4.11.0";
    private static final Path SOURCE = Path.of("src", "test", "axe");
    private static final Path INSTALLED = Path.of("target", "axe");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One rule axe found broken on a page: its impact (minor … critical), how many elements, and the first few. */
    public record Finding(String rule, String impact, int nodes, List<String> targets, String help) {

        public boolean criticalOrSerious() {
            return "critical".equals(impact) || "serious".equals(impact);
        }

        @Override
        public String toString() {
            return impact + " " + rule + " ×" + nodes + " " + targets + " — " + help;
        }
    }

    private final String script;

    private AxeCore(String script) {
        this.script = script;
    }

    /** Skips the calling test when Node.js is missing; installs axe-core when needed. */
    public static synchronized AxeCore install() throws IOException, InterruptedException {
        assumeTrue(commandWorks(List.of("npm", "--version")), "Node.js/npm is not installed; .ci/run installs it and runs these tests");
        Files.createDirectories(INSTALLED);
        for (String name : List.of("package.json", "package-lock.json")) {
            Files.copy(SOURCE.resolve(name), INSTALLED.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        Path module = INSTALLED.resolve("node_modules/axe-core");
        if (!Files.exists(module.resolve("axe.min.js"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline")
                    .directory(INSTALLED.toFile()).redirectErrorStream(true).start();
            String out = new String(npm.getInputStream().readAllBytes());
            assertThat(npm.waitFor(300, TimeUnit.SECONDS) && npm.exitValue() == 0).as("npm ci: " + out).isTrue();
        }
        JsonNode installed = JSON.readTree(module.resolve("package.json").toFile());
        assertThat(installed.get("version").asText()).isEqualTo(VERSION);
        return new AxeCore(Files.readString(module.resolve("axe.min.js")));
    }

    /** Runs every axe rule on the page as it is now (shadow roots included) and returns the broken ones. */
    public List<Finding> check(Page page) {
        if (!(Boolean) page.evaluate("() => typeof window.axe !== 'undefined'")) {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(script));
        }
        Object result = page.evaluate("""
                async () => {
                  const r = await axe.run(document, { resultTypes: ['violations'] });
                  return JSON.stringify(r.violations.map(v => ({ rule: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map(n => JSON.stringify(n.target) + ' ' + (n.failureSummary || '')
                          .replace(/\s+/g, ' ')) })));
                }""");
        List<Finding> findings = new ArrayList<>();
        try {
            for (JsonNode v : JSON.readTree((String) result)) {
                List<String> targets = new ArrayList<>();
                v.get("targets").forEach(t -> targets.add(t.asText()));
                findings.add(new Finding(v.get("rule").asText(), v.get("impact").asText(), v.get("nodes").asInt(), targets,
                        v.get("help").asText()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("axe's answer is not JSON: " + result, e);
        }
        return findings;
    }

    private static boolean commandWorks(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
