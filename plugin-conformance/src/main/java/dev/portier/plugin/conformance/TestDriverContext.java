package dev.portier.plugin.conformance;

import dev.portier.plugin.api.AccessDecider;
import dev.portier.plugin.api.AccessDecider.AccessAnswer;
import dev.portier.plugin.api.AccessDecider.AccessQuestion;
import dev.portier.plugin.api.DenialReason;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.EventSink;
import dev.portier.plugin.api.LockDirectory;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.LockHealth;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.PhoneMaterial;
import dev.portier.plugin.api.PhoneMaterialPublisher;
import dev.portier.plugin.api.ValidationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An in-memory {@link DriverContext} for plugin tests: what the host would hand a connection's
 * driver, without a host.
 *
 * <ul>
 *   <li>{@link #clock()}: a {@link MutableClock} starting at 2026-01-05T09:00:00Z.</li>
 *   <li>{@link #http()}: {@link LoopbackHttp}, real HTTP to loopback only — point the configuration
 *       at a simulator of the vendor running in the test (e.g. a {@code com.sun.net.httpserver.HttpServer}).</li>
 *   <li>{@link #secrets()}: {@link InMemorySecretStore}; {@link #signer()}: {@link TestSigner} (JDK Ed25519).</li>
 *   <li>{@link #scheduler()}: {@link TestScheduler}, real threads in real time, cancelled by {@link #dispose}.</li>
 *   <li>{@link #access()}: answers with the function given to {@link #decideWith} (denies with NO_GRANT until then).</li>
 *   <li>{@link #events()}: records into {@link #recordedEvents()}; {@link #locks()}: the locks added with {@link #addLock}.</li>
 *   <li>{@link #reportStatus}: recorded; {@link #statuses()}, {@link #awaitStatus} to wait for one.</li>
 *   <li>{@link #reportHealth}: recorded; {@link #reportedHealth()}, {@link #lastHealth}, {@link #awaitHealth}.</li>
 *   <li>{@link #phoneMaterial()}: keeps what is published and not withdrawn, as the host would hand it to
 *       phones: {@link #publishedPhoneMaterial()}, {@link #phoneMaterial(String, String)}.</li>
 * </ul>
 *
 * <p>It is also a {@link ValidationContext} (same HTTP and clock), for testing
 * {@code factory.validate(configuration, context)}.
 *
 * <p>Typical use:
 * <pre>{@code
 * try (TestDriverContext context = TestDriverContext.of(Map.of("baseUrl", simulator.url(), "apiKey", "k"))) {
 *     context.addLock(new LockRef("lock-1", "door-7", "Front door", "Europe/Berlin"));
 *     LockDriver driver = factory.create(context.configuration(), context);
 *     driver.initialize();
 *     context.awaitStatus(s -> s.state() == ConnectionState.ONLINE, Duration.ofSeconds(5));
 *     ...
 *     context.dispose(driver);
 * }
 * }</pre>
 * {@link #close()} stops the scheduler threads and releases stalled requests. Thread-safe.
 */
public final class TestDriverContext implements DriverContext, ValidationContext, AutoCloseable {

    /** Where the clock starts: a Monday morning. */
    public static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    private final String connectionId;
    private final DriverConfiguration configuration;
    private final MutableClock clock = new MutableClock(START);
    private final LoopbackHttp http = new LoopbackHttp();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final TestSigner signer = new TestSigner();
    private final TestScheduler scheduler = new TestScheduler();
    private final List<LockEvent> events = new CopyOnWriteArrayList<>();
    private final List<LockRef> locks = new CopyOnWriteArrayList<>();
    private final List<DriverStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<LockHealth> health = new CopyOnWriteArrayList<>();
    private final Map<Entry<String, String>, PhoneMaterial> phoneMaterial = new ConcurrentHashMap<>();
    private volatile Function<AccessQuestion, AccessAnswer> decision =
            question -> AccessAnswer.denied(DenialReason.NO_GRANT);

    public TestDriverContext(String connectionId, DriverConfiguration configuration) {
        this.connectionId = Objects.requireNonNull(connectionId);
        this.configuration = Objects.requireNonNull(configuration);
    }

    /** A context with a fresh connection id and these configuration values. */
    public static TestDriverContext of(Map<String, String> configuration) {
        return new TestDriverContext("connection-" + UUID.randomUUID(), new DriverConfiguration(configuration));
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public DriverConfiguration configuration() {
        return configuration;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public LoopbackHttp http() {
        return http;
    }

    @Override
    public InMemorySecretStore secrets() {
        return secrets;
    }

    @Override
    public TestSigner signer() {
        return signer;
    }

    @Override
    public TestScheduler scheduler() {
        return scheduler;
    }

    @Override
    public AccessDecider access() {
        return question -> decision.apply(question);
    }

    /** From now on, the access decision answers with {@code answers}. */
    public void decideWith(Function<AccessQuestion, AccessAnswer> answers) {
        this.decision = Objects.requireNonNull(answers);
    }

    @Override
    public EventSink events() {
        return events::add;
    }

    /** The events the driver recorded, in order (duplicates kept: the host would store each entry once). */
    public List<LockEvent> recordedEvents() {
        return List.copyOf(events);
    }

    @Override
    public LockDirectory locks() {
        return new LockDirectory() {
            @Override
            public List<LockRef> all() {
                return List.copyOf(locks);
            }

            @Override
            public Optional<LockRef> byVendorReference(String vendorReference) {
                return locks.stream().filter(lock -> lock.vendorReference().equals(vendorReference)).findFirst();
            }

            @Override
            public Optional<LockRef> byId(String lockId) {
                return locks.stream().filter(lock -> lock.lockId().equals(lockId)).findFirst();
            }
        };
    }

    /** Makes {@code lock} one of this connection's locks. */
    public void addLock(LockRef lock) {
        locks.add(Objects.requireNonNull(lock));
    }

    @Override
    public void reportStatus(DriverStatus status) {
        statuses.add(Objects.requireNonNull(status, "A driver reported a null status"));
    }

    /** Every status reported so far, in order. */
    public List<DriverStatus> statuses() {
        return List.copyOf(statuses);
    }

    /** The last status reported, if any. */
    public Optional<DriverStatus> lastStatus() {
        List<DriverStatus> all = statuses();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /**
     * Waits until a reported status (earlier or new) matches, and answers the first that does.
     *
     * @throws AssertionError naming the statuses seen when none matched within {@code limit}
     */
    public DriverStatus awaitStatus(Predicate<DriverStatus> wanted, Duration limit) {
        return awaitFirst(statuses, wanted, limit, "status");
    }

    /** Waits until any status is reported. */
    public DriverStatus awaitAnyStatus(Duration limit) {
        return awaitStatus(status -> true, limit);
    }

    @Override
    public void reportHealth(LockHealth lockHealth) {
        health.add(Objects.requireNonNull(lockHealth, "A driver reported a null health"));
    }

    /** Every lock health reported so far, in order. */
    public List<LockHealth> reportedHealth() {
        return List.copyOf(health);
    }

    /** The last health reported for {@code lockId}, if any. */
    public Optional<LockHealth> lastHealth(String lockId) {
        return reportedHealth().reversed().stream().filter(reported -> reported.lockId().equals(lockId)).findFirst();
    }

    /**
     * Waits until a reported health (earlier or new) matches, and answers the first that does.
     *
     * @throws AssertionError naming the health reports seen when none matched within {@code limit}
     */
    public LockHealth awaitHealth(Predicate<LockHealth> wanted, Duration limit) {
        return awaitFirst(health, wanted, limit, "lock health");
    }

    @Override
    public PhoneMaterialPublisher phoneMaterial() {
        return new PhoneMaterialPublisher() {
            @Override
            public void publish(PhoneMaterial material) {
                phoneMaterial.put(slot(material.name(), material.lockId()), material);
            }

            @Override
            public void withdraw(String name, String lockId) {
                phoneMaterial.remove(slot(name, lockId));
            }
        };
    }

    /** The phone material published and not withdrawn, in no particular order. */
    public List<PhoneMaterial> publishedPhoneMaterial() {
        return List.copyOf(phoneMaterial.values());
    }

    /** The material published as {@code name} for {@code lockId} ({@code null}: connection-wide), if any. */
    public Optional<PhoneMaterial> phoneMaterial(String name, String lockId) {
        return Optional.ofNullable(phoneMaterial.get(slot(name, lockId)));
    }

    private static Entry<String, String> slot(String name, String lockId) {
        // A lock id of "" never occurs, so it stands for connection-wide material (Map.entry refuses null).
        return Map.entry(Objects.requireNonNull(name, "name"), lockId == null ? "" : lockId);
    }

    private static <T> T awaitFirst(List<T> reported, Predicate<T> wanted, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<T> match = reported.stream().filter(wanted).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No matching " + what + " within " + limit + "; reported: " + List.copyOf(reported));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for a " + what, e);
            }
        }
    }

    /** Disposes {@code driver} as the host does: the driver's {@code dispose()}, then its scheduled work cancelled. */
    public void dispose(LockDriver driver) {
        try {
            driver.dispose();
        } finally {
            scheduler.cancelAll();
        }
    }

    @Override
    public void close() {
        scheduler.close();
        http.close();
    }
}
