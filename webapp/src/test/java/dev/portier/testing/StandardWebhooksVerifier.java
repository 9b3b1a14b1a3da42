package dev.portier.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Verifies webhook requests with an implementation that is not Portier's: the Standard Webhooks library for
 * JavaScript ({@code standardwebhooks} from npm, {@code new Webhook(secret).verify(body, headers)}) under Node.js.
 * Installed with {@code npm ci} from the lock file in {@code src/test/standardwebhooks} into
 * {@code target/standardwebhooks} once. Tests skip only when Node.js is not installed (CI installs it).
 */
public final class StandardWebhooksVerifier {

    private static final Path SOURCE = Path.of("src", "test", "standardwebhooks");
    private static final Path INSTALLED = Path.of("target", "standardwebhooks");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the library said about one request: verified (with the payload's type), or its error. */
    public record Verdict(boolean ok, String type, String error) {
    }

    private StandardWebhooksVerifier() {
    }

    /** Skips the calling test when Node.js is missing; installs the library when needed. */
    public static synchronized void install() throws IOException, InterruptedException {
        assumeTrue(nodeAvailable(), "Node.js is not installed; .ci/run installs it and runs these tests");
        Files.createDirectories(INSTALLED);
        for (String name : List.of("package.json", "package-lock.json", "verify.mjs")) {
            Files.copy(SOURCE.resolve(name), INSTALLED.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(INSTALLED.resolve("node_modules/standardwebhooks/package.json"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), 300);
        }
        JsonNode installed = JSON.readTree(INSTALLED.resolve("node_modules/standardwebhooks/package.json").toFile());
        assertThat(installed.get("version").asText()).isEqualTo("1.1.1");
    }

    /** Verifies each request as a receiver holding {@code secret} would; one verdict per request, in order. */
    public static List<Verdict> verify(String secret, List<WebhookReceiver.Received> requests)
            throws IOException, InterruptedException {
        List<Map<String, Object>> input = new ArrayList<>();
        for (WebhookReceiver.Received r : requests) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("secret", secret);
            one.put("body", r.body());
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
                if (r.header(name) != null) {
                    headers.put(name, r.header(name));
                }
            }
            one.put("headers", headers);
            input.add(one);
        }
        Path file = Files.createTempFile("webhooks", ".json");
        try {
            Files.writeString(file, JSON.writeValueAsString(input), StandardCharsets.UTF_8);
            String out = run(List.of("node", INSTALLED.resolve("verify.mjs").toAbsolutePath().toString(), file.toString()), 60);
            List<Verdict> verdicts = new ArrayList<>();
            for (JsonNode v : JSON.readTree(out)) {
                verdicts.add(new Verdict(v.get("ok").asBoolean(), v.has("type") ? v.get("type").asText() : null,
                        v.has("error") ? v.get("error").asText() : null));
            }
            return verdicts;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path err = Files.createTempFile("standardwebhooks", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(INSTALLED.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + seconds + " s");
            }
            assertThat(process.exitValue()).as("%s failed: %s", String.join(" ", command), Files.readString(err)).isZero();
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
