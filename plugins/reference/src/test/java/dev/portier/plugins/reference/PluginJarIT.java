package dev.portier.plugins.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.plugin.api.KeyHolder;
import dev.portier.plugin.api.KeyIssuing;
import dev.portier.plugin.api.KeyIssuing.IssuedKey;
import dev.portier.plugin.api.KeyIssuing.KeyRequest;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.LockEnrolment;
import dev.portier.plugin.api.LockEnrolment.EnrolmentResult;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.Permission;
import dev.portier.plugin.api.PluginApi;
import dev.portier.plugin.api.RevocationPublishing;
import dev.portier.plugin.api.SandboxActions;
import dev.portier.plugin.api.SandboxActions.SandboxOutcome;
import dev.portier.plugin.api.SandboxActions.SandboxRun;
import dev.portier.plugin.api.Schedule;
import dev.portier.plugin.conformance.PluginJarContract;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.reference.LockProtocol.Answer;
import dev.portier.plugins.reference.LockProtocol.Challenge;
import dev.portier.plugins.reference.LockProtocol.Presentation;
import dev.portier.plugins.reference.internal.Base64Url;
import dev.portier.plugins.reference.internal.Ed25519;
import dev.portier.plugins.reference.internal.SimulatorStore;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;

/**
 * The packaged jar passes the kit's {@link PluginJarContract} (manifest, extension index, no bundled
 * SPI, loads and starts in PF4J at the host's SPI version). Beyond it: BouncyCastle and Jackson's CBOR
 * format are inside the jar, relocated, while jackson-core and jackson-databind are the host's — proven
 * by running the jar in PF4J behind a parent class loader that hides BouncyCastle, the CBOR format and
 * the plugin's own classes but shows the host's Jackson, as the host does.
 */
class PluginJarIT extends PluginJarContract {

    private static final List<String> HIDDEN = List.of("org.bouncycastle.", "com.fasterxml.jackson.dataformat.",
            "dev.portier.plugins.reference.");
    private static final LockRef LOCK = new LockRef("lock-1", "", "Front door", "Europe/Berlin");

    @Override
    protected Set<Class<? extends LockDriverFactory>> factories() {
        return Set.of(ReferenceLocksFactory.class);
    }

    @Test
    void bouncycastle_and_cbor_are_bundled_only_relocated_and_the_hosts_jackson_is_not_bundled() throws IOException {
        try (JarFile file = new JarFile(pluginJar().toFile())) {
            assertThat(file.stream().map(ZipEntry::getName)).noneMatch(name -> name.contains("org/bouncycastle/") && !name.contains("/shaded/")
                    || name.contains("com/fasterxml/") && !name.contains("/shaded/") || name.endsWith(".SF"));
            assertThat(file.stream().map(ZipEntry::getName)).as("jackson-core and jackson-databind are the host's")
                    .noneMatch(name -> name.contains("com/fasterxml/jackson/core/") || name.contains("com/fasterxml/jackson/databind/"));
            assertThat(file.getEntry("dev/portier/plugins/reference/shaded/org/bouncycastle/crypto/hpke/HPKE.class")).isNotNull();
            assertThat(file.getEntry("dev/portier/plugins/reference/shaded/com/fasterxml/jackson/dataformat/cbor/CBORFactory.class"))
                    .isNotNull();
            assertThat(file.getEntry("META-INF/services/com.fasterxml.jackson.core.JsonFactory"))
                    .as("no service entry naming the relocated factory under the host's interface").isNull();
            assertThat(file.getManifest().getMainAttributes().getValue("Plugin-Requires")).isEqualTo(">=2.3.0 & <3.0.0");
        }
    }

