package dev.portier.plugin.conformance;

import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.LockRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;

/**
 * What a plugin's conformance test supplies, and the kit's helpers around it. Extend
 * {@link LockDriverContract}, not this class.
 *
 * <p>Contexts are created per test through {@link #newContext} and closed after it, so a subclass may
 * start its vendor simulator in its own {@code @BeforeEach} or {@code @BeforeAll}: the hooks are only
 * called from test methods.
 */
public abstract class DriverContractSupport {

    private final List<TestDriverContext> contexts = new CopyOnWriteArrayList<>();
    private final List<LockDriver> started = new CopyOnWriteArrayList<>();

    /** The factory under test, as PF4J would instantiate it. */
    protected abstract LockDriverFactory factory();

    /**
     * Settings that work: pointing at the test's simulator (loopback), with credentials it accepts.
     * Values are as the host stores them (strings), already validated against the schema.
     */
    protected abstract Map<String, String> validConfiguration();

    /**
     * Settings the host's form would accept (they fit the schema's types) but that cannot work, and
     * that the driver can tell without asking the vendor — e.g. an ftp:// URL or a zero interval.
     */
    protected abstract Map<String, String> invalidConfiguration();

    /** The lock the capability contracts operate on; it is in every context's lock directory. */
    protected LockRef lock() {
        return new LockRef("lock-1", "door-1", "Front door", "Europe/Berlin");
    }

    /** The most {@code initialize()} may take. 200 ms by default. */
    protected Duration initializeLimit() {
        return Duration.ofMillis(200);
    }

    /** The most {@code validate(...)} may take against the simulator. 10 s by default. */
    protected Duration validateLimit() {
        return Duration.ofSeconds(10);
    }

    /** How long the kit waits for a status after {@code initialize()}. */
    protected Duration statusLimit() {
        return Duration.ofSeconds(5);
    }

    /** Called on each new context before the driver is created: add locks, decisions, secrets. */
    protected void prepare(TestDriverContext context) {
        context.addLock(lock());
    }

    /** A fresh context with these settings, closed after the test. */
    protected final TestDriverContext newContext(Map<String, String> configuration) {
        TestDriverContext context = TestDriverContext.of(configuration);
        contexts.add(context);
        prepare(context);
        return context;
    }

    /** The context created last (by {@link #newContext}), e.g. the one a capability contract started its driver with. */
    protected final TestDriverContext lastContext() {
        return contexts.getLast();
    }

    /** Creates a driver for {@code context} and initialises it; disposed after the test. */
    protected final LockDriver start(TestDriverContext context) {
        LockDriver driver = factory().create(new DriverConfiguration(context.configuration().values()), context);
        started.add(driver);
        driver.initialize();
        return driver;
    }

    /** Marks {@code driver} as disposed by the test itself, so it is not disposed again. */
    protected final void disposed(LockDriver driver) {
        started.remove(driver);
    }

    @AfterEach
    final void disposeDriversAndCloseContexts() {
        try {
            for (LockDriver driver : started) {
                driver.dispose();
            }
        } finally {
            started.clear();
            contexts.forEach(TestDriverContext::close);
            contexts.clear();
        }
    }
}
