package dev.portier.bench;

import com.google.inject.Injector;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.config.PortierConfig;
import dev.portier.web.server.PortierServer;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.drivers.trust.Base64Url;
import dev.portier.drivers.trust.DeviceService;
import dev.portier.drivers.trust.KeyIssuer;
import dev.portier.drivers.trust.LockEnrolments;
import dev.portier.drivers.trust.RevocationLists;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The trust service's hot paths in a real Portier (the reference plugin's jar loaded through PF4J,
 * SQLite with {@code synchronous=FULL}), each beside its raw floor measured in the same run:
 * <ul>
 *   <li>issuing and storing one key ({@link KeyIssuer#issueNow}: the driver call on a host worker, COSE
 *       encoding, the Ed25519 signature through the host's signer, HPKE sealing to the phone, the insert)
 *       beside one raw BouncyCastle Ed25519 signature of a key-sized message;</li>
 *   <li>building and signing a lock's revocation list of 10,000 entries ({@link RevocationLists#publish}:
 *       the query, the driver's CBOR, the signature, the bookkeeping) beside one raw signature of a message
 *       as large as that list.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dguice_bytecode_gen_option=DISABLED", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 3)
@Threads(1)
public class KeyIssuingBenchmark {

    static final int LIST_ENTRIES = 10_000;
    static final int CONCURRENT = 32;
    /** A key's credential is about 230 bytes; a 10,000-entry list about 10,000 × 47 bytes. */
    static final int KEY_MESSAGE = 230;
    static final int LIST_MESSAGE = LIST_ENTRIES * 47;

    private Path dir;
    private PortierServer server;
    private KeyIssuer keys;
    private RevocationLists lists;
    private String accountId;
    private String grantId;
    private String deviceId;
    private String lockId;
    private String listLockId;
    private Ed25519PrivateKeyParameters rawKey;
    private byte[] keyMessage;
    private byte[] listMessage;
    private long issued;

    @Setup(Level.Trial)
    public void build() throws IOException {
        dir = Files.createTempDirectory("portier-bench-keys");
        installReferencePlugin(dir);
        server = PortierServer.start(PortierConfig.forDataDir(dir)
                .withAdmin(new PortierConfig.AdminBootstrap("bench@example.com", "bench password 1", "Bench")));
        Injector injector = server.injector();
        SignedInUser owner = injector.getInstance(Database.class).jdbi().withHandle(h -> h.createQuery("SELECT u.id, u.email, "
                        + "u.display_name, m.account_id FROM users u JOIN memberships m ON m.user_id = u.id")
                .map((rs, ctx) -> new SignedInUser(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).one());
        accountId = owner.accountId();
        String connectionId = injector.getInstance(ConnectionService.class).create(owner, new ConnectionDraft("Reference locks",
                "reference", Map.of("mode", "production", "revocationListCapacity", "100000"))).id();
        String siteId = injector.getInstance(SiteService.class).create(owner, new SiteDraft("Harbour", null, "Europe/Oslo")).id();
        LockService locks = injector.getInstance(LockService.class);
        LockEnrolments enrolments = injector.getInstance(LockEnrolments.class);
        lockId = locks.create(owner, new LockDraft(siteId, "Front door", LockKind.DOOR, null, "L-1", LockState.ACTIVE, connectionId)).id();
        listLockId = locks.create(owner, new LockDraft(siteId, "Back door", LockKind.DOOR, null, "L-2", LockState.ACTIVE, connectionId)).id();
        SecureRandom random = new SecureRandom();
        for (String lock : new String[] {lockId, listLockId}) {
            byte[] lockKey = new Ed25519PrivateKeyParameters(random).generatePublicKey().getEncoded();
            enrolments.enrol(owner, lock, Map.of("publicKey", Base64Url.encode(lockKey)));
        }
        String personId = injector.getInstance(PersonService.class).create(owner, new PersonDraft("Robin", "robin@example.com", "", "")).id();
        DeviceService devices = injector.getInstance(DeviceService.class);
        String code = devices.newEnrolmentCode(owner, personId).code();
        deviceId = devices.register(code, "Robin's phone",
                Base64Url.encode(new Ed25519PrivateKeyParameters(random).generatePublicKey().getEncoded()),
                Base64Url.encode(new X25519PrivateKeyParameters(random).generatePublicKey().getEncoded())).deviceId();
        grantId = injector.getInstance(GrantService.class).create(owner, new GrantDraft(personId, null, lockId, null, null, null,
                null, Set.of(Permission.UNLOCK), Delivery.ON_DEMAND, 30)).id();
        keys = injector.getInstance(KeyIssuer.class);
        lists = injector.getInstance(RevocationLists.class);
        revokedKeys(injector.getInstance(Database.class), personId);

        rawKey = new Ed25519PrivateKeyParameters(random);
        keyMessage = new byte[KEY_MESSAGE];
        listMessage = new byte[LIST_MESSAGE];
        random.nextBytes(keyMessage);
        random.nextBytes(listMessage);
    }

    /** 10,000 revoked, unexpired keys of the second lock, as a list at its busiest holds them. */
    private void revokedKeys(Database database, String personId) {
        long now = System.currentTimeMillis();
        database.jdbi().useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO device_keys (id, account_id, device_id, lock_id, grant_id, kind, "
                    + "fingerprint, not_before, not_after, issued_at, sealed, state, ended_at, end_reason) VALUES (:id, :accountId, "
                    + ":deviceId, :lockId, :grantId, 'PRE_ISSUED', 'bench', :now, :later, :now, 'bench', 'REVOKED', :now, 'bench')");
            for (int i = 0; i < LIST_ENTRIES; i++) {
                batch.bind("id", Ids.newId()).bind("accountId", accountId).bind("deviceId", deviceId).bind("lockId", listLockId)
                        .bind("grantId", grantId).bind("now", now).bind("later", now + Duration.ofDays(7).toMillis()).add();
            }
            batch.execute();
        });
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        System.out.printf("%nIssued and stored %,d keys; the list of %s: %s%n", issued, listLockId,
                lists.find(accountId, listLockId).map(l -> "version " + l.version() + ", " + l.entries() + " entries")
                        .orElse("not published in this trial"));
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Benchmark
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] rawSignKeySized() {
        return sign(keyMessage);
    }

    @Benchmark
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public KeyIssuer.StoredKey issueAndStoreKey() {
        Instant now = Instant.now();
        issued++;
        return keys.issueNow(accountId, grantId, deviceId, lockId, "ON_DEMAND", now.minusSeconds(120), now.plusSeconds(1800), null);
    }

    /** 32 phones asking at once: on-demand keys of concurrent requests share their commit. */
    @Benchmark
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(CONCURRENT)
    public KeyIssuer.StoredKey issueAndStoreKeyConcurrently() {
        Instant now = Instant.now();
        return keys.issueNow(accountId, grantId, deviceId, lockId, "ON_DEMAND", now.minusSeconds(120), now.plusSeconds(1800), null);
    }

    /** The raw floor under the same 32 threads (two cores: the signatures share them as the keys do). */
    @Benchmark
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(CONCURRENT)
    public byte[] rawSignKeySizedConcurrently() {
        return sign(keyMessage);
    }

    /**
     * Runs this benchmark alone and appends two rows to the report's row file ({@link BenchRowFile}):
     * on-demand key issue under {@value #CONCURRENT} concurrent requests, and the 10,000-entry list.
     */
    public static void main(String[] args) throws Exception {
        String root = Path.of(args.length > 0 ? args[0] : "..").toAbsolutePath().normalize().toString();
        var results = new org.openjdk.jmh.runner.Runner(new org.openjdk.jmh.runner.options.OptionsBuilder()
                .jvmArgsAppend("-Dportier.bench.root=" + root)
                .include(KeyIssuingBenchmark.class.getName() + "\\.(issueAndStoreKeyConcurrently|rawSignKeySizedConcurrently"
                        + "|publishTenThousandEntryList|rawSignListSized)$").build()).run();
        var keys = modes(results, "issueAndStoreKeyConcurrently");
        var raw = modes(results, "rawSignKeySizedConcurrently");
        double keysPerSecond = keys[0].getMean() * 1_000_000;
        double signsPerSecond = raw[0].getMean() * 1_000_000;
        double keyRatio = keysPerSecond / signsPerSecond;
        BenchRowFile.append("on-demand key issue, " + CONCURRENT + " concurrent", BenchRowFile.rate(keysPerSecond, "keys/s"),
                "BouncyCastle Ed25519 sign " + BenchRowFile.rate(signsPerSecond, "signs/s"), keyRatio,
                BenchRowFile.micros(keys[1].getPercentile(50)), BenchRowFile.micros(keys[1].getPercentile(99)),
                "≥ 0.3× raw sign throughput under 32 concurrent requests; p99 ≤ 5 ms",
                keyRatio >= 0.3 && keys[1].getPercentile(99) <= 5000);
        var list = modes(results, "publishTenThousandEntryList");
        var rawList = modes(results, "rawSignListSized");
        double listMillis = list[1].getPercentile(50);
        double signMillis = rawList[1].getPercentile(50);
        // The ratio as the other rows read it: baseline time over Portier's time (1 = as fast as the raw signature).
        double listRatio = signMillis / listMillis;
        BenchRowFile.append("revocation list, 10k entries", String.format(java.util.Locale.ROOT, "%.2f ms per list (p50)", listMillis),
                String.format(java.util.Locale.ROOT, "Ed25519 sign of %,d bytes %.2f ms (p50)", LIST_MESSAGE, signMillis), listRatio,
                BenchRowFile.micros(listMillis * 1000), BenchRowFile.micros(list[1].getPercentile(99) * 1000),
                "≤ 2× raw signature time", listMillis <= 2 * signMillis);
    }

    /** [throughput, sample time] statistics of one benchmark method. */
    private static org.openjdk.jmh.util.Statistics[] modes(java.util.Collection<org.openjdk.jmh.results.RunResult> results, String method) {
        org.openjdk.jmh.util.Statistics[] both = new org.openjdk.jmh.util.Statistics[2];
        for (var result : results) {
            if (result.getParams().getBenchmark().endsWith("." + method)) {
                both[result.getParams().getMode() == Mode.Throughput ? 0 : 1] = result.getPrimaryResult().getStatistics();
            }
        }
        if (both[0] == null || both[1] == null) {
            throw new IllegalStateException("No throughput and sample-time results for " + method);
        }
        return both;
    }

    @Benchmark
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public byte[] rawSignListSized() {
        return sign(listMessage);
    }

    @Benchmark
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public RevocationLists.LockList publishTenThousandEntryList() {
        return lists.publish(accountId, listLockId);
    }

    private byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, rawKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    private static void installReferencePlugin(Path dataDir) throws IOException {
        // The repository root: -Dportier.bench.root (the suite's runner), else the webapp module's parent.
        Path root = Path.of(System.getProperty("portier.bench.root", "..")).toAbsolutePath().normalize();
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        for (Path target : List.of(root.resolve("plugins/reference/target"), root.resolve("plugins/reference/target/bench"))) {
            if (!Files.isDirectory(target)) {
                continue;
            }
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "portier-plugin-reference-*.jar")) {
                for (Path jar : jars) {
                    Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
            }
        }
        throw new IllegalStateException("Build the reference plugin first (./mvnw -Pbench -pl plugins/reference,webapp -am verify)");
    }
}