    @Test
    void the_plugin_runs_in_pf4j_with_the_hosts_jackson_and_without_its_bouncycastle_or_cbor() throws Exception {
        Path plugins = Files.createTempDirectory("reference-plugin-it");
        Path jar = pluginJar();
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        IsolatingPluginManager manager = new IsolatingPluginManager(plugins);
        manager.loadPlugins();
        manager.startPlugins();
        try (TestDriverContext context = TestDriverContext.of(Map.of("mode", "sandbox"))) {
            List<LockDriverFactory> factories = manager.getExtensions(LockDriverFactory.class, "reference");
            assertThat(factories).singleElement().satisfies(f -> assertThat(f.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class));
            ClassLoader pluginLoader = factories.getFirst().getClass().getClassLoader();
            assertThatThrownBy(() -> Class.forName("org.bouncycastle.crypto.hpke.HPKE", false, pluginLoader))
                    .as("the host's BouncyCastle is hidden from the plugin").isInstanceOf(ClassNotFoundException.class);
            assertThat(Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, pluginLoader).getClassLoader())
                    .as("databind comes from the host").isNotInstanceOf(PluginClassLoader.class);

            LockDriver driver = factories.getFirst().create(context.configuration(), context);
            assertThat(driver.getClass()).isEqualTo(factories.getFirst().driverType());
            driver.initialize();
            EnrolmentResult enrolled = ((LockEnrolment) driver).enrol(new LockEnrolment.EnrolmentRequest(LOCK, Map.of()));
            assertThat(enrolled.vendorReference()).isEqualTo("lock-1");
            assertThat(((SandboxActions) driver).sandboxActions()).hasSize(4);
            byte[] deviceKey = Ed25519.newPrivateKey();
            IssuedKey key = ((KeyIssuing) driver).issue(new KeyRequest("key-1", LOCK,
                    new KeyHolder.Device("device-0", Ed25519.publicKey(deviceKey)), TestDriverContext.START,
                    TestDriverContext.START.plus(Duration.ofDays(1)), workingHours(), Set.of(Permission.UNLOCK), TestDriverContext.START));
            byte[] list = ((RevocationPublishing) driver).publish(LOCK, 1, null, List.of()).payload();

            // The simulated lock the jar's driver stored (JSON by the host's Jackson) opens for the jar's key (CBOR by the shaded format).
            LockSimulator lock = new SimulatorStore(context.secrets())
                    .lock("lock-1", context.signer().publicKey("issuing"), context.clock()).orElseThrow();
            assertThat(Base64Url.encode(lock.publicKey())).isEqualTo(Schedules.material(enrolled, "publicKey"));
            Answer answer = Handshakes.present(lock, key.credential(), deviceKey, list, "UNLOCK", false);
            assertThat(answer.verdict().opens()).as("verdict %s", answer.verdict()).isTrue();
            assertThat(answer.listVersion()).isEqualTo(1);

            // The jar's own phone simulator: registration, HPKE opening and the handshake with its bundled BouncyCastle.
            try (MobileApiFake api = new MobileApiFake(context.clock())) {
                api.addLock("lock-1", "Front door", lock.publicKey(), context.signer().publicKey("issuing"));
                api.addEnrolmentCode("code-1", "person-1");
                SandboxActions sandbox = (SandboxActions) driver;
                SandboxOutcome registered = sandbox.run(new SandboxRun("register-phone",
                        Map.of("enrolmentCode", "code-1", "phoneName", "Jar phone"), api.baseUrl()));
                assertThat(registered.succeeded()).as("%s", registered.transcript()).isTrue();
                MobileApiFake.Device device = api.device("device-1");
                IssuedKey phoneKey = ((KeyIssuing) driver).issue(new KeyRequest("key-2", LOCK,
                        new KeyHolder.Device(device.deviceId(), device.signingKey()), TestDriverContext.START,
                        TestDriverContext.START.plus(Duration.ofDays(1)), null, Set.of(Permission.UNLOCK), TestDriverContext.START));
                api.giveKey("device-1", "lock-1", phoneKey, TestDriverContext.START);
                SandboxOutcome synced = sandbox.run(new SandboxRun("sync-phone", Map.of("phone", "Jar phone"), api.baseUrl()));
                assertThat(String.join("\n", synced.transcript())).contains("Keys opened with the phone's encryption key: key-2.");
                SandboxOutcome tapped = sandbox.run(new SandboxRun("tap-phone",
                        Map.of("phone", "Jar phone", "lock", "lock-1", "permission", "UNLOCK"), api.baseUrl()));
                assertThat(String.join("\n", tapped.transcript())).contains("genuine lock", "Result: the lock opened.");
                assertThat(context.lastHealth("lock-1")).hasValueSatisfying(health -> assertThat(health.online()).isTrue());
            }
            driver.dispose();
        } finally {
            manager.stopPlugin("reference");
            manager.unloadPlugin("reference");
        }
    }

    private static Schedule workingHours() {
        return new Schedule(ZoneId.of("Europe/Berlin"), List.of(new Schedule.Window(
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(7, 0), LocalTime.of(18, 0))), null);
    }

    /** PF4J as the host runs it, except that plugins see a parent without BouncyCastle, CBOR or the plugin's own classes. */
    private static final class IsolatingPluginManager extends DefaultPluginManager {
        IsolatingPluginManager(Path root) {
            super(root);
            setSystemVersion(PluginApi.VERSION);
        }

        @Override
        protected PluginLoader createPluginLoader() {
            return new JarPluginLoader(this) {
                @Override
                protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                    return new PluginClassLoader(pluginManager, descriptor, new HidingClassLoader(PluginJarIT.class.getClassLoader()));
                }
            };
        }
    }

    private static final class HidingClassLoader extends ClassLoader {
        HidingClassLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (HIDDEN.stream().anyMatch(name::startsWith)) {
                throw new ClassNotFoundException(name + " is hidden from plugins in this test");
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return HIDDEN.stream().anyMatch(prefix -> name.startsWith(prefix.replace('.', '/'))) ? null : super.getResource(name);
        }
    }
}
